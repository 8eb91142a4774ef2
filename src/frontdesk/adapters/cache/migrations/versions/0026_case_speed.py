"""The cases' queue indexes cover what a queue's page is sorted and filtered on.

A queue's page sorts the whole queue by due time to show 200 cases; with the old indexes
each of its cases was read from the table for ``in_queues``, ``opened_at`` and its id
(at 100,000 cases: 15,000-20,000 row reads for the team and overdue queues, most of their
time). With those columns in the index, the sort and the counts read the index alone.

Revision ID: 0026_case_speed
Revises: 0023_cases
"""

from alembic import op

revision = "0026_case_speed"
down_revision = "0025_conflicts_unified"
branch_labels = None
depends_on = None

_COVERED = ("due_at", "opened_at", "in_queues", "id")
_INDEXES = {
    "ix_cases_user": ("assignee_user", "status"),
    "ix_cases_team": ("assignee_team", "status"),
    "ix_cases_status_due": ("status",),
}


def upgrade() -> None:
    for name, leading in _INDEXES.items():
        op.drop_index(name, table_name="cases")
        op.create_index(name, "cases", [*leading, *_COVERED])


def downgrade() -> None:
    for name, leading in _INDEXES.items():
        op.drop_index(name, table_name="cases")
        op.create_index(name, "cases", [*leading, "due_at"])
