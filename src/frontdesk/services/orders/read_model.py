"""An order as the agent reads it out: its lines and total, its events, whether it is late
(``domain.orders.is_late`` with the desk's today) and where it is, in one plain line:

    Shipped with DPD on 3 Dec, tracking 1Z999AA1, promised 5 Dec — 1 day late

``WhereIsIt`` keeps the parts (the window words them in its language); ``text()`` is the
English line the CLI prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

from frontdesk.domain.orders import FINISHED, OrderStatus, can_move, is_late
from frontdesk.services.orders.ports import OrderEvent, OrderRecord

STATUS_WORDS = {
    "placed": "Placed",
    "confirmed": "Confirmed",
    "paid": "Paid",
    "picking": "Being picked",
    "shipped": "Shipped",
    "delivered": "Delivered",
    "cancelled": "Cancelled",
    "returned": "Returned",
}
#: The statuses where the carrier says something (with DPD).
CARRIED = frozenset({OrderStatus.SHIPPED, OrderStatus.DELIVERED})


@dataclass(frozen=True, slots=True)
class WhereIsIt:
    status: str
    since: date | None  # the day the order reached its status (the desk's calendar)
    carrier: str | None
    tracking_number: str | None
    promised_on: date | None
    days_late: int  # 0: not late
    waiting_for_server: bool = False
    refused_reason: str | None = None

    @property
    def carried(self) -> bool:
        return self.carrier is not None and OrderStatus(self.status) in CARRIED

    @property
    def promise_open(self) -> bool:
        """The promised day still matters (the order has not reached its end)."""
        return self.promised_on is not None and OrderStatus(self.status) not in FINISHED

    def text(self) -> str:
        if self.refused_reason is not None:
            return f"Refused by the server: {self.refused_reason}"
        if self.waiting_for_server:
            return "Taken at this desk, waiting for the server to confirm it"
        words = STATUS_WORDS.get(self.status, self.status)
        if self.carried:
            words += f" with {self.carrier}"
        if self.since is not None:
            words += f" on {_day(self.since)}"
        if self.tracking_number:
            words += f", tracking {self.tracking_number}"
        if self.promise_open and self.promised_on is not None:
            words += f", promised {_day(self.promised_on)}"
        if self.days_late:
            words += f" — {self.days_late} day{'s' if self.days_late > 1 else ''} late"
        return words


@dataclass(frozen=True, slots=True)
class OrderView:
    order: OrderRecord
    events: tuple[OrderEvent, ...]
    where: WhereIsIt

    @property
    def late(self) -> bool:
        return self.where.days_late > 0

    @property
    def cancel_requested(self) -> bool:
        return any(event.kind == "cancel_request" for event in self.events)

    @property
    def cancellable(self) -> bool:
        return can_move(OrderStatus(self.order.status), OrderStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class ListedOrder:
    """An order in a list (the 360's Orders tab, a search's answers)."""

    order: OrderRecord
    days_late: int

    @property
    def late(self) -> bool:
        return self.days_late > 0


def days_late(order: OrderRecord, today: date) -> int:
    status = OrderStatus(order.status)
    if order.promised_on is None or not is_late(status, order.promised_on, today):
        return 0
    return (today - order.promised_on).days


def listed(order: OrderRecord, today: date) -> ListedOrder:
    return ListedOrder(order, days_late(order, today))


def order_view(
    order: OrderRecord, events: list[OrderEvent], *, today: date, zone: tzinfo
) -> OrderView:
    where = WhereIsIt(
        status=order.status,
        since=_since(order, events, zone),
        carrier=order.carrier,
        tracking_number=order.tracking_number,
        promised_on=order.promised_on,
        days_late=days_late(order, today),
        waiting_for_server=order.waiting_for_server,
        refused_reason=order.refused_reason,
    )
    return OrderView(order, tuple(events), where)


def _since(order: OrderRecord, events: list[OrderEvent], zone: tzinfo) -> date | None:
    """The day of the last event that brought the order to its status (else its last change)."""
    reached = [e.at for e in events if e.status == order.status and e.kind in ("placed", "status")]
    when = max(reached) if reached else order.updated_at
    return when.astimezone(zone).date()


def _day(day: date) -> str:
    return f"{day.day} {day:%b}"
