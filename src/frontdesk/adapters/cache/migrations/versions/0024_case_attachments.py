"""Case attachments at the desk: the files attached to cases (pulled with their history
lines, or attached here), and the server's attachment limit as last learnt (a desk refuses
a larger file offline too). The contents are files beside the cache, by SHA-256.

Revision ID: 0024_case_attachments
Revises: 0023_cases
"""

import sqlalchemy as sa
from alembic import op

revision = "0024_case_attachments"
down_revision = "0023_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_attachments",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("outbox_key", sa.String(36)),
    )
    op.create_index("ix_case_attachments_case", "case_attachments", ["case_id", "at"])
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("attachment_max_bytes", sa.BigInteger()))


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("attachment_max_bytes")
    op.drop_table("case_attachments")
