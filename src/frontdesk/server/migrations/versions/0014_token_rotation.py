"""Refresh tokens rotate in families; sign-in throttling by account name and address.

``auth_tokens.family_id`` ties together every token descended from one sign-in (a refresh
token presented twice revokes its family); ``used_at`` marks a refresh token exchanged for
its successor. A token from before has no ancestry on record: it becomes a family of its
own (its own hash). ``failed_logins`` (a per-account hard lock-out) gives way to
``login_throttles`` (failures in a row per account name and per client address, with an
exponential wait); its rows are dropped, nobody is kept waiting by the upgrade.

Revision ID: 0014_token_rotation
Revises: 0013_access
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0014_token_rotation"
down_revision = "0013_access"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("auth_tokens") as batch:
        batch.add_column(sa.Column("family_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("used_at", UTCDateTime(), nullable=True))
    op.execute("UPDATE auth_tokens SET family_id = token_hash")
    with op.batch_alter_table("auth_tokens") as batch:
        batch.alter_column("family_id", existing_type=sa.String(64), nullable=False)
        batch.create_index("ix_auth_tokens_family_id", ["family_id"])
    op.drop_table("failed_logins")
    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", UTCDateTime(), nullable=False),
        sa.Column("blocked_until", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_login_throttles"),
    )
    op.create_index("ix_login_throttles_last_failure_at", "login_throttles", ["last_failure_at"])


def downgrade() -> None:
    op.drop_table("login_throttles")
    op.create_table(
        "failed_logins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("attempted_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name="fk_failed_logins_user_id_users", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_failed_logins"),
    )
    op.create_index("ix_failed_logins_user_id", "failed_logins", ["user_id"])
    with op.batch_alter_table("auth_tokens") as batch:
        batch.drop_index("ix_auth_tokens_family_id")
        batch.drop_column("used_at")
        batch.drop_column("family_id")
