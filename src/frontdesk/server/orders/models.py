"""The tables of orders: the orders, their lines and their append-only history.

Money is stored as the purchases store it (``*_minor`` in the currency's minor unit, unit
prices ``*_scaled``), quantities in thousandths as stock's (``*_milli``). Every row a desk
pulls carries ``change_seq``.

An order and each of its events keep the branches that decide which desks pull them (the
order's branch and its customer's home branch when it was stored): a puller's rows are
found by the ``(branch, change_seq)`` indexes, as cases' are, without joining every change
after the cursor to its customer. They are never sent to desks.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.server.model_base import Base


class Order(Base):
    """An order; its id is a UUID5 of its number (back office) or the ``order.place`` key."""

    __tablename__ = "orders"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    channel: Mapped[str] = mapped_column(String(10))
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
    branch: Mapped[str] = mapped_column(String(100))
    currency: Mapped[str] = mapped_column(String(3))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    payment_state: Mapped[str] = mapped_column(String(12))
    status: Mapped[str] = mapped_column(String(12))
    promised_on: Mapped[date | None] = mapped_column(Date)
    carrier: Mapped[str | None] = mapped_column(String(100))
    tracking_number: Mapped[str | None] = mapped_column(String(40), index=True)
    placed_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    #: Why the server refused a desk's phone order (then ``status`` is cancelled).
    refused_reason: Mapped[str | None] = mapped_column(Text)
    #: SHA-256 of the content it was created with: a repeat of it is the same order.
    content_hash: Mapped[str] = mapped_column(String(64))
    #: The workstation that placed it (phone orders), else None.
    device_id: Mapped[str | None] = mapped_column(String(36))
    customer_branch: Mapped[str | None] = mapped_column(String(100))
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)

    __table_args__ = (
        Index("ix_orders_branch_change_seq", "branch", "change_seq"),
        Index("ix_orders_customer_branch_change_seq", "customer_branch", "change_seq"),
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    order_id: Mapped[str] = mapped_column(
        ForeignKey("orders.id", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), index=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    line_total_minor: Mapped[int] = mapped_column(BigInteger)


class OrderEvent(Base):
    """One line of an order's history (append-only): placed, a status move, payment,
    shipping, promised day, a note, a customer's cancel request."""

    __tablename__ = "order_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str | None] = mapped_column(String(12))
    detail: Mapped[str] = mapped_column(Text, default="")
    #: Who made the change (``by`` on the wire): a user name, or the importing system.
    author: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime]
    device_id: Mapped[str | None] = mapped_column(String(36))
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    order_branch: Mapped[str] = mapped_column(String(100))
    order_customer_branch: Mapped[str | None] = mapped_column(String(100))

    __table_args__ = (
        Index("ix_order_events_order_branch_change_seq", "order_branch", "change_seq"),
        Index(
            "ix_order_events_order_customer_branch_change_seq",
            "order_customer_branch",
            "change_seq",
        ),
    )
