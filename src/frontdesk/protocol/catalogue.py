"""The catalogue on the wire: what the back office sends in, and what desks pull.

In (``frontdesk-server import products|prices|stock``, ``PUT /api/v1/stock``; back-office
role): products with names and descriptions per language, barcodes, a category, attributes,
a unit, a status; category trees; price rows per currency, branch and validity; stock
figures per branch and warehouse with the moment each was true.

Pull: desks get every product, category and price (a desk sells and answers about the whole
catalogue) and the stock of every branch (a customer asks "where do you have it?"), each row
once per change. Every text and list is bounded: a feed cannot make the server store
unbounded input.

Quantities are decimal strings (weights and lengths: three decimals at most), prices decimal
strings in the row's currency, never JSON numbers.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, Field, field_validator, model_validator

from frontdesk.domain.catalogue.barcodes import parse_barcode
from frontdesk.domain.errors import ValidationError
from frontdesk.protocol.wire import CurrencyCode, DecimalText, Text, WireModel

LanguageCode = Literal["en", "ru"]
ProductStatusName = Literal["active", "discontinued"]
#: Units of sale: pieces are counted, the rest are measured (a quantity with decimals).
UnitName = Literal["piece", "pack", "kg", "g", "l", "m"]
SkuText = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]+$")]
CategoryCode = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,63}$")]
QuantityText = Annotated[
    str, Field(pattern=r"^[0-9]{1,12}(\.[0-9]{1,3})?$", description="a non-negative decimal string")
]


def _checked_barcode(value: str) -> str:
    try:
        return parse_barcode(value).code
    except ValidationError as error:
        raise ValueError(error.message) from None


#: A barcode with its check digit verified, in its canonical form (UPC-A as 13 digits).
BarcodeText = Annotated[
    str, Field(pattern=r"^[0-9]{8}$|^[0-9]{12,14}$"), AfterValidator(_checked_barcode)
]
MAX_BARCODES = 20
MAX_ATTRIBUTES = 40
MAX_LITERATURE = 40
#: A thumbnail is for a list and a card, not a photo: a few dozen kilobytes of PNG/JPEG/WebP.
MAX_THUMBNAIL_BYTES = 64 * 1024
MAX_STOCK_ROWS = 100_000


class LiteratureLink(WireModel):
    """A product sheet, manual or leaflet: a knowledge-base article or document, or a URL."""

    title: Text(200, min_length=1)
    article_id: Text(64) | None = None
    url: Annotated[str, Field(max_length=2000, pattern=r"^https://")] | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> LiteratureLink:
        if (self.article_id is None) == (self.url is None):
            raise ValueError("a literature link is an article or an https URL, one of them")
        return self


class ProductIn(WireModel):
    """A product as the ERP exports it; the SKU is its key (a re-import updates it)."""

    sku: SkuText
    names: dict[LanguageCode, Text(300, min_length=1)] = Field(min_length=1)
    descriptions: dict[LanguageCode, Text(20_000)] = Field(default_factory=dict)
    category: CategoryCode | None = None
    attributes: dict[Text(60, min_length=1), Text(200)] = Field(
        default_factory=dict, max_length=MAX_ATTRIBUTES
    )
    unit: UnitName = "piece"
    barcodes: list[BarcodeText] = Field(default_factory=list, max_length=MAX_BARCODES)
    status: ProductStatusName = "active"
    replacement_sku: SkuText | None = None
    thumbnail: Annotated[str, Field(max_length=MAX_THUMBNAIL_BYTES * 4 // 3 + 4)] | None = Field(
        default=None, description="standard base64 of a PNG, JPEG or WebP image"
    )
    literature: list[LiteratureLink] = Field(default_factory=list, max_length=MAX_LITERATURE)

    @field_validator("barcodes")
    @classmethod
    def _distinct(cls, codes: list[str]) -> list[str]:
        if len(set(codes)) != len(codes):
            raise ValueError("a barcode is listed twice")
        return codes

    @model_validator(mode="after")
    def _replacement(self) -> ProductIn:
        if self.replacement_sku is not None and self.status != "discontinued":
            raise ValueError("only a discontinued product has a replacement")
        if self.replacement_sku == self.sku:
            raise ValueError("a product cannot replace itself")
        return self


class CategoryIn(WireModel):
    """A node of the category tree; ``parent`` None at the top."""

    code: CategoryCode
    parent: CategoryCode | None = None
    names: dict[LanguageCode, Text(200, min_length=1)] = Field(min_length=1)


class PriceIn(WireModel):
    """A price row: ``branch`` None applies to every branch without its own price."""

    sku: SkuText
    currency: CurrencyCode
    unit_price: DecimalText
    branch: Text(100, min_length=1) | None = None
    valid_from: date
    valid_until: date | None = Field(default=None, description="the last day, inclusive")

    @model_validator(mode="after")
    def _dates(self) -> PriceIn:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self


class StockRowIn(WireModel):
    """One product at one warehouse of one branch, true at ``as_of``."""

    sku: SkuText
    branch: Text(100, min_length=1)
    warehouse: Text(100, min_length=1)
    on_hand: QuantityText
    reserved: QuantityText = "0"
    incoming: QuantityText = "0"
    incoming_on: date | None = None
    as_of: AwareDatetime


class StockBatch(WireModel):
    """``PUT /api/v1/stock``: figures replacing those of the same (sku, branch, warehouse),
    unless the stored one is newer (a late batch never rolls stock back)."""

    rows: list[StockRowIn] = Field(min_length=1, max_length=MAX_STOCK_ROWS)


class ImportRowProblem(WireModel):
    """A row an import or a batch refused, by its place and field; the others are kept."""

    row: int = Field(description="1-based: the file's line, or the batch's item")
    field: str
    message: str


class ImportResult(WireModel):
    created: int
    updated: int
    unchanged: int
    stale: int = Field(default=0, description="stock rows left because the stored figure is newer")
    refused: list[ImportRowProblem]


class StockResult(WireModel):
    """The answer to ``PUT /api/v1/stock``: every row applied, unchanged (equal to what is
    stored), stale (the stored figure is newer: left) or refused (by item)."""

    applied: int
    unchanged: int
    stale: int
    refused: list[ImportRowProblem]


# --------------------------------------------------------------------------- pull


class CategoryPublic(WireModel):
    code: str
    parent: str | None
    names: dict[str, str]
    seq: int


class PricePublic(WireModel):
    id: str
    sku: str
    currency: str
    unit_price: str = Field(description="decimal string, in `currency`")
    branch: str | None
    valid_from: date
    valid_until: date | None
    #: A withdrawn row (the ERP dropped it): the desk deletes it.
    withdrawn: bool = False
    seq: int


class StockPublic(WireModel):
    sku: str
    branch: str
    warehouse: str
    on_hand: str
    reserved: str
    incoming: str
    incoming_on: date | None
    as_of: datetime
    seq: int
