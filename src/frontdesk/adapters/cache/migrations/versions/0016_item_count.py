"""Each purchase's item count stored with it, so the history neither groups every line of
the cache to show nor to sort a customer's purchases.

Revision ID: 0016_item_count
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0016_item_count"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "purchases", sa.Column("item_count", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(
        "UPDATE purchases SET item_count = coalesce("
        "(SELECT sum(abs(quantity)) FROM purchase_lines WHERE purchase_id = purchases.id), 0)"
    )


def downgrade() -> None:
    with op.batch_alter_table("purchases") as batch:
        batch.drop_column("item_count")
