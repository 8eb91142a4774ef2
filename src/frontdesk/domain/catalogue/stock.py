"""Stock: how many of a product a branch has, will have, and can still sell.

The back office reports figures per branch and warehouse (on hand, reserved for orders,
incoming with the day it is expected) and the moment each figure was true. A desk sells
before the back office hears of it, so what a desk may promise is the reported figure less
its own sales not yet synced. A figure older than the staleness limit is still shown, but
marked: "3 at Тверская as of yesterday 18:00" is an answer, a silent 3 is a trap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from frontdesk.domain.errors import ValidationError

#: Quantities may be weights or lengths: up to three decimals (grams of a kilogram).
QUANTITY_DECIMALS = 3


def check_quantity(value: Decimal, *, field: str) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise ValidationError(field, f"must be a finite decimal, got {value!r}")
    if value < 0:
        raise ValidationError(field, f"cannot be negative, got {value}", code="quantity_negative")
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -QUANTITY_DECIMALS:
        raise ValidationError(
            field, f"{value} has more than {QUANTITY_DECIMALS} decimals", code="quantity_precision"
        )
    return value


@dataclass(frozen=True, slots=True)
class StockFigure:
    """One warehouse's figures for one product, true at ``as_of`` (aware, UTC)."""

    sku: str
    branch: str
    warehouse: str
    on_hand: Decimal
    reserved: Decimal
    incoming: Decimal
    incoming_on: date | None
    as_of: datetime

    def __post_init__(self) -> None:
        for field in ("on_hand", "reserved", "incoming"):
            check_quantity(getattr(self, field), field=field)
        if self.as_of.tzinfo is None:
            raise ValidationError("as_of", "must carry its time zone")
        if self.incoming > 0 and self.incoming_on is None:
            raise ValidationError(
                "incoming_on", f"{self.sku}: {self.incoming} incoming without a date",
                code="incoming_without_date",
            )  # fmt: skip


@dataclass(frozen=True, slots=True)
class BranchStock:
    """What the product card says about one branch."""

    branch: str
    on_hand: Decimal
    reserved: Decimal
    #: On hand less reserved less this desk's unsynced sales; never below zero.
    available: Decimal
    incoming: Decimal
    #: The earliest day something incoming is expected.
    incoming_on: date | None
    #: The oldest of the figures summed: the answer is no fresher than that.
    as_of: datetime
    stale: bool


def branch_stock(
    figures: Iterable[StockFigure],
    *,
    unsynced_sold: Mapping[str, Decimal],
    now: datetime,
    stale_after: timedelta,
) -> list[BranchStock]:
    """One product's ``figures`` summed per branch, less the desk's ``unsynced_sold`` (per
    branch), busiest branch first."""
    by_branch: dict[str, list[StockFigure]] = {}
    for figure in figures:
        by_branch.setdefault(figure.branch, []).append(figure)
    result = [_sum(branch, rows, unsynced_sold.get(branch, Decimal(0)), now, stale_after)
              for branch, rows in by_branch.items()]  # fmt: skip
    return sorted(result, key=lambda b: (-b.available, b.branch))


def _sum(
    branch: str, rows: list[StockFigure], sold: Decimal, now: datetime, stale_after: timedelta
) -> BranchStock:
    on_hand = sum((r.on_hand for r in rows), Decimal(0))
    reserved = sum((r.reserved for r in rows), Decimal(0))
    dates = [r.incoming_on for r in rows if r.incoming > 0 and r.incoming_on is not None]
    as_of = min(r.as_of for r in rows)
    return BranchStock(
        branch=branch,
        on_hand=on_hand,
        reserved=reserved,
        available=max(on_hand - reserved - sold, Decimal(0)),
        incoming=sum((r.incoming for r in rows), Decimal(0)),
        incoming_on=min(dates) if dates else None,
        as_of=as_of,
        stale=now - as_of > stale_after,
    )
