"""Orders: their statuses, the moves between them, and when an order is late.

Orders come from the web shop, the phone and the branches; the back office and the systems
behind it move them along. What moves exist is here, so the server refuses an update that
skips the lifecycle (a cancelled order cannot ship) and the desk shows only real moves.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from frontdesk.domain.errors import ValidationError


class OrderStatus(StrEnum):
    PLACED = "placed"
    CONFIRMED = "confirmed"
    PAID = "paid"
    PICKING = "picking"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    RETURNED = "returned"


class OrderChannel(StrEnum):
    WEB = "web"
    PHONE = "phone"
    BRANCH = "branch"


S = OrderStatus
#: Payment may come before or after confirmation (card online, cash on collection); once
#: picked, an order can still be cancelled, once shipped it can only come back.
TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.PLACED: frozenset({S.CONFIRMED, S.PAID, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.PAID, S.PICKING, S.CANCELLED}),
    S.PAID: frozenset({S.CONFIRMED, S.PICKING, S.CANCELLED}),
    S.PICKING: frozenset({S.SHIPPED, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.RETURNED}),
    S.DELIVERED: frozenset({S.RETURNED}),
    S.CANCELLED: frozenset(),
    S.RETURNED: frozenset(),
}
#: Done with: never late, nothing more to chase.
FINISHED = frozenset({S.DELIVERED, S.CANCELLED, S.RETURNED})


def can_move(old: OrderStatus, new: OrderStatus) -> bool:
    return new in TRANSITIONS[old]


def check_move(old: OrderStatus, new: OrderStatus) -> None:
    """``ValidationError`` naming both statuses if an order cannot go from ``old`` to ``new``."""
    if not can_move(old, new):
        allowed = ", ".join(sorted(TRANSITIONS[old])) or "nothing, it is finished"
        raise ValidationError(
            "status",
            f"an order that is {old} cannot become {new} (it can become: {allowed})",
            code="order_move",
            old=str(old),
            new=str(new),
        )


def is_late(status: OrderStatus, promised: date | None, today: date) -> bool:
    """The promised day has passed and the order has not reached the customer."""
    return promised is not None and status not in FINISHED and today > promised
