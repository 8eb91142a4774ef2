"""Appliers of the two order writes desks push: ``order.place`` and ``order.cancel_request``.

Who: an agent, cashier or supervisor signed in on the pushing device (``server/push.py``
checks the device).

``order.place`` (a phone order; the item's key is ``order_id``): its number must be the
pushing device's own, ``D<device>-O<sequence>`` (``D12-O00045``), so a tampered desk cannot
spend another desk's numbers (403). The customer must exist, the SKUs be known, each line
total be quantity x unit price half-up and the total their sum; otherwise the item is
refused (400) and writes nothing. Then the server compares the desk's prices with its own
(``domain.catalogue.prices.price_on`` for the desk user's branch and the order's currency
on the day it was placed, UTC) and the quantities with the stock free at that branch
(on hand less reserved over its warehouses, ``reserve.py``):

- all agree: the order is stored ``confirmed`` (channel phone, the desk user's branch) with
  its events placed and confirmed, and its quantities are added to ``reserved`` at the
  branch (a stock change desks pull). Result ``accepted: true``.
- a price differs or stock is short: the order is stored ``cancelled`` with
  ``refused_reason`` ("price changed: SKU 22423 is 12.75 GBP, the desk had 12.50"; "stock:
  SKU 22423 has 2 at Leeds, 5 asked"), so the desk sees why after its next pull. The item
  is applied (it took effect: a refused order is a fact), answered ``accepted: false`` with
  the reason under ``refused_reason``, as a case's conflicting move is.

``order.cancel_request`` (the key is the event's id): the order must exist and be the
pusher's branch's or one of its customers' (else 403); a finished order (delivered,
cancelled, returned) is refused (400) with the reason. It writes a ``cancel_request`` event;
the back office decides with ``PATCH``. Replays of either return the stored result.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from frontdesk.domain.orders import FINISHED, OrderStatus
from frontdesk.protocol.orders import OrderCancelRequest, OrderPlace
from frontdesk.server.cases.writes import CASE_ROLES
from frontdesk.server.db import allocate_seq
from frontdesk.server.devices import case_prefix
from frontdesk.server.models import Customer, Device, Product
from frontdesk.server.orders.checks import (
    DESK_NUMBER,
    OrderProblem,
    content_hash,
    line_rows,
    total_minor,
)
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine
from frontdesk.server.orders.reserve import refusal, reserve
from frontdesk.server.orders.store import event_id_for, event_row, stored_order
from frontdesk.server.push_items import ApplyContext, ItemForbidden, ItemRejected

#: How far back a phone order keeps the price of the day it was taken: the desk's default
#: offline unlock period (``FRONTDESK_OFFLINE_UNLOCK_DAYS``); an older one is priced as of then.
PRICE_LOOKBACK = timedelta(days=14)


def apply_order_place(ctx: ApplyContext) -> dict[str, Any]:
    place: OrderPlace = ctx.item.payload
    _check_author(ctx)
    if place.order_id != ctx.item.key:
        raise ItemRejected("order_id: must be the item's key")
    _check_number(ctx, place.number)
    customer = ctx.session.get(Customer, place.customer_id)
    if customer is None:
        raise ItemRejected(f"customer_id: unknown customer {place.customer_id}")
    if stored_order(ctx.session, place.number) or ctx.session.get(Order, place.order_id):
        raise ItemRejected(f"number: {place.number} is taken by another order")
    header, lines = _checked(ctx, place, customer)
    at = header["placed_at"]
    reason = refusal(ctx.session, lines, branch=header["branch"], currency=place.currency,
                     day=_price_day(at, now=ctx.now))  # fmt: skip
    status = OrderStatus.CONFIRMED if reason is None else OrderStatus.CANCELLED
    header |= {"status": status.value, "refused_reason": reason}
    events = [("placed", "placed", ""), ("status", status.value, reason or "")]
    events += [("note", None, place.note.strip())] if place.note.strip() else []
    seq = allocate_seq(ctx.session, 1 + len(events))
    header["change_seq"] = seq
    ctx.session.execute(insert(Order), [header])
    ctx.session.execute(insert(OrderLine), lines)
    ctx.session.execute(insert(OrderEvent), [
        event_row(header, id=event_id_for(header["id"], n), kind=kind, status=moved,
                  detail=detail, by=ctx.user.username, at=at, seq=seq + n, device_id=ctx.device_id)
        for n, (kind, moved, detail) in enumerate(events, start=1)
    ])  # fmt: skip
    if reason is None:
        reserve(ctx.session, lines, branch=header["branch"])
    return _result(header, accepted=reason is None)


def _checked(
    ctx: ApplyContext, place: OrderPlace, customer: Customer
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    skus = {line.sku for line in place.lines}
    query = select(Product.sku, Product.unit).where(Product.sku.in_(skus))
    known = {sku: unit for sku, unit in ctx.session.execute(query)}
    try:
        lines = line_rows(place.order_id, place.currency, place.lines, known=known)
        total = total_minor(place.currency, place.total, lines)
    except OrderProblem as problem:
        raise ItemRejected(str(problem)) from None
    at = min(place.placed_at, ctx.now)  # the desk's clock, never after the server's
    header = {
        "id": place.order_id, "number": place.number, "channel": "phone",
        "customer_id": customer.id, "branch": ctx.user.branch, "currency": place.currency,
        "total_minor": total, "payment_state": "unpaid", "promised_on": place.promised_on,
        "carrier": None, "tracking_number": None, "placed_at": at, "updated_at": at,
        "content_hash": content_hash(place), "device_id": ctx.device_id,
        "customer_branch": customer.branch,
    }  # fmt: skip
    return header, lines


def _price_day(placed_at: datetime, *, now: datetime) -> date:
    """The day whose prices the order is checked against: the day it was placed, but never
    further back than a desk can honestly have been offline, so a desk whose clock is set
    back cannot buy at last year's price."""
    return max(placed_at, now - PRICE_LOOKBACK).date()


def _result(header: dict[str, Any], *, accepted: bool) -> dict[str, Any]:
    return {
        "accepted": accepted,
        "order_id": header["id"],
        "number": header["number"],
        "status": header["status"],
        "refused_reason": header["refused_reason"],
        "change_seq": header["change_seq"],
    }


def _check_number(ctx: ApplyContext, number: str) -> None:
    prefix = case_prefix(ctx.session.get(Device, ctx.device_id))
    found = DESK_NUMBER.match(number)
    if prefix is None or found is None or found.group(1) != prefix:
        mine = f"its orders are {prefix}-O<n>" if prefix else "it has no number prefix yet"
        raise ItemForbidden(f"number: {number} is not this device's order number ({mine})")


def apply_order_cancel_request(ctx: ApplyContext) -> dict[str, Any]:
    request: OrderCancelRequest = ctx.item.payload
    _check_author(ctx)
    order = stored_order(ctx.session, request.number, lock=True)
    if order is None:
        raise ItemRejected(f"number: no order {request.number}")
    if not _serves(ctx.session, order, ctx.user.branch):
        raise ItemForbidden(
            f"order {order.number} is neither {ctx.user.branch}'s nor one of its customers'"
        )
    if OrderStatus(order.status) in FINISHED:
        raise ItemRejected(f"order {order.number} is {order.status}: it cannot be cancelled now")
    at = max(order.placed_at, min(request.at, ctx.now))
    seq = allocate_seq(ctx.session)
    header = {"id": order.id, "branch": order.branch, "customer_branch": order.customer_branch}
    row = event_row(header, id=ctx.item.key, kind="cancel_request", status=None,
                    detail=request.reason, by=ctx.user.username, at=at, seq=seq,
                    device_id=ctx.device_id)  # fmt: skip
    ctx.session.execute(insert(OrderEvent), [row])
    return {"accepted": True, "order_id": order.id, "number": order.number,
            "status": order.status, "event_id": ctx.item.key, "change_seq": seq}  # fmt: skip


def _serves(session: Session, order: Order, branch: str) -> bool:
    if branch and branch in (order.branch, order.customer_branch):
        return True
    if order.customer_id is None:
        return False
    customer = session.get(Customer, order.customer_id)
    return customer is not None and bool(branch) and customer.branch == branch


def _check_author(ctx: ApplyContext) -> None:
    if ctx.user.role not in CASE_ROLES:
        raise ItemForbidden(
            f"{ctx.user.username} is a {ctx.user.role}: only agents, cashiers and supervisors "
            "place orders at a desk"
        )
