"""Indexes for opening a customer: spend per currency from the index alone, contacts by time.

Revision ID: 0015_timeline
Revises: 0001
"""

from alembic import op

revision = "0015_timeline"
down_revision = "0001"
branch_labels = None
depends_on = "0003_outbox"  # the interactions table


def upgrade() -> None:
    op.create_index(
        "ix_purchases_customer_spend",
        "purchases",
        ["customer_id", "currency", "is_return", "total_minor"],
    )
    op.create_index("ix_interactions_customer_time", "interactions", ["customer_id", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_interactions_customer_time", table_name="interactions")
    op.drop_index("ix_purchases_customer_spend", table_name="purchases")
