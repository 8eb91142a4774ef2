"""The till feed: payments, refunds and voids that the other tills of a branch pull.

Transactions the server applied before this revision are added to the feed from the journal.

Revision ID: 0009_till_pull
Revises: 0001
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

from frontdesk.domain.money import Money
from frontdesk.server.db import UTCDateTime

revision = "0009_till_pull"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "till_feed",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("register", sa.String(20), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("receipt_no", sa.String(40), nullable=False),
        sa.Column("links_to", sa.String(36)),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=False),
        sa.Column("change_minor", sa.BigInteger(), nullable=False),
        sa.Column("tenders", sa.JSON(), nullable=False),
        sa.Column("customer_id", sa.String(36)),
        sa.Column("purpose", sa.String(10), nullable=False),
        sa.Column("cashier", sa.String(100), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("declined_reason", sa.Text()),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_till_feed"),
    )
    op.create_index("ix_till_feed_branch", "till_feed", ["branch"])
    op.create_index("ix_till_feed_change_seq", "till_feed", ["change_seq"])
    _backfill()


def _backfill() -> None:
    """Till transactions applied before this revision join the feed, in the order received.

    The branch is the pushing user's while the push's idempotency key is kept (see
    ``prune-keys``); for older ones it is unknown ("") and they reach no branch's tills.
    """
    bind = op.get_bind()
    tables = sa.inspect(bind)
    if not all(tables.has_table(name) for name in ("till_journal", "applied_items")):
        return  # revisions off 0001 run in any order: no till tables yet, nothing to fill
    rows = bind.execute(sa.text(_APPLIED)).mappings().all()
    if not rows:
        return
    last = bind.execute(
        sa.text("UPDATE change_counter SET value = value + :n WHERE id = 1 RETURNING value"),
        {"n": len(rows)},
    ).scalar_one()
    first = int(last) - len(rows) + 1
    typed = {"tenders": sa.JSON(), "occurred_at": UTCDateTime(), "accepted": sa.Boolean()}
    feed = sa.table("till_feed", *(sa.column(name, typed.get(name)) for name in _FEED_COLUMNS))
    bind.execute(feed.insert(), [_feed_row(row, seq) for seq, row in enumerate(rows, first)])


_APPLIED = """
SELECT j.key, j.register, j.kind, j.content, u.branch, u.username,
       r.accepted, p.receipt_no AS payment_receipt
FROM till_journal j
LEFT JOIN applied_items a ON a.key = j.key
LEFT JOIN users u ON u.id = a.applied_by
LEFT JOIN till_refunds r ON r.id = j.key
LEFT JOIN till_payments p ON p.id = r.payment_id
WHERE j.kind IN ('payment', 'refund', 'void')
ORDER BY j.received_at, j.register, j.seq
"""
_FEED_COLUMNS = (
    "id", "kind", "register", "branch", "receipt_no", "links_to", "currency", "amount_minor",
    "change_minor", "tenders", "customer_id", "purpose", "cashier", "occurred_at", "accepted",
    "declined_reason", "change_seq",
)  # fmt: skip


def _feed_row(row: Any, seq: int) -> dict[str, Any]:
    content = json.loads(row["content"])
    body, currency = content["body"], content["body"]["currency"]

    def minor(text: object) -> int:
        return Money.of(text, currency).minor

    accepted = row["kind"] == "payment" or bool(row["accepted"])
    return {
        "id": row["key"], "kind": row["kind"], "register": row["register"],
        "branch": row["branch"] or "", "receipt_no": str(body.get("receipt", "")),
        "links_to": body.get("links_to"), "currency": currency,
        "amount_minor": minor(body["amount"]), "change_minor": minor(body.get("change", "0")),
        "tenders": [{"tender": t["tender"], "minor": minor(t["amount"])} for t in body["tenders"]],
        "customer_id": body.get("customer_id"), "purpose": str(body.get("purpose", "purchase")),
        "cashier": row["username"] or str(body.get("cashier", "")),
        "occurred_at": datetime.fromisoformat(content["at"]), "accepted": accepted,
        "declined_reason": None if accepted
        else f"more than was left to refund of {row['payment_receipt']}",
        "change_seq": seq,
    }  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_till_feed_change_seq", table_name="till_feed")
    op.drop_index("ix_till_feed_branch", table_name="till_feed")
    op.drop_table("till_feed")
