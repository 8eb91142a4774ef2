"""The till: shifts, transactions (append-only), printed copies, journal, register counters.

Revision ID: 0006_till
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_till"
down_revision = "0001"
branch_labels = None
depends_on = None

_APPEND_ONLY = ("till_transactions", "till_journal")


def upgrade() -> None:
    op.create_table(
        "till_shifts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("register", sa.String(20), nullable=False, index=True),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("float_minor", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime()),
        sa.Column("counted_minor", sa.Integer()),
        sa.Column("over_short_minor", sa.Integer()),
        sa.Column("override_by", sa.String(100)),
    )
    op.create_table(
        "till_transactions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("receipt_no", sa.String(40), nullable=False, unique=True),
        sa.Column("shift_id", sa.String(36), nullable=False, index=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.Integer(), nullable=False),
        sa.Column("change_minor", sa.Integer(), nullable=False),
        sa.Column("tenders", sa.JSON(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("links_to", sa.String(36), index=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("approved_by", sa.String(100)),
    )
    op.create_table(
        "till_prints",
        sa.Column("tx_id", sa.String(36), primary_key=True),
        sa.Column("copies", sa.Integer(), nullable=False),
    )
    op.create_table(
        "till_journal",
        sa.Column("register", sa.String(20), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(36), nullable=False, unique=True),
        sa.Column("shift_id", sa.String(36), nullable=False, index=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "till_counters",
        sa.Column("register", sa.String(20), primary_key=True),
        sa.Column("receipt_seq", sa.Integer(), nullable=False),
        sa.Column("journal_seq", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(64)),
    )
    for table in _APPEND_ONLY:
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows are never changed or removed'); END"
            )


def downgrade() -> None:
    for table in (
        "till_counters",
        "till_journal",
        "till_prints",
        "till_transactions",
        "till_shifts",
    ):
        op.drop_table(table)
