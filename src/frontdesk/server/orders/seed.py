"""Demo orders for ``frontdesk-server seed-demo``: a few hundred orders of the seed's first
demo customers, from every channel and in every status, their lines from the seeded
catalogue at its company-wide prices (roubles at Russian branches, pounds at British ones),
carriers and tracking numbers on shipped ones, promised days (some past, so some orders are
late) and a history whose times follow the lifecycle.

Deterministic for a seed (each customer's orders from its own RNG, ids UUID5s of the
numbers) and never the clock; idempotent: orders whose numbers are stored are skipped.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.protocol.orders import OrderLineIn
from frontdesk.server.catalogue.models import Price
from frontdesk.server.db import allocate_seq
from frontdesk.server.models import Customer
from frontdesk.server.money_text import price_text
from frontdesk.server.orders.checks import line_rows
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine
from frontdesk.server.orders.store import event_id_for, event_row, order_id_for

#: Customers of a seed who get orders, and how many each (1 to 3): a few hundred in all.
CUSTOMERS = 150
#: Demo phone orders carry a prefix no registered workstation reaches (as demo cases do).
PHONE_PREFIX = "D999999999"
PREFIX = {"web": "WEB", "branch": "SHOP"}
#: Where an order ends, and the moves that take it there from placed.
STORIES = {
    "placed": (), "confirmed": ("confirmed",), "paid": ("paid",),
    "picking": ("confirmed", "paid", "picking"),
    "shipped": ("confirmed", "paid", "picking", "shipped"),
    "delivered": ("confirmed", "paid", "picking", "shipped", "delivered"),
    "cancelled": ("confirmed", "cancelled"),
    "returned": ("paid", "confirmed", "picking", "shipped", "delivered", "returned"),
}  # fmt: skip
WEIGHTS = (6, 8, 5, 6, 10, 30, 6, 3)
CARRIERS = {"RUB": ("СДЭК", "Почта России", "Boxberry"), "GBP": ("DPD", "Royal Mail", "Evri")}


def seed_orders(session: Session, *, seed: int, end: datetime) -> int:
    """Write the demo orders of ``seed``; returns how many were new."""
    customers = list(session.scalars(
        select(Customer).where(Customer.account_number.like(f"DEMO-{seed}-%"))
        .order_by(Customer.account_number).limit(CUSTOMERS)
    ))  # fmt: skip
    prices = _prices(session)
    made = [order for n, customer in enumerate(customers)
            for order in _orders(customer, n, seed=seed, end=end, prices=prices)]  # fmt: skip
    taken = set(session.scalars(select(Order.number).where(
        Order.number.in_([order["header"]["number"] for order in made]))))  # fmt: skip
    fresh = [order for order in made if order["header"]["number"] not in taken]
    if fresh:
        _write(session, fresh)
    return len(fresh)


def _prices(session: Session) -> dict[tuple[str, str], int]:
    """(sku, currency) -> the company-wide price, scaled (the newest that started)."""
    rows = session.execute(select(Price.sku, Price.currency, Price.unit_price_scaled)
                           .where(Price.branch.is_(None)).order_by(Price.valid_from))  # fmt: skip
    return {(sku, currency): scaled for sku, currency, scaled in rows}


def _orders(
    customer: Customer, n: int, *, seed: int, end: datetime, prices: dict[tuple[str, str], int]
) -> list[dict[str, Any]]:
    rng = random.Random(f"frontdesk-demo-orders:{seed}:{customer.account_number}")
    # The demo's Russians have +7 phones and shop in roubles; the Britons in pounds.
    russian = bool(customer.phones) and customer.phones[0].startswith("+7")
    currency = "RUB" if russian else "GBP"
    skus = sorted(sku for sku, cur in prices if cur == currency)
    found = []
    for k in range(rng.choice((1, 1, 2, 3))):
        channel = rng.choice(("web", "web", "phone", "branch"))
        number = (f"{PHONE_PREFIX}-O{seed % 1000:03d}{n:04d}{k}" if channel == "phone"
                  else f"{PREFIX[channel]}-{seed}-{n + 1:05d}-{k + 1}")  # fmt: skip
        lines = _lines(rng, skus, currency, prices)
        found.append(_order(rng, customer, number=number, channel=channel, end=end,
                            lines=lines, currency=currency))  # fmt: skip
    return found


def _lines(
    rng: random.Random, skus: list[str], currency: str, prices: dict[tuple[str, str], int]
) -> list[OrderLineIn]:
    lines = []
    for line_no, sku in enumerate(rng.sample(skus, rng.choice((1, 1, 2, 3))), start=1):
        price = UnitPrice.from_scaled(prices[(sku, currency)], currency)
        quantity = rng.choice((1, 1, 2, 3))
        total = Money.rounded(price.amount * Decimal(quantity), currency)
        lines.append(OrderLineIn(line_no=line_no, sku=sku, quantity=str(quantity),
                                 unit_price=price_text(price.scaled, currency),
                                 line_total=str(total.amount)))  # fmt: skip
    return lines


def _order(rng: random.Random, customer: Customer, *, number: str, channel: str, end: datetime,
           lines: list[OrderLineIn], currency: str) -> dict[str, Any]:  # fmt: skip
    status = rng.choices(tuple(STORIES), weights=WEIGHTS)[0]
    placed = end - timedelta(days=rng.randint(0, 40), minutes=rng.randint(0, 600))
    order_id = order_id_for(number)
    # Whole quantities (``_lines``): whatever each product's unit, they are counted right.
    rows = line_rows(order_id, currency, lines, known={line.sku: "piece" for line in lines})
    header = {
        "id": order_id, "number": number, "channel": channel, "customer_id": customer.id,
        "branch": customer.branch, "currency": currency,
        "total_minor": sum(row["line_total_minor"] for row in rows), "payment_state": "unpaid",
        "status": "placed", "promised_on": (placed + timedelta(days=rng.randint(2, 7))).date(),
        "carrier": None, "tracking_number": None, "placed_at": placed, "updated_at": placed,
        "refused_reason": None, "content_hash": "0" * 64, "device_id": None,
        "customer_branch": customer.branch,
    }  # fmt: skip
    events = [("placed", "placed", "", placed),
              ("promised", None, header["promised_on"].isoformat(), placed)]  # fmt: skip
    at = placed
    for move in STORIES[status]:
        at = min(end, at + timedelta(hours=rng.randint(2, 30)))
        events += _move(rng, header, move, at=at)
    header["updated_at"] = at
    return {"header": header, "lines": rows, "events": events}


def _move(
    rng: random.Random, header: dict[str, Any], move: str, *, at: datetime
) -> list[tuple[str, str | None, str, datetime]]:
    header["status"] = move
    found: list[tuple[str, str | None, str, datetime]] = [("status", move, "", at)]
    if move == "paid":
        header["payment_state"] = "paid"
        found.append(("payment", None, "paid", at))
    if move == "shipped":
        header["carrier"] = rng.choice(CARRIERS[header["currency"]])
        header["tracking_number"] = f"{header['currency'][:2]}{rng.randrange(10**9, 10**10)}"
        found.append(("shipping", None, f"{header['carrier']} {header['tracking_number']}", at))
    if move == "returned":
        header["payment_state"] = "refunded"
        found.append(("payment", None, "refunded", at))
    return found


def _write(session: Session, orders: list[dict[str, Any]]) -> None:
    seq = allocate_seq(session, sum(1 + len(order["events"]) for order in orders))
    events = []
    for order in orders:
        header = order["header"]
        header["change_seq"] = seq
        for n, (kind, status, detail, at) in enumerate(order["events"]):
            seq += 1
            events.append(event_row(header, id=event_id_for(header["id"], n), kind=kind,
                                    status=status, detail=detail, by="demo", at=at,
                                    seq=seq))  # fmt: skip
        seq += 1
    session.execute(insert(Order), [order["header"] for order in orders])
    session.execute(insert(OrderLine), [line for order in orders for line in order["lines"]])
    session.execute(insert(OrderEvent), events)
