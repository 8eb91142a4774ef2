"""``frontdesk-server cases report``: how cases opened in a period fared.

Over the cases opened in ``[since, until)`` (UTC days): how many were opened, how many
are closed or resolved now, how many breached their resolution due time (``breached``:
resolved or closed after it, or still open past it now), how many breached their first
response due time (``first_response_breached``: answered after it, or still unanswered
past it now), and the median minutes (wall clock) from
opening to the first response and to resolution (resolved, else closed), of those that
have one. The same figures for all of them and by team, category, agent (the assigned
user, ``-`` for none) and day opened.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from statistics import median
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cases.models import Case

NONE = "-"
_GROUPS: dict[str, Callable[[Case], str]] = {
    "by_team": lambda c: c.assignee_team or NONE,
    "by_category": lambda c: c.category,
    "by_agent": lambda c: c.assignee_user or NONE,
    "by_day": lambda c: c.opened_at.date().isoformat(),
}


def cases_report(
    factory: sessionmaker[Session], *, since: date | None, until: date | None, now: datetime
) -> dict[str, Any]:
    """The report as plain values (``until`` is exclusive)."""
    with factory() as session:
        cases = list(session.scalars(_opened_between(since, until)))
    report: dict[str, Any] = {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "total": figures(cases, now=now),
    }
    for name, key in _GROUPS.items():
        groups: dict[str, list[Case]] = {}
        for case in cases:
            groups.setdefault(key(case), []).append(case)
        report[name] = {k: figures(v, now=now) for k, v in sorted(groups.items())}
    return report


def _opened_between(since: date | None, until: date | None) -> Any:
    query = select(Case).order_by(Case.opened_at)
    if since is not None:
        query = query.where(Case.opened_at >= datetime.combine(since, time(), UTC))
    if until is not None:
        query = query.where(Case.opened_at < datetime.combine(until, time(), UTC))
    return query


def figures(cases: Iterable[Case], *, now: datetime) -> dict[str, Any]:
    cases = list(cases)
    done = [c for c in cases if _finished(c) is not None]
    return {
        "opened": len(cases),
        "closed": len(done),
        "breached": sum(1 for c in cases if _breached(c, now=now)),
        "first_response_breached": sum(1 for c in cases if _answered_late(c, now=now)),
        "median_minutes_to_first_response": _median(
            c.first_response_at - c.opened_at for c in cases if c.first_response_at is not None
        ),
        "median_minutes_to_resolution": _median(_finished(c) - c.opened_at for c in done),  # type: ignore[operator]
    }


def _finished(case: Case) -> datetime | None:
    return case.resolved_at or case.closed_at


def _breached(case: Case, *, now: datetime) -> bool:
    if case.due_at is None:
        return False
    return (_finished(case) or now) > case.due_at


def _answered_late(case: Case, *, now: datetime) -> bool:
    if case.first_response_due_at is None:
        return False
    return (case.first_response_at or now) > case.first_response_due_at


def _median(spans: Iterable[timedelta]) -> float | None:
    minutes = [span.total_seconds() / 60 for span in spans]
    return round(median(minutes), 1) if minutes else None


def summary(report: dict[str, Any]) -> str:
    """The report for people: the totals, then one line per group."""
    lines = [f"cases opened {report['since'] or 'ever'} .. {report['until'] or 'now'}:",
             "  total  " + _line(report["total"])]  # fmt: skip
    for name in _GROUPS:
        lines.append(f"{name.removeprefix('by_')}:")
        lines += [f"  {key}  {_line(f)}" for key, f in report[name].items()]
    return "\n".join(lines)


def _line(f: dict[str, Any]) -> str:
    first, resolved = f["median_minutes_to_first_response"], f["median_minutes_to_resolution"]
    return (
        f"opened {f['opened']}, closed {f['closed']}, breached {f['breached']}, first "
        f"response breached {f['first_response_breached']}, median first response "
        f"{_minutes(first)}, median resolution {_minutes(resolved)}"
    )


def _minutes(value: float | None) -> str:
    return "-" if value is None else f"{value:g} min"
