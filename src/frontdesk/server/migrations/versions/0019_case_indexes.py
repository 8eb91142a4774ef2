"""Cases found by index for the pull: each history line keeps its case's branch and team
(``case_events.case_branch``, ``case_team``), and cases and lines are indexed by branch and
by team in change order.

A desk's pull asked for the lines after its cursor of the cases of its branch and teams by
joining every line after the cursor to its case: on a server with many branches most of
those lines are other branches', each looked up and thrown away. The scope now sits on
the line itself. ``(branch, change_seq)`` and ``(assignee_team, change_seq)`` replace the
single-column indexes on ``cases.branch`` and ``cases.assignee_team`` (their prefixes).

Revision ID: 0019_case_indexes
Revises: 0018_cases
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_case_indexes"
down_revision = "0018_cases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_events", sa.Column("case_branch", sa.String(100), nullable=True))
    op.add_column("case_events", sa.Column("case_team", sa.String(64), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE case_events SET case_branch = cases.branch, case_team = cases.assignee_team"
            " FROM cases WHERE cases.id = case_events.case_id"
        )
    else:
        op.execute(
            "UPDATE case_events SET"
            " case_branch = (SELECT branch FROM cases WHERE cases.id = case_events.case_id),"
            " case_team = (SELECT assignee_team FROM cases WHERE cases.id = case_events.case_id)"
        )
    with op.batch_alter_table("case_events") as batch:
        batch.alter_column("case_branch", existing_type=sa.String(100), nullable=False)
    op.create_index(
        "ix_case_events_case_branch_change_seq", "case_events", ["case_branch", "change_seq"]
    )
    op.create_index(
        "ix_case_events_case_team_change_seq", "case_events", ["case_team", "change_seq"]
    )
    op.drop_index("ix_cases_branch", table_name="cases")
    op.drop_index("ix_cases_assignee_team", table_name="cases")
    op.create_index("ix_cases_branch_change_seq", "cases", ["branch", "change_seq"])
    op.create_index("ix_cases_assignee_team_change_seq", "cases", ["assignee_team", "change_seq"])


def downgrade() -> None:
    op.drop_index("ix_cases_assignee_team_change_seq", table_name="cases")
    op.drop_index("ix_cases_branch_change_seq", table_name="cases")
    op.create_index("ix_cases_assignee_team", "cases", ["assignee_team"])
    op.create_index("ix_cases_branch", "cases", ["branch"])
    op.drop_index("ix_case_events_case_team_change_seq", table_name="case_events")
    op.drop_index("ix_case_events_case_branch_change_seq", table_name="case_events")
    with op.batch_alter_table("case_events") as batch:
        batch.drop_column("case_team")
        batch.drop_column("case_branch")
