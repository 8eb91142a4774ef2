"""Tokens bound to a device; the users who signed in on each device; a device's branch.

Revision ID: 0007_token_device
Revises: 0003_sync (it changes the devices table made there; auth_tokens comes from 0001)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0007_token_device"
down_revision = "0003_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_tokens") as batch:
        # NULL: a token from a login that named no device (older desks, scripts).
        batch.add_column(sa.Column("device_id", sa.String(36), nullable=True))
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("branch", sa.String(100), nullable=False, server_default=""))
    op.create_table(
        "device_users",
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("first_login_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name="fk_device_users_device_id_devices"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_device_users_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("device_id", "user_id", name="pk_device_users"),
    )
    # Devices registered before: their registering user signed in there, by definition.
    op.execute(
        "INSERT INTO device_users (device_id, user_id, first_login_at) "
        "SELECT id, registered_by, registered_at FROM devices"
    )
    op.execute(
        "UPDATE devices SET branch = COALESCE("
        "(SELECT users.branch FROM users WHERE users.id = devices.registered_by), '')"
    )


def downgrade() -> None:
    op.drop_table("device_users")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("branch")
    with op.batch_alter_table("auth_tokens") as batch:
        batch.drop_column("device_id")
