"""Appliers of the four case writes: ``case.open``, ``case.comment``, ``case.assign`` and
``case.status``.

Who: an agent, cashier or supervisor signed in on the pushing device (``server/push.py``
checks the device); each row records the author's branch. A case's number must carry the
pushing device's own prefix, so a tampered desk cannot spend another desk's numbers.

Assignments and moves carry the value the desk saw (``old_*``). One still holding that
value is applied; one whose case moved on meanwhile keeps the first-arrived value (whatever
the desks' clocks say): the item is stored as a ``conflict`` event on the case and answered
``accepted: false`` with the server's value under ``conflicts``, as customer edits' lost
fields are. A change to what the case already holds is accepted and changes nothing.

The first response is the first comment for the customer, or the first move to waiting or
resolved, by anyone.

Comments, most of what desks push, are applied a batch at a time (``apply_case_comments``):
their cases locked and read in one query, one block of change numbers, one insert of the
lines; the same checks and results as one by one. So are moves of cases
(``apply_case_statuses``) and new cases (``apply_case_opens``). A comment on a case that
another item of its batch opens, assigns or moves, and a new case or a move that another
item of its batch also writes, are applied one by one in the batch's order
(``comments_in_order``, ``opens_in_order``, ``statuses_in_order``): a case's history keeps
the order it was written in.

Due times are the server's (``domain.service_hours.due_times`` over its own policies and
calendars); the desk's estimate is not kept.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from frontdesk.domain.cases import TRANSITIONS, CaseStatus, Priority, can_move
from frontdesk.domain.service_hours import BusinessCalendar, ServicePolicy, due_times
from frontdesk.protocol import Role
from frontdesk.protocol.cases import CaseAssign, CaseComment, CaseOpen, CaseStatusChange
from frontdesk.protocol.push import (
    CaseAssignItem,
    CaseAttachItem,
    CaseCommentItem,
    CaseOpenItem,
    CaseStatusItem,
    kind_of,
)
from frontdesk.server.cases.models import (
    BusinessCalendarRow,
    Case,
    CaseCategory,
    CaseEvent,
    ServicePolicyRow,
    Team,
    TeamMember,
)
from frontdesk.server.db import allocate_seq
from frontdesk.server.devices import case_prefix
from frontdesk.server.models import Customer, Device, User
from frontdesk.server.push_items import (
    ApplyContext,
    ItemForbidden,
    ItemRejected,
    Outcome,
    Received,
)

CASE_ROLES = frozenset({Role.AGENT, Role.CASHIER, Role.SUPERVISOR})
#: Moves that answer the customer: the first of them (or a comment for the customer) is
#: the case's first response.
_RESPONDING = frozenset({CaseStatus.WAITING, CaseStatus.RESOLVED})
_OPEN, _COMMENT, _STATUS = (
    kind_of(CaseOpenItem), kind_of(CaseCommentItem), kind_of(CaseStatusItem))  # fmt: skip
_CASE_KINDS = frozenset(
    kind_of(item)
    for item in (CaseOpenItem, CaseCommentItem, CaseAssignItem, CaseStatusItem, CaseAttachItem)
)
_CASE_COLUMNS = tuple(Case.__mapper__.column_attrs)


def apply_case_open(ctx: ApplyContext) -> dict[str, Any]:
    (outcome,) = apply_case_opens([ctx])
    if isinstance(outcome, ItemRejected):
        raise outcome
    return outcome


def apply_case_opens(contexts: Sequence[ApplyContext]) -> list[Outcome]:
    """New cases, each with its first line: the numbers, ids, customers and categories they
    name looked up in one query each, the service levels read once per category, one
    block of change numbers (a case's, then its line's), one insert of the cases and one
    of the lines. A refused item writes nothing."""
    session = contexts[0].session
    known = _Known(session, contexts)
    checked: list[Any] = []
    for ctx in contexts:
        try:
            checked.append(_checked_open(ctx, known))
        except ItemRejected as refusal:
            checked.append(refusal)
    fresh = [(n, ctx) for n, (ctx, o) in enumerate(zip(contexts, checked, strict=True))
             if isinstance(o, CaseOpen)]  # fmt: skip
    if not fresh:
        return checked
    seq = allocate_seq(session, 2 * len(fresh))
    cases, lines = [], []
    for n, ctx in fresh:
        new: CaseOpen = checked[n]
        opened_at = min(new.opened_at, ctx.now)  # the desk's clock, never after the server's
        first_due, due = known.due(ctx, opened_at, category=new.category, priority=new.priority)
        case = Case(
            id=new.case_id, number=new.number, customer_id=new.customer_id,
            channel=new.channel, category=new.category, subject=new.subject.strip(),
            description=new.description, priority=new.priority, status=CaseStatus.NEW.value,
            assignee_user=new.assignee_user, assignee_team=new.assignee_team,
            branch=ctx.user.branch, opened_by=ctx.user.username, device_id=ctx.device_id,
            opened_at=opened_at, due_at=due, first_response_due_at=first_due,
            first_response_at=None, resolved_at=None, closed_at=None,
            links=[link.model_dump() for link in new.links], updated_at=opened_at,
            change_seq=seq,
        )  # fmt: skip
        cases.append({a.columns[0].name: getattr(case, a.key) for a in _CASE_COLUMNS})
        lines.append(_event_row(ctx, case, kind="opened", at=opened_at,
                                new=CaseStatus.NEW.value, seq=seq + 1))  # fmt: skip
        checked[n] = {
            "case_id": new.case_id,
            "number": new.number,
            "status": CaseStatus.NEW.value,
            "due_at": _iso(due),
            "first_response_due_at": _iso(first_due),
            "change_seq": seq,
        }
        seq += 2
    session.execute(insert(Case), cases)  # the cases before their lines (the foreign key)
    session.execute(insert(CaseEvent), lines)
    return checked


class _Known:
    """What the new cases of a batch name, each looked up once: the device's prefix, the
    numbers and ids already taken, the customers and categories that exist, the policies
    and calendars (taken and ids grow with each case of the batch)."""

    def __init__(self, session: Session, contexts: Sequence[ApplyContext]) -> None:
        news: list[CaseOpen] = [ctx.item.payload for ctx in contexts]
        self.session = session
        self.prefix = case_prefix(session.get(Device, contexts[0].device_id))
        numbers = {new.number for new in news}
        self.numbers = set(session.scalars(select(Case.number).where(Case.number.in_(numbers))))
        ids = {new.case_id for new in news}
        self.ids = set(session.scalars(select(Case.id).where(Case.id.in_(ids))))
        customers = {new.customer_id for new in news}
        self.customers = set(session.scalars(select(Customer.id).where(Customer.id.in_(customers))))
        codes = {new.category for new in news}
        self.categories = {
            c.code: c for c in session.scalars(select(CaseCategory).where(
                CaseCategory.code.in_(codes)))
        }  # fmt: skip
        self._policies: dict[str, list[ServicePolicy]] = {}
        self._calendars: dict[str, dict[str, BusinessCalendar]] = {}

    def due(
        self, ctx: ApplyContext, opened_at: datetime, *, category: str, priority: str
    ) -> tuple[datetime | None, datetime | None]:
        branch = ctx.user.branch
        if category not in self._policies:
            self._policies[category] = _policies(ctx, category)
        if branch not in self._calendars:
            self._calendars[branch] = _calendars(ctx, branch)
        return due_times(opened_at, category=category, priority=Priority(priority),
                         branch=branch, policies=self._policies[category],
                         calendars=self._calendars[branch])  # fmt: skip


def _checked_open(ctx: ApplyContext, known: _Known) -> CaseOpen:
    """The new case, checked as it always was and in that order; its number and id taken."""
    new: CaseOpen = ctx.item.payload
    _check_author(ctx)
    if new.case_id != ctx.item.key:
        raise ItemRejected("case_id: must be the item's key")
    prefix = known.prefix
    if prefix is None or new.number.split("-")[0] != prefix:
        mine = f"its numbers start with {prefix}-" if prefix else "it has no case prefix yet"
        raise ItemForbidden(f"number: {new.number} is not this device's case number ({mine})")
    if new.number in known.numbers:
        raise ItemRejected(f"number: {new.number} is taken by another case")
    if new.case_id in known.ids:
        raise ItemRejected(f"case {new.case_id} exists already")
    if new.customer_id not in known.customers:
        raise ItemRejected(f"unknown customer {new.customer_id}")
    category = known.categories.get(new.category)
    if category is None:
        raise ItemRejected(f"category: unknown category {new.category}")
    if not category.active:
        raise ItemRejected(f"category: {new.category} is no longer in use")
    _check_assignee(ctx, new.assignee_user, new.assignee_team)
    known.numbers.add(new.number)
    known.ids.add(new.case_id)
    return new


def apply_case_comment(ctx: ApplyContext) -> dict[str, Any]:
    comment = _comment_of(ctx)
    case = _case(ctx, comment.case_id)
    at = _when(ctx, case, comment.at)
    if comment.visibility == "customer" and _responds(case, at):
        _changed(ctx, case, at)
    seq = allocate_seq(ctx.session)
    _event(ctx, case, kind="comment", at=at, body=comment.body,
           visibility=comment.visibility, seq=seq)  # fmt: skip
    return {"case_id": case.id, "event_id": comment.comment_id, "change_seq": seq}


def apply_case_comments(contexts: Sequence[ApplyContext]) -> list[Outcome]:
    """Many comments at once: each checked as ``apply_case_comment`` checks it, their cases
    locked and read in one query, one block of change numbers (a case the comment first
    answers gets its number before the comment's, as one by one), one insert."""
    session = contexts[0].session
    outcomes: list[Any] = []
    for ctx in contexts:
        try:
            outcomes.append(_comment_of(ctx))
        except ItemRejected as refusal:
            outcomes.append(refusal)
    cases = _locked(session, {o.case_id for o in outcomes if isinstance(o, CaseComment)})
    fresh: list[tuple[int, ApplyContext, CaseComment, Case, datetime, bool]] = []
    for n, (ctx, comment) in enumerate(zip(contexts, outcomes, strict=True)):
        if not isinstance(comment, CaseComment):
            continue
        case = cases.get(comment.case_id)
        if case is None:
            outcomes[n] = ItemRejected(f"case_id: unknown case {comment.case_id}")
            continue
        at = _when(ctx, case, comment.at)
        answers = comment.visibility == "customer" and _responds(case, at)
        fresh.append((n, ctx, comment, case, at, answers))
    if not fresh:
        return outcomes
    seq = allocate_seq(session, len(fresh) + sum(answers for *_, answers in fresh))
    rows = []
    for n, ctx, comment, case, at, answers in fresh:
        if answers:
            case.updated_at, case.change_seq = max(case.updated_at, at), seq
            seq += 1
        rows.append(_event_row(ctx, case, kind="comment", at=at, body=comment.body,
                               visibility=comment.visibility, seq=seq))  # fmt: skip
        outcomes[n] = {"case_id": case.id, "event_id": comment.comment_id, "change_seq": seq}
        seq += 1
    session.flush()  # the cases' new numbers, then their lines
    session.execute(insert(CaseEvent), rows)
    return outcomes


def comments_in_order(items: Sequence[Received]) -> set[str]:
    """The keys of the batch's comments on a case that another of its items opens, assigns
    or moves: applied one by one in the batch's order, not after it with the rest."""
    return _in_order(items, _COMMENT)


def opens_in_order(items: Sequence[Received]) -> set[str]:
    """The keys of the batch's new cases that another of its items writes: opened one by
    one in the batch's order, before those items."""
    return _in_order(items, _OPEN)


def statuses_in_order(items: Sequence[Received]) -> set[str]:
    """The keys of the batch's moves of a case that another of its items also writes."""
    return _in_order(items, _STATUS)


def _in_order(items: Sequence[Received], kind: str) -> set[str]:
    kinds: dict[str, list[str]] = {}
    for item in items:
        if item.kind in _CASE_KINDS:
            kinds.setdefault(item.item.payload.case_id, []).append(item.kind)

    def together(case_id: str) -> bool:
        found = kinds[case_id]
        return set(found) == {_COMMENT} if kind == _COMMENT else len(found) == 1

    return {i.key for i in items if i.kind == kind and not together(i.item.payload.case_id)}


def _comment_of(ctx: ApplyContext) -> CaseComment:
    comment: CaseComment = ctx.item.payload
    _check_author(ctx)
    if comment.comment_id != ctx.item.key:
        raise ItemRejected("comment_id: must be the item's key")
    return comment


def _responds(case: Case, at: datetime) -> bool:
    """Whether a response made at ``at`` is the case's first: then it is kept."""
    if case.first_response_at is not None:
        return False
    case.first_response_at = at
    return True


def apply_case_assign(ctx: ApplyContext) -> dict[str, Any]:
    change: CaseAssign = ctx.item.payload
    _check_author(ctx)
    case = _case(ctx, change.case_id)
    _check_assignee(ctx, change.new_user, change.new_team)
    current = (case.assignee_user, case.assignee_team)
    wanted = (change.new_user, change.new_team)
    if current == wanted:
        return _accepted(case)
    at = _when(ctx, case, change.at)
    if current != (change.old_user, change.old_team):
        return _conflict(ctx, case, "assignee", kept=_who(*current), yours=_who(*wanted), at=at,
                         saw=_pair(change.old_user, change.old_team))  # fmt: skip
    moved_team = case.assignee_team != change.new_team
    case.assignee_user, case.assignee_team = wanted
    _changed(ctx, case, at)
    if moved_team:
        _resequence_history(ctx, case)  # the new team's desks pull the whole history
    _event(ctx, case, kind="assigned", at=at, body=change.note,
           old=_pair(*current), new=_pair(*wanted), seq=allocate_seq(ctx.session))  # fmt: skip
    return _accepted(case)


def apply_case_status(ctx: ApplyContext) -> dict[str, Any]:
    _check_author(ctx)
    case = _case(ctx, ctx.item.payload.case_id)
    return _status(ctx, case, lambda count: allocate_seq(ctx.session, count))


def apply_case_statuses(contexts: Sequence[ApplyContext]) -> list[Outcome]:
    """Many moves at once, each on a case no other item of its batch touches
    (``statuses_in_order``): the cases locked and read in one query, their change numbers
    from one block (an item that changes nothing leaves its numbers unused)."""
    session = contexts[0].session
    cases = _locked(session, {ctx.item.payload.case_id for ctx in contexts})
    first = allocate_seq(session, 2 * len(contexts))
    block = iter(range(first, first + 2 * len(contexts)))

    def numbers(count: int) -> int:
        taken = [next(block) for _ in range(count)]
        return taken[0]

    outcomes: list[Outcome] = []
    for ctx in contexts:
        try:
            _check_author(ctx)
            case = cases.get(ctx.item.payload.case_id)
            if case is None:
                raise ItemRejected(f"case_id: unknown case {ctx.item.payload.case_id}")
            outcomes.append(_status(ctx, case, numbers))
        except ItemRejected as refusal:
            outcomes.append(refusal)
    return outcomes


def _status(ctx: ApplyContext, case: Case, numbers: Callable[[int], int]) -> dict[str, Any]:
    """A move of a locked case; ``numbers(n)`` gives the first of ``n`` new change numbers.
    Everything is checked before anything is written."""
    move: CaseStatusChange = ctx.item.payload
    old, new = CaseStatus(move.old), CaseStatus(move.new)
    if not can_move(old, new):
        allowed = ", ".join(sorted(TRANSITIONS[old]))
        raise ItemRejected(
            f"new: a case that is {old} cannot become {new} (it can become: {allowed})"
        )
    if case.status == new:
        return _accepted(case)
    at = _when(ctx, case, move.at)
    if case.status != old:
        return _conflict(ctx, case, "status", kept=case.status, yours=new.value, at=at,
                         saw=old.value, seq=numbers(1))  # fmt: skip
    _move(case, new, at)
    seq = numbers(2)  # the case's, then its line's
    case.updated_at, case.change_seq = max(case.updated_at, at), seq
    _event(ctx, case, kind="status", at=at, body=move.note, old=old.value, new=new.value,
           seq=seq + 1)  # fmt: skip
    return _accepted(case)


def _locked(session: Session, ids: set[str]) -> dict[str, Case]:
    """The cases of ``ids`` that exist, locked for the transaction (in one order)."""
    if not ids:
        return {}
    query = select(Case).where(Case.id.in_(ids)).order_by(Case.id).with_for_update()
    return {case.id: case for case in session.scalars(query)}


def _move(case: Case, new: CaseStatus, at: datetime) -> None:
    case.status = new.value
    if new in _RESPONDING:
        _responds(case, at)  # the first one only
    if new == CaseStatus.RESOLVED:
        case.resolved_at = at
    elif new == CaseStatus.CLOSED:
        case.closed_at = at
    elif new == CaseStatus.REOPENED:
        case.resolved_at = case.closed_at = None


def _check_author(ctx: ApplyContext) -> None:
    if ctx.user.role not in CASE_ROLES:
        raise ItemForbidden(
            f"{ctx.user.username} is a {ctx.user.role}: only agents, cashiers and supervisors "
            "write cases"
        )


def _check_assignee(ctx: ApplyContext, username: str | None, team_code: str | None) -> None:
    if username is not None:
        user = ctx.session.scalar(select(User).where(User.username == username))
        if user is None or user.disabled_at is not None:
            raise ItemRejected(f"assignee_user: unknown user {username}")
    if team_code is not None:
        team = ctx.session.get(Team, team_code)
        if team is None or not team.active:
            raise ItemRejected(f"assignee_team: unknown team {team_code}")
        if username is not None and ctx.session.get(TeamMember, (team_code, username)) is None:
            raise ItemRejected(f"assignee_user: {username} is not a member of team {team_code}")


def _case(ctx: ApplyContext, case_id: str) -> Case:
    case = ctx.session.get(Case, case_id, with_for_update=True)
    if case is None:
        raise ItemRejected(f"case_id: unknown case {case_id}")
    return case


def _when(ctx: ApplyContext, case: Case, at: datetime) -> datetime:
    """The desk's time of a change, kept between the case's opening and the server's now."""
    return max(case.opened_at, min(at, ctx.now))


def _changed(ctx: ApplyContext, case: Case, at: datetime) -> None:
    case.updated_at = max(case.updated_at, at)
    case.change_seq = allocate_seq(ctx.session)


def _resequence_history(ctx: ApplyContext, case: Case) -> None:
    """New numbers for the case's events, after the case's own, and its new team on each:
    the desks of the team it now goes to pull them with it (the desks that had them apply
    them again, unchanged)."""
    events = list(ctx.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.change_seq)
    ))  # fmt: skip
    if events:
        first = allocate_seq(ctx.session, len(events))
        for n, event in enumerate(events):
            event.change_seq = first + n
            event.case_team = case.assignee_team


def _conflict(
    ctx: ApplyContext,
    case: Case,
    field: str,
    *,
    kept: Any,
    yours: Any,
    at: datetime,
    saw: str,
    seq: int | None = None,
) -> dict[str, Any]:
    """The change is kept on the case as a conflict event, not applied."""
    wanted = yours if isinstance(yours, str) else _pair(yours["user"], yours["team"])
    seq = allocate_seq(ctx.session) if seq is None else seq
    _event(ctx, case, kind="conflict", at=at, body=field, old=saw, new=wanted,
           seq=seq)  # fmt: skip
    answer = _accepted(case, accepted=False)
    answer["conflicts"] = [{"field": field, "kept": kept, "yours": yours}]
    return answer


def _accepted(case: Case, *, accepted: bool = True) -> dict[str, Any]:
    return {
        "accepted": accepted,
        "case_id": case.id,
        "status": case.status,
        "assignee_user": case.assignee_user,
        "assignee_team": case.assignee_team,
        "conflicts": [],
        "change_seq": case.change_seq,
    }


def _who(user: str | None, team: str | None) -> dict[str, str | None]:
    return {"user": user, "team": team}


def _pair(user: str | None, team: str | None) -> str:
    """An assignment as one line of history: ``user|team`` (either may be empty)."""
    return f"{user or ''}|{team or ''}"


def _event(ctx: ApplyContext, case: Case, *, kind: str, at: datetime, seq: int,
           body: str = "", visibility: str | None = None, old: str | None = None,
           new: str | None = None) -> None:  # fmt: skip
    row = _event_row(ctx, case, kind=kind, at=at, seq=seq, body=body, visibility=visibility,
                     old=old, new=new)  # fmt: skip
    ctx.session.add(CaseEvent(**row))


def _event_row(ctx: ApplyContext, case: Case, *, kind: str, at: datetime, seq: int,
               body: str = "", visibility: str | None = None, old: str | None = None,
               new: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {
        "id": ctx.item.key, "case_id": case.id, "kind": kind, "author": ctx.user.username,
        "at": at, "body": body, "visibility": visibility, "old": old, "new": new,
        "branch": ctx.user.branch, "device_id": ctx.device_id, "change_seq": seq,
        "case_branch": case.branch, "case_team": case.assignee_team,
    }  # fmt: skip


def _policies(ctx: ApplyContext, category: str) -> list[ServicePolicy]:
    rows = ctx.session.scalars(
        select(ServicePolicyRow).where(ServicePolicyRow.category.in_((category, "*")))
    )
    return [policy_of(row) for row in rows]


def _calendars(ctx: ApplyContext, branch: str) -> dict[str, BusinessCalendar]:
    rows = ctx.session.scalars(
        select(BusinessCalendarRow).where(BusinessCalendarRow.branch.in_((branch, "*")))
    )
    return {row.branch: calendar_of(row) for row in rows}


def policy_of(row: ServicePolicyRow) -> ServicePolicy:
    return ServicePolicy(
        category=row.category,
        priority=Priority(row.priority),
        first_response_minutes=row.first_response_minutes,
        resolution_minutes=row.resolution_minutes,
    )


def calendar_of(row: BusinessCalendarRow) -> BusinessCalendar:
    hours = {int(day): intervals for day, intervals in row.hours.items()}
    holidays = [date.fromisoformat(day) for day in row.holidays]
    return BusinessCalendar.from_wire(row.timezone, hours, holidays)


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()
