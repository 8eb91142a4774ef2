"""The four case writes at the desk: open, comment, assign, change status. All work offline.

Each checks what it was given first (``ValidationError`` naming the field; nothing written),
then makes its cache change, its provisional history line and its outbox item in one unit of
work. The history line takes the id the server gives its own line for the same write (the
item's key), so the pulled line replaces it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pydantic

from frontdesk.domain.cases import (
    CaseChannel,
    CaseStatus,
    LinkKind,
    Priority,
    Visibility,
    case_number,
    check_move,
)
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.service_hours import due_times
from frontdesk.protocol.cases import (
    CaseAssign,
    CaseComment,
    CaseOpen,
    CaseStatusChange,
)
from frontdesk.services.cases.ports import CaseEvent, CaseRecord
from frontdesk.services.errors import FrontdeskError, NotLoggedIn
from frontdesk.services.unit_of_work import AbstractUnitOfWork

Clock = Callable[[], datetime]
MAX_SUBJECT, MAX_BODY, MAX_NOTE = 200, 20_000, 2_000


class UnknownCase(FrontdeskError):
    """No case with this id (or number) in the local cache."""


class NoCasePrefix(FrontdeskError):
    """The server has not given this desk its case-number prefix: it cannot number a case."""


def _now() -> datetime:
    return datetime.now(UTC)


def open_case(
    uow: AbstractUnitOfWork,
    *,
    customer_id: str,
    channel: str,
    category: str,
    subject: str,
    description: str = "",
    priority: str = Priority.NORMAL.value,
    assignee_user: str | None = None,
    assignee_team: str | None = None,
    links: Iterable[Mapping[str, Any]] = (),
    clock: Clock = _now,
) -> CaseRecord:
    """Open a case for a customer here, numbered ``<prefix>-<n>`` and due by the pulled
    service level (the desk's estimate; the server keeps its own). Its id is the item's key.

    Raises:
        ValidationError: a value the case cannot take (the field is named).
        NoCasePrefix: the desk has no prefix yet (signed in against a server without cases).
        NotLoggedIn: nobody is signed in here.
    """
    fields = _opening_fields(
        channel=channel,
        subject=subject,
        description=description,
        priority=priority,
        assignee_user=_someone(assignee_user),
        assignee_team=_someone(assignee_team),
        links=_links(links),
    )
    opened_at = clock()
    with uow:
        agent, prefix, branch = _desk(uow)
        if not uow.cases.customer_exists(customer_id):
            raise ValidationError("customer_id", f"no customer {customer_id} in the local cache")
        _check_category(uow, category)
        _check_team(uow, fields["assignee_team"])
        number = case_number(prefix, uow.cases.next_sequence(prefix))
        first_due, due = _due(uow, opened_at, category, fields["priority"], branch)
        wire = _wire(CaseOpen, case_id=str(uuid.uuid4()), number=number,
                     customer_id=customer_id, category=category, opened_at=opened_at,
                     due_at=due, **fields)  # fmt: skip
        case = _opened(wire, branch=branch, agent=agent, first_due=first_due)
        uow.cases.add(case)
        uow.cases.add_event(
            CaseEvent(case.id, case.id, "opened", agent, opened_at, body=case.subject),
            outbox_key=case.id,
        )
        uow.outbox.add(wire, key=case.id)
        uow.commit()
    return case


def comment_case(
    uow: AbstractUnitOfWork,
    *,
    case_id: str,
    body: str,
    visibility: str = Visibility.INTERNAL.value,
    clock: Clock = _now,
) -> CaseEvent:
    """Add a comment (an internal note, or one for the customer); comments never conflict."""
    text = _text("body", body, MAX_BODY, required=True)
    shown = _choice("visibility", visibility, Visibility)
    at = clock()
    with uow:
        agent, _, _ = _desk(uow, numbering=False)
        case = _case(uow, case_id)
        wire = _wire(CaseComment, case_id=case.id, comment_id=str(uuid.uuid4()), body=text,
                     visibility=shown, at=at)  # fmt: skip
        event = CaseEvent(wire.comment_id, case.id, "comment", agent, at, text, visibility=shown)
        changes: dict[str, Any] = {"updated_at": at}
        if shown == Visibility.CUSTOMER and case.first_response_at is None:
            changes["first_response_at"] = at
        uow.cases.change(case.id, changes)
        uow.cases.add_event(event, outbox_key=wire.comment_id)
        uow.outbox.add(wire, key=wire.comment_id)
        uow.commit()
    return event


def assign_case(
    uow: AbstractUnitOfWork,
    *,
    case_id: str,
    user: str | None = None,
    team: str | None = None,
    note: str = "",
    clock: Clock = _now,
) -> CaseRecord:
    """Hand an open case to a user, a team's queue, or a member of a team."""
    new_user, new_team = _someone(user), _someone(team)
    if new_user is None and new_team is None:
        raise ValidationError("assignee", "a case is assigned to a user, a team, or both")
    _text("assignee_user", new_user or "", 100, required=False)
    text = _text("note", note, MAX_NOTE, required=False)
    at = clock()
    with uow:
        case, _ = assign_within(
            uow, case_id=case_id, user=new_user, team=new_team, note=text, at=at
        )
        uow.commit()
    return case


def assign_within(
    uow: AbstractUnitOfWork,
    *,
    case_id: str,
    user: str | None,
    team: str | None,
    note: str,
    at: datetime,
) -> tuple[CaseRecord, str]:
    """``assign_case`` inside the caller's unit of work (it commits): the case as it is
    now, and the key of the item queued."""
    agent, _, _ = _desk(uow, numbering=False)
    case = _case(uow, case_id)
    if not case.is_open:
        raise ValidationError(
            "status", f"case {case.number} is {case.status}: reopen it before assigning it"
        )
    if (user, team) == (case.assignee_user, case.assignee_team):
        raise ValidationError("assignee", f"case {case.number} is already assigned so")
    _check_team(uow, team)
    wire = _wire(CaseAssign, case_id=case.id, old_user=case.assignee_user,
                 old_team=case.assignee_team, new_user=user, new_team=team, note=note,
                 at=at)  # fmt: skip
    key = str(uuid.uuid4())
    old, new = assignee_text(case.assignee_user, case.assignee_team), assignee_text(user, team)
    uow.cases.change(case.id, {"assignee_user": user, "assignee_team": team, "updated_at": at})
    uow.cases.add_event(
        CaseEvent(key, case.id, "assigned", agent, at, note, old=old, new=new), outbox_key=key
    )
    uow.outbox.add(wire, key=key)
    return replace(case, assignee_user=user, assignee_team=team, updated_at=at), key


def change_status(
    uow: AbstractUnitOfWork,
    *,
    case_id: str,
    status: str,
    note: str = "",
    clock: Clock = _now,
) -> CaseRecord:
    """Move a case (``domain.cases.TRANSITIONS``): resolve, close, reopen, wait, escalate."""
    new = CaseStatus(_choice("status", status, CaseStatus))
    text = _text("note", note, MAX_NOTE, required=False)
    at = clock()
    with uow:
        case, _ = move_within(uow, case_id=case_id, status=new, note=text, at=at)
        uow.commit()
    return case


def move_within(
    uow: AbstractUnitOfWork, *, case_id: str, status: CaseStatus, note: str, at: datetime
) -> tuple[CaseRecord, str]:
    """``change_status`` inside the caller's unit of work (it commits): the case as it is
    now, and the key of the item queued."""
    agent, _, _ = _desk(uow, numbering=False)
    case = _case(uow, case_id)
    check_move(case.status_enum(), status)
    wire = _wire(CaseStatusChange, case_id=case.id, old=case.status, new=status.value,
                 note=note, at=at)  # fmt: skip
    key = str(uuid.uuid4())
    changes = moved(case, status, at=at)
    uow.cases.change(case.id, changes)
    uow.cases.add_event(
        CaseEvent(key, case.id, "status", agent, at, note, old=case.status, new=status.value),
        outbox_key=key,
    )
    uow.outbox.add(wire, key=key)
    return replace(case, **changes), key


def moved(case: CaseRecord, new: CaseStatus, *, at: datetime) -> dict[str, Any]:
    """The fields a move changes: the status, and the times it starts or clears."""
    changes: dict[str, Any] = {"status": new.value, "updated_at": at}
    if new in (CaseStatus.WAITING, CaseStatus.RESOLVED) and case.first_response_at is None:
        changes["first_response_at"] = at  # a move to either counts as the first response
    if new == CaseStatus.RESOLVED:
        changes["resolved_at"] = at
    elif new == CaseStatus.CLOSED:
        changes["closed_at"] = at
    elif new == CaseStatus.REOPENED:
        changes["resolved_at"] = changes["closed_at"] = None
    return changes


def assignee_text(user: str | None, team: str | None) -> str:
    """An assignment as one line of history, as the server writes it: ``user|team``."""
    return f"{user or ''}|{team or ''}"


# --------------------------------------------------------------------------- checks


def _desk(uow: AbstractUnitOfWork, *, numbering: bool = True) -> tuple[str, str, str]:
    """Who is at the desk, its case prefix (when ``numbering``) and branch."""
    state = uow.sync_state.get()
    if not state.username:
        raise NotLoggedIn("nobody is signed in at this desk; log in first")
    if numbering and not state.case_prefix:
        raise NoCasePrefix(
            "this desk has no case numbers yet: the server it signed in to gave it no case "
            "prefix (a server without cases). Sign in again once the server has been updated"
        )
    return state.username, state.case_prefix or "", state.desk_branch or ""


def _case(uow: AbstractUnitOfWork, case_id: str) -> CaseRecord:
    case = uow.cases.get(case_id)
    if case is None:
        raise UnknownCase(f"no case {case_id} in the local cache")
    return case


def _opening_fields(**fields: Any) -> dict[str, Any]:
    return {
        **fields,
        "channel": _choice("channel", fields["channel"], CaseChannel),
        "priority": _choice("priority", fields["priority"], Priority),
        "subject": _text("subject", fields["subject"], MAX_SUBJECT, required=True),
        "description": _text("description", fields["description"], MAX_BODY, required=False),
    }


def _check_category(uow: AbstractUnitOfWork, code: str) -> None:
    found = uow.cases.category(code)
    if found is None:
        raise ValidationError(
            "category", f"no case category {code!r} at this desk (sync to get the list)"
        )
    if not found.active:
        raise ValidationError("category", f"the case category {code!r} is no longer in use")


def _check_team(uow: AbstractUnitOfWork, code: str | None) -> None:
    if code is None:
        return
    found = uow.cases.team(code)
    if found is None:
        raise ValidationError("assignee_team", f"no team {code!r} at this desk")
    if not found.active:
        raise ValidationError("assignee_team", f"the team {code!r} is no longer in use")


def _due(
    uow: AbstractUnitOfWork, opened_at: datetime, category: str, priority: str, branch: str
) -> tuple[datetime | None, datetime | None]:
    levels = uow.cases.service_levels()
    return due_times(
        opened_at,
        category=category,
        priority=Priority(priority),
        branch=branch,
        policies=levels.policies,
        calendars=levels.calendars,
    )


def _choice(field: str, value: str, allowed: type[Any]) -> str:
    try:
        return str(allowed(value).value)
    except ValueError:
        names = ", ".join(member.value for member in allowed)
        raise ValidationError(field, f"{value!r} is not one of: {names}") from None


def _text(field: str, value: str, limit: int, *, required: bool) -> str:
    text = value.strip()
    if required and not text:
        raise ValidationError(field, "must not be empty")
    if len(text) > limit:
        raise ValidationError(field, f"longer than {limit} characters ({len(text)})")
    return text


def _someone(value: str | None) -> str | None:
    return (value or "").strip() or None


def _links(links: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    checked = []
    for link in links:
        kind = _choice("links", str(link.get("kind", "")), LinkKind)
        checked.append({"kind": kind, "ref": str(link.get("ref", "")), "line": link.get("line")})
    return checked


def _wire(model: type[pydantic.BaseModel], **values: Any) -> Any:
    """The payload as the server will read it; what it would refuse is refused here."""
    try:
        return model(**values)
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or model.__name__
        raise ValidationError(field, first["msg"]) from None


def _opened(wire: CaseOpen, *, branch: str, agent: str, first_due: datetime | None) -> CaseRecord:
    return CaseRecord(
        id=wire.case_id,
        number=wire.number,
        customer_id=wire.customer_id,
        channel=wire.channel,
        category=wire.category,
        subject=wire.subject,
        description=wire.description,
        priority=wire.priority,
        status=CaseStatus.NEW.value,
        assignee_user=wire.assignee_user,
        assignee_team=wire.assignee_team,
        branch=branch,
        opened_by=agent,
        opened_at=wire.opened_at,
        due_at=wire.due_at,
        first_response_due_at=first_due,
        updated_at=wire.opened_at,
        links=tuple(link.model_dump() for link in wire.links),
    )
