"""Opening the local cache: a SQLite file in WAL mode with foreign keys on, migrated to head.

A cache that is gone is simply made again (empty; the next login and sync rebuild it from
the server). A cache SQLite cannot read is never deleted: it is moved aside, with its WAL,
to ``cache.sqlite3.damaged-<UTC time>``. If it still holds unsent outbox items (or nobody can
tell), opening refuses with ``CacheSetAside`` naming that file, so the agent knows their
unsent work is there; otherwise a fresh cache is made and ``CacheDatabase.set_aside`` says
where the old one went.

The cache holds customers and password verifiers, so on POSIX it is private to its user: the
data directory 0700, the file and its -wal/-shm 0600, tightened at every opening if they were
looser (on Windows the per-user data directory is already in the user's own profile).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.snapshot_purchases import detach
from frontdesk.services.errors import CacheError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600
_PARTS = ("", "-wal", "-shm")
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
    set_aside: Path | None = None  # where an unreadable cache (with nothing unsent) went

    def dispose(self) -> None:
        self.engine.dispose()


class CacheSetAside(CacheError):
    """The cache was unreadable and may hold unsent work: it was moved aside, not deleted."""

    def __init__(self, message: str, *, moved_to: Path) -> None:
        super().__init__(message)
        self.moved_to = moved_to


def open_cache(path: Path) -> CacheDatabase:
    """The cache at ``path``, created and migrated if needed (see the module's notes on damage).

    Raises:
        CacheSetAside: the cache was damaged and may hold unsent items; it was moved aside.
        CacheError: the cache cannot be opened for another reason (permissions, disk).
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _open(path)
    except (SQLAlchemyError, sqlite3.DatabaseError) as error:
        if not _damaged(error):
            raise CacheError(f"cannot open the local cache {path}: {error}") from error
        moved_to = _set_aside(path, unsent=_unsent_items(path))
    except OSError as error:
        raise CacheError(f"cannot open the local cache {path}: {error}") from error
    return _open(path, set_aside=moved_to)


def _open(path: Path, *, set_aside: Path | None = None) -> CacheDatabase:
    make_private(path)
    engine = make_engine(path)
    try:
        migrate(engine)
        _probe(engine)
    except BaseException:
        engine.dispose()
        raise
    make_private(path)  # the -wal and -shm opening made
    writer_engine = engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
    return CacheDatabase(
        engine=engine,
        reader=sessionmaker(engine, expire_on_commit=False),
        writer=sessionmaker(writer_engine, expire_on_commit=False),
        set_aside=set_aside,
    )


def make_private(path: Path) -> None:
    """The cache's folder 0700 and its files 0600 on POSIX; the file is made if absent, so
    SQLite (which gives -wal and -shm the file's mode) never makes one readable by others."""
    if os.name != "posix":
        return
    _tighten(path.parent, PRIVATE_DIR)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    for suffix in _PARTS:
        part = path.with_name(path.name + suffix)
        if part.exists():
            _tighten(part, PRIVATE_FILE)


def _tighten(path: Path, mode: int) -> None:
    if stat.S_IMODE(path.stat().st_mode) != mode:
        path.chmod(mode)


#: Tables read once at opening, so damage in them shows now rather than mid-shift.
_PROBED = ("sync_state", "workstation", "outbox", "customers", "purchases")


def _probe(engine: Engine) -> None:
    with engine.connect() as connection:
        for table in _PROBED:
            connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def _damaged(error: BaseException) -> bool:
    cause = getattr(error, "orig", None) or error
    text = str(cause).lower()
    return isinstance(cause, sqlite3.DatabaseError) and (
        "not a database" in text or "malformed" in text or "corrupt" in text
    )


def _unsent_items(path: Path) -> int | None:
    """How many outbox items the damaged file still holds unsent; None if it cannot be read."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT count(*) FROM outbox WHERE state != 'sent'")
            return int(row.fetchone()[0])
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def _set_aside(path: Path, *, unsent: int | None) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    moved_to = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in _PARTS:
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(moved_to.with_name(moved_to.name + suffix))
    if unsent == 0:
        return moved_to
    what = "may hold unsent changes" if unsent is None else f"holds {unsent} unsent change(s)"
    raise CacheSetAside(
        f"the local cache {path} is damaged and {what}; it was kept, not deleted, as "
        f"{moved_to}. Give that file to support to recover them. The next start makes a new "
        "cache; log in and sync to rebuild it from the server.",
        moved_to=moved_to,
    )


WAL_SIZE_LIMIT = 64 * 1024 * 1024


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _pragmas)
    event.listen(engine, "begin", _begin)
    # A snapshot file is attached inside the transaction that copies it, and SQLite
    # detaches a file only outside one: the connection lets go of it on its way back.
    event.listen(engine, "checkin", _detach_snapshot)
    return engine


def _detach_snapshot(dbapi_conn: sqlite3.Connection | None, _record: object) -> None:
    if dbapi_conn is not None:  # None: the connection was invalidated and is gone
        detach(dbapi_conn)


def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    # pysqlite's own transaction handling defers BEGIN until the first write, so reads
    # before it would see another snapshot; SQLAlchemy emits BEGIN itself instead.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # A bulk load lets the log grow (``replica``); once checkpointed it shrinks back.
    cursor.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
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
