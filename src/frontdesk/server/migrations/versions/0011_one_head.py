"""Joins the server database's branches into one head: from here on each revision follows the last.

Changes no table. A database at any mix of the earlier revisions is upgraded through them
to this one, as before.

Revision ID: 0011_one_head
Revises: 0005_auth, 0005_crosssell_feedback, 0007_token_device, 0009_till_pull, 0010_join_till
"""

from __future__ import annotations

revision = "0011_one_head"
down_revision = (
    "0005_auth",
    "0005_crosssell_feedback",
    "0007_token_device",
    "0009_till_pull",
    "0010_join_till",
)
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
