"""The purchase history in the cache's order without reading the purchases or their lines:
each purchase's item count stored with it (the history neither groups every line of the
cache to show nor to sort a customer's purchases), and the (customer, date) index carries the
purchase id, so the newest-first list of a customer's ids is read from the index alone.

Revision ID: 0016_history_order
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_history_order"
down_revision = "0001"
branch_labels = None
depends_on = "0008_history"  # the (customer, date) index it widens


def upgrade() -> None:
    op.add_column(
        "purchases", sa.Column("item_count", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(
        "UPDATE purchases SET item_count = coalesce("
        "(SELECT sum(abs(quantity)) FROM purchase_lines WHERE purchase_id = purchases.id), 0)"
    )
    op.drop_index("ix_purchases_customer_date", table_name="purchases")
    op.create_index(
        "ix_purchases_customer_date", "purchases", ["customer_id", "purchased_at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_purchases_customer_date", table_name="purchases")
    op.create_index("ix_purchases_customer_date", "purchases", ["customer_id", "purchased_at"])
    with op.batch_alter_table("purchases") as batch:
        batch.drop_column("item_count")
