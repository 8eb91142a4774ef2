"""Shared tills: each outbox item's author, who is at the desk now, offline sign-in per user.

Revision ID: 0010_lock
Revises: 0005_desk_auth (it changes the outbox and workstation tables and replaces the
one-row offline_unlock table made there)
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_lock"
down_revision = "0005_desk_auth"
branch_labels = None
depends_on = None

_LOGGED_IN = "(SELECT username FROM sync_state WHERE id = 1)"


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("author", sa.String(100)))
    with op.batch_alter_table("workstation") as batch:
        batch.add_column(sa.Column("desk_user", sa.String(100)))
    # Until now only the logged-in user could write here (another's login was refused while
    # writes waited), so the waiting items and the desk are theirs.
    op.execute(f"UPDATE outbox SET author = {_LOGGED_IN} WHERE state != 'sent'")
    op.execute(f"UPDATE workstation SET desk_user = {_LOGGED_IN}")
    op.create_table(
        "desk_logins",
        sa.Column("username", sa.String(100), primary_key=True),  # one row per user
        sa.Column("server_url", sa.String(300), nullable=False),
        sa.Column("verifier", sa.String(200), nullable=False),  # argon2id hash, not the password
        sa.Column("online_login_at", sa.DateTime(), nullable=False),
        sa.Column("unlocked_at", sa.DateTime()),
    )
    op.execute(
        "INSERT INTO desk_logins (username, server_url, verifier, online_login_at, unlocked_at) "
        "SELECT username, server_url, verifier, online_login_at, unlocked_at FROM offline_unlock"
    )
    op.drop_table("offline_unlock")


def downgrade() -> None:
    op.create_table(
        "offline_unlock",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("server_url", sa.String(300), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("verifier", sa.String(200), nullable=False),
        sa.Column("online_login_at", sa.DateTime(), nullable=False),
        sa.Column("unlocked_at", sa.DateTime()),
    )
    op.drop_table("desk_logins")
    with op.batch_alter_table("workstation") as batch:
        batch.drop_column("desk_user")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("author")
