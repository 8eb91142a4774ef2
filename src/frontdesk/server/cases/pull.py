"""What a desk pulls of cases: the cases of its branch and of its user's teams (any status,
so a closed case leaves the queues by its change), their events, and the reference lists
every desk needs offline (categories, teams with their members, service-level policies,
business calendars).

Like the rest of the pull, each list is found first by its change numbers (scoped by the
puller for cases and events) and read only for the page's range, as plain rows keyed and
ordered like the wire's fields.

A history line carries its case's branch and team (``case_branch``, ``case_team``), so the
puller's lines are found by the ``(branch, change_seq)`` and ``(team, change_seq)`` indexes
of both tables: a page reads its own rows, not every line after the cursor joined to its
case to be thrown away when it is another branch's. The first numbers after the cursor
are those of one index range per branch or team, merged.

A case that leaves the puller's scope sends the puller nothing more, so its last copy would
stay in the desk's queues: the page names it (``left``). What left is read from the
assignment lines of the page's range (``ix_case_events_change_seq``): a case handed away
from one of the puller's teams, or by a user of the puller's branch, that is now neither
the branch's nor one of its teams'. A case that came back since is pulled again whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

from sqlalchemy import Column, ColumnElement, Select, Table, false, or_, select, union
from sqlalchemy.orm import Session

from frontdesk.protocol.cases import (
    BusinessCalendarPublic,
    CaseCategoryPublic,
    CaseEventPublic,
    CasePublic,
    ServicePolicyPublic,
    TeamPublic,
)
from frontdesk.server.cases.models import (
    BusinessCalendarRow,
    Case,
    CaseAttachment,
    CaseCategory,
    CaseEvent,
    ServicePolicyRow,
    Team,
    TeamMember,
)
from frontdesk.server.models import User

Row = dict[str, Any]
_CASES: Table = Case.__table__  # type: ignore[assignment]
_EVENTS: Table = CaseEvent.__table__  # type: ignore[assignment]
_MEMBERS: Table = TeamMember.__table__  # type: ignore[assignment]
#: Each list of the page: its table and wire model, in ``PullPage``'s order.
LISTS: dict[str, tuple[Table, type]] = {
    "cases": (_CASES, CasePublic),
    "case_events": (_EVENTS, CaseEventPublic),
    "case_categories": (CaseCategory.__table__, CaseCategoryPublic),  # type: ignore[dict-item]
    "teams": (Team.__table__, TeamPublic),  # type: ignore[dict-item]
    "service_policies": (ServicePolicyRow.__table__, ServicePolicyPublic),  # type: ignore[dict-item]
    "business_calendars": (BusinessCalendarRow.__table__, BusinessCalendarPublic),  # type: ignore[dict-item]
}

_SCOPED = frozenset({"cases", "case_events"})


@dataclass(frozen=True)
class CaseScope:
    """Whose cases a desk pulls: those opened at ``branch`` or queued for one of ``teams``."""

    branch: str
    teams: tuple[str, ...] = ()


def scope_of(session: Session, user: User) -> CaseScope:
    teams = session.scalars(select(_MEMBERS.c.team).where(_MEMBERS.c.username == user.username))
    return CaseScope(user.branch, tuple(sorted(teams)))


def seqs(
    session: Session, scope: CaseScope | None, *, cursor: int, limit: int
) -> dict[str, list[int]]:
    """The first ``limit`` change numbers after ``cursor`` of each list (none of cases and
    events without a scope)."""
    return {name: _seqs(session, name, scope, cursor=cursor, limit=limit) for name in LISTS}


def _seqs(
    session: Session, name: str, scope: CaseScope | None, *, cursor: int, limit: int
) -> list[int]:
    seq = LISTS[name][0].c.change_seq
    if name not in _SCOPED:
        return list(session.scalars(_first(seq, seq > cursor, limit=limit)))
    if scope is None:
        return []  # no puller: no cases, and no query for them
    parts = _scope_parts(name, scope)
    if len(parts) == 1:
        return list(session.scalars(_first(seq, parts[0], seq > cursor, limit=limit)))
    # The first numbers of each index range, then the first of them all; a row of the
    # branch and of a team comes from both ranges with one number, kept once.
    ranges = [_first(seq, whose, seq > cursor, limit=limit).subquery() for whose in parts]
    merged = union(*(select(part.c.change_seq) for part in ranges)).subquery()
    return list(session.scalars(_first(merged.c.change_seq, limit=limit)))


def _first(seq: Any, *where: ColumnElement[bool], limit: int) -> Select[Any]:
    return select(seq).where(*where).order_by(seq).limit(limit)


def rows(
    session: Session, scope: CaseScope | None, name: str, *, after: int, upto: int
) -> list[Row]:
    """The rows of list ``name`` changed in ``(after, upto]``, as wire dicts."""
    seq = LISTS[name][0].c.change_seq
    query = _wire_select(name).where(seq > after, seq <= upto).order_by(seq)
    if name in _SCOPED:
        query = query.where(or_(*_scope_parts(name, scope)) if scope else false())
    found = _dicts(session, query)
    if name == "case_events":
        return _with_attachments(session, found)
    return _with_members(session, found) if name == "teams" else found


def left_seqs(
    session: Session,
    scope: CaseScope | None,
    *,
    cursor: int,
    limit: int,
    upto: int | None = None,
) -> list[int]:
    """The change numbers of the first ``limit`` hand-overs after ``cursor`` (and up to
    ``upto`` if given) that took a case out of ``scope`` (they end a page like any change
    the puller is sent)."""
    if scope is None or cursor == 0:
        return []  # a desk that pulled nothing yet holds nothing to take out of its queues
    seq = _EVENTS.c.change_seq
    within = [seq > cursor] if upto is None else [seq > cursor, seq <= upto]
    return list(session.scalars(_left(select(seq), scope, *within).limit(limit)))


def left(session: Session, scope: CaseScope | None, *, after: int, upto: int) -> list[str]:
    """The ids of cases that left ``scope`` by a hand-over in ``(after, upto]``."""
    if scope is None or after == 0:
        return []
    seq = _EVENTS.c.change_seq
    found = session.scalars(_left(select(_EVENTS.c.case_id), scope, seq > after, seq <= upto))
    return list(dict.fromkeys(found))


def _left(query: Select[Any], scope: CaseScope, *where: ColumnElement[bool]) -> Select[Any]:
    """Hand-overs (``assigned`` lines, ``old`` is ``user|team``) away from one of the
    puller's teams or made at its branch, of cases now neither its branch's nor its teams'."""
    e, c = _EVENTS.c, _CASES.c
    handed_by = [e.old.endswith(f"|{team}", autoescape=True) for team in scope.teams]
    elsewhere = or_(c.assignee_team.is_(None), c.assignee_team.not_in(scope.teams))
    return (
        query.join(_CASES, c.id == e.case_id)
        .where(*where, e.kind == "assigned", or_(e.branch == scope.branch, *handed_by))
        .where(c.branch != scope.branch, elsewhere)
        .order_by(e.change_seq)
    )


def customer_cases(session: Session, customer_id: str) -> tuple[list[Row], list[Row]]:
    """Every case of a customer, any branch, and their events (the desk asks on demand)."""
    cases = _dicts(session, _wire_select("cases").where(_CASES.c.customer_id == customer_id)
                   .order_by(_CASES.c.opened_at))  # fmt: skip
    ids = [case["id"] for case in cases]
    events = _dicts(session, _wire_select("case_events").where(_EVENTS.c.case_id.in_(ids))
                    .order_by(_EVENTS.c.change_seq)) if ids else []  # fmt: skip
    return cases, _with_attachments(session, events)


def _wire_select(name: str) -> Select[Any]:
    """The columns the wire carries, under its names (a team's members and a line's
    attachment come apart)."""
    table, wire = LISTS[name]
    fields = [f for f in wire.model_fields if f not in ("members", "attachment")]
    return select(*(table.c["change_seq" if f == "seq" else f].label(f) for f in fields))


#: Where each scoped list keeps the branch and the team of the case a row belongs to.
_SCOPE_COLUMNS: dict[str, tuple[Column[Any], Column[Any]]] = {
    "cases": (_CASES.c.branch, _CASES.c.assignee_team),
    "case_events": (_EVENTS.c.case_branch, _EVENTS.c.case_team),
}


def _scope_parts(name: str, scope: CaseScope) -> list[ColumnElement[bool]]:
    """The puller's rows of a scoped list: its branch's, then each of its teams' (one
    index range each)."""
    branch, team = _SCOPE_COLUMNS[name]
    return [branch == scope.branch, *(team == code for code in scope.teams)]


def _with_members(session: Session, teams: list[Row]) -> list[Row]:
    """Each team with its members' names, read in one query, in the wire's field order."""
    if not teams:
        return teams
    query = (
        select(_MEMBERS.c.team, _MEMBERS.c.username)
        .where(_MEMBERS.c.team.in_([team["code"] for team in teams]))
        .order_by(_MEMBERS.c.team, _MEMBERS.c.username)
    )
    found = groupby(session.execute(query).all(), key=lambda row: row[0])
    members = {code: [name for _, name in group] for code, group in found}
    return [
        {
            f: members.get(team["code"], []) if f == "members" else team[f]
            for f in TeamPublic.model_fields
        }
        for team in teams
    ]


def _with_attachments(session: Session, events: list[Row]) -> list[Row]:
    """Each ``attached`` line with its attachment, read in one query; the others with none."""
    ids = [event["id"] for event in events if event["kind"] == "attached"]
    query = select(CaseAttachment).where(CaseAttachment.id.in_(ids))
    found = {
        row.id: {"sha256": row.sha256, "file_name": row.file_name,
                 "media_type": row.media_type, "size": row.size}
        for row in (session.scalars(query) if ids else ())
    }  # fmt: skip
    return [{**event, "attachment": found.get(event["id"])} for event in events]


def _dicts(session: Session, query: Any) -> list[Row]:
    result = session.execute(query)
    keys = list(result.keys())
    return [dict(zip(keys, row, strict=True)) for row in result.all()]
