"""``SqlAlchemyOrderQueries``: what the window and the CLI read about orders, on reader
sessions (in WAL mode they never wait for the sync's writes). Every question is one indexed
lookup: a number by ``ix_orders_number``, a tracking number by ``ix_orders_tracking``, a
customer's orders newest first by ``ix_orders_customer``."""

from __future__ import annotations

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.orders.records import order_event, order_record
from frontdesk.adapters.cache.orders.tables import OrderEventRow, OrderLineRow, OrderRow
from frontdesk.services.orders.ports import AbstractOrderQueries, OrderEvent, OrderRecord

_O = OrderRow


class SqlAlchemyOrderQueries(AbstractOrderQueries):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def order(self, order_id: str) -> OrderRecord | None:
        with self._sessions() as session:
            return _with_lines(session, session.get(_O, order_id))

    def by_number(self, number: str) -> OrderRecord | None:
        with self._sessions() as session:
            row = session.scalars(select(_O).where(_O.number == number)).first()
            return _with_lines(session, row)

    def by_tracking(self, key: str) -> list[OrderRecord]:
        query = select(_O).where(_O.tracking_key == key).order_by(_O.placed_at.desc()).limit(50)
        with self._sessions() as session:
            return [order_record(row) for row in session.scalars(query)]

    def of_customers(self, customer_ids: list[str], *, limit: int) -> list[OrderRecord]:
        if not customer_ids:
            return []
        query = (
            select(_O)
            .where(_O.customer_id.in_(customer_ids))
            .order_by(_O.placed_at.desc(), _O.id.desc())
            .limit(limit)
        )
        with self._sessions() as session:
            return [order_record(row) for row in session.scalars(query)]

    def events(self, order_id: str) -> list[OrderEvent]:
        e = OrderEventRow
        made = literal_column("order_events.rowid")
        # The server's events in its order; this desk's provisional ones after, as made.
        query = select(e).where(e.order_id == order_id).order_by(e.seq == 0, e.at, e.seq, made)
        with self._sessions() as session:
            return [order_event(row) for row in session.scalars(query)]


def _with_lines(session: Session, row: OrderRow | None) -> OrderRecord | None:
    if row is None:
        return None
    lines = session.scalars(
        select(OrderLineRow).where(OrderLineRow.order_id == row.id).order_by(OrderLineRow.line_no)
    )
    return order_record(row, lines)
