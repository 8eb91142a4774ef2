"""Sync push: devices, applied items (unique idempotency keys, stored results), interactions.

Revision ID: 0003_sync
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0003_sync"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("registered_by", sa.Integer(), nullable=False),
        sa.Column("registered_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["registered_by"], ["users.id"], name="fk_devices_registered_by_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
    )
    _applied_items()
    _interactions()


def _applied_items() -> None:
    op.create_table(
        "applied_items",
        sa.Column("key", sa.String(36), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("result", sa.JSON()),
        sa.Column("applied_by", sa.Integer(), nullable=False),
        sa.Column("applied_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name="fk_applied_items_device_id_devices"
        ),
        sa.ForeignKeyConstraint(
            ["applied_by"], ["users.id"], name="fk_applied_items_applied_by_users"
        ),
        sa.PrimaryKeyConstraint("key", name="pk_applied_items"),
    )
    op.create_index("ix_applied_items_device_id", "applied_items", ["device_id"])
    op.create_index("ix_applied_items_applied_at", "applied_items", ["applied_at"])


def _interactions() -> None:
    op.create_table(
        "interactions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.Column("agent", sa.String(100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column("follow_up", sa.Date()),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_interactions_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["device_id"], ["devices.id"], name="fk_interactions_device_id_devices"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_interactions"),
    )
    op.create_index("ix_interactions_customer_id", "interactions", ["customer_id"])
    op.create_index("ix_interactions_change_seq", "interactions", ["change_seq"])


def downgrade() -> None:
    for name in ("interactions", "applied_items", "devices"):
        op.drop_table(name)
