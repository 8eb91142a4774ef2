"""Attaching an initial-pull snapshot file (``protocol.snapshot``) to the cache.

The file came from the server and matched the SHA-256 it named, yet it is read as any
pulled page is: untrusted. It is opened read-only, its layout must be exactly the
protocol's (an extra table is refused: a later layout comes with a new format number),
and nothing of it reaches the cache unchecked:

- the JSON kinds' rows are validated as pull pages, a chunk at a time, and applied by the
  replica's own bulk path, with every check a pulled page gets;
- receipts and lines are checked in SQL on the file's own connection (a million lines
  validated one model at a time were most of a first pull), naming the first bad row, and
  only then copied, in chunks, into the cache.

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
from sqlalchemy.exc import IntegrityError

from frontdesk.adapters.cache.purchase_pull import LINE_COLUMNS as CACHE_LINE_COLUMNS
from frontdesk.adapters.cache.purchase_pull import PURCHASE_COLUMNS as CACHE_PURCHASE_COLUMNS
from frontdesk.adapters.cache.purchase_pull import drop_purchase_indexes
from frontdesk.domain.currencies import MINOR_UNITS
from frontdesk.protocol import PullPage
from frontdesk.protocol.snapshot import (
    JSON_KINDS,
    LINE_COLUMNS,
    PURCHASE_COLUMNS,
    SNAPSHOT_FORMAT,
)
from frontdesk.services.errors import ProtocolError

#: Rows per validated chunk and per copied batch: a chunk's models stay small in memory.
CHUNK = 5_000
_LAYOUT = {
    "meta": {"key", "value"},
    **{kind: {"n", "row"} for kind in JSON_KINDS},
    "purchases": set(PURCHASE_COLUMNS),
    "purchase_lines": set(LINE_COLUMNS),
}
_MAX = 10**18 - 1  # the domain's money bound, in minor (or scaled) units
_MAX_MILLI = 10**15 - 1  # the wire's quantity: twelve digits and three decimals
_CODES = ", ".join(f"'{code}'" for code in sorted(MINOR_UNITS))
_TIMESTAMP = "[0-9]" * 4 + "-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]." + "[0-9]" * 6

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
            counts.update(_copy_purchases(source, connection))
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


# --- receipts and lines: checked in SQL, then copied --------------------------------


def _problem_query(table: str, name: str, cases: list[tuple[str, str]]) -> str:
    whens = " ".join(f"WHEN {test} THEN '{why}'" for test, why in cases)
    return (
        f"SELECT who, problem FROM (SELECT {name} AS who, CASE {whens} END AS problem"
        f" FROM {table}) WHERE problem IS NOT NULL LIMIT 1"
    )


def _text(column: str, longest: int, *, null: bool = False) -> tuple[str, str]:
    test = f"typeof({column}) != 'text' OR length({column}) > {longest}"
    if null:
        test = f"{column} IS NOT NULL AND ({test})"
    return test, f"{column} is not text of at most {longest} characters"


def _integer(column: str, low: int, high: int | str) -> tuple[str, str]:
    test = f"typeof({column}) != 'integer' OR {column} NOT BETWEEN {low} AND {high}"
    return test, f"{column} is not an integer from {low} to {high}"


_PURCHASE_CASES = [
    ("typeof(id) != 'text' OR length(id) NOT BETWEEN 1 AND 36", "id is not text of 1 to 36"),
    _text("number", 64),
    _text("customer_id", 36, null=True),
    (
        f"typeof(purchased_at) != 'text' OR length(purchased_at) != 26"
        f" OR purchased_at NOT GLOB '{_TIMESTAMP}'"
        " OR strftime('%Y-%m-%d %H:%M:%S', julianday(substr(purchased_at, 1, 19)))"
        " IS NOT substr(purchased_at, 1, 19)",
        "purchased_at is not a time YYYY-MM-DD HH:MM:SS.ffffff",
    ),
    _text("branch", 100),
    (f"typeof(currency) != 'text' OR currency NOT IN ({_CODES})", "currency is not a known code"),
    _integer("is_return", 0, 1),
    _text("original_number", 64, null=True),
    _integer("total_minor", -_MAX, _MAX),
    (
        "typeof(seq) != 'integer' OR seq NOT BETWEEN 1 AND :cursor",
        "seq is not an integer from 1 to the cursor",
    ),
]  # fmt: skip
_LINE_CASES = [
    ("typeof(purchase_id) != 'text'", "purchase_id is not text"),
    ("typeof(line_no) != 'integer'", "line_no is not an integer"),
    _text("sku", 64),
    _text("description", 300),
    ("quantity_milli = 0", "quantity_milli is zero"),
    _integer("quantity_milli", -_MAX_MILLI, _MAX_MILLI),
    _integer("unit_price_scaled", 0, _MAX),
    _integer("line_total_minor", -_MAX, _MAX),
]
_LINE_NAME = "quote(purchase_id) || ' line ' || quote(line_no)"
_ITEMS = (
    "SELECT purchase_id, sum(line_total_minor) AS total, sum(CASE WHEN abs(quantity_milli)"
    " % 1000 THEN 1 ELSE abs(quantity_milli) / 1000 END) AS items"
    " FROM purchase_lines GROUP BY purchase_id"
)
_SET_CHECKS = [
    (
        "SELECT quote(id) FROM purchases GROUP BY id HAVING count(*) > 1 LIMIT 1",
        "purchase {} appears twice",
    ),
    (
        f"SELECT {_LINE_NAME} FROM purchase_lines GROUP BY purchase_id, line_no"
        " HAVING count(*) > 1 LIMIT 1",
        "purchase {} appears twice",
    ),
    (
        f"SELECT {_LINE_NAME} FROM purchase_lines"
        " WHERE purchase_id NOT IN (SELECT id FROM purchases) LIMIT 1",
        "purchase {}: its purchase is not in the snapshot",
    ),
    (
        f"SELECT quote(p.number) FROM purchases p LEFT JOIN ({_ITEMS}) l ON l.purchase_id = p.id"
        " WHERE p.total_minor != coalesce(l.total, 0) LIMIT 1",
        "purchase {}: its total is not the sum of its lines",
    ),
]


def check_purchases(source: sqlite3.Connection, *, cursor: int) -> None:
    """Every receipt and line as the cache's columns and the domain take them, or a
    ProtocolError naming the first that is not."""
    row_checks = [
        ("purchases", "quote(id)", _PURCHASE_CASES, "purchase"),
        ("purchase_lines", _LINE_NAME, _LINE_CASES, "purchase"),
    ]
    for table, name, cases, what in row_checks:
        bad = source.execute(_problem_query(table, name, cases), {"cursor": cursor}).fetchone()
        if bad is not None:
            raise ProtocolError(f"snapshot {what} {bad[0]}: {bad[1]}")
    for query, message in _SET_CHECKS:
        bad = source.execute(query).fetchone()
        if bad is not None:
            raise ProtocolError("snapshot " + message.format(bad[0]))


_COPY_PURCHASES = (
    f"SELECT {', '.join('p.' + c for c in PURCHASE_COLUMNS)}, coalesce(l.items, 0)"
    f" FROM purchases p LEFT JOIN ({_ITEMS}) l ON l.purchase_id = p.id"
)
_COPY_LINES = f"SELECT {', '.join(LINE_COLUMNS)} FROM purchase_lines"


def _insert(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _copy_purchases(source: sqlite3.Connection, connection: Connection) -> dict[str, int]:
    """Receipts (with their item counts) and lines into the cache, a batch at a time;
    the purchases' indexes are dropped as a bulk load drops them (its end builds them)."""
    drop_purchase_indexes(connection)
    copies = [
        ("purchases", _COPY_PURCHASES, _insert("purchases", CACHE_PURCHASE_COLUMNS)),
        ("purchase_lines", _COPY_LINES, _insert("purchase_lines", CACHE_LINE_COLUMNS)),
    ]
    counts = {}
    for table, select, insert in copies:
        counts[table] = _copy(source.execute(select), connection, insert, table=table)
    return counts


def _copy(rows: sqlite3.Cursor, connection: Connection, insert: str, *, table: str) -> int:
    count = 0
    while batch := rows.fetchmany(CHUNK):
        try:
            connection.exec_driver_sql(insert, batch)
        except IntegrityError as error:
            raise ProtocolError(
                f"snapshot {table} clash with the cache's rows: {error.orig}"
            ) from None
        count += len(batch)
    return count
