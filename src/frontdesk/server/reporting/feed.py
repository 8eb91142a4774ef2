"""Reading the feed: pages of typed rows after a cursor, and the horizon they stop at.

The cursor is a change-sequence number. A page never goes past the horizon (the counter's
committed value, read first): every number at or below it is committed or rolled back, so
a row can never appear later below a cursor already handed out. A page never splits the
rows of one number (a purchase's lines share theirs).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.server.models import ChangeCounter
from frontdesk.server.reporting.columns import by_column, by_row, wire_value
from frontdesk.server.reporting.sources import SOURCES, Source

MAX_LIMIT = 5000
CHUNK = 2000


class BadCursor(ValueError):
    """A cursor that is not a change-sequence number this server handed out."""


def parse_cursor(text: str | None, *, horizon: int) -> int:
    """``text`` as a cursor: a whole number from 0 to the horizon."""
    if text is None or text == "":
        return 0
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        raise BadCursor(f"cursor {text[:40]!r} is not a feed position (a whole number)")
    cursor = int(text)
    if cursor > horizon:
        raise BadCursor(f"cursor {cursor} is past the end of the feed ({horizon})")
    return cursor


def horizon(session: Session) -> int:
    return int(session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1)) or 0)


def rows_of(
    session: Session, source: Source, since: int, upto: int, *, limit: int | None = None
) -> Iterator[dict[str, Any]]:
    """Raw rows of ``source`` numbered in ``(since, upto]`` as dicts, in number order."""
    query = source.select(since, upto)
    # A long read streams (a server-side cursor on PostgreSQL); a page is small.
    streamed = query.execution_options(yield_per=CHUNK)
    query = streamed if limit is None else query.limit(limit)
    result = session.execute(query)
    names = list(result.keys())
    for chunk in result.partitions(CHUNK):
        columns = by_column(names, chunk)
        if source.reshape:
            source.reshape(columns)
        yield from by_row(columns)


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[dict[str, Any]]
    next_cursor: int
    horizon: int


def page(session: Session, cursor: int, *, limit: int, top: int) -> Page:
    """Rows after ``cursor`` up to ``top`` (the horizon), about ``limit`` of them."""
    firsts = sorted(
        row["seq"] for s in SOURCES for row in rows_of(session, s, cursor, top, limit=limit)
    )
    end = firsts[limit - 1] if len(firsts) >= limit else top
    found = [(s, row) for s in SOURCES for row in rows_of(session, s, cursor, end)]
    found.sort(key=lambda pair: (pair[1]["seq"], pair[0].kind, pair[1]["id"]))
    return Page([wire_row(s, row) for s, row in found], end, top)


def wire_row(source: Source, row: dict[str, Any]) -> dict[str, Any]:
    currency = row.get("currency")
    out = {"kind": source.kind}
    for col in source.all_columns:
        out[col.name] = wire_value(col, row.get(col.name), currency)
    return out
