from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.currencies import MINOR_UNITS
from frontdesk.domain.errors import CurrencyMismatch, InvalidAmount, UnknownCurrency
from frontdesk.domain.money import Currency, Money, UnitPrice


@pytest.mark.parametrize(("code", "digits"), [("JPY", 0), ("GBP", 2), ("KWD", 3), ("CLF", 4)])
def test_minor_units_follow_iso_4217(code, digits):
    assert Currency.of(code).minor_units == digits


def test_currency_code_is_case_insensitive_and_unknown_codes_are_refused():
    assert Currency.of("gbp") == Currency.of("GBP")
    with pytest.raises(UnknownCurrency, match="'XYZ'"):
        Currency.of("XYZ")


@pytest.mark.parametrize(
    "bad", ["abc", "", "NaN", "Infinity", "-Infinity", "1e309x", None, [], "1,5"]
)
def test_non_numbers_are_refused_with_the_value_in_the_message(bad):
    with pytest.raises(InvalidAmount):
        Money.of(bad, "GBP")


def test_floats_are_refused_even_when_exact():
    with pytest.raises(InvalidAmount, match="float"):
        Money.of(0.5, "GBP")


def test_more_decimals_than_the_currency_allows_is_refused():
    with pytest.raises(InvalidAmount, match="more decimals than JPY"):
        Money.of("1.5", "JPY")
    assert Money.of("1.500", "GBP").amount == Decimal("1.50")
    assert Money.of("1.234", "KWD").minor == 1234


@pytest.mark.parametrize("huge", ["1e309", "-1e309", "1e16", "99999999999999999999"])
def test_amounts_too_large_for_storage_are_refused_clearly(huge):
    with pytest.raises(InvalidAmount, match="too large"):
        Money.of(huge, "GBP")
    with pytest.raises(InvalidAmount, match="too large"):
        Money.rounded(Decimal(huge), "GBP")


def test_huge_exponents_are_finite_but_still_checked():
    assert Money.of("1e3", "JPY").minor == 1000
    with pytest.raises(InvalidAmount):
        Money.of("1e-309", "GBP")


def test_mixing_currencies_is_refused():
    with pytest.raises(CurrencyMismatch, match="GBP with EUR"):
        Money.of(1, "GBP") + Money.of(1, "EUR")
    with pytest.raises(CurrencyMismatch):
        _ = Money.of(1, "GBP") < Money.of(2, "EUR")


def test_times_rounds_half_up_to_the_minor_unit():
    assert Money.of("0.05", "GBP").times(Decimal("0.5")).amount == Decimal("0.03")
    assert Money.of("0.05", "GBP").times(Decimal("-0.5")).amount == Decimal("-0.03")
    assert Money.of("3", "JPY").times(Decimal("0.5")).amount == Decimal("2")


def test_unit_price_allows_fractions_of_the_minor_unit_and_rounds_line_totals():
    price = UnitPrice.of("0.001", "GBP")
    assert price.scaled == 100  # units of 10^-5 GBP
    assert price.line_total(12) == Money.of("0.01", "GBP")
    assert price.line_total(4) == Money.of("0.00", "GBP")
    assert price.line_total(5) == Money.of("0.01", "GBP")
    with pytest.raises(InvalidAmount, match="more than 5 decimals"):
        UnitPrice.of("0.000001", "GBP")
    with pytest.raises(InvalidAmount, match="negative"):
        UnitPrice.of("-1", "GBP")


currencies = st.sampled_from(sorted(MINOR_UNITS))


@st.composite
def money(draw, currency=None):
    cur = Currency.of(currency or draw(currencies))
    minor = draw(st.integers(min_value=-(10**15), max_value=10**15))
    return Money.from_minor(minor, cur)


@given(st.data())
def test_addition_is_exact_associative_and_commutative(data):
    code = data.draw(currencies)
    a, b, c = (data.draw(money(code)) for _ in range(3))
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a
    assert (a + b).minor == a.minor + b.minor
    assert a - a == Money.zero(code)
    negated = -a
    assert -negated == a


@given(money())
def test_minor_units_round_trip(m):
    assert Money.from_minor(m.minor, m.currency) == m
    assert Money.of(str(m.amount), m.currency) == m


@given(
    st.sampled_from(sorted(MINOR_UNITS)),
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=-1000, max_value=1000).filter(bool),
)
def test_line_total_is_the_half_up_rounding_of_the_exact_product(code, scaled, quantity):
    price = UnitPrice.from_scaled(scaled, code)
    total = price.line_total(quantity)
    exact = price.amount * quantity
    assert abs(total.amount - exact) <= price.currency.quantum / 2
    # half-up: a tie goes away from zero
    remainder = abs(exact) - abs(total.amount)
    assert (
        remainder < price.currency.quantum / 2
        or remainder == 0
        or (remainder == price.currency.quantum / 2 and abs(total.amount) > abs(exact))
    )
    assert price.line_total(-quantity) == -total
