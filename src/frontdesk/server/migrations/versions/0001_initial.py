"""Initial schema: users, auth tokens, change counter, customers, products, purchases.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _create_change_counter()
    _create_users_and_tokens()
    _create_customers_and_products()
    _create_purchases()


def _create_change_counter() -> None:
    counter = op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_change_counter"),
    )
    op.bulk_insert(counter, [{"id": 1, "value": 0}])


def _create_users_and_tokens() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "auth_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_auth_tokens_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_hash", name="pk_auth_tokens"),
    )
    op.create_index("ix_auth_tokens_user_id", "auth_tokens", ["user_id"])


def _create_customers_and_products() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("account_number", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("phones", sa.JSON(), nullable=False),
        sa.Column("emails", sa.JSON(), nullable=False),
        sa.Column("loyalty_card", sa.String(19), nullable=True),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
        sa.UniqueConstraint("account_number", name="uq_customers_account_number"),
        sa.UniqueConstraint("loyalty_card", name="uq_customers_loyalty_card"),
    )
    op.create_index("ix_customers_change_seq", "customers", ["change_seq"])
    op.create_table(
        "products",
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("sku", name="pk_products"),
    )
    op.create_index("ix_products_change_seq", "products", ["change_seq"])


def _create_purchases() -> None:
    op.create_table(
        "purchases",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=True),
        sa.Column("purchased_at", UTCDateTime(), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("is_return", sa.Boolean(), nullable=False),
        sa.Column("original_number", sa.String(64), nullable=True),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_purchases_customer_id_customers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_purchases"),
        sa.UniqueConstraint("number", name="uq_purchases_number"),
    )
    op.create_index("ix_purchases_customer_id", "purchases", ["customer_id"])
    op.create_index("ix_purchases_change_seq", "purchases", ["change_seq"])
    op.create_table(
        "purchase_lines",
        sa.Column("purchase_id", sa.String(36), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("line_total_minor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["purchase_id"],
            ["purchases.id"],
            name="fk_purchase_lines_purchase_id_purchases",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["sku"], ["products.sku"], name="fk_purchase_lines_sku_products"),
        sa.PrimaryKeyConstraint("purchase_id", "line_no", name="pk_purchase_lines"),
    )
    op.create_index("ix_purchase_lines_sku", "purchase_lines", ["sku"])


def downgrade() -> None:
    for table in (
        "purchase_lines",
        "purchases",
        "products",
        "customers",
        "auth_tokens",
        "users",
        "change_counter",
    ):
        op.drop_table(table)
