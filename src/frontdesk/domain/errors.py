"""Domain errors: each says exactly what is wrong with which value."""


class DomainError(ValueError):
    """Base class of every validation error the domain raises."""


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

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
