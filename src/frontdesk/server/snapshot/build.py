"""Building a snapshot: one consistent read of every snapshot kind into a SQLite file.

Everything is read in one transaction that sees the database as of one moment
(PostgreSQL: REPEATABLE READ, READ ONLY; SQLite: one read transaction on the WAL), so the
change counter read first is exactly what the rows hold: the snapshot's cursor. Rows are
read in keyset chunks of change numbers and written as they come, so a million purchase
lines never sit in memory at once. The file has no index: the desk reads it in order.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path
from typing import Any

from pydantic_core import to_json
from sqlalchemy import Table, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.snapshot import (
    JSON_KINDS,
    LINE_COLUMNS,
    PURCHASE_COLUMNS,
    SNAPSHOT_FORMAT,
    SnapshotPublic,
)
from frontdesk.server.db import among, utcnow
from frontdesk.server.models import ChangeCounter, Purchase, PurchaseLine
from frontdesk.server.pull import table_of, wire_rows
from frontdesk.server.snapshot import store

#: Change numbers per keyset read: what one read holds in memory (a purchase's lines too).
READ_ROWS = 5000
_PURCHASES: Table = Purchase.__table__  # type: ignore[assignment]
_LINES: Table = PurchaseLine.__table__  # type: ignore[assignment]
_STORED_AS = {"seq": "change_seq"}


def build_snapshot(factory: sessionmaker[Session]) -> SnapshotPublic:
    """The newest snapshot, built first unless its cursor is already the change counter's
    value (then nothing changed since: building again would make the same file)."""
    with tempfile.TemporaryDirectory(prefix="frontdesk-snapshot-") as folder:
        path = Path(folder) / "snapshot.sqlite3"
        with factory() as session:
            _consistent_read(session)
            cursor = int(session.scalar(select(ChangeCounter.value)) or 0)
            newest = store.newest(session)
            if newest is not None and newest.cursor == cursor:
                return store.public(newest)
            built_at = utcnow()
            rows = write_file(session, path, cursor=cursor, built_at=built_at)
        return store.save(factory, path, cursor=cursor, built_at=built_at, rows=rows)


def _consistent_read(session: Session) -> None:
    if session.get_bind().dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
        session.connection(execution_options=options)
    else:
        # The sqlite3 module begins no transaction before a SELECT: without one, each
        # read would see the database as of its own moment.
        session.connection().exec_driver_sql("BEGIN")


def write_file(session: Session, path: Path, *, cursor: int, built_at: datetime) -> dict[str, int]:
    """Write the snapshot of every change up to ``cursor`` to ``path``; rows per table."""
    file = sqlite3.connect(path, isolation_level=None)
    try:
        # A half-written file is thrown away whole, so no journal and no sync are needed.
        file.execute("PRAGMA journal_mode=OFF")
        file.execute("PRAGMA synchronous=OFF")
        file.execute("BEGIN")
        _create_tables(file)
        meta = {"format": str(SNAPSHOT_FORMAT), "cursor": str(cursor),
                "built_at": built_at.isoformat()}  # fmt: skip
        file.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        rows = {name: _write_kind(session, file, name, cursor=cursor) for name in JSON_KINDS}
        rows |= _write_purchases(session, file, cursor=cursor)
        file.execute("COMMIT")
    finally:
        file.close()
    return rows


def _create_tables(file: sqlite3.Connection) -> None:
    file.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    for name in JSON_KINDS:
        file.execute(f"CREATE TABLE {name} (n INTEGER PRIMARY KEY, row TEXT NOT NULL)")
    file.execute(f"CREATE TABLE purchases ({_typed(PURCHASE_COLUMNS)})")
    file.execute(f"CREATE TABLE purchase_lines ({_typed(LINE_COLUMNS)})")


def _typed(columns: tuple[str, ...]) -> str:
    integers = {"is_return", "total_minor", "seq", "line_no", "quantity_milli",
                "unit_price_scaled", "line_total_minor"}  # fmt: skip
    return ", ".join(f"{c} {'INTEGER' if c in integers else 'TEXT'}" for c in columns)


def _write_kind(session: Session, file: sqlite3.Connection, name: str, *, cursor: int) -> int:
    written = 0
    for after, upto in _spans(session, table_of(name), cursor=cursor):
        rows = wire_rows(session, name, after=after, upto=upto)
        numbered = ((written + i, to_json(row).decode()) for i, row in enumerate(rows, 1))
        file.executemany(f"INSERT INTO {name} VALUES (?, ?)", numbered)
        written += len(rows)
    return written


def _spans(session: Session, table: Table, *, cursor: int) -> Iterator[tuple[int, int]]:
    """``(after, upto]`` spans of change numbers up to ``cursor``, ``READ_ROWS`` rows each.

    A span ends at a row's own number, so rows sharing a number never fall between two.
    """
    seq, after = table.c.change_seq, 0
    while after < cursor:
        ahead = select(seq).where(seq > after, seq <= cursor).order_by(seq)
        end = session.scalar(ahead.offset(READ_ROWS - 1).limit(1))
        upto = cursor if end is None else int(end)
        yield after, upto
        after = upto


def _write_purchases(session: Session, file: sqlite3.Connection, *, cursor: int) -> dict[str, int]:
    counts = {"purchases": 0, "purchase_lines": 0}
    header_columns = [_PURCHASES.c[_STORED_AS.get(c, c)] for c in PURCHASE_COLUMNS]
    line_columns = [_LINES.c[c] for c in LINE_COLUMNS]
    seq = _PURCHASES.c.change_seq
    for after, upto in _spans(session, _PURCHASES, cursor=cursor):
        query = select(*header_columns).where(seq > after, seq <= upto).order_by(seq)
        headers = [_purchase(row) for row in session.execute(query)]
        lines = _lines(session, line_columns, [header[0] for header in headers])
        file.executemany(f"INSERT INTO purchases VALUES ({_marks(PURCHASE_COLUMNS)})", headers)
        ordered = [line for header in headers for line in lines.get(header[0], [])]
        file.executemany(f"INSERT INTO purchase_lines VALUES ({_marks(LINE_COLUMNS)})", ordered)
        counts["purchases"] += len(headers)
        counts["purchase_lines"] += len(ordered)
    return counts


def _lines(session: Session, columns: list[Any], ids: list[str]) -> dict[str, list[Any]]:
    if not ids:
        return {}
    query = (
        select(*columns)
        .where(among(session, _LINES.c.purchase_id, ids))
        .order_by(_LINES.c.purchase_id, _LINES.c.line_no)
    )
    rows = session.execute(query).all()
    return {key: [tuple(row) for row in group] for key, group in groupby(rows, lambda r: r[0])}


def _purchase(row: Any) -> tuple[Any, ...]:
    values = dict(zip(PURCHASE_COLUMNS, row, strict=True))
    values["purchased_at"] = _utc_text(values["purchased_at"])
    values["is_return"] = int(values["is_return"])
    return tuple(values.values())


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _marks(columns: tuple[str, ...]) -> str:
    return ", ".join("?" * len(columns))
