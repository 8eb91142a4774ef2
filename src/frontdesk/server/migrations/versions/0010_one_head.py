"""Joins the server database's branches into one head: from here on each revision follows
the last.

Changes no table. A database at any mix of the earlier revisions is upgraded through them
to this one, as before.

Revision ID: 0010_one_head
Revises: 0005_auth, 0005_crosssell_feedback, 0006_till, 0007_token_device,
    0008_till_approve, 0009_till_pull
"""

from __future__ import annotations

revision = "0010_one_head"
down_revision = (
    "0005_auth",
    "0005_crosssell_feedback",
    "0006_till",
    "0007_token_device",
    "0008_till_approve",
    "0009_till_pull",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
