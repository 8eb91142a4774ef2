"""Running a report: its figures grouped by the dimensions asked for, or the transactions
behind one cell (the drill-down), each with its customer."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.server.models import Customer
from frontdesk.server.reporting import relations
from frontdesk.server.reporting.catalogue import REPORTS, Report
from frontdesk.server.reporting.relations import Window

MAX_DRILL = 5000
_NAMES_AT_ONCE = 1000


class ReportError(ValueError):
    """A report asked for in a way it cannot answer (unknown name or dimension, bad cell)."""


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    #: dim | money | count | rate | hours
    type: str


@dataclass(frozen=True, slots=True)
class Result:
    report: str
    window: Window
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]]

    def as_dicts(self) -> list[dict[str, Any]]:
        names = [c.name for c in self.columns]
        return [dict(zip(names, row, strict=True)) for row in self.rows]


@dataclass(frozen=True, slots=True)
class Drill:
    report: str
    cell: dict[str, str | None]
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    total: int


def report_named(name: str) -> Report:
    try:
        return REPORTS[name]
    except KeyError:
        known = ", ".join(REPORTS)
        raise ReportError(f"no report named {name[:40]!r} (known: {known})") from None


def dimensions(report: Report, by: tuple[str, ...] | None) -> tuple[str, ...]:
    """The dimensions asked for, checked; a money report is always split by currency."""
    chosen = tuple(by) if by else report.default_by
    unknown = [d for d in chosen if d not in report.dims]
    if unknown or len(set(chosen)) != len(chosen) or len(chosen) > 6:
        known = ", ".join(report.dims)
        raise ReportError(f"{report.name}: cannot group by {', '.join(chosen)} (known: {known})")
    if report.money and "currency" not in chosen:
        chosen = (*chosen, "currency")
    return chosen


def run(
    session: Session, name: str, *, window: Window, by: tuple[str, ...] | None = None,
    folder: Path | None = None, rollups: bool = True,
) -> Result:  # fmt: skip
    """The report's figures; from its daily rollups where it has them and every dimension
    asked for is kept there (``rollups`` False: always from the rows)."""
    report = report_named(name)
    dims = dimensions(report, by)
    rolled = report.rolled if rollups and report.rolled else None
    rolled = rolled if rolled and set(dims) <= set(rolled.dims) else None
    exprs, sums = (rolled.dims, rolled.figures) if rolled else (report.dims, {})
    select = [f'{exprs[d]} AS "{d}"' for d in dims]
    select += [f'{sums.get(f.name, f.sql)} AS "{f.name}"' for f in report.figures]
    order = ", ".join(f'"{d}" NULLS LAST' for d in dims)
    sql = f"SELECT {', '.join(select)} FROM ({report.base}) GROUP BY ALL ORDER BY {order}"
    with closing(_loaded(session, report, window, folder, rolled=rolled is not None)) as con:
        rows = relations.as_rows(con.execute(sql))
    columns = tuple(Column(d, "dim") for d in dims) + tuple(
        Column(f.name, f.type) for f in report.figures
    )
    return Result(report.name, window, columns, rows)


def drill(
    session: Session, name: str, *, window: Window, cell: dict[str, str | None],
    folder: Path | None = None, limit: int = MAX_DRILL,
) -> Drill:  # fmt: skip
    """The transactions behind ``cell`` (dimension -> its value as text, None for null)."""
    report = report_named(name)
    unknown = [d for d in cell if d not in report.dims]
    if unknown:
        raise ReportError(f"{report.name}: no dimension {', '.join(unknown)[:80]}")
    where, params = _cell_filter(report, cell)
    base = f"SELECT * FROM ({report.base}) WHERE {where}"
    columns = ", ".join(f'"{c}"' for c in report.detail)
    sql = f"SELECT {columns} FROM ({base}) ORDER BY occurred_at, id LIMIT {int(limit)}"
    with closing(_loaded(session, report, window, folder)) as con:
        total = con.execute(f"SELECT count(*) FROM ({base})", params).fetchone()[0]
        rows = relations.as_rows(con.execute(sql, params))
    columns, rows = _with_names(session, report.detail, rows)
    return Drill(report.name, dict(cell), columns, rows, int(total))


def _with_names(
    session: Session, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """Each row with its customer's name as the database holds it now (an erased customer's
    is empty): the feed's rows name customers by id only."""
    if "customer_id" not in columns:
        return columns, rows
    at = columns.index("customer_id")
    ids = sorted({row[at] for row in rows if row[at]})
    names: dict[str, str] = {}
    for start in range(0, len(ids), _NAMES_AT_ONCE):
        chunk = ids[start : start + _NAMES_AT_ONCE]
        query = select(Customer.id, Customer.full_name).where(Customer.id.in_(chunk))
        names.update((key, name) for key, name in session.execute(query))
    named = [(*row, names.get(row[at]) if row[at] else None) for row in rows]
    return (*columns, "customer_name"), named


def _cell_filter(report: Report, cell: dict[str, str | None]) -> tuple[str, list[Any]]:
    parts, params = ["TRUE"], []
    for dim, value in cell.items():
        expr = report.dims[dim]
        if value is None:
            parts.append(f"({expr}) IS NULL")
        else:
            parts.append(f"CAST(({expr}) AS VARCHAR) = ?")
            params.append(str(value))
    return " AND ".join(parts), params


def _loaded(
    session: Session, report: Report, window: Window, folder: Path | None, *, rolled: bool = False
) -> Any:
    con = relations.connect()
    try:
        relations.load(con, session, report.kinds, window=window,
                       folder=folder or relations.feed_dir(), rolled=rolled)  # fmt: skip
    except BaseException:
        con.close()
        raise
    return con
