"""Prices for a phone order from the products the cache holds (their list price).

Until the catalogue's branch price lists are in this cache, a product's list entry
(``products.unit_price_scaled``) is the price a phone order quotes.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.tables import CachedProduct
from frontdesk.domain.money import UnitPrice
from frontdesk.services.orders.ports import AbstractPriceBook, PricedProduct


class CachedProductPriceBook(AbstractPriceBook):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def priced(self, sku: str, *, branch: str, day: date) -> PricedProduct | None:
        with self._sessions() as session:
            row = session.get(CachedProduct, sku)
            return None if row is None else _priced(row)

    def find(self, text: str, *, branch: str, day: date, limit: int = 20) -> list[PricedProduct]:
        words = text.strip()
        if not words:
            return []
        like = f"%{words}%"
        query = (
            select(CachedProduct)
            .where(or_(CachedProduct.sku == words, CachedProduct.name.ilike(like)))
            .order_by(CachedProduct.sku != words, CachedProduct.name)
            .limit(limit)
        )
        with self._sessions() as session:
            return [_priced(row) for row in session.scalars(query)]


def _priced(row: CachedProduct) -> PricedProduct:
    price = UnitPrice.from_scaled(row.unit_price_scaled, row.currency)
    return PricedProduct(sku=row.sku, name=row.name, unit_price=price)
