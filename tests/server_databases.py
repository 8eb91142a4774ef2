"""Real databases for server tests (a plugin of the root conftest, so the integration and
security folders share them): every server test runs on SQLite and PostgreSQL.

``db_url`` gives an empty database: a SQLite file in ``tmp_path``, or a fresh PostgreSQL
database created for the test and dropped after it. Where PostgreSQL is unreachable the
postgres runs are skipped with the reason, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import make_engine, migrate, session_factory

PG_HOST = os.environ.get("FRONTDESK_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("FRONTDESK_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("FRONTDESK_TEST_PG_USER", "postgres")
_ADMIN_DATABASES = ("test", "postgres")


def _admin_connection() -> psycopg.Connection:
    """An autocommit connection for CREATE/DROP DATABASE, or the reason there is none."""
    errors = []
    for dbname in _ADMIN_DATABASES:
        try:
            return psycopg.connect(
                host=PG_HOST,
                port=PG_PORT,
                user=PG_USER,
                dbname=dbname,
                autocommit=True,
                connect_timeout=3,
            )
        except psycopg.OperationalError as exc:
            errors.append(f"{dbname}: {str(exc).strip()}")
    _unavailable(f"PostgreSQL unreachable at {PG_USER}@{PG_HOST}:{PG_PORT} ({'; '.join(errors)})")
    raise AssertionError("unreachable")  # _unavailable always raises


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires PostgreSQL", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped (connections and all) after the test."""
    name = f"frontdesk_t_{secrets.token_hex(6)}"
    with _admin_connection() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
    finally:
        with _admin_connection() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'server.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty database URL: SQLite file, then a throwaway PostgreSQL database."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def migrated_url(db_url: str, _schema_templates: _Templates) -> str:
    """``db_url`` with the server schema at head: a copy of a database this test process
    migrated once (SQLite: 0.36 s a test saved; PostgreSQL: cloned as a template, 0.2 s)."""
    _schema_templates.fill(db_url)
    return db_url


class _Templates:
    """A migrated SQLite file and PostgreSQL database for this test process, copied into each
    test's own."""

    def __init__(self, folder: Path) -> None:
        self._folder, self._sqlite, self._postgres = folder, "", ""

    def fill(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            self._fill_sqlite(Path(url.removeprefix("sqlite:///")))
        else:
            self._fill_postgres(url.rsplit("/", 1)[1])

    def _fill_sqlite(self, path: Path) -> None:
        if not self._sqlite:
            self._sqlite = str(self._folder / "template.sqlite3")
            migrate(f"sqlite:///{self._sqlite}")
        with sqlite3.connect(self._sqlite) as source, sqlite3.connect(path) as target:
            source.backup(target)  # whole pages, whatever the journal mode

    def _fill_postgres(self, name: str) -> None:
        """The test's empty database made again as a clone of the migrated template (nothing
        has connected to it yet, so it can be dropped)."""
        with _admin_connection() as admin:
            template = self._postgres or self._make_postgres_template(admin)
            admin.execute(sql.SQL("DROP DATABASE {}").format(sql.Identifier(name)))
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                    sql.Identifier(name), sql.Identifier(template)
                )
            )

    def _make_postgres_template(self, admin: psycopg.Connection) -> str:
        name = f"frontdesk_tpl_{secrets.token_hex(6)}"
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self._postgres = name
        migrate(f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}")
        return name

    def drop(self) -> None:
        if not self._postgres:
            return
        with _admin_connection() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(self._postgres)
                )
            )


@pytest.fixture(scope="session")
def _schema_templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Templates]:
    templates = _Templates(tmp_path_factory.mktemp("schema"))
    yield templates
    templates.drop()


@pytest.fixture
def server_factory(migrated_url: str) -> Iterator[sessionmaker[Session]]:
    """A sessionmaker on the migrated database; its engine is disposed after the test."""
    engine = make_engine(migrated_url)
    try:
        yield session_factory(engine)
    finally:
        engine.dispose()
