"""Domain errors: each says exactly what is wrong with which value.

The message is English, for the CLI and logs; ``code`` and ``params`` (plain values) let a
user interface say the same in its own language. An error without a code is shown as is.
"""


class DomainError(ValueError):
    """Base class of every validation error the domain raises."""

    def __init__(self, *args: object, code: str = "", **params: object) -> None:
        super().__init__(*args)
        self.code, self.params = code, params


class MoneyError(DomainError):
    """An amount or currency that cannot be money."""


class UnknownCurrency(MoneyError):
    """A code that is not an active ISO 4217 currency."""


class CurrencyMismatch(MoneyError):
    """Arithmetic or comparison across two currencies."""


class InvalidAmount(MoneyError):
    """A non-numeric, non-finite, float, or over-precise amount."""


class ValidationError(DomainError):
    """An entity field that breaks its rule. ``field`` names the field."""

    def __init__(self, field: str, message: str, *, code: str = "", **params: object) -> None:
        super().__init__(f"{field}: {message}", code=code, **params)
        self.field = field
        self.message = message
