"""Money, counts and dates as the agent reads them: exact digits, the locale's separators."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.ui.formatting import (
    format_count,
    format_date,
    format_decimal,
    format_money,
    format_unit_price,
)

EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
RU = QLocale(QLocale.Language.Russian, QLocale.Country.Russia)
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "currency", "locale", "text"),
    [
        ("1234567.50", "GBP", EN, "1,234,567.50 GBP"),
        ("1234567.50", "RUB", RU, f"1{NBSP}234{NBSP}567,50 RUB"),
        ("-3.39", "GBP", EN, "-3.39 GBP"),
        ("0", "GBP", EN, "0.00 GBP"),
        ("1500", "JPY", EN, "1,500 JPY"),
        ("12.345", "KWD", EN, "12.345 KWD"),
        ("0.07", "EUR", RU, "0,07 EUR"),
    ],
)
def test_money_keeps_its_minor_units_and_the_locale_separators(
    amount: str, currency: str, locale: QLocale, text: str
) -> None:
    assert format_money(Money.of(amount, currency), locale) == text


def test_amounts_beyond_double_precision_stay_exact() -> None:
    # 2**53 + 1 cannot be represented as a float; a float detour would print ...992.
    money = Money.of("9007199254740993.01", "GBP")
    assert format_money(money, EN) == "9,007,199,254,740,993.01 GBP"
    huge = Decimal("123456789012345678901234567890.12")
    assert format_decimal(huge, places=2, locale=EN) == "123456789012345678901234567890.12"


def test_unit_price_shows_sub_minor_digits_only_when_present() -> None:
    assert format_unit_price(UnitPrice.of("1.695", "GBP"), EN) == "1.695 GBP"
    assert format_unit_price(UnitPrice.of("2.5", "GBP"), EN) == "2.50 GBP"
    assert format_unit_price(UnitPrice.of("3490", "RUB"), RU) == f"3{NBSP}490,00 RUB"


def test_counts_are_grouped() -> None:
    assert format_count(541909, EN) == "541,909"
    assert format_count(-12, EN) == "-12"


def test_dates_use_a_four_digit_year_and_the_c_locale_gets_iso() -> None:
    moment = datetime(2011, 12, 9, 12, 50, tzinfo=UTC)
    assert "2011" in format_date(moment, EN)
    assert "2011" in format_date(moment, RU)
    assert format_date(moment, QLocale.c()) == moment.astimezone().strftime("%Y-%m-%d")
    assert format_date(None, EN) == ""
