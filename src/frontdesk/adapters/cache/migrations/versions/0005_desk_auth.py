"""The user a desk's device is registered for, and the offline-unlock verifier.

Revision ID: 0005_desk_auth
Revises: 0003_outbox (it changes the workstation table made there)
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_desk_auth"
down_revision = "0003_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workstation") as batch:
        batch.add_column(sa.Column("registered_user", sa.String(100)))
    op.create_table(
        "offline_unlock",
        sa.Column("id", sa.Integer(), primary_key=True),  # one row: the last online login
        sa.Column("server_url", sa.String(300), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.Column("verifier", sa.String(200), nullable=False),  # argon2id hash, not the password
        sa.Column("online_login_at", sa.DateTime(), nullable=False),
        sa.Column("unlocked_at", sa.DateTime()),
    )


def downgrade() -> None:
    op.drop_table("offline_unlock")
    with op.batch_alter_table("workstation") as batch:
        batch.drop_column("registered_user")
