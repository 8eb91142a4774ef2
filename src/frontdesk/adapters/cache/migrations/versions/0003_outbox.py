"""The outbox (every local write with its idempotency key), interactions, this desk's id.

Revision ID: 0003_outbox
Revises: 0001
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003_outbox"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(36), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text()),
        sa.Column("result", sa.JSON()),
        sa.Column("sent_at", sa.DateTime()),
        sqlite_autoincrement=True,  # a seq is never reused, even after the newest row goes
    )
    op.create_index("ix_outbox_state", "outbox", ["state"])
    _interactions()
    _workstation()


def _interactions() -> None:
    op.create_table(
        "interactions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("agent", sa.String(100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column("follow_up", sa.Date()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_interactions_customer_id", "interactions", ["customer_id"])


def _workstation() -> None:
    table = op.create_table(
        "workstation",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("registered_at", sa.DateTime()),
        sa.Column("last_push_at", sa.DateTime()),
        sa.Column("last_sync_ok_at", sa.DateTime()),
        sa.Column("last_error", sa.Text()),
        sa.Column("last_error_at", sa.DateTime()),
    )
    # The device id is made once, when the cache is created, and never changes after.
    op.bulk_insert(table, [{"id": 1, "device_id": str(uuid.uuid4())}])


def downgrade() -> None:
    for name in ("workstation", "interactions", "outbox"):
        op.drop_table(name)
