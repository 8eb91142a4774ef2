"""A customer's personal data as one JSON file (``frontdesk-server export-customer``).

Everything the server holds about one customer: the profile and its history of edits,
contacts, purchases with their lines, cases with their history, orders with their lines and
history, cross-sell answers and the till transactions that name them. Money is decimal text
beside its currency, as on the wire; the file is written whole or not at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cases.models import Case, CaseAttachment, CaseEvent
from frontdesk.server.catalogue.stock import quantity_text
from frontdesk.server.models import (
    CrossSellFeedback,
    Customer,
    CustomerEvent,
    Interaction,
    Purchase,
    PurchaseLine,
)
from frontdesk.server.money_text import money_text, price_text
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine
from frontdesk.server.privacy.erase import ErasureError
from frontdesk.server.privacy.models import CustomerErasure
from frontdesk.server.till.models import TillFeedRow

FORMAT = "frontdesk-customer-data/1"
Row = dict[str, Any]


def export_customer(factory: sessionmaker[Session], customer_id: str, to: Path) -> dict[str, int]:
    """Writes the file; returns how many rows of each kind it holds."""
    with factory() as session:
        data = customer_data(session, customer_id)
    _write_whole(to, data)
    return {name: len(rows) for name, rows in data.items() if isinstance(rows, list)}


def customer_data(session: Session, customer_id: str) -> dict[str, Any]:
    profile = _rows(session, _table(Customer), Customer.id == customer_id)
    if not profile:
        raise ErasureError(f"no customer with id {customer_id!r}")
    purchases = _rows(session, _table(Purchase), Purchase.customer_id == customer_id)
    cases = _rows(session, _table(Case), Case.customer_id == customer_id)
    orders = _rows(session, _table(Order), Order.customer_id == customer_id)
    return {
        "format": FORMAT,
        "customer": profile[0],
        "customer_events": _rows(session, _table(CustomerEvent),
                                 CustomerEvent.customer_id == customer_id),
        "contacts": _rows(session, _table(Interaction), Interaction.customer_id == customer_id),
        "purchases": _with(session, purchases, PurchaseLine, PurchaseLine.purchase_id, "lines"),
        "cases": _cases(session, cases),
        "orders": _orders(session, orders),
        "crosssell": _rows(session, _table(CrossSellFeedback),
                           CrossSellFeedback.customer_id == customer_id),
        "till_transactions": _rows(session, _table(TillFeedRow),
                                   TillFeedRow.customer_id == customer_id),
        "erasures": _rows(session, _table(CustomerErasure),
                          CustomerErasure.customer_id == customer_id),
    }  # fmt: skip


def _cases(session: Session, cases: list[Row]) -> list[Row]:
    cases = _with(session, cases, CaseEvent, CaseEvent.case_id, "history")
    return _with(session, cases, CaseAttachment, CaseAttachment.case_id, "attachments")


def _orders(session: Session, orders: list[Row]) -> list[Row]:
    orders = _with(session, orders, OrderLine, OrderLine.order_id, "lines")
    for order in orders:
        for line in order["lines"]:
            _money(line, order["currency"])
    return _with(session, orders, OrderEvent, OrderEvent.order_id, "history")


def _with(session: Session, parents: list[Row], model: Any, key: Any, name: str) -> list[Row]:
    """Each parent with its children under ``name`` (in the children's key order)."""
    ids = [parent["id"] for parent in parents]
    children = _rows(session, _table(model), key.in_(ids)) if ids else []
    for parent in parents:
        parent[name] = [c for c in children if c[key.key] == parent["id"]]
        for child in parent[name]:
            _money(child, parent.get("currency"))
    return parents


def _table(model: Any) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _rows(session: Session, table: Table, where: Any) -> list[Row]:
    query = select(table).where(where).order_by(*table.primary_key.columns)
    rows = [dict(row) for row in session.execute(query).mappings()]
    for row in rows:
        _money(row, row.get("currency"))
    return rows


def _money(row: Row, currency: str | None) -> None:
    """Stored integers as the wire's decimal text, under the field's plain name."""
    for name in [n for n in row if n.endswith(("_minor", "_scaled", "_milli"))]:
        value, plain = row.pop(name), name.rsplit("_", 1)[0]
        if value is None or name.endswith("_milli"):
            row[plain] = None if value is None else quantity_text(value)
        elif currency:
            write = price_text if name.endswith("_scaled") else money_text
            row[plain] = write(value, currency)


def _write_whole(to: Path, data: dict[str, Any]) -> None:
    partial = to.with_name(to.name + ".partial")
    with partial.open("w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, indent=1, default=_plain)
        file.flush()
        os.fsync(file.fileno())
    partial.replace(to)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray):
        return None
    if isinstance(value, Iterable):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__}")
