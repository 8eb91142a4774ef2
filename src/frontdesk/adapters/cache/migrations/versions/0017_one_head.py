"""Joins the cache's branches into one head: from here on each revision follows the last.

Changes no table. A cache at any mix of the earlier revisions is upgraded through them to
this one, as before.

Revision ID: 0017_one_head
Revises: 0002_lookup, 0004_crosssell, 0006_till, 0008_history, 0009_conflicts, 0010_lock,
    0012_till_approve, 0013_till_pull, 0015_timeline, 0016_history_order
"""

from __future__ import annotations

revision = "0017_one_head"
down_revision = (
    "0002_lookup",
    "0004_crosssell",
    "0006_till",
    "0008_history",
    "0009_conflicts",
    "0010_lock",
    "0012_till_approve",
    "0013_till_pull",
    "0015_timeline",
    "0016_history_order",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
