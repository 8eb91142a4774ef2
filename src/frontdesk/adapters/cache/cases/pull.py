"""The cases part of a pulled page: cases, their history and the reference lists.

Every list is upserted by its key, and a row never goes back to an older version (``seq``),
so a page applied twice, or an older page committing after a newer one, changes nothing.
A pulled case is in this desk's queues (the server sends the branch's and teams' cases);
one fetched on demand for a customer's 360 keeps whatever it had (``in_queues``).

A case the server says left this desk's scope (``cases_left``: handed to another branch's
team) leaves its queues; it stays as its customer's case, no longer kept up to date by the
pull (the customer's 360 fetches it afresh when online).

A history line made here is provisional: once its write was acknowledged (outbox ``sent``),
the server has applied it, so when the case's history is pulled again the server's own
lines stand for it and the provisional one goes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.cases.search import clear_case_index, reindex_cases
from frontdesk.adapters.cache.cases.tables import (
    BusinessCalendarRow,
    CaseAttachmentRow,
    CaseCategoryRow,
    CaseEventRow,
    CaseRow,
    ServicePolicyRow,
    TeamRow,
)
from frontdesk.adapters.cache.outbox import OutboxRow
from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import (
    BusinessCalendarPublic,
    CaseCategoryPublic,
    CaseEventPublic,
    CasePublic,
    ServicePolicyPublic,
    TeamPublic,
)
from frontdesk.services.outbox import SENT

Row = dict[str, Any]


def apply_pulled_cases(session: Session, page: PullPage, *, in_queues: bool = True) -> None:
    """Apply the page's six case lists (the caller commits)."""
    apply_cases(session, page.cases, page.case_events, in_queues=in_queues)
    if page.cases_left:
        left = update(CaseRow).where(CaseRow.id.in_(page.cases_left), CaseRow.seq > 0)
        session.execute(left.values(in_queues=False))
    _upsert(session, CaseCategoryRow, [_category_row(c) for c in page.case_categories])
    _upsert(session, TeamRow, [_team_row(t) for t in page.teams])
    _upsert(session, ServicePolicyRow, [_policy_row(p) for p in page.service_policies])
    _upsert(session, BusinessCalendarRow, [_calendar_row(c) for c in page.business_calendars])


def apply_cases(
    session: Session,
    cases: list[CasePublic],
    events: list[CaseEventPublic],
    *,
    in_queues: bool,
) -> None:
    """Cases and history lines, from a pull or fetched on demand (``in_queues`` False)."""
    if not cases and not events:
        return
    _upsert(session, CaseRow, [case_row(c, in_queues=in_queues) for c in cases], keep=_QUEUED)
    _upsert(session, CaseEventRow, [_event_row(e) for e in events])
    _upsert(session, CaseAttachmentRow, [_attachment_row(e) for e in events if e.attachment])
    _drop_acknowledged_provisional(session, {e.case_id for e in events})
    reindex_cases(session.connection(), [c.id for c in cases] + [e.case_id for e in events])


def clear_cases(session: Session) -> None:
    for model in (
        CaseAttachmentRow,
        CaseEventRow,
        CaseRow,
        CaseCategoryRow,
        TeamRow,
        ServicePolicyRow,
        BusinessCalendarRow,
    ):
        session.execute(delete(model))
    clear_case_index(session.connection())


def _drop_acknowledged_provisional(session: Session, case_ids: set[str]) -> None:
    if not case_ids:
        return
    sent = select(OutboxRow.key).where(OutboxRow.state == SENT)
    session.execute(
        delete(CaseEventRow).where(
            CaseEventRow.case_id.in_(case_ids),
            CaseEventRow.seq == 0,
            CaseEventRow.outbox_key.in_(sent),
        )
    )


# A case once in the queues stays there when fetched again on demand.
_QUEUED = {"in_queues": lambda stmt, table: stmt.excluded.in_queues | table.c.in_queues}


def _upsert(session: Session, model: Any, rows: list[Row], *, keep: dict[str, Any] | None = None):
    if not rows:
        return
    table = model.__table__
    stmt = insert(table)
    keys = [c.name for c in table.primary_key]
    updates: dict[str, Any] = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    for name, combine in (keep or {}).items():
        updates[name] = combine(stmt, table)
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=keys, set_=updates, where=stmt.excluded.seq >= table.c.seq
        ),
        rows,
    )


def case_row(case: CasePublic, *, in_queues: bool) -> Row:
    return {
        **case.model_dump(exclude={"links"}),
        "links": [link.model_dump() for link in case.links],
        "in_queues": in_queues,
    }


def _event_row(event: CaseEventPublic) -> Row:
    return {**event.model_dump(exclude={"attachment"}), "outbox_key": None}


def _attachment_row(event: CaseEventPublic) -> Row:
    """The attachment an ``attached`` line brings, under the line's id (the item's key, as
    the row this desk made when it attached the file)."""
    assert event.attachment is not None
    return {"id": event.id, "case_id": event.case_id, **event.attachment.model_dump(),
            "visibility": event.visibility or "internal", "author": event.author,
            "at": event.at, "seq": event.seq, "outbox_key": None}  # fmt: skip


def _category_row(category: CaseCategoryPublic) -> Row:
    return category.model_dump()


def _team_row(team: TeamPublic) -> Row:
    return team.model_dump()


def _policy_row(policy: ServicePolicyPublic) -> Row:
    return policy.model_dump()


def _calendar_row(calendar: BusinessCalendarPublic) -> Row:
    row = calendar.model_dump(mode="json")
    return {**row, "hours": {str(day): spans for day, spans in row["hours"].items()}}
