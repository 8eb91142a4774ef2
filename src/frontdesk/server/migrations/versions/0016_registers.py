"""Registers set up by an admin; the branch every write came from.

``till_registers``: a register is now a row an admin adds (``frontdesk-server register
add``) before its till pushes, with a ``name`` for people and ``retired_at``; its
``device_id`` may be NULL (the first device of its branch to push binds it). A register
an older server created without a branch gets the branch of the cashier of its first
journal entry (that user's branch today); one whose branch still cannot be told (no
entries, an unknown or branch-less cashier) stays without one and is refused until an
admin binds it (``frontdesk-server register move CODE --branch B``).

``interactions.branch``, ``customers.created_branch`` and ``customers.edited_branch``: the
branch of the desk user who wrote the row (NULL for rows written before this revision).

Revision ID: 0016_registers
Revises: 0015_approvals
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0016_registers"
down_revision = "0015_approvals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("till_registers") as batch:
        batch.alter_column("device_id", existing_type=sa.String(36), nullable=True)
        batch.add_column(sa.Column("name", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("retired_at", UTCDateTime(), nullable=True))
    with op.batch_alter_table("interactions") as batch:
        batch.add_column(sa.Column("branch", sa.String(100), nullable=True))
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("created_branch", sa.String(100), nullable=True))
        batch.add_column(sa.Column("edited_branch", sa.String(100), nullable=True))
    _branch_from_first_cashier(op.get_bind())


def _branch_from_first_cashier(connection: sa.Connection) -> None:
    """Registers without a branch: the branch their transactions were filed under."""
    unbound = connection.execute(
        sa.text("SELECT register FROM till_registers WHERE branch IS NULL OR branch = ''")
    ).scalars()
    for register in list(unbound):
        branch = _first_cashier_branch(connection, register)
        if branch:
            connection.execute(
                sa.text("UPDATE till_registers SET branch = :branch WHERE register = :register"),
                {"branch": branch, "register": register},
            )


def _first_cashier_branch(connection: sa.Connection, register: str) -> str | None:
    """The branch its transactions were filed under when they came (the feed keeps it), else
    the first cashier's branch now."""
    filed = connection.execute(
        sa.text("SELECT branch FROM till_feed WHERE register = :register AND branch <> '' "
                "ORDER BY change_seq LIMIT 1"),
        {"register": register},
    ).scalar()  # fmt: skip
    if filed:
        return str(filed)
    content = connection.execute(
        sa.text("SELECT content FROM till_journal WHERE register = :register ORDER BY seq LIMIT 1"),
        {"register": register},
    ).scalar()
    if content is None:
        return None
    cashier = (json.loads(content).get("body") or {}).get("cashier")
    return connection.execute(
        sa.text("SELECT branch FROM users WHERE username = :name"), {"name": cashier}
    ).scalar()


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("edited_branch")
        batch.drop_column("created_branch")
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("branch")
    # Before 0016 a register row existed only once it had entries, and always had a device.
    op.execute("DELETE FROM till_registers WHERE head_seq = 0")
    op.execute("UPDATE till_registers SET device_id = '' WHERE device_id IS NULL")
    with op.batch_alter_table("till_registers") as batch:
        batch.drop_column("retired_at")
        batch.drop_column("name")
        batch.alter_column("device_id", existing_type=sa.String(36), nullable=False)
