"""Orders and their events as the wire's plain rows (``OrderPublic``, ``OrderEventPublic``):
read with Core selects in the wire's field order under its names, money and quantities as
decimal text by integer arithmetic, an order's lines read for a whole list in one query.
The pull page and the API's answers write these same rows."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from sqlalchemy import ColumnElement, Select, Table, null, select
from sqlalchemy.orm import Session

from frontdesk.protocol.orders import OrderEventPublic, OrderPublic
from frontdesk.server.catalogue.stock import quantity_text
from frontdesk.server.money_text import money_text, price_text
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine

Row = dict[str, Any]
ORDERS: Table = Order.__table__  # type: ignore[assignment]
EVENTS: Table = OrderEvent.__table__  # type: ignore[assignment]
_LINES: Table = OrderLine.__table__  # type: ignore[assignment]
_ORDER_COLUMNS = {"total": "total_minor", "seq": "change_seq"}
_EVENT_COLUMNS = {"by": "author", "seq": "change_seq"}
_LINE_NAMES = "order_id line_no sku description quantity_milli unit_price_scaled line_total_minor"
_LINE_COLUMNS = [_LINES.c[name] for name in _LINE_NAMES.split()]


def order_select() -> Select[Any]:
    columns = [
        null().label(name)
        if name == "lines"
        else ORDERS.c[_ORDER_COLUMNS.get(name, name)].label(name)
        for name in OrderPublic.model_fields
    ]
    return select(*columns)


def event_select() -> Select[Any]:
    names = OrderEventPublic.model_fields
    return select(*(EVENTS.c[_EVENT_COLUMNS.get(name, name)].label(name) for name in names))


def orders(session: Session, *where: ColumnElement[bool], by: Any = None) -> list[Row]:
    """The orders ``where`` holds, ordered ``by`` (change order by default), with lines."""
    query = order_select().where(*where).order_by(ORDERS.c.change_seq if by is None else by)
    return with_lines(session, dicts(session, query))


def events(session: Session, *where: ColumnElement[bool]) -> list[Row]:
    query = event_select().where(*where).order_by(EVENTS.c.change_seq)
    return dicts(session, query)


def with_lines(session: Session, headers: list[Row]) -> list[Row]:
    """Orders with their lines (read in one query) and their money as text."""
    if not headers:
        return headers
    query = (
        select(*_LINE_COLUMNS)
        .where(_LINES.c.order_id.in_([header["id"] for header in headers]))
        .order_by(_LINES.c.order_id, _LINES.c.line_no)
    )
    found = groupby(session.execute(query).all(), key=lambda row: row[0])
    lines = {order_id: list(group) for order_id, group in found}
    for header in headers:
        currency = header["currency"]
        header["total"] = money_text(header["total"], currency)
        header["lines"] = [_line(line, currency) for line in lines.get(header["id"], [])]
    return headers


def _line(line: Any, currency: str) -> Row:
    _, line_no, sku, description, quantity, unit_price_scaled, line_total_minor = line
    return {
        "line_no": line_no,
        "sku": sku,
        "description": description,
        "quantity": quantity_text(quantity),
        "unit_price": price_text(unit_price_scaled, currency),
        "line_total": money_text(line_total_minor, currency),
    }


def dicts(session: Session, query: Any) -> list[Row]:
    result = session.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]
