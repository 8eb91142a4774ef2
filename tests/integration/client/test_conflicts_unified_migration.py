"""``0025_conflicts_unified`` on a cache that has both kinds of conflicts: the customer-edit
and the case conflicts, open and settled, move into the one ``conflicts`` table under their
kind, in their order, and the desk reads them there; the downgrade gives each its own table
back, as it was."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, inspect, text

from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork

AT = "2026-01-01 09:00:00.000000"
_COLUMNS = "outbox_key, {subject}, field, kept, yours, recorded_at, resolution, resolved_by"
#: (table, subject column, rows: outbox key, subject, field, kept, yours, resolution, by)
OLD = {
    "edit_conflicts": ("customer_id", [
        ("k1", "c1", "phones", ["+44 1"], ["+44 2"], None, None),
        ("k2", "c1", "notes", "theirs", "mine", "theirs", "ann"),
    ]),
    "case_conflicts": ("case_id", [
        ("k3", "case1", "status", "resolved", "closed", None, None),
        ("k4", "case1", "assignee", {"user": "bob", "team": None},
         {"user": "ann", "team": "returns"}, None, None),
    ]),
}  # fmt: skip


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _fill_old(connection: Connection) -> None:
    for table, (subject, rows) in OLD.items():
        for key, ref, field, kept, yours, resolution, by in rows:
            connection.execute(
                text(f"INSERT INTO {table} ({_COLUMNS.format(subject=subject)}) VALUES "
                     "(:key, :ref, :field, :kept, :yours, :at, :resolution, :by)"),
                {"key": key, "ref": ref, "field": field, "kept": json.dumps(kept),
                 "yours": json.dumps(yours), "at": AT, "resolution": resolution, "by": by},
            )  # fmt: skip


def _old_rows(connection: Connection) -> dict[str, list[tuple]]:
    found = {}
    for table, (subject, _rows) in OLD.items():
        query = f"SELECT {_COLUMNS.format(subject=subject)} FROM {table} ORDER BY id"
        found[table] = [tuple(row) for row in connection.execute(text(query))]
    return found


def test_both_kinds_move_into_one_table_and_back(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(_config(connection), "0023_cases")
        _fill_old(connection)
        before = _old_rows(connection)
    engine.dispose()

    database = open_cache(path)  # migrates to the head
    try:
        uow = SqlAlchemyUnitOfWork(database.writer)
        with uow:
            edits = uow.conflicts.open_for("c1")
            cases = uow.cases.open_conflicts("case1")
            counts = (uow.conflicts.count_open(), uow.cases.count_open_conflicts())
            # A conflict's id names it within its kind only.
            assert (
                uow.conflicts.get(cases[0].id) is None and uow.cases.conflict(edits[0].id) is None
            )
        tables = set(inspect(database.engine).get_table_names())
    finally:
        database.dispose()
    assert [(e.outbox_key, e.field, e.kept, e.yours) for e in edits] == [
        ("k1", "phones", ["+44 1"], ["+44 2"])
    ]  # the settled one is kept, not open
    assert [(c.outbox_key, c.field, c.kept) for c in cases] == [
        ("k3", "status", "resolved"), ("k4", "assignee", {"user": "bob", "team": None}),
    ]  # fmt: skip
    assert counts == (1, 2)
    assert "conflicts" in tables and not {"edit_conflicts", "case_conflicts"} & tables

    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0023_cases")
        assert _old_rows(connection) == before
        assert "conflicts" not in inspect(connection).get_table_names()
    engine.dispose()
