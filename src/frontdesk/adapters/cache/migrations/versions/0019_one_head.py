"""Joins the cache's branches into one head: from here on each revision follows the last.

Changes no table. A database at any mix of the earlier revisions is upgraded through them
to this one, as before.

Revision ID: 0019_one_head
Revises: 0002_lookup, 0004_crosssell, 0009_conflicts, 0010_lock, 0013_till_pull,
    0015_timeline, 0017_join_till, 0018_join_history
"""

from __future__ import annotations

revision = "0019_one_head"
down_revision = (
    "0002_lookup",
    "0004_crosssell",
    "0009_conflicts",
    "0010_lock",
    "0013_till_pull",
    "0015_timeline",
    "0017_join_till",
    "0018_join_history",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
