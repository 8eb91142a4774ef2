"""A supervisor's view of the cases: those past their due time, counted by team and by
category, and reassigned several at once.

Read from the cache (the cases this desk pulls: its branch's and its teams'); each
reassignment is the desk's own ``assign`` (one cache write and one outbox item per case),
so one refused case does not stop the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from frontdesk.domain.errors import DomainError
from frontdesk.services.cases.ports import OVERDUE, CaseRow
from frontdesk.services.errors import FrontdeskError

#: The most breached cases listed at once; the counts are of those listed.
BREACH_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Breaches:
    """Open cases past their due time, most overdue first, and how they fall by team
    (None: assigned to no team) and by category code."""

    rows: list[CaseRow]
    by_team: dict[str | None, int]
    by_category: dict[str, int]


@dataclass(frozen=True, slots=True)
class Reassigned:
    """What became of one case of a reassignment: ``refused`` holds why it was not."""

    case_id: str
    number: str
    refused: str | None = None


def breaches_of(rows: list[CaseRow]) -> Breaches:
    by_team = Counter(row.assignee_team for row in rows)
    by_category = Counter(row.category for row in rows)
    return Breaches(rows, dict(by_team.most_common()), dict(by_category.most_common()))


def list_breaches(queue: Callable[..., list[CaseRow]]) -> Breaches:
    """``queue`` is ``DeskCases.queue``: the overdue queue is every case past due here."""
    return breaches_of(queue(OVERDUE, limit=BREACH_LIMIT))


def reassign_each(
    cases: Iterable[CaseRow],
    assign: Callable[..., object],
    *,
    user: str | None,
    team: str | None,
) -> list[Reassigned]:
    """``assign(case_id, user=, team=)`` for each case; a refusal is kept and the rest go on."""
    done = []
    for row in cases:
        try:
            assign(row.id, user=user, team=team)
        except (DomainError, FrontdeskError) as refusal:
            done.append(Reassigned(row.id, row.number, str(refusal)))
        else:
            done.append(Reassigned(row.id, row.number))
    return done
