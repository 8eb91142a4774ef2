"""A phone order's products and prices from the desk's catalogue: a SKU or a scanned
barcode (``DeskCatalogue.find_by_code``), or words of a name (``search``), priced from the
branch's price list on the day (``DeskCatalogue.price``, the desk's currency first). A product
not sold at the branch that day has no price and cannot go on an order."""

from __future__ import annotations

from datetime import date

from frontdesk.services.catalogue.desk import DeskCatalogue, branch_available
from frontdesk.services.orders.ports import AbstractPriceBook, PricedProduct


class CataloguePriceBook(AbstractPriceBook):
    def __init__(self, catalogue: DeskCatalogue) -> None:
        self._catalogue = catalogue

    def priced(self, sku: str, *, branch: str, day: date) -> PricedProduct | None:
        product = self._catalogue.find_by_code(sku.strip())
        if product is None:
            return None
        return self._priced(product.sku, product.name_in(self._catalogue.language),
                            branch=branch, day=day, unit=product.unit)  # fmt: skip

    def find(self, text: str, *, branch: str, day: date, limit: int = 20) -> list[PricedProduct]:
        exact = self.priced(text, branch=branch, day=day) if text.strip() else None
        if exact is not None:
            return [exact]
        found = []
        for summary in self._catalogue.search(text, limit=limit):
            priced = self._priced(summary.sku, summary.name, branch=branch, day=day,
                                  unit=summary.unit)  # fmt: skip
            if priced is not None:
                found.append(priced)
        return found

    def _priced(
        self, sku: str, name: str, *, branch: str, day: date, unit: str
    ) -> PricedProduct | None:
        price = self._catalogue.price(sku, day=day, branch=branch)
        if price is None:
            return None
        available = branch_available(self._catalogue, sku, branch=branch)
        return PricedProduct(sku=sku, name=name, unit_price=price, available=available,
                             unit=unit)  # fmt: skip
