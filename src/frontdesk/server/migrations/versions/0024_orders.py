"""Orders: the orders, their lines and their events, each replicated row with its
change_seq; indexes for finding an order by number, tracking number and customer, and a
puller's rows by branch.

Revision ID: 0024_orders
Revises: 0023_catalogue
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0024_orders"
down_revision = "0023_catalogue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _orders()
    _lines()
    _events()


def _orders() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=True),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("payment_state", sa.String(12), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("promised_on", sa.Date(), nullable=True),
        sa.Column("carrier", sa.String(100), nullable=True),
        sa.Column("tracking_number", sa.String(40), nullable=True),
        sa.Column("placed_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("refused_reason", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("customer_branch", sa.String(100), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_orders_customer_id_customers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
        sa.UniqueConstraint("number", name="uq_orders_number"),
    )
    op.create_index("ix_orders_customer_id", "orders", ["customer_id"])
    op.create_index("ix_orders_tracking_number", "orders", ["tracking_number"])
    op.create_index("ix_orders_change_seq", "orders", ["change_seq"])
    op.create_index("ix_orders_branch_change_seq", "orders", ["branch", "change_seq"])
    op.create_index(
        "ix_orders_customer_branch_change_seq", "orders", ["customer_branch", "change_seq"]
    )


def _lines() -> None:
    op.create_table(
        "order_lines",
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger(), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("line_total_minor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name="fk_order_lines_order_id_orders", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["sku"], ["products.sku"], name="fk_order_lines_sku_products"),
        sa.PrimaryKeyConstraint("order_id", "line_no", name="pk_order_lines"),
    )
    op.create_index("ix_order_lines_sku", "order_lines", ["sku"])


def _events() -> None:
    op.create_table(
        "order_events",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("order_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(12), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("order_branch", sa.String(100), nullable=False),
        sa.Column("order_customer_branch", sa.String(100), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name="fk_order_events_order_id_orders"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_order_events"),
    )
    op.create_index("ix_order_events_order_id", "order_events", ["order_id"])
    op.create_index("ix_order_events_change_seq", "order_events", ["change_seq"])
    op.create_index(
        "ix_order_events_order_branch_change_seq", "order_events", ["order_branch", "change_seq"]
    )
    op.create_index(
        "ix_order_events_order_customer_branch_change_seq",
        "order_events",
        ["order_customer_branch", "change_seq"],
    )


def downgrade() -> None:
    op.drop_table("order_events")
    op.drop_table("order_lines")
    op.drop_table("orders")
