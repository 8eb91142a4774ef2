"""Server-issued till approvals, and the verdict on every approval a till entry carried.

``till_approvals``: a supervisor approval issued for one journal entry (its key, kind,
register, amount), stored by the SHA-256 of its token and used at most once.
``till_approval_checks``: each pushed entry's approval and the server's check (``valid``,
``unverified`` for an offline one, else why not), for ``frontdesk-server approvals``.

Revision ID: 0015_approvals
Revises: 0014_token_rotation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0015_approvals"
down_revision = "0014_token_rotation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_approvals",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("supervisor", sa.String(100), nullable=False),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("entry_key", sa.String(36), nullable=False),
        sa.Column("amount_minor", sa.BigInteger()),
        sa.Column("currency", sa.String(3)),
        sa.Column("issued_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_by_entry", sa.String(36)),
        sa.Column("used_at", UTCDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_till_approvals"),
        sa.UniqueConstraint("used_by_entry", name="uq_till_approvals_used_by_entry"),
    )
    op.create_index("ix_till_approvals_entry_key", "till_approvals", ["entry_key"])
    op.create_index("ix_till_approvals_expires_at", "till_approvals", ["expires_at"])
    op.create_table(
        "till_approval_checks",
        sa.Column("entry_key", sa.String(36), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("receipt_no", sa.String(40)),
        sa.Column("amount_minor", sa.BigInteger()),
        sa.Column("currency", sa.String(3)),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("supervisor", sa.String(100), nullable=False),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("verdict", sa.Text(), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("entry_key", name="pk_till_approval_checks"),
    )
    op.create_index("ix_till_approval_checks_register", "till_approval_checks", ["register"])
    op.create_index("ix_till_approval_checks_occurred_at", "till_approval_checks", ["occurred_at"])


def downgrade() -> None:
    op.drop_table("till_approval_checks")
    op.drop_table("till_approvals")
