"""The transaction feed: every kind of transaction readable in change-sequence order.

Most transactions already live in append-only rows stamped with ``change_seq`` (the till feed,
interactions, case and order events). This revision gives the rest a stamp of their own:
purchase lines (an imported invoice continued in a later batch adds lines to a purchase, so
the purchase's own number cannot stand for them), cross-sell feedback, the till journal (its
shift opens and closes), and a new append-only ``customer_events`` (creates and edits; the
``customers`` row keeps only the latest state). History is backfilled: existing rows get
fresh numbers from the change counter, and every existing customer gets one ``history``
event holding its current state.

Revision ID: 0027_feed
Revises: 0026_knowledge
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0027_feed"
down_revision = "0026_knowledge"
branch_labels = None
depends_on = None

_STAMPED = ("purchase_lines", "crosssell_feedback", "till_journal")


def upgrade() -> None:
    for table in _STAMPED:
        op.add_column(table, sa.Column("change_seq", sa.BigInteger(), nullable=True))
        op.create_index(f"ix_{table}_change_seq", table, ["change_seq"])
    _customer_events()
    _backfill()


def _customer_events() -> None:
    op.create_table(
        "customer_events",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("conflicts", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(100), nullable=True),
        sa.Column("branch", sa.String(100), nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customer_events"),
    )
    op.create_index("ix_customer_events_customer_id", "customer_events", ["customer_id"])
    op.create_index("ix_customer_events_change_seq", "customer_events", ["change_seq"])


def _backfill() -> None:
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "UPDATE purchase_lines SET change_seq = (SELECT p.change_seq FROM purchases p "
            "WHERE p.id = purchase_lines.purchase_id)"
        )
    )
    _number(bind, "crosssell_feedback", "id", "recorded_at, id")
    _number(bind, "till_journal", "key", "received_at, register, seq")
    _history(bind)


def _number(bind: sa.Connection, table: str, key: str, order: str) -> None:
    """Fresh change numbers for the existing rows of ``table``, in ``order``."""
    keys = [row[0] for row in bind.execute(sa.text(f"SELECT {key} FROM {table} ORDER BY {order}"))]
    if not keys:
        return
    last = bind.execute(
        sa.text("UPDATE change_counter SET value = value + :n WHERE id = 1 RETURNING value"),
        {"n": len(keys)},
    ).scalar_one()
    first = int(last) - len(keys) + 1
    bind.execute(
        sa.text(f"UPDATE {table} SET change_seq = :seq WHERE {key} = :key"),
        [{"seq": first + n, "key": k} for n, k in enumerate(keys)],
    )


def _history(bind: sa.Connection) -> None:
    """One ``history`` event per existing customer: its state now, at its own number."""
    columns = "id, full_name, phones, emails, loyalty_card, branch, notes, created_at, change_seq"
    rows = bind.execute(sa.text(f"SELECT {columns} FROM customers")).mappings().all()
    events = sa.table(
        "customer_events",
        *(sa.column(name) for name in ("id", "customer_id", "kind", "source", "author")),
        *(sa.column(name) for name in ("branch", "device_id", "change_seq")),
        sa.column("fields", sa.JSON()),
        sa.column("conflicts", sa.JSON()),
        sa.column("occurred_at", sa.DateTime()),
    )
    if rows:
        bind.execute(events.insert(), [_history_row(row) for row in rows])


def _history_row(row: sa.RowMapping) -> dict[str, object]:
    def listed(value: object) -> object:
        return json.loads(value) if isinstance(value, str) else value

    fields = {
        "full_name": row["full_name"], "phones": listed(row["phones"]),
        "emails": listed(row["emails"]), "loyalty_card": row["loyalty_card"],
        "branch": row["branch"], "notes": row["notes"],
    }  # fmt: skip
    created = row["created_at"]
    if isinstance(created, str):
        created = datetime.fromisoformat(created)
    return {
        "id": row["id"], "customer_id": row["id"], "kind": "create", "source": "history",
        "fields": fields, "conflicts": [], "author": None, "branch": None,
        "device_id": None, "occurred_at": created, "change_seq": row["change_seq"],
    }  # fmt: skip


def downgrade() -> None:
    op.drop_table("customer_events")
    for table in _STAMPED:
        op.drop_index(f"ix_{table}_change_seq", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("change_seq")
