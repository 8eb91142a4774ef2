"""Opening the local cache: a SQLite file in WAL mode with foreign keys on, migrated to head."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.services.errors import CacheError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 30  # the GUI and a headless `frontdesk sync` may share one cache


@dataclass(frozen=True, slots=True)
class CacheDatabase:
    """Session factories on one cache file.

    ``writer`` sessions start with ``BEGIN IMMEDIATE`` (take the write lock up front, so a
    read-then-write transaction never fails half-way on a lock upgrade); ``reader`` sessions
    start a plain deferred ``BEGIN`` and, in WAL mode, never wait for a writer.
    """

    engine: Engine
    reader: sessionmaker[Session]
    writer: sessionmaker[Session]

    def dispose(self) -> None:
        self.engine.dispose()


def open_cache(path: Path) -> CacheDatabase:
    """The cache at ``path``, created and migrated if needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(path)
        migrate(engine)
    except (OSError, SQLAlchemyError, sqlite3.Error) as error:
        raise CacheError(f"cannot open the local cache {path}: {error}") from error
    writer_engine = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
    return CacheDatabase(
        engine=engine,
        reader=sessionmaker(engine, expire_on_commit=False),
        writer=sessionmaker(writer_engine, expire_on_commit=False),
    )


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _pragmas)
    event.listen(engine, "begin", _begin)
    return engine


def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # pysqlite's own transaction handling defers BEGIN until the first write, so reads
    # before it would see another snapshot; SQLAlchemy emits BEGIN itself instead.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin(connection: Connection) -> None:
    connection.exec_driver_sql(connection.get_execution_options().get("sqlite_begin", "BEGIN"))


def migrate(engine: Engine) -> None:
    """Bring the cache schema to the newest revision shipped with this client."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
