"""Changing a stored order (``PATCH /orders/{number}``): a status move, the payment state,
carrier and tracking number, the promised day, a note.

A move names the status it starts from: when the order is somewhere else by now the patch
is refused whole (``StatusConflict``, with the stored status) and nothing changes, so two
systems moving one order never silently undo each other. A move the lifecycle does not
have (``domain.orders.check_move``) is refused as a problem of the ``status`` field. Each
field that really changes writes an event with the patch's time and its author; any change
gives the order a new change number, so desks pull it again. A move to the status the
order holds already (a retry) changes nothing. The order is locked while it is read and
changed.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.orders import OrderStatus, check_move
from frontdesk.protocol.orders import OrderPatch
from frontdesk.server.db import allocate_seq
from frontdesk.server.orders.checks import OrderProblem
from frontdesk.server.orders.models import Order, OrderEvent
from frontdesk.server.orders.store import event_row, shipping_text, stored_order


class OrderMissing(LookupError):
    def __init__(self, number: str) -> None:
        super().__init__(f"no order {number}")


class StatusConflict(Exception):
    """The order is not where the patch says it starts from."""

    def __init__(self, number: str, *, stored: str, saw: str) -> None:
        super().__init__(
            f"old_status: order {number} is {stored}, not {saw}: read it again and decide"
        )
        self.stored = stored


Change = dict[str, str | None]  # an event's kind, status and detail


def patch_order(
    session: Session, number: str, patch: OrderPatch, *, by: str, now: datetime
) -> Order:
    """Apply ``patch`` to order ``number`` in ``session`` (the caller commits)."""
    order = stored_order(session, number, lock=True)
    if order is None:
        raise OrderMissing(number)
    changes = _changes(order, patch)
    if not changes:
        return order  # what it asks for is what the order holds already
    at = max(order.placed_at, min(patch.at, now))
    seq = allocate_seq(session, 1 + len(changes))
    header = {"id": order.id, "branch": order.branch, "customer_branch": order.customer_branch}
    rows = [
        event_row(header, id=str(uuid.uuid4()), by=by, at=at, seq=seq + n, **change)
        for n, change in enumerate(changes, start=1)
    ]
    order.updated_at, order.change_seq = max(order.updated_at, at), seq
    session.flush()
    session.execute(insert(OrderEvent), rows)
    return order


def _changes(order: Order, patch: OrderPatch) -> list[Change]:
    """The events of what ``patch`` changes, each field set on ``order`` as it goes."""
    changes: list[Change] = []
    if patch.status is not None and patch.old_status is not None:
        changes += _move(order, patch.old_status, patch.status)
    if patch.payment_state is not None and patch.payment_state != order.payment_state:
        order.payment_state = patch.payment_state
        changes.append(_change("payment", detail=patch.payment_state))
    changes += _shipping(order, patch)
    if patch.promised_on is not None and patch.promised_on != order.promised_on:
        order.promised_on = patch.promised_on
        changes.append(_change("promised", detail=patch.promised_on.isoformat()))
    if patch.note.strip() and changes:
        changes.append(_change("note", detail=patch.note.strip()))
    return changes


def _move(order: Order, old: str, new: str) -> list[Change]:
    if order.status == new:
        return []  # a retry of a move that was made: nothing more to do
    if order.status != old:
        raise StatusConflict(order.number, stored=order.status, saw=old)
    try:
        check_move(OrderStatus(old), OrderStatus(new))
    except ValidationError as error:
        raise OrderProblem("status", error.message) from None
    order.status = new
    return [_change("status", status=new)]


def _shipping(order: Order, patch: OrderPatch) -> list[Change]:
    carrier = order.carrier if patch.carrier is None else patch.carrier
    tracking = order.tracking_number if patch.tracking_number is None else patch.tracking_number
    if (carrier, tracking) == (order.carrier, order.tracking_number):
        return []
    order.carrier, order.tracking_number = carrier, tracking
    return [_change("shipping", detail=shipping_text(carrier, tracking))]


def _change(kind: str, *, status: str | None = None, detail: str = "") -> Change:
    return {"kind": kind, "status": status, "detail": detail}
