"""Storing orders that the back office and its systems send (``POST /orders``, ``import
orders``): the number is the key.

An order whose number is new is checked (lines, total, products, customer) and stored with
its first events; one whose number is stored with the same content is that order again
(nothing written); one whose number is stored with other content is refused
(``OrderTaken``): an order changes by ``PATCH``, never by being sent again. A batch looks up
its numbers, products and customers in one query each and takes one block of change numbers.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from frontdesk.protocol.orders import OrderIn
from frontdesk.server.catalogue.stock import CLOCK_SKEW
from frontdesk.server.db import allocate_seq
from frontdesk.server.importers.common import ID_NAMESPACE, fetch_in
from frontdesk.server.models import Customer, Product
from frontdesk.server.orders.checks import (
    DESK_NUMBER,
    OrderProblem,
    content_hash,
    line_rows,
    total_minor,
)
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine


class OrderTaken(Exception):
    """The number is stored with other content."""

    def __init__(self, number: str, order_id: str) -> None:
        super().__init__(
            f"number: order {number} exists with other content; change it with PATCH "
            f"/api/v1/orders/{number}"
        )
        self.number, self.order_id = number, order_id


@dataclass(frozen=True, slots=True)
class Stored:
    """An order the batch stored (``created``) or found stored with the same content."""

    order_id: str
    created: bool


Outcome = Stored | OrderProblem | OrderTaken


def order_id_for(number: str) -> str:
    """The id of the back office's order ``number``, the same on every server."""
    return str(uuid.uuid5(ID_NAMESPACE, f"order:{number}"))


def event_id_for(order_id: str, n: int) -> str:
    """The id of the ``n``-th event an order is stored with."""
    return str(uuid.uuid5(ID_NAMESPACE, f"order-event:{order_id}:{n}"))


def store_orders(
    session: Session, orders: Sequence[OrderIn], *, by: str, now: datetime
) -> list[Outcome]:
    """Store each of ``orders`` (one outcome each, in order); a refused one writes nothing.
    ``by``: who sends them (the events' author)."""
    known = _Known(session, orders)
    checked: list[Any] = [_checked(order, known, now=now) for order in orders]
    fresh = [row for row in checked if isinstance(row, _New)]
    if fresh:
        _insert(session, fresh, by=by, now=now)
    return [Stored(row.header["id"], True) if isinstance(row, _New) else row for row in checked]


@dataclass
class _New:
    header: dict[str, Any]
    lines: list[dict[str, Any]]
    order: OrderIn


class _Known:
    """What a batch names, each looked up once: stored numbers (with their content), products,
    customers (with their home branch)."""

    def __init__(self, session: Session, orders: Sequence[OrderIn]) -> None:
        numbers = {order.number for order in orders}
        columns = (Order.number, Order.id, Order.content_hash)
        found = fetch_in(session, columns, key=Order.number, values=numbers)
        self.numbers = {number: (order_id, digest) for number, order_id, digest in found}
        skus = {line.sku for order in orders for line in order.lines}
        self.skus = dict(fetch_in(session, (Product.sku, Product.unit), key=Product.sku,
                                  values=skus))  # fmt: skip
        ids = {order.customer_id for order in orders if order.customer_id is not None}
        rows = fetch_in(session, (Customer.id, Customer.branch), key=Customer.id, values=ids)
        self.customers: dict[str, str] = {customer_id: branch for customer_id, branch in rows}


def _checked(order: OrderIn, known: _Known, *, now: datetime) -> Outcome | _New:
    digest = content_hash(order)
    stored = known.numbers.get(order.number)
    if stored is not None:
        same = stored[1] == digest
        return Stored(stored[0], False) if same else OrderTaken(order.number, stored[0])
    try:
        new = _new(order, known, digest, now=now)
    except OrderProblem as problem:
        return problem
    known.numbers[order.number] = (new.header["id"], digest)  # a repeat later in the batch
    return new


def _new(order: OrderIn, known: _Known, digest: str, *, now: datetime) -> _New:
    if order.placed_at > now + CLOCK_SKEW:  # its events would come before its placing
        raise OrderProblem(
            "placed_at", f"{order.placed_at.isoformat()} is after the server's clock"
        )
    if DESK_NUMBER.match(order.number):  # else a desk's phone order would find it taken
        raise OrderProblem("number", f"{order.number} is a desk's phone order number (D<n>-O<n>)")
    if order.customer_id is not None and order.customer_id not in known.customers:
        raise OrderProblem("customer_id", f"no customer {order.customer_id}")
    order_id = order_id_for(order.number)
    lines = line_rows(order_id, order.currency, order.lines, known=known.skus)
    header = {
        "id": order_id, "number": order.number, "channel": order.channel,
        "customer_id": order.customer_id, "branch": order.branch, "currency": order.currency,
        "total_minor": total_minor(order.currency, order.total, lines),
        "payment_state": order.payment_state, "status": order.status,
        "promised_on": order.promised_on, "carrier": order.carrier,
        "tracking_number": order.tracking_number, "placed_at": order.placed_at,
        "updated_at": order.placed_at, "refused_reason": None, "content_hash": digest,
        "device_id": None,
        "customer_branch": known.customers.get(order.customer_id or ""),
    }  # fmt: skip
    return _New(header, lines, order)


def _insert(session: Session, fresh: list[_New], *, by: str, now: datetime) -> None:
    events = [(new, _first_events(new.order, now)) for new in fresh]
    seq = allocate_seq(session, len(fresh) + sum(len(found) for _, found in events))
    rows = []
    for new, found in events:
        new.header["change_seq"] = seq
        seq += 1
        for n, (kind, status, detail, at) in enumerate(found):
            rows.append(event_row(new.header, id=event_id_for(new.header["id"], n), kind=kind,
                                  status=status, detail=detail, by=by, at=at,
                                  seq=seq))  # fmt: skip
            seq += 1
        new.header["updated_at"] = max(at for *_, at in found)
    session.execute(insert(Order), [new.header for new in fresh])
    session.execute(insert(OrderLine), [line for new in fresh for line in new.lines])
    session.execute(insert(OrderEvent), rows)


def _first_events(order: OrderIn, now: datetime) -> list[tuple[str, str | None, str, datetime]]:
    """(kind, status, detail, at) of a new order: placed, then where it already is (a move
    to its status, its payment, its shipping), as of when the server heard of it."""
    placed = min(order.placed_at, now)
    later = max(placed, now)
    found: list[tuple[str, str | None, str, datetime]] = [("placed", "placed", "", placed)]
    if order.status != "placed":
        found.append(("status", order.status, "", later))
    if order.payment_state != "unpaid":
        found.append(("payment", None, order.payment_state, later))
    if order.carrier or order.tracking_number:
        found.append(("shipping", None, shipping_text(order.carrier, order.tracking_number),
                      later))  # fmt: skip
    if order.promised_on is not None:
        found.append(("promised", None, order.promised_on.isoformat(), placed))
    return sorted(found, key=lambda event: event[3])


def shipping_text(carrier: str | None, tracking: str | None) -> str:
    return " ".join(part for part in (carrier, tracking) if part)


def event_row(
    order: dict[str, Any],
    *,
    id: str,
    kind: str,
    status: str | None,
    detail: str,
    by: str,
    at: datetime,
    seq: int,
    device_id: str | None = None,
) -> dict[str, Any]:
    """An ``order_events`` row of ``order`` (a stored row's columns as a dict)."""
    return {
        "id": id, "order_id": order["id"], "kind": kind, "status": status, "detail": detail,
        "author": by, "at": at, "device_id": device_id, "change_seq": seq,
        "order_branch": order["branch"], "order_customer_branch": order["customer_branch"],
    }  # fmt: skip


def stored_order(session: Session, number: str, *, lock: bool = False) -> Order | None:
    query = select(Order).where(Order.number == number)
    return session.scalars(query.with_for_update() if lock else query).first()
