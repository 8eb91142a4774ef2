"""The cache's catalogue tables (revision 0028_catalogue); the products themselves are
``tables.CachedProduct``, which that revision widened with the card's fields.

Money and quantities are integers: a price in units of 10^-(minor units +
PRICE_EXTRA_DIGITS) of its currency (``UnitPrice.scaled``), a quantity in thousandths
(``QUANTITY_SCALE``; the wire allows three decimals). Dates are ISO text, as SQLite keeps them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.adapters.cache.tables import Base

#: Stock quantities are stored in thousandths (three decimals: grams of a kilogram).
QUANTITY_SCALE = 1_000


class CachedBarcode(Base):
    """A scanned code's product: one point read by primary key (``parse_barcode``'s form)."""

    __tablename__ = "product_barcodes"
    code: Mapped[str] = mapped_column(String(14), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), index=True)


class CachedCategory(Base):
    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    parent: Mapped[str | None] = mapped_column(String(64), index=True)
    names: Mapped[dict[str, str]] = mapped_column(JSON)
    seq: Mapped[int] = mapped_column(BigInteger)


class CachedPrice(Base):
    """A price row; ``branch`` None applies to every branch without its own."""

    __tablename__ = "prices"
    __table_args__ = (Index("ix_prices_sku", "sku", "currency", "valid_from"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    branch: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    seq: Mapped[int] = mapped_column(BigInteger)


class CachedStock(Base):
    """One product at one warehouse of one branch, true at ``as_of``."""

    __tablename__ = "stock"
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    branch: Mapped[str] = mapped_column(String(100), primary_key=True)
    warehouse: Mapped[str] = mapped_column(String(100), primary_key=True)
    on_hand_milli: Mapped[int] = mapped_column(BigInteger)
    reserved_milli: Mapped[int] = mapped_column(BigInteger)
    incoming_milli: Mapped[int] = mapped_column(BigInteger)
    incoming_on: Mapped[date | None] = mapped_column(Date)
    as_of: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)


def literature_rows(value: Any) -> list[dict[str, Any]]:
    """The stored literature list (JSON), whatever an old row holds."""
    return value if isinstance(value, list) else []
