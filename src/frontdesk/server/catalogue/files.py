"""Reading the catalogue's import files: CSV as an ERP exports it, or JSON.

A JSON file is one list of objects, each the protocol's ``*In`` model of its kind
(``ProductIn``, ``CategoryIn``, ``PriceIn``, ``StockRowIn``); a row's number is its place in
the list, from 1. A CSV file has a header row naming its columns (``COLUMNS``; any order,
only the required ones must be there); a row's number is its spreadsheet row (the header is
row 1). A CSV cell left empty takes the field's default; lists are separated by ``|`` and
attributes written ``name=value|name=value``.

Each row becomes ``(row number, fields, given)``: the fields as the ``*In`` model takes them
and the names of the fields the row speaks about (a JSON object's keys, a CSV file's
columns). A product import leaves a field the row does not give as it is stored.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from frontdesk.server.importers.common import ImportFileError, open_text

Kind = Literal["categories", "products", "prices", "stock"]
KINDS: tuple[Kind, ...] = ("categories", "products", "prices", "stock")
LANGUAGES = ("en", "ru")
LIST_SEPARATOR = "|"

#: CSV columns per kind: (required, optional).
COLUMNS: dict[Kind, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "categories": (("code",), ("parent", "name_en", "name_ru")),
    "products": (
        ("sku",),
        (
            "name_en",
            "name_ru",
            "description_en",
            "description_ru",
            "category",
            "unit",
            "barcodes",
            "status",
            "replacement_sku",
            "attributes",
        ),
    ),
    "prices": (("sku", "currency", "unit_price", "valid_from"), ("branch", "valid_until")),
    "stock": (
        ("sku", "branch", "warehouse", "on_hand", "as_of"),
        ("reserved", "incoming", "incoming_on"),
    ),
}
#: Per-language CSV columns and the dict field they fill.
_PER_LANGUAGE = {f"{prefix}_{lang}": (field, lang)
                 for prefix, field in (("name", "names"), ("description", "descriptions"))
                 for lang in LANGUAGES}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of an import file, before validation."""

    row: int
    fields: dict[str, Any]
    given: frozenset[str]


def read_rows(kind: Kind, path: str | Path) -> Iterator[SourceRow]:
    """The rows of ``path`` (``.json``: a JSON list; otherwise CSV, ``.xz`` too).

    Raises:
        ImportFileError: the file is missing, not UTF-8, not a JSON list, or its CSV header
            is wrong; nothing of it is imported.
    """
    name = Path(path).name.lower().removesuffix(".xz")
    if name.endswith(".json"):
        return _json_rows(path)
    return _csv_rows(kind, path)


def _json_rows(path: str | Path) -> Iterator[SourceRow]:
    with open_text(path) as stream:
        try:
            items = json.load(stream)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ImportFileError(f"{path}: not a JSON file ({error})") from None
    if not isinstance(items, list):
        raise ImportFileError(f"{path}: a JSON import file is a list of objects")
    return (_json_row(number, item) for number, item in enumerate(items, start=1))


def _json_row(number: int, item: Any) -> SourceRow:
    fields = item if isinstance(item, dict) else {"__root__": item}
    return SourceRow(number, fields, frozenset(fields))


def _csv_rows(kind: Kind, path: str | Path) -> Iterator[SourceRow]:
    _check_utf8(path)
    with open_text(path) as stream:
        reader = csv.reader(stream)
        columns = _columns(kind, next(reader, None), path)
        given = frozenset(_field_of(column) for column in columns)
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                yield SourceRow(number, _csv_fields(kind, columns, cells), given)


def _check_utf8(path: str | Path) -> None:
    with open_text(path) as stream:
        try:
            while stream.read(1 << 20):
                pass
        except UnicodeDecodeError as error:
            raise ImportFileError(f"{path}: not UTF-8 text ({error.reason})") from None


def _columns(kind: Kind, header: list[str] | None, path: str | Path) -> list[str]:
    if header is None:
        raise ImportFileError(f"{path}: the file is empty (a header row is required)")
    required, optional = COLUMNS[kind]
    columns = [name.strip().lower() for name in header]
    problems = [
        *(f"required column {name!r} is missing" for name in required if name not in columns),
        *(f"unknown column {name!r}" for name in columns if name not in required + optional),
        *(f"column {name!r} appears more than once"
          for name in sorted({c for c in columns if columns.count(c) > 1})),
    ]  # fmt: skip
    if kind in ("categories", "products") and not any(c.startswith("name_") for c in columns):
        problems.append("no name column (name_en, name_ru)")
    if problems:
        expected = ", ".join(required + optional)
        raise ImportFileError(
            f"{path}: {'; '.join(problems)} (columns: {expected}); nothing was imported"
        )
    return columns


def _field_of(column: str) -> str:
    return _PER_LANGUAGE[column][0] if column in _PER_LANGUAGE else column


def _csv_fields(kind: Kind, columns: list[str], cells: list[str]) -> dict[str, Any]:
    """The row's non-empty cells as the ``*In`` model's fields."""
    if len(cells) != len(columns):
        return {"__row__": f"has {len(cells)} fields, the header has {len(columns)}"}
    fields: dict[str, Any] = {}
    for column, raw in zip(columns, cells, strict=True):
        value = raw.strip()
        if not value:
            continue
        if column in _PER_LANGUAGE:
            field, lang = _PER_LANGUAGE[column]
            fields.setdefault(field, {})[lang] = value
        elif column == "barcodes":
            fields[column] = [code.strip() for code in value.split(LIST_SEPARATOR) if code.strip()]
        elif column == "attributes":
            fields[column] = _attributes(value)
        else:
            fields[column] = value
    return fields


def _attributes(value: str) -> dict[str, str] | str:
    """``size=M|colour=red`` as a dict; a part without ``=`` leaves the text as it is, for
    the model to refuse."""
    pairs = [part.split("=", 1) for part in value.split(LIST_SEPARATOR) if part.strip()]
    if any(len(pair) != 2 for pair in pairs):
        return value
    return {name.strip(): text.strip() for name, text in pairs}
