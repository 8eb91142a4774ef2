"""A new desk's first pull may start from a snapshot file (``protocol.snapshot``): the sync
state keeps the snapshot's cursor, the floor below which the pull leaves out the snapshot's
kinds (0: no snapshot attached, as every cache upgraded here).

Revision ID: 0035_snapshot_floor
Revises: 0034_lookup_variants
"""

import sqlalchemy as sa
from alembic import op

revision = "0035_snapshot_floor"
down_revision = "0034_lookup_variants"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(
            sa.Column("snapshot_floor", sa.BigInteger(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("snapshot_floor")
