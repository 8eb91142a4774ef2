"""The input of training: purchases, and the errors of the cross-sell package."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime


class CrossSellError(ValueError):
    """Bad input to training, scoring or loading a model; the message says what and where."""


@dataclass(frozen=True, slots=True)
class Purchase:
    """One product bought by one customer at one moment.

    Attributes:
        customer: the customer's key (any stable string).
        product: the product's key (SKU).
        at: when it was bought; a naive datetime is taken as UTC.
        category: the product's category, "" when unknown.
    """

    customer: str
    product: str
    at: datetime
    category: str = ""


def checked(purchases: Iterable[Purchase | tuple], *, what: str = "purchase") -> Iterator[Purchase]:
    """Yield each purchase as a `Purchase`, raising `CrossSellError` on the first bad one.

    Tuples are accepted as (customer, product, at) or (customer, product, at, category).
    """
    for number, item in enumerate(purchases, start=1):
        yield _one(item, number=number, what=what)


def _one(item: Purchase | tuple, *, number: int, what: str) -> Purchase:
    if not isinstance(item, Purchase):
        if not isinstance(item, tuple) or len(item) not in (3, 4):
            raise CrossSellError(
                f"{what} #{number}: expected a Purchase or a (customer, product, at[, category])"
                f" tuple, got {item!r}"
            )
        item = Purchase(*item)
    _check_fields(item, number=number, what=what)
    return item


def _check_fields(item: Purchase, *, number: int, what: str) -> None:
    for field in ("customer", "product", "category"):
        value = getattr(item, field)
        if not isinstance(value, str):
            raise CrossSellError(f"{what} #{number}: {field} must be a string, got {value!r}")
    if not item.customer or not item.product:
        raise CrossSellError(f"{what} #{number}: customer and product must not be empty")
    if not isinstance(item.at, datetime):
        raise CrossSellError(f"{what} #{number}: 'at' must be a datetime, got {item.at!r}")


def epoch_seconds(at: datetime) -> float:
    """Seconds since the epoch, a naive datetime taken as UTC."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).timestamp()
