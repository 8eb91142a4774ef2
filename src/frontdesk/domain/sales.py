"""Purchases (sales and returns) and payments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from frontdesk.domain.errors import CurrencyMismatch, ValidationError
from frontdesk.domain.money import Currency, Money, UnitPrice
from frontdesk.domain.till import Tender


@dataclass(frozen=True, slots=True)
class PurchaseLine:
    """One product line. Quantity is positive on a sale and negative on a return."""

    sku: str
    description: str
    quantity: int
    unit_price: UnitPrice

    def __post_init__(self) -> None:
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int):
            raise ValidationError("quantity", f"must be a whole number, got {self.quantity!r}")
        if self.quantity == 0:
            raise ValidationError("quantity", "must not be zero")

    @property
    def total(self) -> Money:
        """Quantity times unit price, rounded half-up to the minor unit."""
        return self.unit_price.line_total(self.quantity)


@dataclass(frozen=True, slots=True)
class Purchase:
    """A sale or a return: a header and its lines, in one currency.

    A return has negative quantities and may name the purchase it returns
    (``original_number``); its total is negative.
    """

    id: str
    number: str
    purchased_at: datetime
    currency: Currency
    lines: tuple[PurchaseLine, ...]
    customer_id: str | None = None  # None: a walk-in sale
    branch: str = ""
    is_return: bool = False
    original_number: str | None = None

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise ValidationError("number", "must not be empty")
        if not self.lines:
            raise ValidationError("lines", f"purchase {self.number} has no lines")
        for line in self.lines:
            if line.unit_price.currency != self.currency:
                raise CurrencyMismatch(
                    f"line {line.sku} is in {line.unit_price.currency}, purchase in {self.currency}"
                )
            if (line.quantity < 0) != self.is_return:
                kind = "return" if self.is_return else "sale"
                raise ValidationError(
                    "quantity", f"line {line.sku} has the wrong sign for a {kind}"
                )

    @property
    def total(self) -> Money:
        """The sum of the line totals: always exactly what the lines add up to."""
        return sum((line.total for line in self.lines), Money.zero(self.currency))


@dataclass(frozen=True, slots=True)
class Payment:
    """Money received from a customer (or a walk-in) by one tender."""

    id: str
    amount: Money
    tender: Tender
    taken_at: datetime
    customer_id: str | None = None
    purchase_id: str | None = None

    def __post_init__(self) -> None:
        if self.amount.amount <= 0:
            raise ValidationError("amount", f"must be positive, got {self.amount}")
