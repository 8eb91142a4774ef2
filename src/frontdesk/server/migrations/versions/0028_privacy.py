"""Data protection: the erasure log (``customer_erasures``).

An erasure blanks personal values in place (server/privacy/erase.py); this table records
who erased which customer, when and why, and never the values themselves.

Revision ID: 0028_privacy
Revises: 0027_feed
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0028_privacy"
down_revision = "0027_feed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customer_erasures",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("cause", sa.String(10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("erased_by", sa.String(100), nullable=False),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customer_erasures"),
    )
    op.create_index("ix_customer_erasures_customer_id", "customer_erasures", ["customer_id"])
    op.create_index("ix_customer_erasures_change_seq", "customer_erasures", ["change_seq"])


def downgrade() -> None:
    op.drop_table("customer_erasures")
