"""Price lists: what a product costs at a branch, in a currency, on a day.

An ERP exports prices as rows: a SKU, a price in a currency, the branch it applies to (or
none: every branch), and the days it is valid (from, and until inclusive or open-ended).
The price that applies is the branch's own over the company's, and among those the one that
started last: a promotion from 1 to 7 December over the list price valid since March. Two
rows of the same reach starting the same day would make the answer depend on row order, so
an import refuses them (``clashes``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import UnitPrice


@dataclass(frozen=True, slots=True)
class PriceEntry:
    sku: str
    price: UnitPrice
    #: None: every branch that has no price of its own.
    branch: str | None
    valid_from: date
    #: The last day the price applies, or None: until another one starts.
    valid_until: date | None = None

    def __post_init__(self) -> None:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValidationError(
                "valid_until",
                f"{self.sku}: valid until {self.valid_until}, before it starts ({self.valid_from})",
                code="price_dates_reversed",
            )

    def applies(self, *, branch: str, currency: str, day: date) -> bool:
        return (
            self.price.currency.code == currency
            and self.branch in (None, branch)
            and self.valid_from <= day
            and (self.valid_until is None or day <= self.valid_until)
        )

    @property
    def reach(self) -> tuple[str, str, str | None, date]:
        """Rows with the same reach cannot both be the answer."""
        return (self.sku, self.price.currency.code, self.branch, self.valid_from)


def price_on(
    entries: Iterable[PriceEntry], *, branch: str, currency: str, day: date
) -> PriceEntry | None:
    """The price of the product (``entries`` are one SKU's rows) at ``branch`` on ``day``, or
    None when nothing applies: the product is not sold there then."""
    applying = [e for e in entries if e.applies(branch=branch, currency=currency, day=day)]
    if not applying:
        return None
    return max(applying, key=lambda e: (e.branch is not None, e.valid_from))


def clashes(entries: Iterable[PriceEntry]) -> list[tuple[PriceEntry, PriceEntry]]:
    """Pairs of rows with the same SKU, currency, branch and first day."""
    seen: dict[tuple[str, str, str | None, date], PriceEntry] = {}
    found = []
    for entry in entries:
        first = seen.setdefault(entry.reach, entry)
        if first is not entry:
            found.append((first, entry))
    return found
