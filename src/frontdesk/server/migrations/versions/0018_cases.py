"""Cases: the cases and their history, categories, teams and their members, service-level
policies and business calendars; ``devices.number``, each workstation's case-number prefix.

Devices registered before this revision are numbered 1, 2, ... in the order they
registered (ties by id), so every existing desk has its prefix at its next sign-in.

Revision ID: 0018_cases
Revises: 0017_journal_signing
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from frontdesk.server.db import UTCDateTime

revision = "0018_cases"
down_revision = "0017_journal_signing"
branch_labels = None
depends_on = None


def _seq() -> sa.Column:
    return sa.Column("change_seq", sa.BigInteger(), nullable=False)


def upgrade() -> None:
    _number_devices()
    op.create_table(
        "case_categories",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_ru", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _seq(),
        sa.PrimaryKeyConstraint("code", name="pk_case_categories"),
    )
    op.create_index("ix_case_categories_change_seq", "case_categories", ["change_seq"])
    op.create_table(
        "teams",
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        _seq(),
        sa.PrimaryKeyConstraint("code", name="pk_teams"),
    )
    op.create_index("ix_teams_change_seq", "teams", ["change_seq"])
    op.create_table(
        "team_members",
        sa.Column("team", sa.String(64), nullable=False),
        sa.Column("username", sa.String(100), nullable=False),
        sa.ForeignKeyConstraint(
            ["team"], ["teams.code"], name="fk_team_members_team_teams", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team", "username", name="pk_team_members"),
    )
    op.create_index("ix_team_members_username", "team_members", ["username"])
    op.create_table(
        "service_policies",
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        _seq(),
        sa.PrimaryKeyConstraint("category", "priority", name="pk_service_policies"),
    )
    op.create_index("ix_service_policies_change_seq", "service_policies", ["change_seq"])
    op.create_table(
        "business_calendars",
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=False),
        sa.Column("holidays", sa.JSON(), nullable=False),
        _seq(),
        sa.PrimaryKeyConstraint("branch", name="pk_business_calendars"),
    )
    op.create_index("ix_business_calendars_change_seq", "business_calendars", ["change_seq"])
    _case_tables()


def _case_tables() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(24), nullable=False),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("assignee_user", sa.String(100), nullable=True),
        sa.Column("assignee_team", sa.String(64), nullable=True),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("opened_by", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("due_at", UTCDateTime(), nullable=True),
        sa.Column("first_response_due_at", UTCDateTime(), nullable=True),
        sa.Column("first_response_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        _seq(),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name="fk_cases_customer_id_customers"
        ),
        sa.ForeignKeyConstraint(
            ["category"], ["case_categories.code"], name="fk_cases_category_case_categories"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
        sa.UniqueConstraint("number", name="uq_cases_number"),
    )
    for column in ("customer_id", "assignee_user", "assignee_team", "branch", "opened_at",
                   "change_seq"):  # fmt: skip
        op.create_index(f"ix_cases_{column}", "cases", [column])
    op.create_table(
        "case_events",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(10), nullable=True),
        sa.Column("old", sa.String(200), nullable=True),
        sa.Column("new", sa.String(200), nullable=True),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        _seq(),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name="fk_case_events_case_id_cases"),
        sa.PrimaryKeyConstraint("id", name="pk_case_events"),
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id"])
    op.create_index("ix_case_events_change_seq", "case_events", ["change_seq"])


def _number_devices() -> None:
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("number", sa.Integer(), nullable=True))
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM devices ORDER BY registered_at, id")).scalars()
    for number, device_id in enumerate(list(ids), start=1):
        connection.execute(
            sa.text("UPDATE devices SET number = :number WHERE id = :id"),
            {"number": number, "id": device_id},
        )
    with op.batch_alter_table("devices") as batch:
        batch.create_unique_constraint("uq_devices_number", ["number"])


def downgrade() -> None:
    op.drop_table("case_events")
    op.drop_table("cases")
    op.drop_table("business_calendars")
    op.drop_table("service_policies")
    op.drop_table("team_members")
    op.drop_table("teams")
    op.drop_table("case_categories")
    with op.batch_alter_table("devices") as batch:
        batch.drop_constraint("uq_devices_number", type_="unique")
        batch.drop_column("number")
