"""The provisional history lines (made here, ``seq`` 0) have an index of their own.

A pulled page drops the provisional lines of its cases whose writes were acknowledged. A
bulk load builds the cases' and lines' other indexes once at its end (``cases.pull``), and
without them that delete read every line of every page; the provisional lines are few, so
their index costs the pulled lines nothing.

Revision ID: 0027_case_bulk
Revises: 0026_case_speed
"""

import sqlalchemy as sa
from alembic import op

revision = "0027_case_bulk"
down_revision = "0026_case_speed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_case_events_provisional",
        "case_events",
        ["case_id"],
        sqlite_where=sa.text("seq = 0"),
    )


def downgrade() -> None:
    op.drop_index("ix_case_events_provisional", table_name="case_events")
