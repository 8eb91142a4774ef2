"""``0019_case_indexes`` on a server that already has cases, on SQLite and PostgreSQL: every
history line gets its case's branch and team, which the pull then finds it by."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Connection, text

from frontdesk.server.db import alembic_config, make_engine, migrate

NOW = "2025-03-03 10:00:00"


def test_the_migration_gives_each_line_its_cases_branch_and_team(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0018_cases")
            _older_servers_cases(connection)
        migrate(db_url)
        with engine.connect() as connection:
            lines = connection.execute(
                text("SELECT id, case_branch, case_team FROM case_events ORDER BY id")
            ).all()
    finally:
        engine.dispose()
    assert [tuple(line) for line in lines] == [
        ("e1", "Leeds", "york-returns"),  # the case's team, not its author's branch
        ("e2", "Leeds", "york-returns"),
        ("e3", "York", None),
    ]


def _older_servers_cases(connection: Connection) -> None:
    connection.execute(
        text(
            "INSERT INTO customers (id, account_number, full_name, phones, emails, branch, "
            f"notes, created_at, updated_at, change_seq) VALUES ('cu', 'ACC-1', 'Ann', '[]', "
            f"'[]', 'Leeds', '', '{NOW}', '{NOW}', 1)"
        )
    )
    connection.execute(
        text(
            "INSERT INTO case_categories (code, name_en, name_ru, active, change_seq) "
            "VALUES ('billing', 'Billing', 'Оплата', true, 2)"
        )
    )
    for seq, (case_id, branch, team) in enumerate(
        (("c1", "Leeds", "york-returns"), ("c2", "York", None)), start=3
    ):
        connection.execute(
            text(
                "INSERT INTO cases (id, number, customer_id, channel, category, subject, "
                "description, priority, status, assignee_team, branch, opened_by, device_id, "
                "opened_at, links, updated_at, change_seq) VALUES (:id, :number, 'cu', "
                "'phone', 'billing', 'Charged twice', '', 'normal', 'new', :team, :branch, "
                f"'ann', 'd1', '{NOW}', '[]', '{NOW}', :seq)"
            ),
            {"id": case_id, "number": f"D1-0000{seq}", "team": team, "branch": branch,
             "seq": seq},
        )  # fmt: skip
    for seq, (event_id, case_id, author_branch) in enumerate(
        (("e1", "c1", "Leeds"), ("e2", "c1", "York"), ("e3", "c2", "York")), start=10
    ):
        connection.execute(
            text(
                "INSERT INTO case_events (id, case_id, kind, author, at, body, branch, "
                f"device_id, change_seq) VALUES (:id, :case, 'comment', 'ann', '{NOW}', '', "
                ":branch, 'd1', :seq)"
            ),
            {"id": event_id, "case": case_id, "branch": author_branch, "seq": seq},
        )
