"""Attaching an initial-pull snapshot file (``protocol.snapshot``) to the cache.

The file came from the server and matched the SHA-256 it named, yet it is read as any
pulled page is: untrusted. It is opened read-only, its layout must be exactly the
protocol's (an extra table is refused: a later layout comes with a new format number),
and nothing of it reaches the cache unchecked:

- the JSON kinds' rows are validated as pull pages, a chunk at a time, and applied by the
  replica's own bulk path, with every check a pulled page gets;
- receipts and lines are checked and copied in SQL (``snapshot_purchases``).

All of it runs in the caller's one transaction: a bad row found late undoes the rows
copied before it. The lookup index is not built here: the pull that follows is a bulk
load, whose last page builds every index once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pydantic
from sqlalchemy import Connection

from frontdesk.adapters.cache.snapshot_purchases import check_purchases, copy_purchases
from frontdesk.protocol import PullPage
from frontdesk.protocol.snapshot import (
    JSON_KINDS,
    LINE_COLUMNS,
    PURCHASE_COLUMNS,
    SNAPSHOT_FORMAT,
)
from frontdesk.services.errors import ProtocolError

#: Rows per validated chunk of a JSON kind: a chunk's models stay small in memory.
CHUNK = 5_000
_LAYOUT = {
    "meta": {"key", "value"},
    **{kind: {"n", "row"} for kind in JSON_KINDS},
    "purchases": set(PURCHASE_COLUMNS),
    "purchase_lines": set(LINE_COLUMNS),
}

Apply = Callable[[PullPage], None]


def attach_snapshot(
    connection: Connection, path: Path, *, cursor: int, apply: Apply
) -> dict[str, int]:
    """Check the file and copy its rows into the cache (the caller's transaction);
    ``apply`` applies a page of JSON kinds in bulk. Rows per table of the file."""
    try:
        with closing(_open(path)) as source:
            check_layout(source, cursor=cursor)
            check_purchases(source, cursor=cursor)
            counts = {
                kind: _apply_kind(source, kind, cursor=cursor, apply=apply) for kind in JSON_KINDS
            }
            counts.update(copy_purchases(connection, path))
    except sqlite3.Error as error:
        raise ProtocolError(f"the snapshot file cannot be read: {error}") from None
    return counts


def _open(path: Path) -> sqlite3.Connection:
    # Immutable: nothing else writes the file, and a read needs no lock or -shm file.
    source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    source.execute("PRAGMA trusted_schema = OFF")  # the file's schema calls no functions
    return source


def check_layout(source: sqlite3.Connection, *, cursor: int) -> None:
    """The file is whole, of this format and cursor, with exactly the protocol's tables."""
    problems = [row[0] for row in source.execute("PRAGMA quick_check")]
    if problems != ["ok"]:
        raise ProtocolError(f"the snapshot file is damaged: {problems[0]}")
    _check_tables(source)
    meta = _meta(source)
    if meta.get("format") != str(SNAPSHOT_FORMAT):
        raise ProtocolError(f"snapshot format {meta.get('format')!r}, expected {SNAPSHOT_FORMAT}")
    if meta.get("cursor") != str(cursor):
        raise ProtocolError(f"snapshot cursor {meta.get('cursor')!r}, announced {cursor}")


def _check_tables(source: sqlite3.Connection) -> None:
    objects = source.execute(
        "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall()
    tables = {name for kind, name, _ in objects if kind == "table"}
    for kind, name, table in objects:
        if kind not in ("table", "index") or table not in _LAYOUT:
            raise ProtocolError(f"the snapshot file holds an unexpected {kind} {name!r}")
    for table, columns in _LAYOUT.items():
        if table not in tables:
            raise ProtocolError(f"the snapshot file has no table {table!r}")
        found = {row[1] for row in source.execute(f"PRAGMA table_info({table})")}
        if found != columns:
            raise ProtocolError(
                f"snapshot table {table!r} has columns {sorted(found)}, expected {sorted(columns)}"
            )


def _meta(source: sqlite3.Connection) -> dict[str, str]:
    rows = source.execute("SELECT key, value FROM meta").fetchall()
    meta = {str(key): str(value) for key, value in rows}
    if len(meta) != len(rows):
        raise ProtocolError("the snapshot's meta table repeats a key")
    return meta


# --- the JSON kinds: validated as pull pages -------------------------------------------


def _apply_kind(source: sqlite3.Connection, kind: str, *, cursor: int, apply: Apply) -> int:
    count = 0
    for page in json_pages(source, kind, cursor=cursor):
        apply(page)
        count += len(getattr(page, kind))
    return count


def json_pages(source: sqlite3.Connection, kind: str, *, cursor: int) -> Iterator[PullPage]:
    """The kind's rows as pull pages of ``CHUNK`` rows, each validated as a page is."""
    bad = source.execute(
        f"SELECT n FROM {kind} WHERE typeof(row) != 'text' OR typeof(n) != 'integer' LIMIT 1"
    ).fetchone()
    if bad is not None:
        raise ProtocolError(f"snapshot {kind} row {bad[0]!r} is not JSON text")
    rows = source.execute(f"SELECT n, row FROM {kind} ORDER BY n")
    while batch := rows.fetchmany(CHUNK):
        yield _page(kind, batch, cursor=cursor)


def _page(kind: str, batch: list[tuple[int, str]], *, cursor: int) -> PullPage:
    text = f'{{"cursor":{cursor},"has_more":true,"{kind}":[{",".join(r for _, r in batch)}]}}'
    try:
        page = PullPage.model_validate_json(text)
    except pydantic.ValidationError as error:
        raise ProtocolError(f"snapshot {kind}: {_where(error, kind, batch)}") from None
    items = getattr(page, kind)
    # A row is one JSON object: one that closes the list and opens another field is
    # another page's content, and is refused rather than applied.
    if page.model_fields_set != {"cursor", "has_more", kind} or len(items) != len(batch):
        raise ProtocolError(
            f"snapshot {kind} rows {batch[0][0]}-{batch[-1][0]} are not one object each"
        )
    for (n, _), item in zip(batch, items, strict=True):
        if not 1 <= item.seq <= cursor:
            raise ProtocolError(f"snapshot {kind} row {n}: seq {item.seq} outside 1..{cursor}")
    return page


def _where(error: pydantic.ValidationError, kind: str, batch: list[tuple[int, str]]) -> str:
    first = error.errors()[0]
    location = list(first.get("loc", ()))
    index = location[1] if len(location) >= 2 and location[0] == kind else None
    if isinstance(index, int) and index < len(batch):
        field = ".".join(str(part) for part in location[2:])
        return f"row {batch[index][0]} {field}: {first.get('msg', '')}"
    return f"rows {batch[0][0]}-{batch[-1][0]}: {first.get('msg', '')}"
