"""A desk's phone order against the server's own prices and stock: why it is refused, and
the reservation of a confirmed one.

Prices: the one that applies to the SKU at the branch, in the currency, on the day
(``domain.catalogue.prices.price_on``; a withdrawn row never applies). Stock: what is free
at the branch, on hand less reserved summed over its warehouses; one SKU on several lines
is asked for once, in total. The stock rows of the order's SKUs at the branch are locked
while they are read, so two orders pushed at once cannot both take the last piece.

A confirmed order's quantities are added to ``reserved`` warehouse by warehouse (by name)
up to what each has free; each row it changes takes a new change number, so desks pull the
new figure. ``as_of`` is left as it is: it dates the back office's count, and its next
figure (which by then counts the order) replaces this one.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.catalogue.prices import PriceEntry, price_on
from frontdesk.domain.money import UnitPrice
from frontdesk.server.catalogue.models import Price, Stock
from frontdesk.server.catalogue.stock import quantity_text
from frontdesk.server.db import allocate_seq
from frontdesk.server.money_text import price_text


def refusal(
    session: Session, lines: list[dict[str, Any]], *, branch: str, currency: str, day: date
) -> str | None:
    """Why the server cannot confirm ``lines`` (stored line rows) at ``branch``, or None."""
    reasons = _prices(session, lines, branch=branch, currency=currency, day=day)
    reasons += _stock(session, lines, branch=branch)
    return "; ".join(reasons) or None


def _prices(
    session: Session, lines: list[dict[str, Any]], *, branch: str, currency: str, day: date
) -> list[str]:
    skus = {line["sku"] for line in lines}
    query = select(Price).where(Price.sku.in_(skus), Price.currency == currency,
                                Price.withdrawn.is_(False))  # fmt: skip
    entries: dict[str, list[PriceEntry]] = defaultdict(list)
    for row in session.scalars(query):
        price = UnitPrice.from_scaled(row.unit_price_scaled, currency)
        entries[row.sku].append(PriceEntry(row.sku, price, row.branch, row.valid_from,
                                           row.valid_until))  # fmt: skip
    reasons = []
    for line in lines:
        sku, desk = line["sku"], price_text(line["unit_price_scaled"], currency)
        entry = price_on(entries[sku], branch=branch, currency=currency, day=day)
        if entry is None:
            reasons.append(f"price: SKU {sku} has no {currency} price at {branch} on {day}")
        elif entry.price.scaled != line["unit_price_scaled"]:
            ours = price_text(entry.price.scaled, currency)
            reasons.append(f"price changed: SKU {sku} is {ours} {currency}, the desk had {desk}")
    return reasons


def _stock(session: Session, lines: list[dict[str, Any]], *, branch: str) -> list[str]:
    asked = _asked(lines)
    free = {sku: sum(_free(row) for row in rows)
            for sku, rows in _rows(session, set(asked), branch=branch).items()}  # fmt: skip
    return [
        f"stock: SKU {sku} has {quantity_text(free.get(sku, 0))} at {branch}, "
        f"{quantity_text(quantity)} asked"
        for sku, quantity in asked.items()
        if free.get(sku, 0) < quantity
    ]


def reserve(session: Session, lines: list[dict[str, Any]], *, branch: str) -> None:
    """Add the lines' quantities to ``reserved`` at ``branch`` (checked free by ``refusal``)."""
    changed, asked = [], _asked(lines)
    for sku, rows in _rows(session, set(asked), branch=branch).items():
        need = asked[sku]
        for row in rows:
            take = min(need, _free(row))
            if take > 0:
                row.reserved_milli += take
                changed.append(row)
                need -= take
    if changed:
        first = allocate_seq(session, len(changed))
        for seq, row in enumerate(changed, start=first):
            row.change_seq = seq
        session.flush()


def _asked(lines: list[dict[str, Any]]) -> dict[str, int]:
    asked: dict[str, int] = defaultdict(int)
    for line in lines:
        asked[line["sku"]] += line["quantity_milli"]
    return dict(asked)


def _rows(session: Session, skus: set[str], *, branch: str) -> dict[str, list[Stock]]:
    query = (
        select(Stock)
        .where(Stock.sku.in_(skus), Stock.branch == branch)
        .order_by(Stock.sku, Stock.warehouse)
        .with_for_update()
    )
    found: dict[str, list[Stock]] = defaultdict(list)
    for row in session.scalars(query):
        found[row.sku].append(row)
    return found


def _free(row: Stock) -> int:
    return max(0, row.on_hand_milli - row.reserved_milli)
