"""Access that can be taken back: disabled users, sign-out everywhere, revoked devices.

``users.token_generation`` rises at each sign-out everywhere (and password reset); a token
issued under an older generation is refused. ``auth_tokens.last_used_at`` is when a
refresh token last refreshed, for ``frontdesk-server user sessions``.

Revision ID: 0013_access
Revises: 0012_register_branch
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0013_access"
down_revision = "0012_register_branch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("disabled_at", UTCDateTime(), nullable=True))
        batch.add_column(
            sa.Column("token_generation", sa.Integer(), nullable=False, server_default="0")
        )
    with op.batch_alter_table("auth_tokens") as batch:
        batch.add_column(sa.Column("generation", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("last_used_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("revoked_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("revoked_at")
    with op.batch_alter_table("auth_tokens") as batch:
        batch.drop_column("last_used_at")
        batch.drop_column("generation")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_generation")
        batch.drop_column("disabled_at")
