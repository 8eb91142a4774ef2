"""Indexes for the purchase history: a customer's purchases by date, products by category.

Revision ID: 0008_history
Revises: 0001
"""

from alembic import op

revision = "0008_history"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_purchases_customer_date", "purchases", ["customer_id", "purchased_at"])
    op.create_index("ix_products_category", "products", ["category"])


def downgrade() -> None:
    op.drop_index("ix_products_category", table_name="products")
    op.drop_index("ix_purchases_customer_date", table_name="purchases")
