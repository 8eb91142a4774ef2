"""One row of the UCI Online Retail CSV, parsed and validated through the domain.

The domain classes decide what is valid (``UnitPrice``, ``PurchaseLine``, ``Product``,
``Purchase``); this module only names the reason a row was refused, so the import report
can count bad rows by reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from zoneinfo import ZoneInfo

from frontdesk.domain.catalogue import Product
from frontdesk.domain.errors import DomainError, ValidationError
from frontdesk.domain.money import Currency, UnitPrice
from frontdesk.domain.sales import Purchase, PurchaseLine

COLUMNS = (
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
)
GBP = Currency.of("GBP")
MAX_KEY = 64  # purchase numbers and account numbers (column widths)
MAX_BRANCH = 100
#: Entries per value cache (see below): enough for the values that recur nearby in a
#: date-ordered file, small enough that memory does not grow with the file.
CACHE_SIZE = 4_096
#: The retailer is in the UK: invoice times are London wall-clock times.
LOCAL_TIME = ZoneInfo("Europe/London")

# Reasons a row is refused, as the report prints them.
WRONG_COLUMNS = "wrong number of columns"
BAD_INVOICE = "missing or over-long invoice number"
BAD_SKU = "missing or over-long stock code"
BAD_QUANTITY = "unparseable quantity"
ZERO_QUANTITY = "zero quantity"
NEGATIVE_SALE = "negative quantity on a sale"
POSITIVE_RETURN = "positive quantity on a cancellation"
BAD_PRICE = "unparseable unit price"
NEGATIVE_PRICE = "negative unit price"
PRECISE_PRICE = "unit price with too many decimals"
BAD_DATE = "unparseable invoice date"
BAD_CUSTOMER = "unparseable customer id"
LONG_DESCRIPTION = "over-long description"
LONG_COUNTRY = "over-long country"
OTHER_CUSTOMER = "customer differs from the rest of its invoice"


class BadRow(ValueError):
    """A row the import refuses; ``reason`` is one of the reason constants above."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RetailRow:
    """A valid row: one line of invoice ``invoice``."""

    invoice: str
    line: PurchaseLine
    price_scaled: int
    total_minor: int
    at: datetime
    account: str | None
    country: str

    @property
    def is_return(self) -> bool:
        return self.invoice.startswith("C")


def parse_row(fields: list[str]) -> RetailRow:
    """A ``RetailRow`` from the CSV fields, or ``BadRow`` naming what is wrong."""
    if len(fields) != len(COLUMNS):
        raise BadRow(WRONG_COLUMNS)
    invoice, sku, description, quantity, date, price, customer, country = fields
    invoice, sku, description, country = (f.strip() for f in (invoice, sku, description, country))
    if not invoice or len(invoice) > MAX_KEY:
        raise BadRow(BAD_INVOICE)
    if len(country) > MAX_BRANCH:
        raise BadRow(LONG_COUNTRY)
    unit_price = _unit_price(price)
    _check_product_fields(sku, description)
    line = _line(sku, description, _quantity(quantity), unit_price)
    at = _invoice_time(date)
    if not _sign_allowed(is_return=invoice.startswith("C"), positive=line.quantity > 0):
        raise BadRow(POSITIVE_RETURN if invoice.startswith("C") else NEGATIVE_SALE)
    totals = _line_amounts(unit_price, line.quantity)
    return RetailRow(invoice, line, *totals, at, _account(customer), country)


def _quantity(raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise BadRow(BAD_QUANTITY) from None


# A few thousand distinct prices, quantities, dates, customers and products recur across
# half a million rows. The domain's answers depend only on these values and its objects
# are immutable, so bounded caches keep the domain as the judge while saving most of the
# Decimal and dataclass work of an import.
@lru_cache(maxsize=CACHE_SIZE)
def _unit_price(raw: str) -> UnitPrice:
    try:
        return UnitPrice.of(raw, GBP)
    except DomainError:
        raise BadRow(_price_reason(raw)) from None


def _price_reason(raw: str) -> str:
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        return BAD_PRICE
    if not value.is_finite():
        return BAD_PRICE
    return NEGATIVE_PRICE if value < 0 else PRECISE_PRICE


@lru_cache(maxsize=CACHE_SIZE)
def _line_amounts(price: UnitPrice, quantity: int) -> tuple[int, int]:
    """(the unit price as stored, the line total in minor units)."""
    return price.scaled, price.line_total(quantity).minor


@lru_cache(maxsize=CACHE_SIZE)
def _check_product_fields(sku: str, description: str) -> None:
    try:
        Product(sku=sku, name=description, category="", unit_price=UnitPrice.of(0, GBP))
    except ValidationError as error:
        raise BadRow(BAD_SKU if error.field == "sku" else LONG_DESCRIPTION) from None


def _line(sku: str, description: str, quantity: int, price: UnitPrice) -> PurchaseLine:
    try:
        return PurchaseLine(sku=sku, description=description, quantity=quantity, unit_price=price)
    except ValidationError:
        raise BadRow(ZERO_QUANTITY) from None


@lru_cache(maxsize=4)
def _sign_allowed(*, is_return: bool, positive: bool) -> bool:
    """The domain's rule for a line's sign on a sale or a return (it depends on nothing else)."""
    line = PurchaseLine(
        sku="-", description="", quantity=1 if positive else -1, unit_price=UnitPrice.of(0, GBP)
    )
    try:
        Purchase(
            id="-",
            number="-",
            purchased_at=datetime.now(UTC),
            currency=GBP,
            lines=(line,),
            is_return=is_return,
        )
    except ValidationError:
        return False
    return True


@lru_cache(maxsize=CACHE_SIZE)
def _invoice_time(raw: str) -> datetime:
    try:
        local = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise BadRow(BAD_DATE) from None
    if local.tzinfo is None:
        local = local.replace(tzinfo=LOCAL_TIME)
    return local.astimezone(UTC)


@lru_cache(maxsize=CACHE_SIZE)
def _account(raw: str) -> str | None:
    """``"17850.0"`` -> ``"17850"``; empty -> None (a walk-in sale)."""
    raw = raw.strip()
    if not raw:
        return None
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise BadRow(BAD_CUSTOMER) from None
    if not number.is_finite() or number <= 0 or number.adjusted() >= MAX_KEY:
        raise BadRow(BAD_CUSTOMER)
    if number != number.to_integral_value():
        raise BadRow(BAD_CUSTOMER)
    return str(int(number))
