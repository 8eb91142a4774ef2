"""Money: a ``Decimal`` amount in an ISO 4217 currency, exact to the currency's minor unit.

Rounding rule (used everywhere an amount is derived, e.g. a line total from a unit price
and a quantity): ROUND_HALF_UP to the currency's minor unit, applied once per line.
Floats are refused outright: ``Money.of(0.1, "GBP")`` raises, so a binary fraction can never
leak into a stored amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from frontdesk.domain.currencies import MINOR_UNITS
from frontdesk.domain.errors import CurrencyMismatch, InvalidAmount, UnknownCurrency

#: Amounts are stored as signed 64-bit integers of minor units; anything at or beyond
#: 10^18 minor units is refused as too large rather than overflowing a column.
MAX_MINOR_UNITS = 10**18

#: Unit prices may be quoted this many digits below the minor unit (0.001 GBP a piece);
#: line totals are still rounded to the minor unit.
PRICE_EXTRA_DIGITS = 3


@dataclass(frozen=True, slots=True)
class Currency:
    """An ISO 4217 currency and the digits of its minor unit (JPY 0, GBP 2, KWD 3)."""

    code: str
    minor_units: int

    @classmethod
    def of(cls, code: str) -> Currency:
        found = _CURRENCIES.get(code) if isinstance(code, str) else None
        if found is not None:
            return found
        if not isinstance(code, str) or code.upper() not in MINOR_UNITS:
            raise UnknownCurrency(f"unknown currency code {code!r} (expected ISO 4217, e.g. GBP)")
        return _CURRENCIES.setdefault(code, cls(code.upper(), MINOR_UNITS[code.upper()]))

    @property
    def quantum(self) -> Decimal:
        return _quantum(self.minor_units)

    def __str__(self) -> str:
        return self.code


#: Currencies made so far, by the code as given: every amount read asks for its currency.
_CURRENCIES: dict[str, Currency] = {}


def parse_decimal(value: object, *, what: str = "amount") -> Decimal:
    """A finite ``Decimal`` from a string, int or Decimal; floats and junk are refused."""
    if isinstance(value, bool | float):
        raise InvalidAmount(
            f"{what} must be given as a decimal string, not a float ({value!r})",
            code="float_given",
            value=repr(value),
        )
    if isinstance(value, str):
        value = value.strip()
    try:
        number = Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidAmount(
            f"{what} {value!r} is not a number", code="not_a_number", value=repr(value)
        ) from None
    if not number.is_finite():
        raise InvalidAmount(
            f"{what} must be a finite number, got {value!r}", code="not_finite", value=repr(value)
        )
    return number


_QUANTA: dict[int, Decimal] = {}
_LIMITS: dict[int, Decimal] = {}


def _quantum(digits: int) -> Decimal:
    """10^-digits, made once per number of digits (every amount made asks for it)."""
    found = _QUANTA.get(digits)
    if found is None:
        found = _QUANTA[digits] = Decimal(1).scaleb(-digits)
    return found


def _check_magnitude(number: Decimal, digits: int, *, what: str) -> None:
    limit = _LIMITS.get(digits)
    if limit is None:
        limit = _LIMITS[digits] = Decimal(MAX_MINOR_UNITS).scaleb(-digits)
    if not -limit < number < limit:  # exactly |number| x 10^digits >= MAX_MINOR_UNITS
        raise InvalidAmount(f"{what} {number} is too large")


def _digits_after_point(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount of one currency. Arithmetic refuses to mix currencies."""

    amount: Decimal
    currency: Currency

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise InvalidAmount(f"amount must be a finite Decimal, got {self.amount!r}")
        _check_magnitude(self.amount, self.currency.minor_units, what="amount")
        exact = self.amount.quantize(_quantum(self.currency.minor_units))
        if exact != self.amount:  # more decimals than the minor unit, and not zeros
            raise InvalidAmount(
                f"{self.amount} has more decimals than {self.currency.code} allows "
                f"({self.currency.minor_units})"
            )
        object.__setattr__(self, "amount", exact)

    @classmethod
    def of(cls, amount: object, currency: str | Currency) -> Money:
        """Exact money from a decimal string, int or Decimal: ``Money.of("12.34", "GBP")``."""
        cur = currency if isinstance(currency, Currency) else Currency.of(currency)
        return cls(parse_decimal(amount), cur)

    @classmethod
    def rounded(cls, amount: Decimal, currency: str | Currency) -> Money:
        """Money from any finite Decimal, rounded half-up to the minor unit."""
        cur = currency if isinstance(currency, Currency) else Currency.of(currency)
        if not isinstance(amount, Decimal) or not amount.is_finite():
            raise InvalidAmount(f"amount must be a finite Decimal, got {amount!r}")
        _check_magnitude(amount, cur.minor_units, what="amount")
        return _exact(amount.quantize(cur.quantum, rounding=ROUND_HALF_UP), cur)

    @classmethod
    def zero(cls, currency: str | Currency) -> Money:
        return cls.of(0, currency)

    @classmethod
    def from_minor(cls, minor: int, currency: str | Currency) -> Money:
        """Money from integer minor units, as stored in the databases."""
        cur = currency if isinstance(currency, Currency) else Currency.of(currency)
        if isinstance(minor, bool) or not isinstance(minor, int):
            raise InvalidAmount(f"minor units must be an int, got {minor!r}")
        # An integer scaled down has exactly the minor unit's digits: nothing to quantize.
        return _exact(Decimal(minor).scaleb(-cur.minor_units), cur)

    @property
    def minor(self) -> int:
        """The amount in integer minor units (pence, yen, fils)."""
        return int(self.amount.scaleb(self.currency.minor_units))

    def _same(self, other: Money) -> Money:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} with {other.currency}")
        return other

    def __add__(self, other: Money) -> Money:
        return _exact(self.amount + self._same(other).amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        return _exact(self.amount - self._same(other).amount, self.currency)

    def __neg__(self) -> Money:
        return _exact(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        return self.amount < self._same(other).amount

    def __le__(self, other: Money) -> bool:
        return self.amount <= self._same(other).amount

    def __gt__(self, other: Money) -> bool:
        return self.amount > self._same(other).amount

    def __ge__(self, other: Money) -> bool:
        return self.amount >= self._same(other).amount

    def times(self, quantity: int | Decimal) -> Money:
        """This amount times a quantity, rounded half-up to the minor unit."""
        return Money.rounded(self.amount * Decimal(quantity), self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency.code}"


def _exact(amount: Decimal, currency: Currency) -> Money:
    """Money from an amount already at the minor unit (a sum, a difference or a rounding of
    amounts that are): only its size is left to check. Sums and roundings are the bulk of a
    basket's arithmetic, and ``Money.__post_init__``'s quantize is most of their cost."""
    _check_magnitude(amount, currency.minor_units, what="amount")
    money = object.__new__(Money)
    object.__setattr__(money, "amount", amount)
    object.__setattr__(money, "currency", currency)
    return money


@dataclass(frozen=True, slots=True)
class UnitPrice:
    """A price per unit, which may go up to ``PRICE_EXTRA_DIGITS`` below the minor unit."""

    amount: Decimal
    currency: Currency

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise InvalidAmount(f"unit price must be a finite Decimal, got {self.amount!r}")
        if self.amount < 0:
            raise InvalidAmount(f"unit price must not be negative, got {self.amount}")
        _check_magnitude(self.amount, self.scale(self.currency), what="unit price")
        # Written with no more decimals than the scale: no trailing zeros to strip first.
        if -self.amount.as_tuple().exponent <= self.scale(self.currency):  # type: ignore[operator]
            return
        if _digits_after_point(self.amount) > self.scale(self.currency):
            raise InvalidAmount(
                f"unit price {self.amount} has more than {self.scale(self.currency)} decimals"
            )

    @staticmethod
    def scale(currency: Currency) -> int:
        return currency.minor_units + PRICE_EXTRA_DIGITS

    @classmethod
    def of(cls, amount: object, currency: str | Currency) -> UnitPrice:
        cur = currency if isinstance(currency, Currency) else Currency.of(currency)
        return cls(parse_decimal(amount, what="unit price"), cur)

    @classmethod
    def from_scaled(cls, scaled: int, currency: str | Currency) -> UnitPrice:
        """From the integer stored in the databases (units of 10^-scale)."""
        cur = currency if isinstance(currency, Currency) else Currency.of(currency)
        return cls(Decimal(scaled).scaleb(-cls.scale(cur)), cur)

    @property
    def scaled(self) -> int:
        """The integer stored in the databases: the price in units of 10^-scale."""
        return int(self.amount.scaleb(self.scale(self.currency)))

    def line_total(self, quantity: int) -> Money:
        """Quantity times this price, rounded half-up to the currency's minor unit."""
        return Money.rounded(self.amount * quantity, self.currency)

    @property
    def text(self) -> str:
        """The amount as people write it: the currency's decimals, more only where the
        price has them (``38.99``, ``12.00``, ``0.0125``)."""
        digits = max(self.currency.minor_units, _digits_after_point(self.amount.normalize()))
        return f"{self.amount:.{digits}f}"

    def __str__(self) -> str:
        return f"{self.amount.normalize():f} {self.currency.code}"
