"""The port the catalogue's use cases read through, and the records it hands back.

Everything is read from the desk's cache, so it answers offline. Prices are ``UnitPrice``
(a price per unit may go below the currency's minor unit), quantities ``Decimal``.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from frontdesk.domain.catalogue.prices import PriceEntry
from frontdesk.domain.catalogue.stock import StockFigure
from frontdesk.domain.money import UnitPrice

#: A search's page: a screenful or two; the product list pages on from a new query.
SEARCH_LIMIT = 100


@dataclass(frozen=True, slots=True)
class Literature:
    """A product sheet: a knowledge-base article (``article_id``) or an https ``url``."""

    title: str
    url: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """A product as the cache holds it, every language's texts."""

    sku: str
    name: str
    names: Mapping[str, str]
    descriptions: Mapping[str, str]
    category_code: str | None
    category: str
    attributes: Mapping[str, str]
    unit: str
    status: str
    replacement_sku: str | None
    barcodes: tuple[str, ...]
    list_price: UnitPrice
    thumbnail: bytes | None = None
    literature: tuple[Literature, ...] = ()

    def name_in(self, language: str) -> str:
        """The name in ``language``, else English, else any, else the list name."""
        return _in(self.names, language) or self.name

    def description_in(self, language: str) -> str:
        return _in(self.descriptions, language)


def _in(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


@dataclass(frozen=True, slots=True)
class ProductSummary:
    """One line of a product list (name in the desk's language)."""

    sku: str
    name: str
    category: str
    unit: str
    status: str


@dataclass(frozen=True, slots=True)
class CategoryNode:
    code: str
    parent: str | None
    names: Mapping[str, str] = field(default_factory=dict)

    def name_in(self, language: str) -> str:
        return _in(self.names, language) or self.code


@dataclass(frozen=True, slots=True)
class AlsoBought:
    """A product customers who bought this one also bought (the cross-sell model's)."""

    sku: str
    name: str
    customers: int
    confidence: float | None


class AbstractCatalogue(abc.ABC):
    """What the catalogue's use cases read from the cache (reader sessions: no locks)."""

    @abc.abstractmethod
    def by_code(self, code: str) -> str | None:
        """The SKU whose SKU or barcode is exactly ``code`` (a point read), or None."""

    def product_by_code(self, code: str) -> ProductRecord | None:
        """The product whose SKU or barcode is exactly ``code``, or None."""
        sku = self.by_code(code)
        found = self.products([sku]) if sku is not None else []
        return found[0] if found else None

    @abc.abstractmethod
    def search(self, text: str, *, category: str | None, limit: int) -> list[str]:
        """SKUs matching ``text`` (words, typos, either script), best first; ``category``
        includes its subtree."""

    @abc.abstractmethod
    def products(self, skus: list[str]) -> list[ProductRecord]:
        """These products, in the order asked (one missing is left out)."""

    @abc.abstractmethod
    def summaries(self, skus: list[str], *, language: str) -> list[ProductSummary]:
        """These products' list lines (name and category in ``language``, else English),
        in the order asked; light enough for a search's every answer."""

    @abc.abstractmethod
    def prices(self, sku: str) -> list[PriceEntry]:
        """The product's price rows, every branch and currency."""

    @abc.abstractmethod
    def stock(self, sku: str) -> list[StockFigure]:
        """The product's stock figures at every branch and warehouse."""

    @abc.abstractmethod
    def categories(self) -> list[CategoryNode]:
        """The whole category tree."""

    @abc.abstractmethod
    def unsynced_sold(self, sku: str) -> dict[str, Decimal]:
        """Per branch, how much of the product this desk sold and has not yet pushed."""

    @abc.abstractmethod
    def also_bought(self, sku: str, *, k: int) -> list[AlsoBought]:
        """Up to ``k`` products often bought with this one; [] without a model."""

    @abc.abstractmethod
    def desk_branch(self) -> str | None:
        """The branch this desk sells from (its user's, as the server last said)."""


@dataclass(frozen=True, slots=True)
class StockLine:
    """One branch on the card: what is there to sell, incoming, and how old the figure is."""

    branch: str
    available: Decimal
    on_hand: Decimal
    reserved: Decimal
    unsynced: Decimal
    incoming: Decimal
    incoming_on: date | None
    as_of: datetime
    stale: bool


@dataclass(frozen=True, slots=True)
class ProductCard:
    """What the product card shows, in the desk's language."""

    product: ProductRecord
    language: str
    name: str
    description: str
    category_path: tuple[str, ...]
    branch: str | None
    day: date
    price: UnitPrice | None
    stock: tuple[StockLine, ...]
    also_bought: tuple[AlsoBought, ...]
    replacement: ProductSummary | None = None
