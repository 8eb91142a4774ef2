"""The local cache's tables (SQLAlchemy 2 typed ORM): a replica of the central data.

Money is integer: ``*_minor`` in the currency's minor unit, ``unit_price_scaled`` in units
of 10^-(minor units + PRICE_EXTRA_DIGITS), exactly like the server. No REAL column anywhere.

The replica has no foreign keys from purchases to customers or products: the server sends
each row with the sequence number of its *last* change, so a purchase can arrive a page
before the customer who was edited after buying. The server keeps that integrity; lines
do reference their purchase, because they always travel together.

``name_fold``, ``emails_fold`` and ``phone_digits`` are derived search columns, rewritten on
every upsert (casefolded text; phone digits space-separated with a space at each end so an
exact number is ``LIKE '% 447911123456 %'``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes stored as naive UTC text (SQLite keeps no zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utc_text(value: datetime | None) -> str | None:
    """A datetime as ``UTCDateTime`` stores it: naive UTC in SQLAlchemy's text form, always
    with microseconds (queries compare these strings), for rows sent to the driver as is."""
    if value is None:
        return None
    offset = value.utcoffset()
    if offset is None:
        raise ValueError(f"naive datetime {value!r}: pass an aware UTC datetime")
    if offset != _NO_OFFSET:
        value = value.astimezone(UTC)
    # The aware form with its "+00:00" cut off: a year always has four digits here.
    return value.isoformat(" ", "microseconds")[:26]


_NO_OFFSET = timedelta(0)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


class CachedCustomer(Base):
    __tablename__ = "customers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_number: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    phones: Mapped[list[str]] = mapped_column(JSON)
    emails: Mapped[list[str]] = mapped_column(JSON)
    loyalty_card: Mapped[str | None] = mapped_column(String(19), index=True)
    branch: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)
    name_fold: Mapped[str] = mapped_column(String(200), index=True)
    emails_fold: Mapped[str] = mapped_column(Text)
    phone_digits: Mapped[str] = mapped_column(Text)

    @property
    def display_name(self) -> str:
        return self.full_name.strip() or f"Account {self.account_number}"


class CachedProduct(Base):
    __tablename__ = "products"
    __table_args__ = (Index("ix_products_category", "category"),)  # cache revision 0008
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(100))
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    seq: Mapped[int] = mapped_column(BigInteger)
    # The product card (cache revision 0028_catalogue): names and descriptions by language,
    # the category tree's code, attributes, unit, status, replacement, thumbnail (the image's
    # bytes) and literature links ({title, article_id, url} each).
    names: Mapped[dict[str, str]] = mapped_column(JSON, server_default="{}")
    descriptions: Mapped[dict[str, str]] = mapped_column(JSON, server_default="{}")
    category_code: Mapped[str | None] = mapped_column(String(64))
    attributes: Mapped[dict[str, str]] = mapped_column(JSON, server_default="{}")
    unit: Mapped[str] = mapped_column(String(8), server_default="piece")
    status: Mapped[str] = mapped_column(String(12), server_default="active")
    replacement_sku: Mapped[str | None] = mapped_column(String(64))
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)
    literature: Mapped[list[dict[str, str | None]]] = mapped_column(JSON, server_default="[]")


class CachedPurchase(Base):
    __tablename__ = "purchases"
    # One customer's history by date (cache revision 0008_history); their spend and sales
    # per currency read from the index alone (cache revision 0015_timeline).
    __table_args__ = (
        # With the id (cache revision 0016_history_order): a customer's ids by date from the
        # index alone.
        Index("ix_purchases_customer_date", "customer_id", "purchased_at", "id"),
        Index("ix_purchases_customer_spend", "customer_id", "currency", "is_return", "total_minor"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(64), index=True)
    customer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    purchased_at: Mapped[datetime] = mapped_column(index=True)
    branch: Mapped[str] = mapped_column(String(100))
    currency: Mapped[str] = mapped_column(String(3))
    is_return: Mapped[bool] = mapped_column(Boolean)
    original_number: Mapped[str | None] = mapped_column(String(64))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    seq: Mapped[int] = mapped_column(BigInteger)
    # Items on the receipt (returned items counted too), stored when the purchase is applied
    # with its lines (cache revision 0016_history_order): the history shows and sorts by it
    # without grouping every line of the cache.
    item_count: Mapped[int] = mapped_column(Integer, server_default="0")


class CachedPurchaseLine(Base):
    __tablename__ = "purchase_lines"
    purchase_id: Mapped[str] = mapped_column(
        ForeignKey("purchases.id", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(300))
    #: Thousandths (cache revision 0031_purchase_quantity): a till weighs 0.455 kg.
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    line_total_minor: Mapped[int] = mapped_column(BigInteger)


class SyncStateRow(Base):
    """One row (id 1): which server and user this cache belongs to, its cursor, the desk
    versions that server last published (revision 0022; all None: not known), and what it
    gave this device for numbering cases."""

    __tablename__ = "sync_state"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    server_url: Mapped[str | None] = mapped_column(String(500))
    username: Mapped[str | None] = mapped_column(String(100))
    cursor: Mapped[int] = mapped_column(BigInteger)
    last_pull_at: Mapped[datetime | None]
    desk_current_version: Mapped[str | None] = mapped_column(String(64))
    desk_minimum_version: Mapped[str | None] = mapped_column(String(64))
    desk_download_url: Mapped[str | None] = mapped_column(String(2000))
    # The device's case-number prefix and the user's branch, as the server last said at a
    # login or refresh (revision 0023; None: a server without cases).
    case_prefix: Mapped[str | None] = mapped_column(String(12))
    desk_branch: Mapped[str | None] = mapped_column(String(100))
    #: The server's attachment limit as last learnt (None: not yet; the default applies).
    attachment_max_bytes: Mapped[int | None] = mapped_column(BigInteger)
    #: The cursor of the initial-pull snapshot attached (revision 0035; 0: none).
    snapshot_floor: Mapped[int] = mapped_column(BigInteger, server_default="0")


class CachedCrossSellModel(Base):
    """One row (id 1): the newest cross-sell model pulled, as ``CrossSellModel.to_bytes`` bytes."""

    __tablename__ = "crosssell_model"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    trained_at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)
    blob: Mapped[bytes] = mapped_column(LargeBinary)
