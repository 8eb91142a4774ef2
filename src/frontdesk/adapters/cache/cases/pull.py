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

Cases and lines go to the driver as plain tuples through one prepared upsert each: a page is
5,000 rows, and SQLAlchemy's per-row parameter handling cost as much as SQLite's own work.
A bulk load (a new desk's first pull) leaves the full-text index behind, and the pull
builds it once at its end (``rebuild_case_index``). It also drops the cases' and lines'
secondary indexes on its first page and builds them at its end (``build_case_indexes``),
sorted, once: kept row by row, the pulled rows' random ids and customers put nearly every
insert in another page of each index, most of a first pull's time in SQLite. A load cut
short leaves them missing until the resumed load ends (a bulk load stays due until its end
commits): every query is still right without them, only slower, and any later pull builds
whatever is missing before its first page.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, literal_column, select, update
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
from frontdesk.adapters.cache.tables import utc_text
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


def apply_pulled_cases(session: Session, page: PullPage, *, index: bool = True) -> None:
    """Apply the page's six case lists (the caller commits); ``index=False`` in bulk."""
    if index:
        build_case_indexes(session.connection())
    else:
        drop_case_indexes(session.connection())
    apply_cases(session, page.cases, page.case_events, in_queues=True, index=index)
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
    index: bool = True,
) -> None:
    """Cases and history lines, from a pull or fetched on demand (``in_queues`` False)."""
    if not cases and not events:
        return
    connection = session.connection()
    if cases:
        connection.exec_driver_sql(_UPSERT_CASES, [_case_values(c, in_queues) for c in cases])
    if events:
        connection.exec_driver_sql(_UPSERT_EVENTS, [_event_values(e) for e in events])
    _upsert(session, CaseAttachmentRow, [_attachment_row(e) for e in events if e.attachment])
    _drop_acknowledged_provisional(session, {e.case_id for e in events})
    if index:
        reindex_cases(connection, [c.id for c in cases] + [e.case_id for e in events])


#: What a bulk load builds at its end; the provisional lines' index stays (``apply_cases``
#: reads it on every page, and pulled lines never enter it).
_BULK_BUILT = tuple(
    index
    for table in (CaseRow.__table__, CaseEventRow.__table__)
    for index in sorted(table.indexes, key=lambda index: str(index.name))
    if index.name != "ix_case_events_provisional"
)
_PRESENT = (
    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('cases', 'case_events')"
)


def drop_case_indexes(connection: Connection) -> None:
    """Drop the indexes a bulk load builds at its end (those still there)."""
    present = set(connection.exec_driver_sql(_PRESENT).scalars())
    for index in _BULK_BUILT:
        if index.name in present:
            connection.exec_driver_sql(f"DROP INDEX {index.name}")


def build_case_indexes(connection: Connection) -> None:
    """Build whichever of those indexes is missing (none: one look at the schema)."""
    present = set(connection.exec_driver_sql(_PRESENT).scalars())
    for index in _BULK_BUILT:
        if index.name not in present:
            index.create(connection)


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
            # Written out, so the provisional lines' partial index always serves it.
            CaseEventRow.seq == literal_column("0"),
            CaseEventRow.outbox_key.in_(sent),
        )
    )


def _upsert(session: Session, model: Any, rows: list[Row]) -> None:
    if not rows:
        return
    table = model.__table__
    stmt = insert(table)
    keys = [c.name for c in table.primary_key]
    updates: dict[str, Any] = {name: stmt.excluded[name] for name in rows[0] if name not in keys}
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=keys, set_=updates, where=stmt.excluded.seq >= table.c.seq
        ),
        rows,
    )


def _upsert_sql(table: str, columns: tuple[str, ...], *, keep: dict[str, str] | None = None):
    """An upsert by ``id`` that never goes back to an older ``seq``; ``keep`` gives a column
    another expression than the new value."""
    updates = {name: f"excluded.{name}" for name in columns if name != "id"}
    updates.update(keep or {})
    assignments = ", ".join(f"{name} = {value}" for name, value in updates.items())
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT (id) DO UPDATE SET {assignments} WHERE excluded.seq >= {table}.seq"
    )


#: The columns in the order ``_case_values`` and ``_event_values`` give them.
CASE_COLUMNS = (
    "id", "number", "customer_id", "channel", "category", "subject", "description",
    "priority", "status", "assignee_user", "assignee_team", "branch", "opened_by",
    "opened_at", "due_at", "first_response_due_at", "first_response_at", "resolved_at",
    "closed_at", "links", "updated_at", "seq", "in_queues",
)  # fmt: skip
EVENT_COLUMNS = (
    "id", "case_id", "kind", "author", "at", "body", "visibility", "old", "new", "seq",
    "outbox_key",
)  # fmt: skip
# A case once in the queues stays there when fetched again on demand.
_UPSERT_CASES = _upsert_sql(
    "cases", CASE_COLUMNS, keep={"in_queues": "excluded.in_queues | cases.in_queues"}
)
_UPSERT_EVENTS = _upsert_sql("case_events", EVENT_COLUMNS)
_stamp = utc_text


def _case_values(case: CasePublic, in_queues: bool) -> tuple[Any, ...]:
    """The case's values in ``CASE_COLUMNS`` order."""
    links = json.dumps([link.model_dump() for link in case.links]) if case.links else "[]"
    return (
        case.id,
        case.number,
        case.customer_id,
        case.channel,
        case.category,
        case.subject,
        case.description,
        case.priority,
        case.status,
        case.assignee_user,
        case.assignee_team,
        case.branch,
        case.opened_by,
        _stamp(case.opened_at),
        _stamp(case.due_at),
        _stamp(case.first_response_due_at),
        _stamp(case.first_response_at),
        _stamp(case.resolved_at),
        _stamp(case.closed_at),
        links,
        _stamp(case.updated_at),
        case.seq,
        in_queues,
    )


def _event_values(event: CaseEventPublic) -> tuple[Any, ...]:
    """The line's values in ``EVENT_COLUMNS`` order."""
    return (
        event.id,
        event.case_id,
        event.kind,
        event.author,
        _stamp(event.at),
        event.body,
        event.visibility,
        event.old,
        event.new,
        event.seq,
        None,  # outbox_key: a pulled line is the server's, whatever made it
    )


def _category_row(category: CaseCategoryPublic) -> Row:
    return category.model_dump()


def _team_row(team: TeamPublic) -> Row:
    return team.model_dump()


def _policy_row(policy: ServicePolicyPublic) -> Row:
    return policy.model_dump()


def _calendar_row(calendar: BusinessCalendarPublic) -> Row:
    row = calendar.model_dump(mode="json")
    return {**row, "hours": {str(day): spans for day, spans in row["hours"].items()}}


def _attachment_row(event: CaseEventPublic) -> Row:
    """The attachment an ``attached`` line brings, under the line's id (the item's key, as
    the row this desk made when it attached the file)."""
    assert event.attachment is not None
    return {"id": event.id, "case_id": event.case_id, **event.attachment.model_dump(),
            "visibility": event.visibility or "internal", "author": event.author,
            "at": event.at, "seq": event.seq, "outbox_key": None}  # fmt: skip
