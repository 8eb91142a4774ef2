"""The lists the back office keeps for cases: categories, teams with their members, and
service levels (policies and business calendars), imported from JSON files.

A file is read and checked whole before anything is written, and written in one
transaction: a malformed file (bad JSON, an unknown field, a bad code, an unknown user or
category, an hour that is not HH:MM) is refused with the place and the reason, and nothing
of it is imported. Entries are upserted by their key; entries a file does not name stay as
they are (a category or team is taken out of use with ``"active": false``, never deleted:
cases keep naming it). Each row that changes gets a change number, so desks pull it.

Formats::

    {"categories": [{"code": "billing", "name_en": "Billing", "name_ru": "Оплата",
                     "active": true}]}
    {"teams": [{"code": "returns", "name": "Returns desk", "branch": "Leeds",
                "members": ["ann", "bob"], "active": true}]}
    {"policies": [{"category": "*", "priority": "normal", "first_response_minutes": 60,
                   "resolution_minutes": 480}],
     "calendars": [{"branch": "*", "timezone": "Europe/London",
                    "hours": {"1": [["09:00", "17:30"]], "6": [["10:00", "14:00"]]},
                    "holidays": ["2025-12-25"]}]}
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pydantic
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.errors import DomainError
from frontdesk.domain.service_hours import BusinessCalendar
from frontdesk.protocol.cases import CodeText, PriorityName
from frontdesk.protocol.wire import Text, WireModel
from frontdesk.server.cases.models import (
    BusinessCalendarRow,
    Case,
    CaseCategory,
    CaseEvent,
    ServicePolicyRow,
    Team,
    TeamMember,
)
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import User

MAX_ENTRIES = 10_000
Minutes = Annotated[int, Field(ge=1, le=525_600)]  # up to a year of business minutes


class ReferenceFileError(ValueError):
    """A file that cannot be imported; the message names the file, the place and the reason."""


class CategoryIn(WireModel):
    code: CodeText
    name_en: Text(200, min_length=1)
    name_ru: Text(200, min_length=1)
    active: bool = True


class CategoriesFile(WireModel):
    categories: list[CategoryIn] = Field(max_length=MAX_ENTRIES)


class TeamIn(WireModel):
    code: CodeText
    name: Text(200, min_length=1)
    branch: Text(100) = ""
    members: list[Text(100, min_length=1)] = Field(default_factory=list, max_length=1000)
    active: bool = True


class TeamsFile(WireModel):
    teams: list[TeamIn] = Field(max_length=MAX_ENTRIES)


class PolicyIn(WireModel):
    category: Annotated[str, Field(pattern=r"^(\*|[a-z0-9][a-z0-9_.-]{0,63})$")]
    priority: PriorityName
    first_response_minutes: Minutes
    resolution_minutes: Minutes


class CalendarIn(WireModel):
    branch: Text(100, min_length=1)
    timezone: Text(64, min_length=1)
    hours: dict[int, list[tuple[str, str]]]
    holidays: list[date] = Field(default_factory=list, max_length=1000)


class ServiceLevelsFile(WireModel):
    policies: list[PolicyIn] = Field(default_factory=list, max_length=MAX_ENTRIES)
    calendars: list[CalendarIn] = Field(default_factory=list, max_length=MAX_ENTRIES)


@dataclass
class ImportReport:
    what: str
    read: int = 0
    changed: int = 0

    def summary(self) -> str:
        return f"{self.what}: {self.read} read, {self.changed} new or changed"


def read_file(path: str | Path, model: type[WireModel]) -> Any:
    """The file at ``path`` as ``model``, or ``ReferenceFileError`` saying where it is wrong."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReferenceFileError(f"{path}: not UTF-8 text") from None
    try:
        return model.model_validate(json.loads(text))
    except json.JSONDecodeError as error:
        raise ReferenceFileError(f"{path}: not JSON ({error})") from None
    except pydantic.ValidationError as error:
        problems = "; ".join(f"{_where(e['loc'])}: {e['msg']}" for e in error.errors()[:5])
        raise ReferenceFileError(f"{path}: {problems}") from None


def _where(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "file"


def import_categories(factory: sessionmaker[Session], path: str | Path) -> ImportReport:
    found: CategoriesFile = read_file(path, CategoriesFile)
    _unique(path, "categories", [c.code for c in found.categories])
    report = ImportReport("case categories", read=len(found.categories))
    with transaction(factory) as session:
        for entry in found.categories:
            report.changed += _upsert(session, CaseCategory, entry.code, entry.model_dump())
    return report


def import_teams(factory: sessionmaker[Session], path: str | Path) -> ImportReport:
    found: TeamsFile = read_file(path, TeamsFile)
    _unique(path, "teams", [t.code for t in found.teams])
    report = ImportReport("teams", read=len(found.teams))
    with transaction(factory) as session:
        _check_members(session, path, found.teams)
        for entry in found.teams:
            fields = entry.model_dump(exclude={"members"})
            changed = _upsert(session, Team, entry.code, fields)
            changed |= _set_members(session, entry.code, entry.members)
            report.changed += changed
    return report


def import_service_levels(factory: sessionmaker[Session], path: str | Path) -> ImportReport:
    found: ServiceLevelsFile = read_file(path, ServiceLevelsFile)
    _unique(path, "policies", [(p.category, p.priority) for p in found.policies])
    _unique(path, "calendars", [c.branch for c in found.calendars])
    for n, calendar in enumerate(found.calendars):
        _check_calendar(path, n, calendar)
    report = ImportReport("service levels", read=len(found.policies) + len(found.calendars))
    with transaction(factory) as session:
        _check_categories(session, path, found.policies)
        for p in found.policies:
            report.changed += _upsert(session, ServicePolicyRow, (p.category, p.priority),
                                      p.model_dump())  # fmt: skip
        for c in found.calendars:
            report.changed += _upsert(session, BusinessCalendarRow, c.branch, _calendar_row(c))
    return report


def _unique(path: str | Path, name: str, keys: list[Any]) -> None:
    seen: set[Any] = set()
    for n, key in enumerate(keys):
        if key in seen:
            raise ReferenceFileError(f"{path}: {name}[{n}]: {key} is given twice")
        seen.add(key)


def _check_members(session: Session, path: str | Path, teams: list[TeamIn]) -> None:
    wanted = {name for team in teams for name in team.members}
    known = set(session.scalars(select(User.username).where(User.username.in_(wanted))))
    for n, team in enumerate(teams):
        for m, name in enumerate(team.members):
            if name not in known:
                raise ReferenceFileError(f"{path}: teams[{n}].members[{m}]: unknown user {name}")


def _check_categories(session: Session, path: str | Path, policies: list[PolicyIn]) -> None:
    known = set(session.scalars(select(CaseCategory.code)))
    for n, policy in enumerate(policies):
        if policy.category != "*" and policy.category not in known:
            raise ReferenceFileError(
                f"{path}: policies[{n}].category: unknown category {policy.category} "
                "(import it with case-categories import first)"
            )


def _check_calendar(path: str | Path, n: int, calendar: CalendarIn) -> None:
    try:
        BusinessCalendar.from_wire(calendar.timezone, calendar.hours, calendar.holidays)
    except DomainError as error:
        raise ReferenceFileError(f"{path}: calendars[{n}]: {error}") from None


def _calendar_row(calendar: CalendarIn) -> dict[str, Any]:
    return {
        "branch": calendar.branch,
        "timezone": calendar.timezone,
        "hours": {
            str(day): [list(i) for i in calendar.hours[day]] for day in sorted(calendar.hours)
        },
        "holidays": sorted(day.isoformat() for day in set(calendar.holidays)),
    }


def _upsert(session: Session, model: type, key: Any, fields: dict[str, Any]) -> bool:
    """Insert or update one row; a new change number only if something changed."""
    row = session.get(model, key)
    if row is None:
        session.add(model(**fields, change_seq=allocate_seq(session)))
        session.flush()
        return True
    if all(getattr(row, name) == value for name, value in fields.items()):
        return False
    for name, value in fields.items():
        setattr(row, name, value)
    row.change_seq = allocate_seq(session)
    return True


def _set_members(session: Session, team: str, members: list[str]) -> bool:
    """The team's members as listed; the desks of new members pull the team's cases."""
    current = set(session.scalars(select(TeamMember.username).where(TeamMember.team == team)))
    wanted = set(members)
    if current == wanted:
        return False
    for name in current - wanted:
        session.delete(session.get_one(TeamMember, (team, name)))
    session.add_all(TeamMember(team=team, username=name) for name in wanted - current)
    session.get_one(Team, team).change_seq = allocate_seq(session)
    if wanted - current:
        _resequence_team_cases(session, team)
    return True


def _resequence_team_cases(session: Session, team: str) -> None:
    """New change numbers for the team's cases and their events (in that order), so a
    member who just joined pulls the team's queue with its history."""
    cases = list(session.scalars(
        select(Case).where(Case.assignee_team == team).order_by(Case.change_seq)
    ))  # fmt: skip
    if not cases:
        return
    events = list(session.scalars(
        select(CaseEvent).where(CaseEvent.case_id.in_([c.id for c in cases]))
        .order_by(CaseEvent.change_seq)
    ))  # fmt: skip
    first = allocate_seq(session, len(cases) + len(events))
    for n, row in enumerate([*cases, *events]):
        row.change_seq = first + n


def category_lines(factory: sessionmaker[Session]) -> list[dict[str, Any]]:
    with factory() as session:
        rows = session.scalars(select(CaseCategory).order_by(CaseCategory.code))
        return [{"code": r.code, "name_en": r.name_en, "name_ru": r.name_ru,
                 "active": r.active} for r in rows]  # fmt: skip


def team_lines(factory: sessionmaker[Session]) -> list[dict[str, Any]]:
    with factory() as session:
        members: dict[str, list[str]] = {}
        for m in session.scalars(select(TeamMember).order_by(TeamMember.username)):
            members.setdefault(m.team, []).append(m.username)
        rows = session.scalars(select(Team).order_by(Team.code))
        return [{"code": r.code, "name": r.name, "branch": r.branch,
                 "members": members.get(r.code, []), "active": r.active}
                for r in rows]  # fmt: skip
