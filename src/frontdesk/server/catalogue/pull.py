"""The catalogue's part of a pull page (server/pull.py cuts the page): a product's barcodes
read for the whole page in one query, stock quantities as decimal text."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.server.catalogue.models import ProductBarcode
from frontdesk.server.catalogue.stock import quantity_text

Row = dict[str, Any]


def with_barcodes(session: Session, products: list[Row]) -> list[Row]:
    """``products`` with each one's barcodes (canonical, sorted), read in one query."""
    if not products:
        return products
    codes: dict[str, list[str]] = defaultdict(list)
    skus = [product["sku"] for product in products]
    query = (
        select(ProductBarcode.sku, ProductBarcode.code)
        .where(ProductBarcode.sku.in_(skus))
        .order_by(ProductBarcode.sku, ProductBarcode.code)
    )
    for sku, code in session.execute(query):
        codes[sku].append(code)
    for product in products:
        product["barcodes"] = codes.get(product["sku"], [])
    return products


def stock_row(row: Row) -> Row:
    for name in ("on_hand", "reserved", "incoming"):
        row[name] = quantity_text(row[name])
    return row
