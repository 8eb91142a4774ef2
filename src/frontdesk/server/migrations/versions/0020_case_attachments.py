"""Case attachments: each content once, by its SHA-256 (``case_attachment_blobs``, the bytes
in the database: the server's processes share nothing else), and one row per file attached
to a case (``case_attachments``, keyed by its ``case.attach`` item).

Revision ID: 0020_case_attachments
Revises: 0019_case_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0020_case_attachments"
down_revision = "0019_case_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_attachment_blobs",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_case_attachment_blobs"),
    )
    op.create_table(
        "case_attachments",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(200), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("visibility", sa.String(10), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name="fk_case_attachments_case_id_cases"
        ),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["case_attachment_blobs.sha256"],
            name="fk_case_attachments_sha256_case_attachment_blobs",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_case_attachments"),
    )
    op.create_index("ix_case_attachments_case_id", "case_attachments", ["case_id"])
    op.create_index("ix_case_attachments_sha256", "case_attachments", ["sha256"])


def downgrade() -> None:
    op.drop_table("case_attachments")
    op.drop_table("case_attachment_blobs")
