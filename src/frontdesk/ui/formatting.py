"""Locale-aware display of money, quantities and dates, without ever going through float.

``QLocale.toCurrencyString`` takes a double, so money is formatted by hand: the integer part
is grouped by ``QLocale`` (an exact integer), the fraction is the Decimal's own digits, and the
locale supplies the decimal point and the minus sign. The ISO code follows the number, which
stays unambiguous when one customer has bought in several currencies.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Context, Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from frontdesk.domain.money import Money, UnitPrice

_INT64_MAX = 2**63 - 1


def group_integer(value: int, locale: QLocale) -> str:
    """A non-negative integer with the locale's digit grouping (``1,234,567``)."""
    if value > _INT64_MAX:  # beyond what QLocale accepts; plain digits are still exact
        return str(value)
    return locale.toString(value)


def _fixed_point(amount: Decimal, places: int) -> str:
    # A context wide enough for every digit: the default 28 digits would round big amounts.
    context = Context(prec=max(28, amount.adjusted() + places + 2))
    return f"{amount.quantize(Decimal(1).scaleb(-places), context=context):f}"


def format_decimal(amount: Decimal, *, places: int, locale: QLocale | None = None) -> str:
    """An exact decimal with ``places`` digits after the point, grouped per the locale."""
    loc = locale or QLocale()
    text = _fixed_point(amount.copy_abs(), places)
    whole, _, fraction = text.partition(".")
    grouped = group_integer(int(whole), loc)
    body = f"{grouped}{loc.decimalPoint()}{fraction}" if fraction else grouped
    return f"{loc.negativeSign()}{body}" if amount < 0 else body


def format_money(money: Money, locale: QLocale | None = None) -> str:
    """``1,234.50 GBP`` (en) or ``1 234,50 GBP`` (ru): exact, to the currency's minor unit."""
    number = format_decimal(money.amount, places=money.currency.minor_units, locale=locale)
    return f"{number} {money.currency.code}"


def format_unit_price(price: UnitPrice, locale: QLocale | None = None) -> str:
    """A unit price with at least the currency's minor digits, more only if the price has them."""
    exponent = price.amount.normalize().as_tuple().exponent
    digits = max(price.currency.minor_units, -exponent if isinstance(exponent, int) else 0)
    number = format_decimal(price.amount, places=digits, locale=locale)
    return f"{number} {price.currency.code}"


def format_count(value: int, locale: QLocale | None = None) -> str:
    loc = locale or QLocale()
    grouped = group_integer(abs(value), loc)
    return f"{loc.negativeSign()}{grouped}" if value < 0 else grouped


def to_local_qdatetime(moment: datetime) -> QDateTime:
    """An aware (UTC) datetime as a QDateTime in the workstation's time zone."""
    local = moment.astimezone() if moment.tzinfo else moment
    return QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
    )


def _four_digit_year(pattern: str) -> str:
    # Short formats often use a two-digit year; a purchase history spans decades.
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def date_pattern(locale: QLocale) -> str:
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd"
    return _four_digit_year(locale.dateFormat(QLocale.FormatType.ShortFormat))


def datetime_pattern(locale: QLocale) -> str:
    if locale.language() == QLocale.Language.C:
        return "yyyy-MM-dd HH:mm"
    return f"{date_pattern(locale)} {locale.timeFormat(QLocale.FormatType.ShortFormat)}"


def format_datetime(moment: datetime | None, locale: QLocale | None = None) -> str:
    """Date and time in the workstation's zone, short locale format with a four-digit year."""
    if moment is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(to_local_qdatetime(moment), datetime_pattern(loc))


def format_date(moment: datetime | None, locale: QLocale | None = None) -> str:
    if moment is None:
        return ""
    loc = locale or QLocale()
    return loc.toString(to_local_qdatetime(moment).date(), date_pattern(loc))
