"""``frontdesk-server import categories|products|prices|stock FILE``.

The file's rows are validated as the protocol's ``*In`` models (files.py reads them); a row
that breaks a rule is reported by row number and field and skipped, the others are written
in batches of ``BATCH_ROWS``, each batch one transaction. A row equal to what is stored is
not written and takes no change number, so importing the same file again writes nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel
from pydantic import ValidationError as PydanticError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.catalogue import (
    CategoryIn,
    PriceIn,
    ProductIn,
    StockRowIn,
)
from frontdesk.server.catalogue import categories, prices, products, stock
from frontdesk.server.catalogue.files import Kind, SourceRow, read_rows
from frontdesk.server.catalogue.report import (
    CatalogueImportReport,
    ImportContext,
    Parsed,
    Writer,
)
from frontdesk.server.db import transaction
from frontdesk.server.importers.common import BATCH_ROWS, batched, current_seq

_MODELS: dict[Kind, type[BaseModel]] = {
    "categories": CategoryIn,
    "products": ProductIn,
    "prices": PriceIn,
    "stock": StockRowIn,
}


def import_catalogue(
    factory: sessionmaker[Session], kind: Kind, path: str | Path, *, currency: str = "GBP"
) -> CatalogueImportReport:
    """Import the ``kind`` rows of ``path`` (layout: docs/catalogue.md).

    ``currency``: the list entry's currency of a product created without a price yet.

    Raises:
        ImportFileError: the file as a whole cannot be read; nothing is imported.
    """
    report = CatalogueImportReport(file=str(path), kind=kind)
    started = time.perf_counter()
    rows = read_rows(kind, path)
    floor = current_seq(factory)
    writer = _writer(kind)
    # A category tree is checked whole (parents anywhere in the file): one batch.
    size = 10**9 if kind == "categories" else BATCH_ROWS
    for chunk in batched(rows, size):
        report.rows_read += len(chunk)
        parsed = validated(kind, chunk, report)
        with transaction(factory) as session:
            writer(ImportContext(session, report, floor, currency), parsed)
    report.problems.sort(key=lambda p: p.row)
    report.seconds = time.perf_counter() - started
    return report


def _writer(kind: Kind) -> Writer:
    writers: dict[Kind, Writer] = {
        "categories": categories.write,
        "products": products.write,
        "prices": prices.write,
        "stock": stock.write_import,
    }
    return writers[kind]


def validated(kind: Kind, rows: Iterable[SourceRow], report: CatalogueImportReport) -> list[Parsed]:
    """The rows that are valid ``*In`` models; the others refused in ``report``."""
    model = _MODELS[kind]
    parsed = []
    for source in rows:
        if "__row__" in source.fields or "__root__" in source.fields:
            message = source.fields.get("__row__", "is not an object")
            report.refuse(source.row, "row", message)
            continue
        try:
            item = model.model_validate(source.fields)
        except PydanticError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "row"
            report.refuse(source.row, where, first["msg"].removeprefix("Value error, "))
            continue
        parsed.append(Parsed(source.row, item, source.given))
    return parsed
