"""One conflicts table for every kind: customer edits (``customer``) and case moves and
assignments (``case``) another desk won, until settled. The rows of ``edit_conflicts`` and
``case_conflicts`` move into ``conflicts`` (``subject_id``: the customer's or the case's id),
in their order within each kind; the ids are new (a conflict's id lives only on screen).

Revision ID: 0025_conflicts_unified
Revises: 0023_cases
"""

import sqlalchemy as sa
from alembic import op

revision = "0025_conflicts_unified"
down_revision = "0024_case_attachments"
branch_labels = None
depends_on = None

_SETTLED = "resolution, resolved_by, resolved_at, resolution_key"
_VALUES = f"outbox_key, field, kept, yours, recorded_at, {_SETTLED}"
#: The tables the kinds came from, and the name of their subject's column there.
_OLD = {"customer": ("edit_conflicts", "customer_id"), "case": ("case_conflicts", "case_id")}


def upgrade() -> None:
    op.create_table(
        "conflicts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("outbox_key", sa.String(36), nullable=False),
        sa.Column("subject_id", sa.String(36), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("kept", sa.JSON()),
        sa.Column("yours", sa.JSON()),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("resolution", sa.String(10)),
        sa.Column("resolved_by", sa.String(100)),
        sa.Column("resolved_at", sa.DateTime()),
        sa.Column("resolution_key", sa.String(36)),
        sa.UniqueConstraint("outbox_key", "field", name="uq_conflicts_key_field"),
    )
    op.create_index("ix_conflicts_subject", "conflicts", ["kind", "subject_id", "resolution"])
    op.create_index("ix_conflicts_open", "conflicts", ["kind", "resolution"])
    for kind, (table, subject) in _OLD.items():
        op.execute(
            f"INSERT INTO conflicts (kind, subject_id, {_VALUES}) "
            f"SELECT '{kind}', {subject}, {_VALUES} FROM {table} ORDER BY id"
        )
        op.drop_table(table)


def downgrade() -> None:
    for kind, (table, subject) in _OLD.items():
        op.create_table(table, *_old_columns(subject), sa.UniqueConstraint(
            "outbox_key", "field", name=f"uq_{table}_key_field"))  # fmt: skip
        index = "ix_edit_conflicts_customer" if kind == "customer" else "ix_case_conflicts_case"
        op.create_index(index, table, [subject, "resolution"])
        op.execute(
            f"INSERT INTO {table} ({subject}, {_VALUES}) "
            f"SELECT subject_id, {_VALUES} FROM conflicts WHERE kind = '{kind}' ORDER BY id"
        )
    op.drop_table("conflicts")


def _old_columns(subject: str) -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("outbox_key", sa.String(36), nullable=False),
        sa.Column(subject, sa.String(36), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("kept", sa.JSON()),
        sa.Column("yours", sa.JSON()),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("resolution", sa.String(10)),
        sa.Column("resolved_by", sa.String(100)),
        sa.Column("resolved_at", sa.DateTime()),
        sa.Column("resolution_key", sa.String(36)),
    ]
