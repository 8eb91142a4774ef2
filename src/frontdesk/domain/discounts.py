"""Discounts on a purchase paid at the till, and the cashier's discount limit.

A discount is an amount (``5.00`` GBP off) or a percentage (``12.5`` % off) of the sale.
Rounding rule (as everywhere, see ``domain.money``): a percentage discount becomes a receipt
line rounded half-up to the currency's minor unit, once; the receipt's lines are then the
sale (+) and the discount (-), and its total is exactly their sum, never rounded again.

A cashier may give up to ``limit_percent`` of the sale alone; the most they may give is
itself a line, rounded like any other (``allowance``), so a percentage discount at exactly
the limit is always within it. Anything more needs a supervisor's approval, which the
server checks again with its own limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from frontdesk.domain.errors import MoneyError, ValidationError
from frontdesk.domain.money import Money, parse_decimal

#: A cashier alone may give up to this percentage of a sale (``FRONTDESK_TILL_DISCOUNT_LIMIT``).
DEFAULT_DISCOUNT_LIMIT = Decimal("10")
PERCENT_PLACES = 2
HUNDRED = Decimal(100)


class DiscountKind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"


class DiscountError(ValidationError):
    """A discount that cannot be given; ``field`` is ``discount``."""


@dataclass(frozen=True, slots=True)
class Discount:
    """A discount as typed (``kind``, ``value``) and the receipt line it makes (``amount``)."""

    kind: DiscountKind
    value: Decimal
    amount: Money

    def as_json(self, gross: Money) -> dict[str, str]:
        return {
            "kind": self.kind.value,
            "value": str(self.value),
            "amount": str(self.amount.amount),
            "gross": str(gross.amount),
        }


@dataclass(frozen=True, slots=True)
class DiscountOffer:
    """A discount as the cashier gives it (``10`` percent, ``2.50`` off), before it meets the
    sale: ``on`` checks it against the sale and makes its receipt line."""

    kind: DiscountKind
    value: Decimal

    def on(self, gross: Money) -> Discount | None:
        """The discount on a sale of ``gross`` (None if zero); ``DiscountError`` if wrong."""
        return parse_discount(self.value, self.kind, gross)


def offer(text: object, kind: str, gross: Money) -> DiscountOffer | None:
    """The discount typed for a sale of ``gross``, checked (see ``parse_discount``)."""
    given = parse_discount(text, kind, gross)
    return DiscountOffer(given.kind, given.value) if given else None


def discount_line(kind: DiscountKind, value: Decimal, gross: Money) -> Money:
    """The discount's receipt line: an amount as is, a percentage rounded half-up once."""
    if kind is DiscountKind.AMOUNT:
        return Money(value, gross.currency)
    share = gross.amount * value / HUNDRED
    return Money(share.quantize(gross.currency.quantum, rounding=ROUND_HALF_UP), gross.currency)


def parse_discount(text: object, kind: str, gross: Money) -> Discount | None:
    """The discount typed for a sale of ``gross``; None if nothing (or zero) was typed.

    Raises:
        DiscountError: negative, not a finite number, too many decimals, the whole sale
            or more.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        discount_kind = DiscountKind(kind)
    except ValueError:
        raise DiscountError("discount", f"must be an amount or a percent, got {kind!r}") from None
    value = _number(text)
    if value == 0:
        return None
    _check_places(value, discount_kind, gross)
    if discount_kind is DiscountKind.PERCENT and value > HUNDRED:
        raise DiscountError(
            "discount", f"cannot be more than 100%, got {value}%", code="over_100", value=value
        )
    if discount_kind is DiscountKind.AMOUNT and value > gross.amount:
        more = f"{value} {gross.currency.code} is more than the sale of {gross}"
        raise DiscountError(
            "discount", more, code="over_sale", value=f"{value} {gross.currency.code}", gross=gross
        )
    amount = discount_line(discount_kind, value, gross)
    if amount == gross:
        raise DiscountError(
            "discount", f"must leave something to pay (the sale is {gross})", code="whole_sale",
            gross=gross,
        )  # fmt: skip
    return Discount(discount_kind, value, amount)


def _number(text: object) -> Decimal:
    try:
        value = parse_decimal(text, what="discount")
    except MoneyError as error:
        raise DiscountError(
            "discount", str(error).removeprefix("discount ").strip(), code=error.code,
            **error.params,
        ) from None  # fmt: skip
    if value < 0:
        raise DiscountError(
            "discount", f"must not be negative, got {text!r}", code="negative", value=repr(text)
        )
    return value


def _check_places(value: Decimal, kind: DiscountKind, gross: Money) -> None:
    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    if kind is DiscountKind.PERCENT and places > PERCENT_PLACES:
        raise DiscountError(
            "discount", f"a percentage takes at most {PERCENT_PLACES} decimal places, got {value}",
            code="percent_places", places=PERCENT_PLACES, value=str(value),
        )  # fmt: skip
    if kind is DiscountKind.AMOUNT and places > gross.currency.minor_units:
        code, most = gross.currency.code, gross.currency.minor_units
        raise DiscountError(
            "discount", f"{code} takes at most {most} decimal places, got {value}",
            code="too_many_places", currency=code, places=most, value=str(value),
        )  # fmt: skip


def allowance(gross: Money, limit_percent: Decimal) -> Money:
    """The most a cashier may take off ``gross`` alone: the limit's line, rounded half-up."""
    return discount_line(DiscountKind.PERCENT, limit_percent, gross)


def over_limit(discount: Discount | None, gross: Money, limit_percent: Decimal) -> bool:
    """Whether ``discount`` needs a supervisor: more than the cashier's ``allowance``."""
    return discount is not None and discount.amount > allowance(gross, limit_percent)


def describe(discount: Discount) -> str:
    """``10%`` or ``5.00 GBP``: how the discount was given, for messages and receipts."""
    if discount.kind is DiscountKind.PERCENT:
        return f"{discount.value}%"
    return str(discount.amount)
