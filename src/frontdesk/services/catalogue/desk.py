"""The catalogue's use cases at the desk: find a product by code or words, its price at a
branch on a day, and its card (price, stock less this desk's unsynced sales, literature,
what else its buyers bought). Everything reads the cache: the desk answers offline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from frontdesk.domain.catalogue.prices import price_on
from frontdesk.domain.catalogue.stock import BranchStock, branch_stock
from frontdesk.domain.money import UnitPrice
from frontdesk.services.catalogue.ports import (
    SEARCH_LIMIT,
    AbstractCatalogue,
    AlsoBought,
    CategoryNode,
    ProductCard,
    ProductRecord,
    ProductSummary,
    StockLine,
)

#: A stock figure older than this is shown marked as stale (``Settings.stock_stale_after``).
STOCK_STALE_AFTER = timedelta(hours=24)
ALSO_BOUGHT = 5


def summary(product: ProductRecord, language: str) -> ProductSummary:
    return ProductSummary(
        sku=product.sku,
        name=product.name_in(language),
        category=product.category,
        unit=product.unit,
        status=product.status,
    )


def find_by_code(catalogue: AbstractCatalogue, code: str) -> ProductRecord | None:
    """The product whose SKU or barcode is exactly ``code`` (a scanner's digits), or None."""
    return catalogue.product_by_code(code)


def search_products(
    catalogue: AbstractCatalogue,
    text: str,
    *,
    category: str | None = None,
    language: str = "en",
    limit: int = SEARCH_LIMIT,
) -> list[ProductSummary]:
    """An exact SKU or barcode first, then products by the words of their names and
    descriptions (typos and either script allowed), within ``category`` and its subtree."""
    skus = matching_skus(catalogue, text, category=category, limit=limit)
    return catalogue.summaries(skus, language=language)


def matching_skus(
    catalogue: AbstractCatalogue, text: str, *, category: str | None = None, limit: int
) -> list[str]:
    """``search_products``' answer as SKUs only (a list loads their lines as it scrolls)."""
    exact = catalogue.by_code(text.strip()) if text.strip() else None
    if exact is not None and category is not None:
        [product] = catalogue.products([exact]) or [None]
        inside = subtree(catalogue.categories(), category)
        exact = exact if product is not None and product.category_code in inside else None
    skus = [exact] if exact is not None else []
    skus += [s for s in catalogue.search(text, category=category, limit=limit) if s != exact]
    return skus[:limit]


def price_on_day(
    catalogue: AbstractCatalogue,
    sku: str,
    *,
    branch: str,
    day: date,
    currency: str | None = None,
    prefer: Sequence[str] = (),
) -> UnitPrice | None:
    """The product's price at ``branch`` on ``day`` (in ``currency``; by default in the
    first of ``prefer`` it is priced in, else its list price's currency, else any other),
    or None: not sold there then."""
    entries = catalogue.prices(sku)
    if currency is not None:
        wanted = [currency]
    else:
        listed = catalogue.products([sku])
        first = [*prefer, *([listed[0].list_price.currency.code] if listed else [])]
        wanted = [*dict.fromkeys(first), *sorted({e.price.currency.code for e in entries}
                                                 - set(first))]  # fmt: skip
    for code in wanted:
        entry = price_on(entries, branch=branch, currency=code, day=day)
        if entry is not None:
            return entry.price
    return None


def subtree(nodes: list[CategoryNode], code: str) -> list[str]:
    """``code`` and every category under it."""
    children: dict[str | None, list[str]] = {}
    for node in nodes:
        children.setdefault(node.parent, []).append(node.code)
    found, todo = [], [code]
    while todo:
        at = todo.pop()
        if at not in found:
            found.append(at)
            todo += children.get(at, [])
    return found


def category_path(nodes: list[CategoryNode], code: str | None, language: str) -> tuple[str, ...]:
    """The names from the top category down to ``code``'s."""
    by_code = {node.code: node for node in nodes}
    path: list[str] = []
    seen: set[str] = set()
    while code is not None and code in by_code and code not in seen:
        seen.add(code)
        path.append(by_code[code].name_in(language))
        code = by_code[code].parent
    return tuple(reversed(path))


def stock_lines(
    catalogue: AbstractCatalogue, sku: str, *, now: datetime, stale_after: timedelta
) -> tuple[StockLine, ...]:
    """The product's stock per branch less this desk's unsynced sales, most available first."""
    sold = catalogue.unsynced_sold(sku)
    rows = branch_stock(catalogue.stock(sku), unsynced_sold=sold, now=now, stale_after=stale_after)
    return tuple(_line(row, sold) for row in rows)


def _line(row: BranchStock, sold: dict) -> StockLine:
    return StockLine(
        branch=row.branch,
        available=row.available,
        on_hand=row.on_hand,
        reserved=row.reserved,
        unsynced=sold.get(row.branch, 0),
        incoming=row.incoming,
        incoming_on=row.incoming_on,
        as_of=row.as_of,
        stale=row.stale,
    )


def branch_available(catalogue: DeskCatalogue, sku: str, *, branch: str) -> Decimal | None:
    """What ``branch`` has to sell of ``sku`` less this desk's unsynced sales, or None: no
    figure for it there."""
    lines = stock_lines(catalogue.port, sku, now=catalogue.now(), stale_after=catalogue.stale_after)
    return next((line.available for line in lines if line.branch == branch), None)


class DeskCatalogue:
    """The catalogue as the window and the CLI use it: one object, the cache behind it.

    Args:
        catalogue: the cache's catalogue port.
        language: the desk's language ("en", "ru"): names and descriptions in it.
        currencies: the currencies this desk sells in, first the one it prefers (the
            till's); a product priced in none of them shows its list currency's price.
        stale_after: a stock figure older than this is marked.
        clock: now, aware UTC (the day is the desk's local day).
    """

    def __init__(
        self,
        catalogue: AbstractCatalogue,
        *,
        language: str = "en",
        currencies: Sequence[str] = (),
        stale_after: timedelta = STOCK_STALE_AFTER,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.port, self.language, self.currencies = catalogue, language, tuple(currencies)
        self.stale_after, self._clock = stale_after, clock

    def find_by_code(self, code: str) -> ProductRecord | None:
        return find_by_code(self.port, code)

    def search(self, text: str, *, category: str | None = None, limit: int = SEARCH_LIMIT):
        return search_products(
            self.port, text, category=category, language=self.language, limit=limit
        )

    def matching_skus(self, text: str, *, category: str | None = None, limit: int) -> list[str]:
        return matching_skus(self.port, text, category=category, limit=limit)

    def summaries(self, skus: list[str]) -> list[ProductSummary]:
        return self.port.summaries(skus, language=self.language)

    def categories(self) -> list[CategoryNode]:
        return self.port.categories()

    def branch(self) -> str | None:
        return self.port.desk_branch()

    def price(
        self,
        sku: str,
        *,
        day: date | None = None,
        branch: str | None = None,
        currency: str | None = None,
    ):
        """The desk's branch's price of ``sku`` on ``day`` (today), in ``currency`` if
        given (the till's basket), else the desk's currencies first; or None."""
        branch = branch or self.port.desk_branch()
        if branch is None:
            return None
        return price_on_day(
            self.port, sku, branch=branch, day=day or self._today(), prefer=self.currencies,
            currency=currency,
        )  # fmt: skip

    def card(self, sku_or_code: str) -> ProductCard | None:
        """The product card of a SKU or barcode, or None: no such product here."""
        found = self.port.products([sku_or_code]) or [self.find_by_code(sku_or_code)]
        product = found[0]
        return None if product is None else self._card(product)

    def _card(self, product: ProductRecord) -> ProductCard:
        now, branch, nodes = self._clock(), self.port.desk_branch(), self.port.categories()
        replacement = self.port.products([product.replacement_sku or ""])
        return ProductCard(
            product=product,
            language=self.language,
            name=product.name_in(self.language),
            description=product.description_in(self.language),
            category_path=category_path(nodes, product.category_code, self.language)
            or ((product.category,) if product.category else ()),
            branch=branch,
            day=self._today(),
            price=self.price(product.sku),
            stock=stock_lines(self.port, product.sku, now=now, stale_after=self.stale_after),
            also_bought=self._also_bought(product.sku),
            replacement=summary(replacement[0], self.language) if replacement else None,
        )

    def _also_bought(self, sku: str) -> tuple[AlsoBought, ...]:
        """The model's offers, named in the desk's language where the cache has the product."""
        offers = self.port.also_bought(sku, k=ALSO_BOUGHT)
        names = {s.sku: s.name for s in self.port.summaries([o.sku for o in offers],
                                                            language=self.language)}  # fmt: skip
        return tuple(replace(o, name=names.get(o.sku, o.name)) for o in offers)

    def now(self) -> datetime:
        return self._clock()

    def _today(self) -> date:
        return self._clock().astimezone().date()
