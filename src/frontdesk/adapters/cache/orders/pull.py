"""The orders part of a pulled page (and of the server's on-demand answers).

An order never goes back to an older version (``seq``); its lines are replaced whole with
it. Money is checked before anything is written: a total that is not the sum of its lines,
or an amount the currency cannot hold, is a ``ProtocolError`` naming the order and line.

A phone order taken here (``seq`` 0) is replaced by the server's copy, which has its id
(the item's key); should the server's copy carry another id under the same number, the
desk's own row goes. A provisional event (made here) goes once its write was acknowledged
and the order's events are pulled again: the server's own event stands for it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.orders.tables import OrderEventRow, OrderLineRow, OrderRow
from frontdesk.adapters.cache.outbox import OutboxRow
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money, UnitPrice
from frontdesk.domain.order_numbers import tracking_key
from frontdesk.protocol.orders import OrderEventPublic, OrderLinePublic, OrderPublic
from frontdesk.services.errors import ProtocolError
from frontdesk.services.outbox import SENT

Row = dict[str, Any]


def apply_orders(
    session: Session, orders: list[OrderPublic], events: list[OrderEventPublic]
) -> None:
    """Orders and their events, from a pull or fetched on demand (the caller commits)."""
    rows = [_order_rows(order) for order in orders]  # all checked before any is written
    newer = _newer_than_stored(session, orders)
    rows = [(header, lines) for header, lines in rows if header["id"] in newer]
    if rows:
        _write_orders(session, rows)
    if events:
        _upsert(session, OrderEventRow, [_event_row(event) for event in events])
        _drop_acknowledged_provisional(session, {event.order_id for event in events})


def clear_orders(session: Session) -> None:
    for model in (OrderLineRow, OrderEventRow, OrderRow):
        session.execute(delete(model))


def _write_orders(session: Session, rows: list[tuple[Row, list[Row]]]) -> None:
    ids = [header["id"] for header, _ in rows]
    numbers = [header["number"] for header, _ in rows]
    replaced = select(OrderRow.id).where(
        OrderRow.number.in_(numbers), OrderRow.id.not_in(ids), OrderRow.seq == 0
    )
    gone = list(session.scalars(replaced))
    if gone:
        session.execute(delete(OrderRow).where(OrderRow.id.in_(gone)))
    session.execute(delete(OrderLineRow).where(OrderLineRow.order_id.in_(gone + ids)))
    _upsert(session, OrderRow, [header for header, _ in rows])
    lines = [line for _, its_lines in rows for line in its_lines]
    if lines:
        session.execute(insert(OrderLineRow), lines)


def _newer_than_stored(session: Session, orders: list[OrderPublic]) -> set[str]:
    if not orders:
        return set()
    query = select(OrderRow.id, OrderRow.seq).where(OrderRow.id.in_([o.id for o in orders]))
    stored = {row_id: seq for row_id, seq in session.execute(query)}
    return {o.id for o in orders if o.seq >= stored.get(o.id, o.seq)}


def _drop_acknowledged_provisional(session: Session, order_ids: set[str]) -> None:
    sent = select(OutboxRow.key).where(OutboxRow.state == SENT)
    session.execute(
        delete(OrderEventRow).where(
            OrderEventRow.order_id.in_(order_ids),
            OrderEventRow.seq == 0,
            OrderEventRow.outbox_key.in_(sent),
        )
    )


def _upsert(session: Session, model: Any, rows: list[Row]) -> None:
    table = model.__table__
    stmt = insert(table)
    keys = [c.name for c in table.primary_key]
    updates = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=keys, set_=updates, where=stmt.excluded.seq >= table.c.seq
        ),
        rows,
    )


def _order_rows(order: OrderPublic) -> tuple[Row, list[Row]]:
    what = f"order {order.number}"
    currency = _checked(what, Currency.of, order.currency)
    total = _checked(what, Money.of, order.total, currency)
    lines = [_line_row(order, line, currency) for line in order.lines]
    if sum(line["line_total_minor"] for line in lines) != total.minor:
        raise ProtocolError(f"{what}: total {order.total} is not the sum of its lines")
    header = {
        **order.model_dump(include=_HEADER_FIELDS),
        "currency": currency.code,
        "total_minor": total.minor,
        "tracking_key": tracking_key(order.tracking_number),
    }
    return header, lines


_HEADER_FIELDS = {
    "id", "number", "channel", "customer_id", "branch", "payment_state", "status",
    "promised_on", "carrier", "tracking_number", "placed_at", "updated_at", "refused_reason",
    "seq",
}  # fmt: skip


def _line_row(order: OrderPublic, line: OrderLinePublic, currency: Currency) -> Row:
    what = f"order {order.number} line {line.line_no}"
    return {
        "order_id": order.id,
        "line_no": line.line_no,
        "sku": line.sku,
        "description": line.description,
        "quantity": line.quantity,
        "unit_price_scaled": _checked(what, UnitPrice.of, line.unit_price, currency).scaled,
        "line_total_minor": _checked(what, Money.of, line.line_total, currency).minor,
    }


def _event_row(event: OrderEventPublic) -> Row:
    return {
        "id": event.id,
        "order_id": event.order_id,
        "kind": event.kind,
        "status": event.status,
        "detail": event.detail,
        "author": event.by,
        "at": event.at,
        "seq": event.seq,
        "outbox_key": None,  # a pulled event is the server's, whatever made it
    }


def _checked(what: str, parse: Any, *args: Any) -> Any:
    try:
        return parse(*args)
    except DomainError as error:
        raise ProtocolError(f"{what}: {error}") from error
