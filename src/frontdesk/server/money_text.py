"""Stored money as the wire's decimal text, by integer arithmetic: what a pull page and the
orders' answers write for thousands of rows without a ``Decimal`` per row."""

from __future__ import annotations

from functools import cache, lru_cache

from frontdesk.domain.money import PRICE_EXTRA_DIGITS, Currency


@cache
def _minor_units(currency: str) -> int:
    return Currency.of(currency).minor_units


#: Prices and totals repeat across a page's lines (a few hundred products): memoised, as
#: pure functions of their integers, the text of each is worked out once per process.
_MEMO = 1 << 16


@lru_cache(maxsize=_MEMO)
def money_text(minor: int, currency: str) -> str:
    """Stored minor units as a decimal string with the currency's digits: 1234 GBP -> '12.34'."""
    return _fixed_point(minor, _minor_units(currency))


@lru_cache(maxsize=_MEMO)
def price_text(scaled: int, currency: str) -> str:
    """A stored unit price as a decimal string: trailing zeros past the minor unit dropped."""
    minor_units = _minor_units(currency)
    text = _fixed_point(scaled, minor_units + PRICE_EXTRA_DIGITS)
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0").ljust(minor_units, "0")
    return f"{whole}.{fraction}" if fraction else whole


def _fixed_point(value: int, digits: int) -> str:
    """``value`` times 10^-digits written out, by integer arithmetic (no Decimal per row)."""
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10**digits)
    return f"{sign}{whole}.{fraction:0{digits}d}" if digits else f"{sign}{whole}"
