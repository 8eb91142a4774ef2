"""The newest cross-sell model pulled from the server (one row).

Revision ID: 0004_crosssell
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_crosssell"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "crosssell_model",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("trained_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("crosssell_model")
