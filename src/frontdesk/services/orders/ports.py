"""The ports of orders at the desk: what the use cases write through the unit of work, what
the window and the CLI read, where prices and the server's on-demand answers come from, and
the records they pass around.

A phone order taken here is in the cache at once (``seq`` 0: "waiting for the server") with
a provisional ``placed`` event; the server's copy replaces it when pulled (confirmed, or
cancelled with its ``refused_reason``). A cancellation request is a provisional event until
the server's own event for it is pulled.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.protocol.orders import OrdersFound
from frontdesk.services.unit_of_work import AbstractUnitOfWork

#: A customer's orders the 360 lists at most (newest first); older ones by number.
CUSTOMER_PAGE = 200


@dataclass(frozen=True, slots=True)
class OrderLine:
    line_no: int
    sku: str
    description: str
    quantity: Decimal
    unit_price: UnitPrice
    line_total: Money


@dataclass(frozen=True, slots=True)
class OrderRecord:
    """An order as this desk holds it. ``lines`` is empty in lists (``OrderQueries.order``
    and ``by_number`` fill it)."""

    id: str
    number: str
    channel: str
    customer_id: str | None
    branch: str
    total: Money
    payment_state: str
    status: str
    promised_on: date | None
    carrier: str | None
    tracking_number: str | None
    placed_at: datetime
    updated_at: datetime
    refused_reason: str | None = None
    seq: int = 0
    lines: tuple[OrderLine, ...] = ()

    @property
    def waiting_for_server(self) -> bool:
        """Taken at this desk and not yet answered by the server (not pulled back)."""
        return self.seq == 0

    @property
    def refused(self) -> bool:
        return self.refused_reason is not None


@dataclass(frozen=True, slots=True)
class OrderEvent:
    """One event of an order (``protocol.orders.OrderEventPublic`` for the kinds).
    ``pending``: made at this desk, the server's own event for it not pulled yet."""

    id: str
    order_id: str
    kind: str
    status: str | None
    detail: str
    author: str
    at: datetime
    pending: bool = False


@dataclass(frozen=True, slots=True)
class PricedProduct:
    """A product as the phone-order dialog adds it: its name and today's price here, and
    what this branch has to sell of it (None: no stock figure here)."""

    sku: str
    name: str
    unit_price: UnitPrice
    available: Decimal | None = None
    #: How it is sold (``protocol.catalogue.UnitName``): a piece is counted, never split.
    unit: str = "piece"


class AbstractPriceBook(abc.ABC):
    """Products and their prices for this desk's branch on a day (the catalogue's)."""

    @abc.abstractmethod
    def priced(self, sku: str, *, branch: str, day: date) -> PricedProduct | None:
        """The product with this SKU and its price, or None (unknown, or no price)."""

    def find(self, text: str, *, branch: str, day: date, limit: int = 20) -> list[PricedProduct]:
        """Products an agent means by ``text`` (SKU, barcode, words), priced; default: SKU."""
        found = self.priced(text.strip(), branch=branch, day=day)
        return [] if found is None else [found]


class AbstractOrderStore(abc.ABC):
    """The use cases' side of orders in the cache, inside the unit of work's transaction."""

    @abc.abstractmethod
    def get(self, order_id: str) -> OrderRecord | None: ...

    @abc.abstractmethod
    def by_number(self, number: str) -> OrderRecord | None: ...

    @abc.abstractmethod
    def next_sequence(self, prefix: str) -> int:
        """The next number of this desk's order counter under ``prefix`` (kept at once)."""

    @abc.abstractmethod
    def add(self, order: OrderRecord) -> None:
        """A phone order taken here, with its lines (``seq`` 0)."""

    @abc.abstractmethod
    def add_event(self, event: OrderEvent, *, outbox_key: str) -> None: ...

    @abc.abstractmethod
    def customer_exists(self, customer_id: str) -> bool: ...

    @abc.abstractmethod
    def keep_fetched(self, fetched: OrdersFound) -> None:
        """Orders and events the server gave on demand."""


class OrderUnitOfWork(AbstractUnitOfWork):
    orders: AbstractOrderStore


class AbstractOrderQueries(abc.ABC):
    """What the window and the CLI read (reader sessions: never waiting for a sync)."""

    @abc.abstractmethod
    def order(self, order_id: str) -> OrderRecord | None:
        """The order with its lines."""

    @abc.abstractmethod
    def by_number(self, number: str) -> OrderRecord | None:
        """The order with this exact number, with its lines."""

    @abc.abstractmethod
    def by_tracking(self, key: str) -> list[OrderRecord]:
        """Orders whose tracking number has this key (``order_numbers.tracking_key``)."""

    @abc.abstractmethod
    def of_customers(self, customer_ids: list[str], *, limit: int) -> list[OrderRecord]:
        """Their orders, newest first."""

    @abc.abstractmethod
    def events(self, order_id: str) -> list[OrderEvent]:
        """The order's events, oldest first; this desk's provisional ones after the server's."""


class AbstractOrderSource(abc.ABC):
    """The server, asked on demand (an authenticated transport)."""

    @abc.abstractmethod
    def customer_orders(self, customer_id: str) -> OrdersFound: ...

    @abc.abstractmethod
    def order(self, number: str) -> OrdersFound | None:
        """One order and its events; None: the server has no order with this number."""
