"""Joins 0008_history into the revision that depends on it: changes no table.

Alembic counts a revision another one only depends on as a head of its own, yet records it
in the version table under the dependent one; naming both here makes it an ancestor like
any other, so the merge that follows finds every head it names in the version table.

Revision ID: 0018_join_history
Revises: 0008_history, 0016_history_order
"""

from __future__ import annotations

revision = "0018_join_history"
down_revision = (
    "0008_history",
    "0016_history_order",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
