"""Cases at the desk: the pulled cases and their history, the reference lists the desk needs
offline (categories, teams, service-level policies, business calendars), the desk's own case
numbering, the assignments and moves another desk won, and the full-text index of cases.

``sync_state`` keeps the case-number prefix the server gave this device at the last login or
refresh, and the user's branch (the calendar a due time is counted in); a desk that logged
in against a server without cases has none and opens no case until it signs in again.

Revision ID: 0023_cases
Revises: 0022_desk_versions
"""

import sqlalchemy as sa
from alembic import op

revision = "0023_cases"
down_revision = "0022_desk_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.add_column(sa.Column("case_prefix", sa.String(12)))
        batch.add_column(sa.Column("desk_branch", sa.String(100)))
    _cases()
    _reference_lists()
    op.create_table(
        "case_counters",
        sa.Column("prefix", sa.String(12), primary_key=True),
        sa.Column("last_seq", sa.Integer(), nullable=False),
    )
    op.create_table(
        "case_conflicts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("outbox_key", sa.String(36), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("kept", sa.JSON()),
        sa.Column("yours", sa.JSON()),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("resolution", sa.String(10)),
        sa.Column("resolved_by", sa.String(100)),
        sa.Column("resolved_at", sa.DateTime()),
        sa.Column("resolution_key", sa.String(36)),
        sa.UniqueConstraint("outbox_key", "field", name="uq_case_conflicts_key_field"),
    )
    op.create_index("ix_case_conflicts_case", "case_conflicts", ["case_id", "resolution"])
    # Subjects, descriptions and comments, folded (``domain.text.fold``: case, accents, ё);
    # its rowid is the case row's. Unicode words, so Cyrillic and Latin alike; a query's
    # words are prefixes, which also meets a Russian word in another grammatical case.
    op.execute(
        "CREATE VIRTUAL TABLE case_fts USING fts5("
        "subject, description, comments,"
        " tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )


def _cases() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("number", sa.String(24), nullable=False, unique=True),
        sa.Column("customer_id", sa.String(36), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("category", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("assignee_user", sa.String(100)),
        sa.Column("assignee_team", sa.String(64)),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("opened_by", sa.String(100), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime()),
        sa.Column("first_response_due_at", sa.DateTime()),
        sa.Column("first_response_at", sa.DateTime()),
        sa.Column("resolved_at", sa.DateTime()),
        sa.Column("closed_at", sa.DateTime()),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("in_queues", sa.Boolean(), nullable=False),
    )
    # The queues: a user's, a team's, and every open case by due time.
    op.create_index("ix_cases_user", "cases", ["assignee_user", "status", "due_at"])
    op.create_index("ix_cases_team", "cases", ["assignee_team", "status", "due_at"])
    op.create_index("ix_cases_status_due", "cases", ["status", "due_at"])
    op.create_index("ix_cases_customer", "cases", ["customer_id", "opened_at"])
    op.create_table(
        "case_events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("author", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("visibility", sa.String(10)),
        sa.Column("old", sa.String(200)),
        sa.Column("new", sa.String(200)),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("outbox_key", sa.String(36)),
    )
    op.create_index("ix_case_events_case", "case_events", ["case_id", "at"])


def _reference_lists() -> None:
    op.create_table(
        "case_categories",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name_en", sa.String(200), nullable=False),
        sa.Column("name_ru", sa.String(200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "teams",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("branch", sa.String(100), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "service_policies",
        sa.Column("category", sa.String(64), primary_key=True),
        sa.Column("priority", sa.String(10), primary_key=True),
        sa.Column("first_response_minutes", sa.Integer(), nullable=False),
        sa.Column("resolution_minutes", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "business_calendars",
        sa.Column("branch", sa.String(100), primary_key=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("hours", sa.JSON(), nullable=False),
        sa.Column("holidays", sa.JSON(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.execute("DROP TABLE case_fts")
    for name in (
        "case_conflicts",
        "case_counters",
        "business_calendars",
        "service_policies",
        "teams",
        "case_categories",
        "case_events",
        "cases",
    ):
        op.drop_table(name)
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("desk_branch")
        batch.drop_column("case_prefix")
