"""The receipts and lines of an initial-pull snapshot: checked in SQL, copied in SQL.

A million lines validated one model at a time were most of a first pull, and copying them
through Python (fetch a batch, bind it, insert it) was most of the attach after that. So
every row is checked on the file's own read-only connection first (types, lengths, ranges,
currencies, dates, change numbers), naming the first bad row; then the file is attached to
the cache's connection and copied by ``INSERT ... SELECT`` in the caller's transaction:

- each receipt's total and item count come from one pass over its lines (a temporary
  table keyed by receipt), and a total that is not the sum of its lines is refused;
- a receipt or line that appears twice meets the cache's primary keys, and only then is
  the file searched for which one it was, to name it;
- a line whose receipt is not in the file is found against the copied receipts' key.

SQLite cannot detach a file inside the transaction that read it: the cache's connection
pool detaches it when the connection comes back (``database.py``).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from frontdesk.adapters.cache.purchase_pull import LINE_COLUMNS as CACHE_LINE_COLUMNS
from frontdesk.adapters.cache.purchase_pull import drop_purchase_indexes
from frontdesk.domain.currencies import MINOR_UNITS
from frontdesk.protocol.snapshot import LINE_COLUMNS, PURCHASE_COLUMNS
from frontdesk.services.errors import ProtocolError

#: The name the snapshot file is attached under on the cache's connection.
ATTACHED = "pulled_snapshot"
_MAX = 10**18 - 1  # the domain's money bound, in minor (or scaled) units
_MAX_MILLI = 10**15 - 1  # the wire's quantity: twelve digits and three decimals
_CODES = ", ".join(f"'{code}'" for code in sorted(MINOR_UNITS))
_TIMESTAMP = "[0-9]" * 4 + "-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]." + "[0-9]" * 6


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


def check_purchases(source: sqlite3.Connection, *, cursor: int) -> None:
    """Every receipt and line as the cache's columns and the domain take them, or a
    ProtocolError naming the first that is not."""
    row_checks = [
        ("purchases", "quote(id)", _PURCHASE_CASES),
        ("purchase_lines", _LINE_NAME, _LINE_CASES),
    ]
    for table, name, cases in row_checks:
        bad = source.execute(_problem_query(table, name, cases), {"cursor": cursor}).fetchone()
        if bad is not None:
            raise ProtocolError(f"snapshot purchase {bad[0]}: {bad[1]}")


_SUMS = (
    "CREATE TEMP TABLE pulled_snapshot_sums (purchase_id TEXT PRIMARY KEY, total INTEGER,"
    " items INTEGER) WITHOUT ROWID"
)
# What a line adds to its receipt's item count: its pieces, or one weighed article
# (purchase_pull._items).
_FILL_SUMS = (
    "INSERT INTO temp.pulled_snapshot_sums SELECT purchase_id, sum(line_total_minor),"
    " sum(CASE WHEN abs(quantity_milli) % 1000 THEN 1 ELSE abs(quantity_milli) / 1000 END)"
    f" FROM {ATTACHED}.purchase_lines GROUP BY purchase_id"
)
_WRONG_TOTAL = (
    f"SELECT quote(p.number) FROM {ATTACHED}.purchases p"
    " LEFT JOIN temp.pulled_snapshot_sums s ON s.purchase_id = p.id"
    " WHERE p.total_minor != coalesce(s.total, 0) LIMIT 1"
)
_COPY_PURCHASES = (
    f"INSERT INTO main.purchases ({', '.join(PURCHASE_COLUMNS)}, item_count)"
    f" SELECT {', '.join('p.' + c for c in PURCHASE_COLUMNS)}, coalesce(s.items, 0)"
    f" FROM {ATTACHED}.purchases p LEFT JOIN temp.pulled_snapshot_sums s ON s.purchase_id = p.id"
)
_COPY_LINES = (
    f"INSERT INTO main.purchase_lines ({', '.join(CACHE_LINE_COLUMNS)})"
    f" SELECT {', '.join(LINE_COLUMNS)} FROM {ATTACHED}.purchase_lines"
)
_NOT_THE_SUM = "purchase {}: its total is not the sum of its lines"
_ORPHAN = (
    "SELECT quote(purchase_id) FROM temp.pulled_snapshot_sums s"
    " WHERE NOT EXISTS (SELECT 1 FROM main.purchases p WHERE p.id = s.purchase_id) LIMIT 1"
)
_TWICE = {
    "purchases": f"SELECT quote(id) FROM {ATTACHED}.purchases GROUP BY id HAVING count(*) > 1",
    "purchase_lines": f"SELECT {_LINE_NAME} FROM {ATTACHED}.purchase_lines"
    " GROUP BY purchase_id, line_no HAVING count(*) > 1",
}


def copy_purchases(connection: Connection, path: Path) -> dict[str, int]:
    """The file's receipts (with their item counts) and lines into the cache, in the
    caller's transaction; the purchases' indexes dropped as a bulk load drops them (its
    end builds them). Rows per table."""
    drop_purchase_indexes(connection)
    connection.exec_driver_sql(f"ATTACH DATABASE ? AS {ATTACHED}", (str(path),))
    connection.exec_driver_sql(_SUMS)
    try:
        connection.exec_driver_sql(_FILL_SUMS)
        _refuse_first(connection, _WRONG_TOTAL, _NOT_THE_SUM)
        counts = {"purchases": _copy(connection, _COPY_PURCHASES, table="purchases")}
        _refuse_first(connection, _ORPHAN, "purchase {}: its purchase is not in the snapshot")
        counts["purchase_lines"] = _copy(connection, _COPY_LINES, table="purchase_lines")
    finally:
        connection.exec_driver_sql("DROP TABLE temp.pulled_snapshot_sums")
    return counts


def _refuse_first(connection: Connection, query: str, message: str) -> None:
    bad = connection.exec_driver_sql(query).first()
    if bad is not None:
        raise ProtocolError("snapshot " + message.format(bad[0]))


def _copy(connection: Connection, insert: str, *, table: str) -> int:
    try:
        return connection.exec_driver_sql(insert).rowcount
    except IntegrityError as error:
        twice = connection.exec_driver_sql(_TWICE[table]).first()
        if twice is not None:
            raise ProtocolError(f"snapshot purchase {twice[0]} appears twice") from None
        raise ProtocolError(f"snapshot {table} clash with the cache's rows: {error.orig}") from None


def detach(dbapi_connection: sqlite3.Connection) -> None:
    """Detach a snapshot file the connection still has (outside any transaction)."""
    names = [row[1] for row in dbapi_connection.execute("PRAGMA database_list")]
    if ATTACHED in names:
        dbapi_connection.execute(f"DETACH DATABASE {ATTACHED}")
