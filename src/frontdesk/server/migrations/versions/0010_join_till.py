"""Joins 0006_till into the revision that depends on it: changes no table.

Alembic counts a revision another one only depends on as a head of its own, yet records it
in the version table under the dependent one; naming both here makes it an ancestor like
any other, so the merge that follows finds every head it names in the version table.

Revision ID: 0010_join_till
Revises: 0006_till, 0008_till_approve
"""

from __future__ import annotations

revision = "0010_join_till"
down_revision = (
    "0006_till",
    "0008_till_approve",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
