"""The catalogue part of a pulled page: products' barcodes, categories, prices and stock.

Every list is upserted by its key and a row never goes back to an older version (``seq``),
so a page applied twice, or an older page committing after a newer one, changes nothing. A
product's barcodes are replaced whole, with the product, when its row is newer than the
stored one; a code that moved to another product follows the product applied last. A
withdrawn price row is deleted. Money becomes integers here (``UnitPrice.scaled``), stock
quantities thousandths, each checked: a bad figure is a ProtocolError naming its row.

A bulk load (``index=False``) leaves the search index behind; ``rebuild_product_index``
builds it once at the load's end, as the customer lookup's is.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.catalogue.search import (
    clear_product_index,
    refresh_products,
    reindex_categories,
)
from frontdesk.adapters.cache.catalogue.tables import (
    QUANTITY_SCALE,
    CachedBarcode,
    CachedCategory,
    CachedPrice,
    CachedStock,
)
from frontdesk.adapters.cache.tables import CachedProduct
from frontdesk.domain.catalogue.stock import check_quantity
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import UnitPrice
from frontdesk.protocol import ProductPublic, PullPage
from frontdesk.protocol.catalogue import CategoryPublic, PricePublic, StockPublic
from frontdesk.services.errors import ProtocolError

Row = dict[str, Any]


def apply_pulled_catalogue(
    session: Session, page: PullPage, product_rows: list[Row], *, index: bool = True
) -> None:
    """Apply the page's products (``product_rows``: their ``product_row`` forms, checked),
    categories, prices and stock (the caller commits)."""
    newer = _newer_products(session, page.products)
    _upsert(session, CachedProduct, product_rows)
    _replace_barcodes(session, newer)
    _upsert(session, CachedCategory, [category_row(c) for c in page.categories])
    _apply_prices(session, page.prices)
    _upsert(session, CachedStock, [stock_row(s) for s in page.stock])
    if index:
        connection = session.connection()
        reindex_categories(connection, [c.code for c in page.categories])
        refresh_products(connection, [p.sku for p in newer])


def clear_catalogue(session: Session) -> None:
    for model in (CachedBarcode, CachedCategory, CachedPrice, CachedStock):
        session.execute(delete(model))
    clear_product_index(session.connection())


def _newer_products(session: Session, products: list[ProductPublic]) -> list[ProductPublic]:
    if not products:
        return []
    query = select(CachedProduct.sku, CachedProduct.seq).where(
        CachedProduct.sku.in_([p.sku for p in products])
    )
    stored = {sku: seq for sku, seq in session.execute(query).all()}
    return [p for p in products if p.seq >= stored.get(p.sku, p.seq)]


def _replace_barcodes(session: Session, products: list[ProductPublic]) -> None:
    if not products:
        return
    session.execute(delete(CachedBarcode).where(CachedBarcode.sku.in_([p.sku for p in products])))
    rows = [{"code": code, "sku": p.sku} for p in products for code in p.barcodes]
    if rows:
        session.execute(insert(CachedBarcode).on_conflict_do_update(
            index_elements=["code"], set_={"sku": insert(CachedBarcode).excluded.sku}
        ), rows)  # fmt: skip


def _apply_prices(session: Session, prices: list[PricePublic]) -> None:
    withdrawn = [p.id for p in prices if p.withdrawn]
    if withdrawn:
        session.execute(delete(CachedPrice).where(CachedPrice.id.in_(withdrawn)))
    _upsert(session, CachedPrice, [price_row(p) for p in prices if not p.withdrawn])


def _upsert(session: Session, model: Any, rows: list[Row]) -> None:
    """Insert or update by primary key, never back to an older ``seq``."""
    if not rows:
        return
    table = model.__table__
    stmt = insert(table)
    keys = [c.name for c in table.primary_key]
    updates = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=keys, set_=updates, where=stmt.excluded.seq >= table.c.seq
        ),
        rows,
    )


def category_row(category: CategoryPublic) -> Row:
    return {
        "code": category.code,
        "parent": category.parent,
        "names": dict(category.names),
        "seq": category.seq,
    }


def price_row(price: PricePublic) -> Row:
    try:
        scaled = UnitPrice.of(price.unit_price, price.currency).scaled
    except DomainError as error:
        raise ProtocolError(f"price {price.id} of {price.sku}: {error}") from error
    return {
        "id": price.id,
        "sku": price.sku,
        "currency": price.currency,
        "branch": price.branch,
        "valid_from": price.valid_from,
        "valid_until": price.valid_until,
        "unit_price_scaled": scaled,
        "seq": price.seq,
    }


def stock_row(stock: StockPublic) -> Row:
    what = f"stock of {stock.sku} at {stock.branch}/{stock.warehouse}"
    if stock.as_of.tzinfo is None:
        raise ProtocolError(f"{what}: as_of carries no time zone")
    return {
        "sku": stock.sku,
        "branch": stock.branch,
        "warehouse": stock.warehouse,
        "on_hand_milli": _milli(what, "on_hand", stock.on_hand),
        "reserved_milli": _milli(what, "reserved", stock.reserved),
        "incoming_milli": _milli(what, "incoming", stock.incoming),
        "incoming_on": stock.incoming_on,
        "as_of": stock.as_of,
        "seq": stock.seq,
    }


def _milli(what: str, field: str, text: str) -> int:
    try:
        value = check_quantity(Decimal(text), field=field)
    except (DomainError, ArithmeticError) as error:
        raise ProtocolError(f"{what}: {field} {text!r} is not a quantity") from error
    return int(value * QUANTITY_SCALE)
