"""``frontdesk-server import online-retail FILE``: the UCI Online Retail data set.

Mapping (one CSV row is one purchase line):

- **Customers** are keyed by account number, the ``CustomerID`` as an integer string
  ("17850.0" -> "17850"); a new one gets id ``customer_id_for(account)``, no name (the data
  has none; the domain shows "Account 17850"), branch = its first invoice's ``Country``,
  created at its first invoice. Known accounts are used as they are, never changed.
- **Products** are keyed by ``StockCode``: name = the last non-empty ``Description`` seen,
  unit price = the price on the last sale line with a price above zero, category derived
  by ``categories.category_for``.
- **Purchases** are keyed by ``InvoiceNo`` (id ``purchase_id_for(number)``), dated by their
  first row (London time, stored in UTC), currency GBP, branch = ``Country``. Rows without a
  ``CustomerID`` are walk-in purchases (no customer). An ``InvoiceNo`` starting with "C" is
  a cancellation: a return with negative quantities, linked (``original_number``) to the
  latest earlier sale of the same customer that contains one of the returned stock codes.
- **Bad rows** (see ``retail_rows``) are counted by reason and skipped.

The file streams through in batches of about ``BATCH_ROWS`` rows that end where an
invoice ends, one transaction each, so memory stays flat. An invoice whose rows are not
contiguous in the file (or longer than a batch) is continued: later rows are appended to
the purchase this run created. A
purchase that existed *before* the run is left alone and its rows count as duplicates,
which is why a second import of the same file adds nothing. "Created by this run" is read
from the database (``change_seq`` above the counter's value at the start), not from a set
kept in memory; this assumes no other writer creates purchases with the same numbers
while the import runs.
"""

from __future__ import annotations

import csv
import lzma
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import transaction
from frontdesk.server.importers.common import (
    BATCH_ROWS,
    ImportFileError,
    current_seq,
    open_text,
)
from frontdesk.server.importers.retail_report import RetailImportReport
from frontdesk.server.importers.retail_rows import COLUMNS, BadRow, RetailRow, parse_row
from frontdesk.server.importers.retail_writer import RetailBatch
from frontdesk.server.models import Product, Purchase

__all__ = ["RetailImportReport", "import_online_retail"]

UNREADABLE = "unreadable CSV record"


def import_online_retail(factory: sessionmaker[Session], path: str | Path) -> RetailImportReport:
    """Import the UCI Online Retail CSV (``.csv`` or ``.csv.xz``) into the central database.

    Raises:
        ImportFileError: the file is missing, has another header, or its xz data is corrupt
            (rows before the corruption stay imported; a re-run skips them).
    """
    report = RetailImportReport(file=str(path))
    started = time.perf_counter()
    floor = current_seq(factory)
    with open_text(path, errors="replace") as stream:
        reader = csv.reader(stream)
        _check_header(next(reader, None), path)
        try:
            for rows in _invoice_batches(_valid_rows(_records(reader), report), BATCH_ROWS):
                with transaction(factory) as session:
                    RetailBatch(session, floor=floor, report=report).write(rows)
        except (lzma.LZMAError, EOFError) as error:
            raise ImportFileError(
                f"{path}: corrupt compressed data after row {report.rows_read:,} ({error})"
            ) from error
    _count_touched(factory, floor=floor, report=report)
    report.seconds = time.perf_counter() - started
    return report


def _check_header(header: list[str] | None, path: str | Path) -> None:
    if header is None:
        raise ImportFileError(f"{path}: the file is empty (expected a header row)")
    if tuple(name.strip() for name in header) != COLUMNS:
        raise ImportFileError(
            f"{path}: unexpected header {','.join(header)!r}; expected {','.join(COLUMNS)!r}"
        )


def _records(reader: Iterator[list[str]]) -> Iterator[list[str] | None]:
    """The reader's records; ``None`` for one the CSV parser cannot read (it goes on after)."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            yield None


def _valid_rows(
    records: Iterator[list[str] | None], report: RetailImportReport
) -> Iterator[RetailRow]:
    """The rows that parse; every other record is counted as a bad row by reason."""
    for fields in records:
        report.rows_read += 1
        if fields is None:
            report.count_bad(UNREADABLE)
            continue
        try:
            yield parse_row(fields)
        except BadRow as bad:
            report.count_bad(bad.reason)


def _invoice_batches(rows: Iterator[RetailRow], size: int) -> Iterator[list[RetailRow]]:
    """Batches of about ``size`` rows that end where an invoice ends.

    Keeping an invoice's contiguous rows in one transaction means an interrupted import
    never leaves half an invoice behind. An invoice longer than ``size`` is still cut (at
    twice the size), so memory stays bounded whatever the file holds.
    """
    batch: list[RetailRow] = []
    for row in rows:
        full = len(batch) >= size
        if full and (row.invoice != batch[-1].invoice or len(batch) >= 2 * size):
            yield batch
            batch = []
        batch.append(row)
    if batch:
        yield batch


def _count_touched(
    factory: sessionmaker[Session], *, floor: int, report: RetailImportReport
) -> None:
    """Counts that need distinct keys, taken from the database instead of sets in memory."""
    with factory() as session:
        report.customers_with_purchases = session.execute(
            select(func.count(func.distinct(Purchase.customer_id))).where(
                Purchase.change_seq > floor
            )
        ).scalar_one()
        touched = session.execute(
            select(func.count()).select_from(Product).where(Product.change_seq > floor)
        ).scalar_one()
    report.products_updated = max(0, touched - report.products_created)
