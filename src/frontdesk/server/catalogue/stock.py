"""Stock figures from the back office, applied set-based (``PUT /api/v1/stock``, ``import
stock``).

A batch is applied in chunks of ``CHUNK_ROWS``, two statements each whatever its size: one
reads, for every row of the chunk, whether its product exists and the figure stored for its
(sku, branch, warehouse); one upserts the rows that change something, each with its own
change number. The chunk travels as one JSON parameter that the database unpacks into rows
(PostgreSQL ``jsonb_to_recordset``, SQLite ``json_each``), so the statement count does not
grow with the rows.

A row dated after the server's clock (``CLOCK_SKEW`` allowed) is refused: stored, it would be
"newer" than every true figure after it and freeze the row.
A stored figure newer than the row's ``as_of`` is left (a late batch never rolls stock back);
the upsert checks that again, so a batch committed in between is not overwritten either. A
row equal to the stored figure is unchanged: no write, no change number.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Date, text
from sqlalchemy.orm import Session

from frontdesk.protocol.catalogue import ImportRowProblem, StockRowIn
from frontdesk.server.catalogue.models import QUANTITY_SCALE
from frontdesk.server.catalogue.report import ImportContext, Parsed
from frontdesk.server.db import UTCDateTime, allocate_seq, utcnow

CHUNK_ROWS = 10_000
#: How far ahead of the server's clock a figure's ``as_of`` may be (the ERP's clock drifts).
CLOCK_SKEW = timedelta(minutes=5)
_COLUMNS = ("sku", "branch", "warehouse", "on_hand_milli", "reserved_milli", "incoming_milli",
            "incoming_on", "as_of", "change_seq")  # fmt: skip
_TYPES = ("text", "text", "text", "bigint", "bigint", "bigint", "date", "timestamp", "bigint")
_SOURCE = {
    "postgresql": "SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS t(n integer, "
    + ", ".join(f"{c} {t}" for c, t in zip(_COLUMNS, _TYPES, strict=True))
    + ")",
    "sqlite": "SELECT json_extract(value, '$.n') AS n, "
    + ", ".join(f"json_extract(value, '$.{c}') AS {c}" for c in _COLUMNS)
    + " FROM json_each(:rows)",
}
_FIGURE = ("on_hand_milli", "reserved_milli", "incoming_milli", "incoming_on", "as_of")
_READ = """SELECT i.n, p.sku IS NOT NULL AS known, {stored}
FROM ({source}) AS i
LEFT JOIN products AS p ON p.sku = i.sku
LEFT JOIN stock AS s ON s.sku = i.sku AND s.branch = i.branch AND s.warehouse = i.warehouse"""
_UPSERT = """INSERT INTO stock ({columns})
SELECT {columns} FROM ({source}) AS i WHERE true
ON CONFLICT (sku, branch, warehouse) DO UPDATE SET {updates}
WHERE stock.as_of <= excluded.as_of"""


@dataclass
class StockOutcome:
    """What a batch did, row by row: created or updated (applied), unchanged, stale, or
    refused (``problems``)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stale: int = 0
    problems: list[ImportRowProblem] = field(default_factory=list)

    @property
    def applied(self) -> int:
        return self.created + self.updated


def apply_stock(session: Session, rows: Iterable[tuple[int, StockRowIn]]) -> StockOutcome:
    """Apply numbered stock rows in ``session`` (the caller commits)."""
    outcome = StockOutcome()
    chunk: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, str], int] = {}
    latest = utcnow() + CLOCK_SKEW
    for number, row in rows:
        if row.as_of > latest:
            ahead = f"{row.as_of.isoformat()} is after the server's clock"
            outcome.problems.append(ImportRowProblem(row=number, field="as_of", message=ahead))
            continue
        key = (row.sku, row.branch, row.warehouse)
        if key in seen:
            again = f"{key[0]!r} at {key[1]}/{key[2]} appears again (first at row {seen[key]})"
            outcome.problems.append(ImportRowProblem(row=number, field="sku", message=again))
            continue
        seen[key] = number
        chunk.append(_stored_form(number, row))
        if len(chunk) == CHUNK_ROWS:
            _apply_chunk(session, chunk, outcome)
            chunk = []
    if chunk:
        _apply_chunk(session, chunk, outcome)
    outcome.problems.sort(key=lambda problem: problem.row)
    return outcome


def write_import(context: ImportContext, parsed: list[Parsed]) -> None:
    """``import stock``'s writer: one batch of the file."""
    outcome = apply_stock(context.session, ((entry.row, entry.item) for entry in parsed))
    report = context.report
    report.created += outcome.created
    report.updated += outcome.updated
    report.unchanged += outcome.unchanged
    report.stale += outcome.stale
    for problem in outcome.problems:
        report.refuse(problem.row, problem.field, problem.message)


def milli(quantity: str) -> int:
    """A ``QuantityText`` (``12``, ``2.5``) in thousandths, by integer arithmetic."""
    whole, _, fraction = quantity.partition(".")
    return int(whole) * QUANTITY_SCALE + int(fraction.ljust(3, "0") or 0)


@lru_cache(maxsize=1 << 12)
def quantity_text(value: int) -> str:
    """Thousandths as the wire's decimal string, without trailing zeros: 2500 -> '2.5',
    -455 -> '-0.455' (a returned line's). Memoised: a pull page's quantities repeat."""
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), QUANTITY_SCALE)
    return sign + f"{whole}.{fraction:03d}".rstrip("0").rstrip(".")


def _stored_form(number: int, row: StockRowIn) -> dict[str, Any]:
    return {
        "n": number,
        "sku": row.sku,
        "branch": row.branch,
        "warehouse": row.warehouse,
        "on_hand_milli": milli(row.on_hand),
        "reserved_milli": milli(row.reserved),
        "incoming_milli": milli(row.incoming),
        "incoming_on": row.incoming_on,
        "as_of": row.as_of.astimezone(UTC),
    }


def _apply_chunk(session: Session, chunk: list[dict[str, Any]], outcome: StockOutcome) -> None:
    stored = _read(session, chunk)
    changed, created = [], 0
    for row in chunk:
        known, figure = stored[row["n"]]
        if not known:
            message = f"no product {row['sku']!r}"
            outcome.problems.append(ImportRowProblem(row=row["n"], field="sku", message=message))
        elif figure is None:
            changed.append(row)
            created += 1
        elif figure[-1] > row["as_of"]:
            outcome.stale += 1
        elif figure == tuple(row[name] for name in _FIGURE):
            outcome.unchanged += 1
        else:
            changed.append(row)
    if changed:
        _upsert(session, changed)
    outcome.created += created
    outcome.updated += len(changed) - created


def _read(session: Session, chunk: list[dict[str, Any]]) -> dict[int, tuple[bool, Any]]:
    """Row number -> (its product exists, the stored figure or None)."""
    dialect = session.get_bind().dialect.name
    stored = ", ".join(f"s.{name}" for name in _FIGURE)
    query = text(_READ.format(stored=stored, source=_SOURCE[dialect])).columns(
        incoming_on=Date(), as_of=UTCDateTime()
    )
    result = session.execute(query, {"rows": _json(chunk, dialect)})
    return {
        n: (bool(known), None if as_of is None else (*figure, as_of))
        for n, known, *figure, as_of in result.all()
    }


def _upsert(session: Session, rows: list[dict[str, Any]]) -> None:
    first = allocate_seq(session, len(rows))
    for seq, row in enumerate(rows, start=first):
        row["change_seq"] = seq
    dialect = session.get_bind().dialect.name
    columns = ", ".join(_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[3:])
    statement = _UPSERT.format(columns=columns, source=_SOURCE[dialect], updates=updates)
    session.execute(text(statement), {"rows": _json(rows, dialect)})


def _json(rows: list[dict[str, Any]], dialect: str) -> str:
    """The rows as one JSON array, dates and times as each database stores them."""
    return json.dumps([_encoded(row, dialect) for row in rows], ensure_ascii=False)


def _encoded(row: dict[str, Any], dialect: str) -> dict[str, Any]:
    out = dict(row)
    as_of: datetime = row["as_of"]
    # SQLite keeps SQLAlchemy's text form, which is what its comparisons run on.
    naive = as_of.astimezone(UTC).replace(tzinfo=None)
    out["as_of"] = naive.isoformat(sep=" ", timespec="microseconds")
    day: date | None = row["incoming_on"]
    out["incoming_on"] = None if day is None else day.isoformat()
    return out
