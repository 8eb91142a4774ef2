"""Snapshot files as ``protocol.snapshot`` lays them out, written from wire models.

The server writes them in production; a test writes its own from the same rows it would
pull as pages, so the two ways into a cache can be compared row by row.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from frontdesk.adapters.cache.purchase_pull import purchase_rows
from frontdesk.protocol import PullPage
from frontdesk.protocol.snapshot import (
    JSON_KINDS,
    LINE_COLUMNS,
    PURCHASE_COLUMNS,
    SNAPSHOT_FORMAT,
    SnapshotPublic,
)


def write_snapshot(path: Path, page: PullPage, *, cursor: int, fmt: int = SNAPSHOT_FORMAT) -> None:
    """The snapshot kinds of ``page`` as a snapshot file taken as of ``cursor``."""
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        meta = {"format": str(fmt), "cursor": str(cursor), "built_at": "2024-03-02T00:00:00Z"}
        db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        for kind in JSON_KINDS:
            db.execute(f"CREATE TABLE {kind} (n INTEGER PRIMARY KEY, row TEXT)")
            rows = [(model.model_dump_json(),) for model in getattr(page, kind)]
            db.executemany(f"INSERT INTO {kind} (row) VALUES (?)", rows)
        db.execute(f"CREATE TABLE purchases ({', '.join(PURCHASE_COLUMNS)})")
        db.execute(f"CREATE TABLE purchase_lines ({', '.join(LINE_COLUMNS)})")
        for purchase in page.purchases:
            header, lines = purchase_rows(purchase)
            values = header[: len(PURCHASE_COLUMNS)]  # the cache's item count is not sent
            db.execute(f"INSERT INTO purchases VALUES ({', '.join('?' * len(values))})", values)
            db.executemany("INSERT INTO purchase_lines VALUES (?, ?, ?, ?, ?, ?, ?)", lines)
    db.close()


def described(path: Path, *, cursor: int, snapshot_id: int = 1, **changes) -> SnapshotPublic:
    """What ``GET /sync/snapshot`` would say of the file (``changes`` to lie about it)."""
    content = path.read_bytes()
    fields = {
        "id": snapshot_id,
        "format": SNAPSHOT_FORMAT,
        "cursor": cursor,
        "sha256": hashlib.sha256(content).hexdigest(),
        "size": len(content),
        "built_at": datetime(2024, 3, 2, tzinfo=UTC),
    }
    return SnapshotPublic(**(fields | changes))
