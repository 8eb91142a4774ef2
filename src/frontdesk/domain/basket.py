"""A till's basket: its lines, their discounts, the totals as the receipt prints them, and what
a return of part of a line pays back.

Rounding rule (the receipt's): a line's gross is quantity x unit price rounded half-up to the
currency's minor unit; its own discount comes off that; the basket's discount is then shared
among the lines in proportion to what is left of each, in whole minor units, the units left
over by rounding going to the lines with the largest remainders (ties: the earlier line).
So every printed figure is in minor units, the lines' nets add up to the amount due exactly,
and a line returned whole pays back exactly its net.

A partial return pays back the net's share for the quantity, rounded half-up; the return that
brings a line's returned quantity to what was sold pays back exactly what is left of its net,
so the returns of a line never add up to more or less than it was sold for (a partial return
never pays back more than is left).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import Money, UnitPrice

#: Units counted in whole pieces (``protocol.catalogue.UnitName``); the rest are measured.
COUNTED_UNITS = frozenset({"piece"})
MAX_LINES = 500


@dataclass(frozen=True, slots=True)
class BasketLine:
    """One product on the basket: how much, at what price, less its own discount."""

    line_no: int
    sku: str
    description: str
    unit: str
    quantity: Decimal
    unit_price: UnitPrice
    discount: Money
    # Made once: every total, net and share of the basket starts from each line's gross.
    _gross: Money = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_quantity(self.quantity, unit=self.unit, field=f"lines[{self.line_no}].quantity")
        if self.discount.currency != self.unit_price.currency:
            raise ValidationError(f"lines[{self.line_no}].discount", "in another currency")
        gross = Money.rounded(self.unit_price.amount * self.quantity, self.unit_price.currency)
        if self.discount.amount < 0 or self.discount.amount > gross.amount:
            raise ValidationError(
                f"lines[{self.line_no}].discount",
                f"{self.discount.amount} is not between 0 and the line's {gross.amount}",
            )
        object.__setattr__(self, "_gross", gross)

    @property
    def gross(self) -> Money:
        return self._gross

    @property
    def total(self) -> Money:
        return self._gross - self.discount


def check_quantity(quantity: Decimal, *, unit: str, field: str) -> None:
    """More than zero, at most three decimals, whole for a counted unit."""
    if not quantity.is_finite() or quantity <= 0:
        raise ValidationError(field, f"must be more than 0, got {quantity}")
    if quantity != quantity.quantize(Decimal("0.001")):
        raise ValidationError(field, f"{quantity} has more than 3 decimals")
    if unit in COUNTED_UNITS and quantity != quantity.to_integral_value():
        raise ValidationError(field, f"sold by the piece: {quantity} is not a whole number")


def share(totals: list[Money], discount: Money) -> list[Money]:
    """``discount`` split over ``totals`` in proportion, in whole minor units, adding up to it
    exactly (largest remainder; ties to the earlier line)."""
    if not totals:
        return []
    currency = discount.currency
    whole = sum((t.minor for t in totals), 0)
    if discount.minor > whole or discount.minor < 0:
        raise ValidationError("discount", f"{discount.amount} is more than the basket's total")
    if whole == 0:
        return [Money.zero(currency) for _ in totals]
    exact = [Decimal(t.minor) * discount.minor / whole for t in totals]
    floors = [int(x.to_integral_value(rounding=ROUND_FLOOR)) for x in exact]
    left = discount.minor - sum(floors)
    order = sorted(range(len(totals)), key=lambda n: (-(exact[n] - floors[n]), n))
    for n in order[:left]:
        floors[n] += 1
    return [Money.from_minor(minor, currency) for minor in floors]


def nets(lines: list[BasketLine], basket_discount: Money) -> list[Money]:
    """What each line comes to after its own and its share of the basket's discount."""
    totals = [line.total for line in lines]
    return [t - s for t, s in zip(totals, share(totals, basket_discount), strict=True)]


@dataclass(frozen=True, slots=True)
class BasketTotals:
    gross: Money  # the lines' gross, before any discount
    line_discounts: Money
    basket_discount: Money
    amount: Money  # what the customer pays: the sum of the nets


def totals(
    lines: list[BasketLine], basket_discount: Money, *, line_nets: list[Money] | None = None
) -> BasketTotals:
    """The basket's totals; ``line_nets``: ``nets(lines, basket_discount)`` if the caller has
    them already (a big basket's nets cost as much as the rest of a scan)."""
    currency = basket_discount.currency
    gross = sum((line.gross for line in lines), Money.zero(currency))
    line_discounts = sum((line.discount for line in lines), Money.zero(currency))
    if line_nets is None:
        line_nets = nets(lines, basket_discount)
    amount = sum(line_nets, Money.zero(currency))
    return BasketTotals(gross, line_discounts, basket_discount, amount)


def refund_for(
    net: Money, *, sold: Decimal, returned: Decimal, returned_amount: Money, quantity: Decimal
) -> Money:
    """What returning ``quantity`` of a line sold as ``sold`` for ``net`` pays back, when
    ``returned`` of it came back already for ``returned_amount``."""
    if quantity <= 0 or returned + quantity > sold:
        raise ValidationError(
            "quantity", f"{quantity} is more than the {sold - returned} left of the {sold} sold"
        )
    left = net - returned_amount
    if returned + quantity == sold:
        return left
    # Never past what is left: tiny nets over many pieces round each piece up.
    return min(Money.rounded(net.amount * quantity / sold, net.currency), left, key=_minor)


def _minor(money: Money) -> int:
    return money.minor
