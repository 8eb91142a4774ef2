"""Till transactions of the other tills of the branch, as pulled from the server.

Revision ID: 0013_till_pull
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_till_pull"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_pulled",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("receipt_no", sa.String(40), nullable=False, index=True),
        sa.Column("links_to", sa.String(36), index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("change_minor", sa.Integer(), nullable=False),
        sa.Column("tenders", sa.JSON(), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("declined_reason", sa.Text()),
        sa.Column("seq", sa.Integer(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("till_pulled")
