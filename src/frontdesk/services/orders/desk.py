"""``DeskOrders``: orders at this desk, for the window's background operations and the CLI.

Finding an order takes what a caller reads out: its number (``WEB-100234``, ``d12-o45``),
a tracking number (spaces and case do not matter) or their phone number (any dialling form:
the customer lookup's whole-number match). Each is an indexed lookup in the cache; a number
the cache does not hold is asked of the server when it can be reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal

from frontdesk.domain.customers import normalize_phone
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.order_numbers import normalise_desk_order_number, tracking_key
from frontdesk.services.orders import writes
from frontdesk.services.orders.ports import (
    CUSTOMER_PAGE,
    AbstractOrderQueries,
    AbstractOrderSource,
    AbstractPriceBook,
    OrderEvent,
    OrderRecord,
    OrderUnitOfWork,
    PricedProduct,
)
from frontdesk.services.orders.read_model import ListedOrder, OrderView, listed, order_view
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.screen_pop import customers_with_phone

Clock = Callable[[], datetime]
NUMBER, TRACKING, PHONE = "number", "tracking", "phone"


@dataclass(frozen=True, slots=True)
class FoundOrders:
    """What a search found, and by what (``NUMBER``, ``TRACKING``, ``PHONE``; "" nothing)."""

    by: str
    orders: tuple[ListedOrder, ...]


def _now() -> datetime:
    return datetime.now(UTC)


class DeskOrders:
    """Find orders, read one, take a phone order, ask for a cancellation.

    Args:
        make_uow: a new orders unit of work for each write.
        queries: the cache's order queries.
        customers: the cache's customer queries (a phone number's customers).
        prices: the catalogue's products and prices for this desk's branch.
        source: the server, for a customer's orders or a number on demand (None: never).
        zone: the desk's time zone, where its "today" ends (default: the computer's).
    """

    def __init__(
        self,
        make_uow: Callable[[], OrderUnitOfWork],
        queries: AbstractOrderQueries,
        *,
        customers: AbstractCustomerQueries,
        prices: AbstractPriceBook,
        source: Callable[[], AbstractOrderSource] | None = None,
        clock: Clock = _now,
        zone: tzinfo | None = None,
    ) -> None:
        self._make_uow, self._queries, self._customers = make_uow, queries, customers
        self._prices, self._source, self._clock, self._zone = prices, source, clock, zone

    # ------------------------------------------------------------------ reads

    def today(self) -> date:
        now = self._clock()
        return now.astimezone(self.zone()).date()

    def zone(self) -> tzinfo:
        return self._zone or self._clock().astimezone().tzinfo or UTC

    def find(self, text: str) -> FoundOrders:
        """The orders ``text`` means: a number, else a tracking number, else a phone."""
        query = text.strip()
        if not query:
            return FoundOrders("", ())
        order = self.by_number(query)
        if order is not None:
            return FoundOrders(NUMBER, (self._listed(order),))
        tracked = self.by_tracking(query)
        if tracked:
            return FoundOrders(TRACKING, tuple(self._listed(o) for o in tracked))
        by_phone = self.of_phone(query)
        return FoundOrders(PHONE if by_phone else "", tuple(by_phone))

    def by_number(self, text: str) -> OrderRecord | None:
        """The order with this number (as typed, in capitals, or a desk number typed loosely)."""
        query = text.strip()
        for number in dict.fromkeys((query, query.upper(), normalise_desk_order_number(query))):
            found = self._queries.by_number(number) if number else None
            if found is not None:
                return found
        return None

    def by_tracking(self, text: str) -> list[OrderRecord]:
        """The orders whose tracking number was read out (spaces and case do not matter).

        Every carrier's tracking number has digits: words (a name typed in the one box)
        are not looked up at all."""
        key = tracking_key(text)
        return self._queries.by_tracking(key) if key and _has_digit(key) else []

    def of_customer(self, customer_id: str, *, limit: int = CUSTOMER_PAGE) -> list[ListedOrder]:
        today = self.today()
        return [listed(o, today) for o in self._queries.of_customers([customer_id], limit=limit)]

    def of_phone(self, phone: str) -> list[ListedOrder]:
        """The orders of the customers who have this whole phone number, newest first."""
        try:
            normalize_phone(phone)  # a number or a tracking code is not worth a lookup
        except ValidationError:
            return []
        matches = customers_with_phone(self._customers, phone)
        ids = [match.id for match in matches]
        today = self.today()
        return [listed(o, today) for o in self._queries.of_customers(ids, limit=CUSTOMER_PAGE)]

    def view(self, number_or_id: str) -> OrderView | None:
        """The order with its lines, events, late mark and where-is-it line."""
        order = self.by_number(number_or_id) or self._queries.order(number_or_id.strip())
        if order is None:
            return None
        events = self._queries.events(order.id)
        return order_view(order, events, today=self.today(), zone=self.zone())

    def fetch_of_customer(self, customer_id: str) -> list[ListedOrder]:
        """Ask the server for every order of the customer, keep them, and list them.

        Raises:
            ServerUnreachable, AuthFailed: offline or signed out; ``of_customer`` still
                answers from the cache.
        """
        if self._source is not None:
            fetched = self._source().customer_orders(customer_id)
            with self._make_uow() as uow:
                uow.orders.keep_fetched(fetched)
                uow.commit()
        return self.of_customer(customer_id)

    def fetch_number(self, number: str) -> OrderView | None:
        """Ask the server for the order with this number (one this desk does not hold)."""
        if self._source is not None:
            fetched = self._source().order(number.strip())
            if fetched is not None:
                with self._make_uow() as uow:
                    uow.orders.keep_fetched(fetched)
                    uow.commit()
        return self.view(number)

    # ------------------------------------------------------------------ phone orders

    def product(self, text: str) -> list[PricedProduct]:
        """Products for a phone order's line, priced at this desk's branch today."""
        return self._prices.find(text, branch=self.branch(), day=self.today())

    def branch(self) -> str:
        with self._make_uow() as uow:
            return uow.sync_state.get().desk_branch or ""

    def place(
        self,
        customer_id: str,
        lines: Sequence[tuple[str, str | Decimal]],
        *,
        note: str = "",
        promised_on: date | None = None,
    ) -> OrderRecord:
        return writes.place_phone_order(
            self._make_uow(), customer_id=customer_id, lines=lines, prices=self._prices,
            today=self.today(), note=note, promised_on=promised_on, clock=self._clock,
        )  # fmt: skip

    def request_cancellation(self, number: str, reason: str) -> OrderEvent:
        """Ask to cancel the order with this number (typed loosely, as ``find`` takes it)."""
        found = self.by_number(number)
        return writes.request_cancellation(
            self._make_uow(), number=found.number if found else number, reason=reason,
            clock=self._clock,
        )  # fmt: skip

    def _listed(self, order: OrderRecord) -> ListedOrder:
        return listed(order, self.today())


def _has_digit(key: str) -> bool:
    return any(character.isdigit() for character in key)
