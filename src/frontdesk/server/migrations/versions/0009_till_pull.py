"""The till feed: payments, refunds and voids that the other tills of a branch pull.

Revision ID: 0009_till_pull
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0009_till_pull"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_feed",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("receipt_no", sa.String(40), nullable=False),
        sa.Column("links_to", sa.String(36)),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("change_minor", sa.BigInteger(), nullable=False),
        sa.Column("tenders", sa.JSON(), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("declined_reason", sa.Text()),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_till_feed"),
    )
    op.create_index("ix_till_feed_branch", "till_feed", ["branch"])
    op.create_index("ix_till_feed_change_seq", "till_feed", ["change_seq"])


def downgrade() -> None:
    op.drop_index("ix_till_feed_change_seq", table_name="till_feed")
    op.drop_index("ix_till_feed_branch", table_name="till_feed")
    op.drop_table("till_feed")
