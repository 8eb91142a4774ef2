"""``SqlAlchemyOrderStore``: the use cases' side of orders in the cache, in the unit of
work's session, so a phone order (or a cancellation request) and its outbox item commit in
one SQLite transaction; and the unit of work that carries it."""

from __future__ import annotations

from typing import Self

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.orders.pull import apply_orders
from frontdesk.adapters.cache.orders.records import order_record
from frontdesk.adapters.cache.orders.tables import (
    OrderCounterRow,
    OrderEventRow,
    OrderLineRow,
    OrderRow,
)
from frontdesk.adapters.cache.tables import CachedCustomer
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.order_numbers import tracking_key
from frontdesk.protocol.orders import OrdersFound
from frontdesk.services.orders.ports import (
    AbstractOrderStore,
    OrderEvent,
    OrderRecord,
    OrderUnitOfWork,
)


class SqlAlchemyOrderStore(AbstractOrderStore):
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, order_id: str) -> OrderRecord | None:
        row = self._session.get(OrderRow, order_id)
        return None if row is None else order_record(row)

    def by_number(self, number: str) -> OrderRecord | None:
        row = self._session.scalars(select(OrderRow).where(OrderRow.number == number)).first()
        return None if row is None else order_record(row)

    def next_sequence(self, prefix: str) -> int:
        row = self._session.get(OrderCounterRow, prefix)
        if row is None:
            row = OrderCounterRow(prefix=prefix, last_seq=0)
            self._session.add(row)
        row.last_seq += 1
        self._session.flush()
        return row.last_seq

    def add(self, order: OrderRecord) -> None:
        currency = order.total.currency.code
        self._session.add(
            OrderRow(
                id=order.id, number=order.number, channel=order.channel,
                customer_id=order.customer_id, branch=order.branch, currency=currency,
                total_minor=order.total.minor, payment_state=order.payment_state,
                status=order.status, promised_on=order.promised_on, carrier=order.carrier,
                tracking_number=order.tracking_number,
                tracking_key=tracking_key(order.tracking_number), placed_at=order.placed_at,
                updated_at=order.updated_at, refused_reason=order.refused_reason, seq=0,
            )
        )  # fmt: skip
        for line in order.lines:
            self._session.add(
                OrderLineRow(
                    order_id=order.id, line_no=line.line_no, sku=line.sku,
                    description=line.description, quantity=str(line.quantity),
                    unit_price_scaled=line.unit_price.scaled,
                    line_total_minor=line.line_total.minor,
                )
            )  # fmt: skip
        self._session.flush()

    def add_event(self, event: OrderEvent, *, outbox_key: str) -> None:
        self._session.add(
            OrderEventRow(
                id=event.id, order_id=event.order_id, kind=event.kind, status=event.status,
                detail=event.detail, author=event.author, at=event.at, seq=0,
                outbox_key=outbox_key,
            )
        )  # fmt: skip
        self._session.flush()

    def customer_exists(self, customer_id: str) -> bool:
        return self._session.get(CachedCustomer, customer_id) is not None

    def keep_fetched(self, fetched: OrdersFound) -> None:
        apply_orders(self._session, fetched.orders, fetched.order_events)


class SqlAlchemyOrderUnitOfWork(SqlAlchemyUnitOfWork, OrderUnitOfWork):
    """The cache's unit of work with the order tables in the same transaction."""

    def __enter__(self) -> Self:
        entered = super().__enter__()
        assert self._session is not None
        self.orders = SqlAlchemyOrderStore(self._session)
        return entered

    def fresh(self) -> SqlAlchemyOrderUnitOfWork:
        """Another on the same cache; its writes still wake the sync worker."""
        return order_unit_of_work(self)


def order_unit_of_work(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyOrderUnitOfWork:
    """The orders' unit of work on the same cache as ``uow``, sharing its write listeners."""
    twin = SqlAlchemyOrderUnitOfWork(uow._session_factory, blobs=uow.blobs)
    twin._write_listeners = uow._write_listeners
    return twin
