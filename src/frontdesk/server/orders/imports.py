"""``frontdesk-server import orders FILE [--json]``: orders as an ERP or a web shop
exports them, stored as ``POST /orders`` stores them (``store.py``), idempotent by number.

An order that breaks a rule is reported by its row (its line's row for a line's problem)
and field, and nothing of it is written; the other orders are stored, ``BATCH_ORDERS`` per
transaction. An order stored before with the same content is counted unchanged; one whose
number is stored with other content is refused (change it with ``PATCH``).
"""

from __future__ import annotations

import time
from pathlib import Path

from pydantic import ValidationError as PydanticError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.orders import OrderIn
from frontdesk.server.catalogue.report import CatalogueImportReport
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.importers.common import batched
from frontdesk.server.orders.checks import OrderProblem
from frontdesk.server.orders.files import SourceOrder, read_orders
from frontdesk.server.orders.store import OrderTaken, Stored, store_orders

BATCH_ORDERS = 1_000
#: The author of the events an import writes.
IMPORTER = "import"


def import_orders(factory: sessionmaker[Session], path: str | Path) -> CatalogueImportReport:
    """Import the orders of ``path``; the report counts orders, not rows.

    Raises:
        ImportFileError: the file as a whole cannot be read; nothing is imported.
    """
    report = CatalogueImportReport(file=str(path), kind="orders")
    started = time.perf_counter()
    sources = read_orders(path)
    report.rows_read = len(sources)
    for chunk in batched(sources, BATCH_ORDERS):
        valid = [(source, order) for source in chunk
                 if (order := _validated(source, report)) is not None]  # fmt: skip
        with transaction(factory) as session:
            outcomes = store_orders(session, [o for _, o in valid], by=IMPORTER, now=utcnow())
        for (source, order), outcome in zip(valid, outcomes, strict=True):
            _count(report, source, order, outcome)
    report.problems.sort(key=lambda p: p.row)
    report.seconds = time.perf_counter() - started
    return report


def _validated(source: SourceOrder, report: CatalogueImportReport) -> OrderIn | None:
    if source.problem is not None:
        report.refuse(*source.problem)
        return None
    try:
        return OrderIn.model_validate(source.fields)
    except PydanticError as error:
        first = error.errors()[0]
        loc = [str(part) for part in first["loc"]]
        row, where = source.row, ".".join(loc) or "row"
        if len(loc) > 2 and loc[0] == "lines" and source.line_rows:
            line = source.fields["lines"][int(loc[1])]
            row = source.line_rows.get(str(line.get("line_no", "")), row)
            where = loc[2]
        number = source.fields.get("number", "?")
        message = first["msg"].removeprefix("Value error, ")
        report.refuse(row, where, f"order {number}: {message}")
        return None


def _count(
    report: CatalogueImportReport,
    source: SourceOrder,
    order: OrderIn,
    outcome: Stored | OrderProblem | OrderTaken,
) -> None:
    if isinstance(outcome, Stored):
        if outcome.created:
            report.created += 1
        else:
            report.unchanged += 1
    elif isinstance(outcome, OrderTaken):
        report.refuse(source.row, "number", str(outcome).removeprefix("number: "))
    else:
        row, field = source.row, outcome.field
        if field.startswith("lines.") and source.line_rows:
            row = source.line_rows.get(field.split(".")[1], row)
            field = field.split(".", 2)[2]
        report.refuse(row, field, f"order {order.number}: {outcome.message}")
