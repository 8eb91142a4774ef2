"""The initial-pull snapshot: ``snapshots``, their content in ``snapshot_chunks``, the build
claim.

The content lives in the database in 1 MiB chunks so that any server process serves any
byte range of it: no file on one machine is needed between requests. ``snapshot_claims``
holds one row: which server process is building one, so that one builds at a time.

Revision ID: 0029_snapshots
Revises: 0028_privacy
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0029_snapshots"
down_revision = "0028_privacy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("format", sa.Integer(), nullable=False),
        sa.Column("cursor", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("built_at", UTCDateTime(), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_snapshots"),
    )
    op.create_table(
        "snapshot_chunks",
        sa.Column("snapshot_id", sa.Integer(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["snapshot_id"],
            ["snapshots.id"],
            name="fk_snapshot_chunks_snapshot_id_snapshots",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("snapshot_id", "n", name="pk_snapshot_chunks"),
    )

    claims = op.create_table(
        "snapshot_claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner", sa.String(200), nullable=True),
        sa.Column("claimed_until", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_snapshot_claims"),
    )
    op.bulk_insert(claims, [{"id": 1, "owner": None, "claimed_until": None}])


def downgrade() -> None:
    op.drop_table("snapshot_claims")
    op.drop_table("snapshot_chunks")
    op.drop_table("snapshots")
