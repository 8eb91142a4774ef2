"""Reading an orders file: CSV as an ERP exports it, or JSON (layout: docs/orders.md).

A JSON file is one list of ``OrderIn`` objects; an order's row is its place in the list,
from 1. A CSV file has one row per order line, the order's columns repeated on each of its
rows (any order of columns; ``ORDER_COLUMNS`` and ``LINE_COLUMNS``, the required ones
must be there); an order's rows need not be next to each other. A row's number is its
spreadsheet row (the header is row 1). An order whose rows disagree on an order column is
refused at the first row that differs.

Each order becomes a ``SourceOrder``: its fields as ``OrderIn`` takes them, the row of the
order and the row of each line (by ``line_no``), so a problem is reported where it is.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontdesk.server.importers.common import ImportFileError, open_text

#: CSV columns: (required, optional).
ORDER_COLUMNS = (
    ("number", "channel", "branch", "currency", "total", "placed_at"),
    ("customer_id", "payment_state", "status", "promised_on", "carrier", "tracking_number"),
)
LINE_COLUMNS = (("line_no", "sku", "quantity", "unit_price", "line_total"), ("description",))
_ORDER = ORDER_COLUMNS[0] + ORDER_COLUMNS[1]
_LINE = LINE_COLUMNS[0] + LINE_COLUMNS[1]


@dataclass
class SourceOrder:
    row: int
    fields: dict[str, Any]
    #: line_no (as written) -> its row; a problem of a line is reported at its row.
    line_rows: dict[str, int] = field(default_factory=dict)
    #: (row, field, message) of a row that cannot be part of the order.
    problem: tuple[int, str, str] | None = None


def read_orders(path: str | Path) -> list[SourceOrder]:
    """The orders of ``path`` (``.json``: a JSON list; otherwise CSV, ``.xz`` too).

    Raises:
        ImportFileError: the file is missing, not UTF-8, not a JSON list, or its CSV header
            is wrong; nothing of it is imported.
    """
    name = Path(path).name.lower().removesuffix(".xz")
    try:
        return _json_orders(path) if name.endswith(".json") else _csv_orders(path)
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path}: not UTF-8 text ({error.reason})") from None


def _json_orders(path: str | Path) -> list[SourceOrder]:
    with open_text(path) as stream:
        try:
            items = json.load(stream)
        except json.JSONDecodeError as error:
            raise ImportFileError(f"{path}: not a JSON file ({error})") from None
    if not isinstance(items, list):
        raise ImportFileError(f"{path}: a JSON orders file is a list of objects")
    found = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            found.append(SourceOrder(number, {}, problem=(number, "row", "is not an object")))
        else:
            found.append(SourceOrder(number, item))
    return found


def _csv_orders(path: str | Path) -> list[SourceOrder]:
    with open_text(path) as stream:
        reader = csv.reader(stream)
        columns = _columns(next(reader, None), path)
        orders: dict[str, SourceOrder] = {}
        loose: list[SourceOrder] = []
        for number, cells in enumerate(reader, start=2):
            if any(cell.strip() for cell in cells):
                _add(orders, loose, number, columns, cells)
    return sorted([*orders.values(), *loose], key=lambda order: order.row)


def _columns(header: list[str] | None, path: str | Path) -> list[str]:
    if header is None:
        raise ImportFileError(f"{path}: the file is empty (a header row is required)")
    columns = [name.strip().lower() for name in header]
    required = ORDER_COLUMNS[0] + LINE_COLUMNS[0]
    problems = [
        *(f"required column {name!r} is missing" for name in required if name not in columns),
        *(f"unknown column {name!r}" for name in columns if name not in _ORDER + _LINE),
        *(f"column {name!r} appears more than once"
          for name in sorted({c for c in columns if columns.count(c) > 1})),
    ]  # fmt: skip
    if problems:
        expected = ", ".join(_ORDER + _LINE)
        raise ImportFileError(
            f"{path}: {'; '.join(problems)} (columns: {expected}); nothing was imported"
        )
    return columns


def _add(
    orders: dict[str, SourceOrder],
    loose: list[SourceOrder],
    row: int,
    columns: list[str],
    cells: list[str],
) -> None:
    if len(cells) != len(columns):
        message = f"has {len(cells)} fields, the header has {len(columns)}"
        loose.append(SourceOrder(row, {}, problem=(row, "row", message)))
        return
    values = {c: v.strip() for c, v in zip(columns, cells, strict=True) if v.strip()}
    header = {name: values[name] for name in _ORDER if name in values}
    header.setdefault("customer_id", None)  # an empty cell: an order of no known customer
    line = {name: values[name] for name in _LINE if name in values}
    order = orders.setdefault(header.get("number", f"#row{row}"), SourceOrder(row, header))
    order.fields.setdefault("lines", []).append(line)
    line_no = line.get("line_no", "")
    first = order.line_rows.setdefault(line_no, row)
    if line_no and first != row and order.problem is None:  # else at the order's row, "row"
        order.problem = (row, "line_no", f"line {line_no} appears again (first at row {first})")
    if order.problem is None:
        for name in _ORDER:
            if header.get(name) != order.fields.get(name):
                message = f"differs from the order's first row ({order.row}): " \
                          f"{header.get(name)!r}, not {order.fields.get(name)!r}"  # fmt: skip
                order.problem = (row, name, message)
                break
