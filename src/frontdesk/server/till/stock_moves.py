"""What a till sale or return does to the branch's stock on the server.

A sold line takes its quantity off ``on_hand`` at the register's branch, spread over the
branch's warehouses, the one with most on hand first (ties: by name), and never below zero:
the goods left the shop, so a sale the figures did not know of (stock not counted yet,
delivered but not booked) is still a sale; what the figures lacked is dropped, and the back
office's next count (``PUT /api/v1/stock``) sets the true figure. A returned line goes back
to the branch's warehouse with most on hand; a branch with no stock row for the SKU is left
without one (the server does not invent a warehouse; the next count brings it).

The branch's rows of the SKUs are locked in one query, in (sku, warehouse) order, so two
sales of the same products wait for each other instead of deadlocking. Each row changed
takes a new change number, so every desk pulls the new figure; ``as_of`` is left as it is
(it dates the back office's count, whose next figure already counts these sales).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.server.catalogue.models import Stock
from frontdesk.server.db import allocate_seq


def take(session: Session, sold: Iterable[tuple[str, int]], *, branch: str) -> None:
    """Take each (sku, thousandths) off ``on_hand`` at ``branch``, most on hand first."""
    wanted = _summed(sold)
    changed = []
    for sku, rows in _locked(session, set(wanted), branch=branch).items():
        need = wanted[sku]
        for row in sorted(rows, key=lambda r: (-r.on_hand_milli, r.warehouse)):
            taken = min(need, row.on_hand_milli)
            if taken > 0:
                row.on_hand_milli -= taken
                changed.append(row)
                need -= taken
    _renumber(session, changed)


def put_back(session: Session, returned: Iterable[tuple[str, int]], *, branch: str) -> None:
    """Add each (sku, thousandths) to the branch's warehouse with most on hand."""
    wanted = _summed(returned)
    changed = []
    for sku, rows in _locked(session, set(wanted), branch=branch).items():
        row = min(rows, key=lambda r: (-r.on_hand_milli, r.warehouse))
        row.on_hand_milli += wanted[sku]
        changed.append(row)
    _renumber(session, changed)


def _summed(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    summed: dict[str, int] = defaultdict(int)
    for sku, milli in pairs:
        summed[sku] += milli
    return {sku: milli for sku, milli in summed.items() if milli > 0}


def _locked(session: Session, skus: set[str], *, branch: str) -> dict[str, list[Stock]]:
    if not skus:
        return {}
    query = (
        select(Stock)
        .where(Stock.sku.in_(sorted(skus)), Stock.branch == branch)
        .order_by(Stock.sku, Stock.warehouse)
        .with_for_update()
    )
    found: dict[str, list[Stock]] = defaultdict(list)
    for row in session.scalars(query):
        found[row.sku].append(row)
    return found


def _renumber(session: Session, changed: list[Stock]) -> None:
    if not changed:
        return
    first = allocate_seq(session, len(changed))
    for seq, row in enumerate(changed, start=first):
        row.change_seq = seq
    session.flush()
