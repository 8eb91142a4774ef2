"""Cross-sell models: the trained blobs, the newest of which ships to the desks.

Revision ID: 0004_crosssell
Revises: 0001
Create Date: 2024-06-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0004_crosssell"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crosssell_models",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("trained_at", UTCDateTime(), nullable=False),
        sa.Column("purchases_through_seq", sa.BigInteger(), nullable=False),
        sa.Column("purchase_lines", sa.BigInteger(), nullable=False),
        sa.Column("products", sa.Integer(), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_crosssell_models"),
    )
    op.create_index("ix_crosssell_models_change_seq", "crosssell_models", ["change_seq"])


def downgrade() -> None:
    op.drop_index("ix_crosssell_models_change_seq", table_name="crosssell_models")
    op.drop_table("crosssell_models")
