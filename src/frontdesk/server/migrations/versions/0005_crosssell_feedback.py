"""Cross-sell feedback: offered, accepted or declined, per offer, from the desks' outboxes.

Revision ID: 0005_crosssell_feedback
Revises: 0004_crosssell
Create Date: 2024-06-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0005_crosssell_feedback"
down_revision = "0004_crosssell"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crosssell_feedback",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(10), nullable=False),
        sa.Column("model_version", sa.Integer(), nullable=False),
        sa.Column("agent", sa.String(100), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("recorded_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_crosssell_feedback_customer_id_customers"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_crosssell_feedback"),
    )
    op.create_index("ix_crosssell_feedback_customer_id", "crosssell_feedback", ["customer_id"])
    op.create_index("ix_crosssell_feedback_sku", "crosssell_feedback", ["sku"])


def downgrade() -> None:
    op.drop_table("crosssell_feedback")
