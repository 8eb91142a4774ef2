"""Discounts at the till: typed input refused with its reason, one half-up line, the limit."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.discounts import (
    DiscountError,
    DiscountKind,
    allowance,
    discount_line,
    over_limit,
    parse_discount,
)
from frontdesk.domain.money import Currency, Money

GBP, JPY, KWD = Currency.of("GBP"), Currency.of("JPY"), Currency.of("KWD")


@pytest.mark.parametrize(
    ("text", "kind", "says"),
    [
        ("-1", "amount", "must not be negative"),
        ("-0.5", "percent", "must not be negative"),
        ("NaN", "percent", "must be a finite number"),
        ("Infinity", "amount", "must be a finite number"),
        ("1e309", "amount", "is more than the sale of 40.00 GBP"),
        ("1e309", "percent", "cannot be more than 100%"),
        ("1.234", "amount", "GBP takes at most 2 decimal places"),
        ("12.345", "percent", "a percentage takes at most 2 decimal places"),
        ("40.01", "amount", "is more than the sale of 40.00 GBP"),
        ("40", "amount", "must leave something to pay"),
        ("100", "percent", "must leave something to pay"),
        ("100.5", "percent", "cannot be more than 100%"),
        ("ten", "percent", "'ten' is not a number"),
        ("5", "coupon", "must be an amount or a percent"),
    ],
)
def test_bad_discounts_are_refused_naming_the_field(text: str, kind: str, says: str) -> None:
    with pytest.raises(DiscountError) as caught:
        parse_discount(text, kind, Money.of("40.00", "GBP"))
    assert caught.value.field == "discount" and says in caught.value.message


@pytest.mark.parametrize("text", ["", "  ", "0", "0.00"])
def test_nothing_or_zero_is_no_discount(text: str) -> None:
    assert parse_discount(text, "percent", Money.of("40", "GBP")) is None


def test_a_percentage_becomes_one_line_rounded_half_up() -> None:
    gross = Money.of("9.99", "GBP")
    assert parse_discount("12.5", "percent", gross).amount == Money.of("1.25", "GBP")  # 1.24875
    assert discount_line(DiscountKind.PERCENT, Decimal("5"), Money.of("0.10", "GBP")) == Money.of(
        "0.01", "GBP"
    )  # 0.005 rounds up
    assert parse_discount("2.50", "amount", gross).amount == Money.of("2.50", "GBP")


def test_the_limit_is_itself_a_rounded_line() -> None:
    gross = Money.of("0.05", "GBP")
    assert allowance(gross, Decimal("10")) == Money.of("0.01", "GBP")  # 0.005 -> 0.01
    at_limit = parse_discount("10", "percent", gross)
    assert not over_limit(at_limit, gross, Decimal("10"))
    assert over_limit(parse_discount("0.02", "amount", gross), gross, Decimal("10"))
    assert not over_limit(None, gross, Decimal("0"))


currencies = st.sampled_from([GBP, JPY, KWD])
percents = st.integers(min_value=1, max_value=9_999).map(lambda n: Decimal(n).scaleb(-2))


@given(currency=currencies, minor=st.integers(min_value=1, max_value=10**12), pct=percents)
def test_the_receipt_total_is_the_sum_of_its_lines(currency, minor: int, pct: Decimal) -> None:
    gross = Money.from_minor(minor, currency)
    try:
        discount = parse_discount(str(pct), "percent", gross)
    except DiscountError as error:  # only when the rounded line would take the whole sale
        assert "leave something" in error.message
        return
    assert discount is not None
    expected = (gross.amount * pct / 100).quantize(currency.quantum, rounding=ROUND_HALF_UP)
    assert discount.amount.amount == expected  # rounded once, half-up, at line level
    paid = gross - discount.amount
    assert paid + discount.amount == gross and paid.amount > 0  # the lines sum to the total
    assert max(_digits(paid), _digits(discount.amount)) <= currency.minor_units


def _digits(money: Money) -> int:
    exponent = money.amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@given(minor=st.integers(min_value=1, max_value=10**9), limit=percents, pct=percents)
def test_a_percentage_within_the_limit_never_needs_a_supervisor(
    minor: int, limit: Decimal, pct: Decimal
) -> None:
    gross = Money.from_minor(minor, GBP)
    try:
        discount = parse_discount(str(pct), "percent", gross)
    except DiscountError:
        return
    assert over_limit(discount, gross, limit) == (discount.amount > allowance(gross, limit))
    if pct <= limit:
        assert not over_limit(discount, gross, limit)
