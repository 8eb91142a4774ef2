"""Replicated customers, products, purchases and lines; the sync state.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    _customers()
    _products()
    _purchases()
    _sync_state()


def _customers() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("account_number", sa.String(64), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("phones", sa.JSON(), nullable=False),
        sa.Column("emails", sa.JSON(), nullable=False),
        sa.Column("loyalty_card", sa.String(19)),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("name_fold", sa.String(200), nullable=False),
        sa.Column("emails_fold", sa.Text(), nullable=False),
        sa.Column("phone_digits", sa.Text(), nullable=False),
    )
    op.create_index("ix_customers_account_number", "customers", ["account_number"])
    op.create_index("ix_customers_loyalty_card", "customers", ["loyalty_card"])
    op.create_index("ix_customers_name_fold", "customers", ["name_fold"])


def _products() -> None:
    op.create_table(
        "products",
        sa.Column("sku", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )


def _purchases() -> None:
    op.create_table(
        "purchases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("number", sa.String(64), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("purchased_at", sa.DateTime(), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("is_return", sa.Boolean(), nullable=False),
        sa.Column("original_number", sa.String(64)),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_purchases_number", "purchases", ["number"])
    op.create_index("ix_purchases_customer_id", "purchases", ["customer_id"])
    op.create_index("ix_purchases_purchased_at", "purchases", ["purchased_at"])
    op.create_table(
        "purchase_lines",
        sa.Column(
            "purchase_id",
            sa.String(36),
            sa.ForeignKey("purchases.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("line_no", sa.Integer(), primary_key=True),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_scaled", sa.BigInteger(), nullable=False),
        sa.Column("line_total_minor", sa.BigInteger(), nullable=False),
    )


def _sync_state() -> None:
    table = op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server_url", sa.String(500)),
        sa.Column("username", sa.String(100)),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.Column("last_pull_at", sa.DateTime()),
    )
    op.bulk_insert(table, [{"id": 1, "server_url": None, "username": None, "cursor": 0}])


def downgrade() -> None:
    for name in ("sync_state", "purchase_lines", "purchases", "products", "customers"):
        op.drop_table(name)
