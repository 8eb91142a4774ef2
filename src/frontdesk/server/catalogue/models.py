"""The catalogue's tables besides ``products`` (server/models.py): categories, barcodes,
prices and stock. Every row a desk pulls carries ``change_seq`` like the other replicated
rows; a barcode travels inside its product's row and changes the product's ``change_seq``.

Quantities are integers in thousandths (``*_milli``): a unit of sale is counted or measured
to three decimals at most (``QuantityText``), and an integer keeps the set-based stock
update plain SQL on both databases, as the money columns are.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, Boolean, Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.server.model_base import Base

#: Thousandths per unit in the ``*_milli`` quantity columns.
QUANTITY_SCALE = 1000


class Category(Base):
    """A node of the category tree (``parent`` None at the top). The parent is checked by
    the import (it exists, no cycle), not by a foreign key: a tree arrives in any order."""

    __tablename__ = "categories"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    parent: Mapped[str | None] = mapped_column(String(64), default=None)
    #: Language code -> name.
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class ProductBarcode(Base):
    """A barcode in its canonical form (``parse_barcode``): one code, one product."""

    __tablename__ = "product_barcodes"
    code: Mapped[str] = mapped_column(String(14), primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), index=True)


class Price(Base):
    """A price row. Its id is a UUID5 of its reach (sku, currency, branch, first day): the
    reach is unique, a company-wide row (branch NULL) included, and a re-import of the
    same reach updates the row instead of adding one."""

    __tablename__ = "prices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    #: Like ``products.unit_price_scaled``: units of 10^-(minor units + PRICE_EXTRA_DIGITS).
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    branch: Mapped[str | None] = mapped_column(String(100), default=None)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class Stock(Base):
    """One product at one warehouse of one branch, true at ``as_of``."""

    __tablename__ = "stock"
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), primary_key=True)
    branch: Mapped[str] = mapped_column(String(100), primary_key=True)
    warehouse: Mapped[str] = mapped_column(String(100), primary_key=True)
    on_hand_milli: Mapped[int] = mapped_column(BigInteger)
    reserved_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    incoming_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    incoming_on: Mapped[date | None] = mapped_column(Date, default=None)
    as_of: Mapped[datetime]
    change_seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_stock_change_seq", "change_seq"),)
