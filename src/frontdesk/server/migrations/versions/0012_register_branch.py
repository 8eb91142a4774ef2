"""The branch a till register belongs to: only that branch's staff extend its journal.

An existing register takes the branch of its oldest till feed row (the branch its first
transaction was pushed as), else the branch of the device that owns it; one with neither
stays NULL and takes the branch of the next pusher.

Revision ID: 0012_register_branch
Revises: 0011_one_head
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_register_branch"
down_revision = "0011_one_head"
branch_labels = None
depends_on = None

_BACKFILL = """
UPDATE till_registers SET branch = COALESCE(
    (SELECT till_feed.branch FROM till_feed WHERE till_feed.register = till_registers.register
     ORDER BY till_feed.change_seq LIMIT 1),
    (SELECT devices.branch FROM devices WHERE devices.id = till_registers.device_id)
)
"""


def upgrade() -> None:
    op.add_column("till_registers", sa.Column("branch", sa.String(100), nullable=True))
    op.execute(_BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table("till_registers") as batch:
        batch.drop_column("branch")
