"""The rows a report reads, as DuckDB views over one window of days.

A feed kind is read from two places that never overlap: the exported Parquet files hold
the rows numbered up to the export's cursor (``_feed_state.json``), the database holds
the rest. History comes from the files (DuckDB prunes them by their day folder) and today
from PostgreSQL or SQLite, so a report is current without re-reading years of history
from the database. Where nothing was exported yet, everything comes from the database.

State kinds (cases, orders, till approvals) change in place; they are read from the
database as they stand now.

Every money column is an Arrow/DuckDB DECIMAL; days and hours are UTC.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.server.reporting import rollups
from frontdesk.server.reporting.batches import schema_of, table_of
from frontdesk.server.reporting.compact import current, part_range
from frontdesk.server.reporting.export import STATE
from frontdesk.server.reporting.feed import horizon
from frontdesk.server.reporting.sources import BY_KIND, Source
from frontdesk.server.reporting.state_sources import STATE_SOURCES, StateSource
from frontdesk.server.settings import data_dir

FEED_DIR_ENV = "FRONTDESK_SERVER_FEED_DIR"
#: How far a row's stored time may lie from the time it reports (a shift's close is
#: stamped by the till, received later): the database is asked for this much more.
_MARGIN = timedelta(days=2)


def feed_dir() -> Path:
    """Where ``frontdesk-server export`` writes for the reports (env FRONTDESK_SERVER_FEED_DIR)."""
    override = os.environ.get(FEED_DIR_ENV)
    return Path(override) if override else data_dir() / "feed"


@dataclass(frozen=True, slots=True)
class Window:
    """Days ``first`` to ``last`` inclusive (UTC), of one branch or of all."""

    first: date
    last: date
    branch: str | None = None

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(f"the window ends ({self.last}) before it starts ({self.first})")

    @property
    def start(self) -> datetime:
        return datetime.combine(self.first, time(), tzinfo=UTC)

    @property
    def stop(self) -> datetime:
        return datetime.combine(self.last + timedelta(days=1), time(), tzinfo=UTC)


def exported_cursor(folder: Path) -> int:
    """The feed position up to which ``folder`` holds every row (0: nothing exported)."""
    path = folder / STATE
    if not path.is_file():
        return 0
    try:
        return int(json.loads(path.read_text(encoding="utf-8"))["cursor"])
    except (ValueError, KeyError, TypeError):
        raise ValueError(f"{path}: not an export state file") from None


_database: duckdb.DuckDBPyConnection | None = None
_opening = threading.Lock()


def connect() -> duckdb.DuckDBPyConnection:
    """A connection of its own (its views and registered tables are its own) to the
    process's one in-memory DuckDB, opened at the first report: a new database per report
    cost more than many a query. The database holds nothing but what a report registers
    and DuckDB's caches, so processes need not agree on anything."""
    global _database
    with _opening:
        if _database is None:
            _database = duckdb.connect()
        con = _database.cursor()
    con.execute("SET TimeZone = 'UTC'")
    return con


def load(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    kinds: tuple[str, ...],
    *,
    window: Window,
    folder: Path,
    rolled: bool = False,
) -> None:
    """Create one view per kind in ``kinds`` holding the window's rows of its branch, or
    with ``rolled`` the daily rollups of those rows (``rollups.py``)."""
    cursor = exported_cursor(folder)
    top = horizon(session)
    for kind in kinds:
        if kind in STATE_SOURCES:
            _load_state(con, session, STATE_SOURCES[kind], window)
            continue
        load_kind = _load_rolled if rolled else _load_feed
        load_kind(con, session, BY_KIND[kind], window=window, folder=folder, span=(cursor, top))


def _load_feed(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    source: Source,
    *,
    window: Window,
    folder: Path,
    span: tuple[int, int],
) -> None:
    cursor, top = span
    kind = source.kind
    con.register(f"live_{kind}", _live(session, source, window, cursor=cursor, top=top))
    files = _files(folder, kind, window, cursor=cursor)
    columns = ", ".join(f'"{c.name}"' for c in source.all_columns)
    if files:
        history = f"SELECT {columns} FROM {_read(files)} WHERE seq <= {cursor}"
    else:
        con.register(f"none_{kind}", schema_of(source).empty_table())
        history = f"SELECT {columns} FROM none_{kind}"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {kind} AS SELECT {columns} FROM ("
        f"{history} UNION ALL SELECT {columns} FROM live_{kind}) "
        f"WHERE {_where(window)}"
    )


def _live(session: Session, source: Source, window: Window, *, cursor: int, top: int) -> pa.Table:
    inner = source.select(cursor, top).subquery()
    query = select(inner).where(
        inner.c.occurred_at >= window.start - _MARGIN, inner.c.occurred_at < window.stop + _MARGIN
    )
    result = session.execute(query)
    names, rows = list(result.keys()), result.all()
    columns = {name: [row[i] for row in rows] for i, name in enumerate(names)}
    if source.reshape:
        source.reshape(columns)
    return table_of(source, columns)


def _load_rolled(
    con: duckdb.DuckDBPyConnection,
    session: Session,
    source: Source,
    *,
    window: Window,
    folder: Path,
    span: tuple[int, int],
) -> None:
    """The kind's rollup files of the window's days, and the database's rows after the
    cursor rolled up the same way."""
    cursor, top = span
    kind, rollup = source.kind, rollups.ROLLUPS[source.kind]
    con.register(f"live_{kind}", _live(session, source, window, cursor=cursor, top=top))
    con.execute(f"CREATE OR REPLACE TEMP VIEW window_{kind} AS "
                f"SELECT * FROM live_{kind} WHERE {_where(window)}")  # fmt: skip
    live = rollup.sql(f"window_{kind}")
    files = _files(folder / rollups.ROOT, kind, window, cursor=cursor)
    branch = "TRUE" if window.branch is None else f"branch = {_quoted(window.branch)}"
    history = f"SELECT * FROM {_read(files)} WHERE {branch} UNION ALL BY NAME " if files else ""
    con.execute(f"CREATE OR REPLACE TEMP VIEW {kind} AS {history}{live}")


def _files(folder: Path, kind: str, window: Window, *, cursor: int) -> list[Path]:
    """The part files of the window's days holding rows up to ``cursor`` (an unfinished
    run's files hold only rows past it)."""
    found: list[Path] = []
    day = window.first
    while day <= window.last:
        place = folder / f"kind={kind}" / f"day={day.isoformat()}"
        try:
            names = os.listdir(place)
        except FileNotFoundError:
            names = []
        found += [place / name for name in current(names) if part_range(name)[0] <= cursor]
        day += timedelta(days=1)
    return found


def _read(files: list[Path]) -> str:
    listed = ", ".join(_quoted(str(f)) for f in files)
    return f"read_parquet([{listed}], hive_partitioning = false)"


def _load_state(
    con: duckdb.DuckDBPyConnection, session: Session, source: StateSource, window: Window
) -> None:
    con.register(f"live_{source.kind}", source.table(session, window.start, window.stop))
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {source.kind} AS "
        f"SELECT * FROM live_{source.kind} WHERE {_where(window)}"
    )


def _where(window: Window) -> str:
    clause = (
        f"occurred_at >= TIMESTAMPTZ {_quoted(window.start.isoformat())} "
        f"AND occurred_at < TIMESTAMPTZ {_quoted(window.stop.isoformat())}"
    )
    if window.branch is not None:
        clause += f" AND branch = {_quoted(window.branch)}"
    return clause


def _quoted(text: str) -> str:
    """A SQL string literal: the only quote character is doubled."""
    return "'" + text.replace("'", "''") + "'"


def as_rows(result: Any) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in result.fetchall()]
