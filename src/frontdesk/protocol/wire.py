"""What every wire schema shares: the base model, inbound text, identifiers, money as text.

Money travels as a decimal *string* plus an ISO 4217 code, never as a JSON number, so no
float ever touches an amount. Datetimes are ISO 8601 with a UTC offset.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Currency, Money

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
#: Decimal text as the desk writes it (``str(Decimal)`` of an amount exact to its minor unit);
#: ASCII digits only: a regex ``\d`` would take any script's digits, which ``Decimal`` reads.
_DECIMAL = r"^[0-9]{1,18}(\.[0-9]{1,4})?$"
_SIGNED_DECIMAL = r"^-?[0-9]{1,18}(\.[0-9]{1,4})?$"


class WireModel(BaseModel):
    """A schema on the wire: unknown fields are refused, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text anywhere (None: it can)."""
    # PostgreSQL text cannot hold NUL, and a lone surrogate is not UTF-8 at all: refuse both
    # at the door (a 4xx naming the field), never in the database (a 500 for the batch).
    if "\x00" in value:
        return "must not contain NUL characters"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "must not contain lone surrogates (not valid Unicode)"
    return None


def _storable(value: str) -> str:
    problem = text_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


#: Free text a request carries into the database.
InboundText = Annotated[str, AfterValidator(_storable)]


def Text(max_length: int, *, min_length: int = 0) -> Any:
    """Inbound text of bounded length."""
    # The bounds go on the str itself, checked before the text check (and named as text).
    return Annotated[
        str, Field(min_length=min_length, max_length=max_length), AfterValidator(_storable)
    ]


UuidText = Annotated[str, Field(pattern=UUID_PATTERN)]
CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", description="ISO 4217")]
DecimalText = Annotated[
    str, Field(pattern=_DECIMAL, description="a non-negative decimal string, e.g. 12.50")
]
SignedDecimalText = Annotated[
    str, Field(pattern=_SIGNED_DECIMAL, description="a decimal string, e.g. -0.50")
]


def _instant(value: str) -> str:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("not an ISO 8601 timestamp") from None
    if parsed.tzinfo is None:
        raise ValueError("must carry a UTC offset")
    return value


#: A timestamp kept as the text it came in (the till journal hashes the text itself).
InstantText = Annotated[
    str, Field(max_length=40, description="ISO 8601 with a UTC offset"), AfterValidator(_instant)
]


def money_of(amount: str, currency: str, *, field: str) -> Money:
    """``amount`` in ``currency``, exact to its minor unit; ValueError naming ``field``."""
    try:
        return Money(Decimal(amount), Currency.of(currency))
    except DomainError as error:
        raise ValueError(f"{field}: {error}") from None
