"""Upgrading a cache from before shared desks: waiting writes and the desk get the logged-in
user as their author, and the one offline-unlock login becomes that user's own."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from frontdesk.adapters.cache.database import MIGRATIONS, open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork

VERIFIER = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"


def _old_cache(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005_desk_auth")
        connection.execute(
            text("UPDATE sync_state SET server_url = 'https://hq:8765', username = 'ann'")
        )
        for n, state in enumerate(("sent", "pending", "failed"), start=1):
            connection.execute(
                text(
                    "INSERT INTO outbox (key, kind, payload, created_at, state, attempts) "
                    f"VALUES ('k{n}', 'interaction.record', '{{}}', '2026-01-01', '{state}', 0)"
                )
            )
        connection.execute(
            text(
                "INSERT INTO offline_unlock (id, server_url, username, verifier, online_login_at)"
                f" VALUES (1, 'https://hq:8765', 'ann', '{VERIFIER}', '2026-01-01 09:00:00')"
            )
        )
    engine.dispose()


def test_an_old_cache_keeps_its_waiting_writes_authors_and_offline_login(tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    _old_cache(path)
    database = open_cache(path)  # migrates to the newest revision
    try:
        uow = SqlAlchemyUnitOfWork(database.writer)
        with uow:
            waiting = {e.key: e.author for e in uow.outbox.pending(limit=10)}
            failed = {e.key: e.author for e in uow.outbox.failed()}
            desk_user = uow.workstation.get().desk_user
            login = uow.unlock.get("ann")
            latest = uow.unlock.get()
        with database.engine.connect() as connection:
            sent_author = connection.execute(
                text("SELECT author FROM outbox WHERE key = 'k1'")
            ).scalar_one()
    finally:
        database.dispose()
    assert (waiting, failed, sent_author) == ({"k2": "ann"}, {"k3": "ann"}, None)
    assert desk_user == "ann"
    assert login is not None and login.verifier == VERIFIER and latest == login
