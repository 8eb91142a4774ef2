"""Edit conflicts: fields of this desk's customer edits that another desk won, until settled.

Revision ID: 0009_conflicts
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_conflicts"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "edit_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("outbox_key", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("kept", sa.JSON()),
        sa.Column("yours", sa.JSON()),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("resolution", sa.String(10)),
        sa.Column("resolved_by", sa.String(100)),
        sa.Column("resolved_at", sa.DateTime()),
        sa.Column("resolution_key", sa.String(36)),
        sa.UniqueConstraint("outbox_key", "field", name="uq_edit_conflicts_key_field"),
    )
    op.create_index("ix_edit_conflicts_customer", "edit_conflicts", ["customer_id", "resolution"])


def downgrade() -> None:
    op.drop_table("edit_conflicts")
