"""The till: register heads, hash-chained journal, payments, refunds and voids.

Revision ID: 0006_till
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0006_till"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_registers",
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("head_seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("register", name="pk_till_registers"),
    )
    op.create_table(
        "till_journal",
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("register", "seq", name="pk_till_journal"),
        sa.UniqueConstraint("key", name="uq_till_journal_key"),
    )
    _payments()
    _refunds()


def _payments() -> None:
    op.create_table(
        "till_payments",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("receipt_no", sa.String(40), nullable=False),
        sa.Column("shift_id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("refunded_minor", sa.BigInteger(), nullable=False),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "refunded_minor >= 0 AND refunded_minor <= amount_minor",
            name="ck_till_payments_refund_within_paid",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_till_payments"),
        sa.UniqueConstraint("receipt_no", name="uq_till_payments_receipt_no"),
    )
    for column in ("register", "shift_id", "customer_id"):
        op.create_index(f"ix_till_payments_{column}", "till_payments", [column])


def _refunds() -> None:
    op.create_table(
        "till_refunds",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("payment_id", sa.String(36), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("receipt_no", sa.String(40), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("approved_by", sa.String(100)),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["payment_id"], ["till_payments.id"], name="fk_till_refunds_payment_id_till_payments"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_till_refunds"),
        sa.UniqueConstraint("receipt_no", name="uq_till_refunds_receipt_no"),
    )
    op.create_index("ix_till_refunds_payment_id", "till_refunds", ["payment_id"])


def downgrade() -> None:
    for table in ("till_refunds", "till_payments", "till_journal", "till_registers"):
        op.drop_table(table)
