"""The cache's order tables (revision 0029_orders).

``seq`` is the server's change number of the row's last change; 0 is a row made at this desk
(a phone order, a cancellation request) and not yet pulled back.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.adapters.cache.tables import Base


class OrderRow(Base):
    __tablename__ = "orders"
    __table_args__ = (
        Index("ix_orders_number", "number", unique=True),
        Index("ix_orders_tracking", "tracking_key"),
        Index("ix_orders_customer", "customer_id", "placed_at", "id"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(10))
    customer_id: Mapped[str | None] = mapped_column(String(36))
    branch: Mapped[str] = mapped_column(String(100))
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    payment_state: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12))
    promised_on: Mapped[date | None] = mapped_column(Date)
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking_number: Mapped[str | None] = mapped_column(String(40))
    tracking_key: Mapped[str | None] = mapped_column(String(40))
    placed_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    refused_reason: Mapped[str | None] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(BigInteger)


class OrderLineRow(Base):
    """A line; an order's lines are replaced whole with the order (the server sends them so)."""

    __tablename__ = "order_lines"
    order_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[str] = mapped_column(String(16))  # decimal text: weights have decimals
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    line_total_minor: Mapped[int] = mapped_column(BigInteger)


class OrderEventRow(Base):
    """An event: pulled (``seq`` > 0), or made here (``outbox_key`` its write)."""

    __tablename__ = "order_events"
    __table_args__ = (Index("ix_order_events_order", "order_id", "at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    seq: Mapped[int] = mapped_column(BigInteger)
    outbox_key: Mapped[str | None] = mapped_column(String(36))


class OrderCounterRow(Base):
    """The last order number this desk gave under its device prefix (``D12`` -> ``D12-O…``)."""

    __tablename__ = "order_counters"
    prefix: Mapped[str] = mapped_column(String(12), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
