"""``SqlAlchemyCaseQueries``: what the window and the CLI read about cases, on reader sessions
(in WAL mode they never wait for the sync's writes).

The queues hold this desk's cases (``in_queues``: pulled for its branch and teams, or worked
on here) that are still open. "Due today" and "overdue" leave out cases waiting on the
customer, whose service-level clock is stopped; those have their own queue.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, and_, exists, func, literal_column, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache import conflict_store
from frontdesk.adapters.cache.cases import tables as t
from frontdesk.adapters.cache.cases.search import RANKED_SEARCH, match_expression
from frontdesk.adapters.cache.cases.store import (
    attachment_of,
    case_conflict,
    case_event,
    case_record,
    category,
)
from frontdesk.adapters.cache.cases.store import team as team_of
from frontdesk.adapters.cache.conflict_store import CASE
from frontdesk.adapters.cache.outbox import CachedInteraction
from frontdesk.adapters.cache.tables import CachedCustomer, CachedPurchase
from frontdesk.domain.cases import OPEN_STATUSES, CaseStatus
from frontdesk.services.cases.ports import (
    DUE_TODAY,
    FOLLOW_UPS,
    MINE,
    OVERDUE,
    QUEUE_PAGE,
    TEAM,
    WAITING,
    AbstractCaseQueries,
    Attachment,
    CaseCategory,
    CaseConflict,
    CaseEvent,
    CaseRecord,
    CaseRow,
    FollowUp,
    Team,
)

#: Follow-ups older than this are no longer a queue's business (the contact shows them).
FOLLOW_UP_DAYS = 14
_OPEN = sorted(OPEN_STATUSES)
_CLOCK_RUNNING = sorted(OPEN_STATUSES - {CaseStatus.WAITING})
_C = t.CaseRow


class SqlAlchemyCaseQueries(AbstractCaseQueries):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def case(self, case_id: str) -> CaseRecord | None:
        with self._sessions() as session:
            row = session.get(_C, case_id)
            return None if row is None else case_record(row)

    def by_number(self, number: str) -> CaseRecord | None:
        with self._sessions() as session:
            row = session.scalars(select(_C).where(_C.number == number)).first()
            return None if row is None else case_record(row)

    def history(self, case_id: str) -> list[CaseEvent]:
        e = t.CaseEventRow
        # The server's lines in its order; this desk's provisional ones after them, as made.
        made = literal_column("case_events.rowid")
        query = select(e).where(e.case_id == case_id).order_by(e.seq == 0, e.seq, e.at, made)
        with self._sessions() as session:
            return [case_event(row) for row in session.scalars(query)]

    def attachments(self, case_id: str) -> list[Attachment]:
        a = t.CaseAttachmentRow
        query = select(a).where(a.case_id == case_id).order_by(a.at, a.id)
        with self._sessions() as session:
            return [attachment_of(row) for row in session.scalars(query)]

    def conflicts(self, case_id: str) -> list[CaseConflict]:
        with self._sessions() as session:
            return [case_conflict(row) for row in conflict_store.all_rows(session, CASE, case_id)]

    def queue(
        self,
        name: str,
        *,
        agent: str,
        now: datetime,
        day_ends_at: datetime,
        limit: int = QUEUE_PAGE,
        offset: int = 0,
    ) -> list[CaseRow]:
        order = (_C.due_at.is_(None), _C.due_at, _C.opened_at)
        with self._sessions() as session:
            where = _queue_filter(session, name, agent=agent, now=now, day_ends_at=day_ends_at)
            # The page's ids first, sorted on their keys alone; then only the page's rows are
            # read whole and joined to their customers (not every case in the queue).
            page = select(_C.id).where(*where).order_by(*order).limit(limit).offset(offset)
            page_ids = page.subquery()
            query = _listed().join(page_ids, page_ids.c.id == _C.id).order_by(*order)
            return _rows(session, query)

    def queue_counts(
        self, *, agent: str, now: datetime, day_ends_at: datetime, today: date
    ) -> dict[str, int]:
        counts: dict[str, int] = {}
        with self._sessions() as session:
            for name in (MINE, TEAM, DUE_TODAY, OVERDUE, WAITING):
                where = _queue_filter(session, name, agent=agent, now=now, day_ends_at=day_ends_at)
                counts[name] = int(
                    session.scalar(select(func.count()).select_from(_C).where(*where)) or 0
                )
            counts[FOLLOW_UPS] = int(
                session.scalar(
                    select(func.count()).select_from(_follow_ups(agent, today).subquery())
                )
                or 0
            )
        return counts

    def follow_ups(self, *, agent: str, today: date, limit: int = QUEUE_PAGE) -> list[FollowUp]:
        i = CachedInteraction
        query = (
            _follow_ups(agent, today)
            .add_columns(CachedCustomer.full_name)
            .outerjoin(CachedCustomer, CachedCustomer.id == i.customer_id)
            .order_by(i.follow_up, i.occurred_at)
            .limit(limit)
        )
        with self._sessions() as session:
            return [_follow_up(row, name) for row, name in session.execute(query)]

    def search(self, text: str, *, limit: int = 50) -> list[CaseRow]:
        expression = match_expression(text)
        if expression is None:
            return []
        with self._sessions() as session:
            ranked = session.connection().exec_driver_sql(RANKED_SEARCH, (expression, limit))
            rowids = [rowid for (rowid,) in ranked]
            if not rowids:
                return []
            rowid = literal_column("cases.rowid")
            found = session.execute(_listed().add_columns(rowid).where(rowid.in_(rowids)))
            place = {rowid: n for n, rowid in enumerate(rowids)}  # best match first
            return [_row(row) for row in sorted(found, key=lambda row: place[row[-1]])]

    def purchase_numbers(self, purchase_ids: list[str]) -> dict[str, str]:
        if not purchase_ids:
            return {}
        query = select(CachedPurchase.id, CachedPurchase.number).where(
            CachedPurchase.id.in_(purchase_ids)
        )
        with self._sessions() as session:
            return {row.id: row.number for row in session.execute(query)}

    def of_customer(self, customer_id: str) -> list[CaseRow]:
        query = _listed().where(_C.customer_id == customer_id).order_by(_C.opened_at.desc())
        with self._sessions() as session:
            return _rows(session, query)

    def categories(self) -> list[CaseCategory]:
        query = select(t.CaseCategoryRow).order_by(t.CaseCategoryRow.code)
        with self._sessions() as session:
            return [category(row) for row in session.scalars(query)]

    def teams(self) -> list[Team]:
        query = select(t.TeamRow).order_by(t.TeamRow.code)
        with self._sessions() as session:
            return [team_of(row) for row in session.scalars(query)]


def teams_of(session: Session, agent: str) -> list[str]:
    """The codes of the active teams ``agent`` is a member of."""
    rows = session.execute(select(t.TeamRow.code, t.TeamRow.members).where(t.TeamRow.active))
    return [code for code, members in rows if agent in (members or ())]


def _queue_filter(
    session: Session, name: str, *, agent: str, now: datetime, day_ends_at: datetime
) -> list[Any]:
    base = [_C.in_queues]
    if name == MINE:
        return [*base, _C.status.in_(_OPEN), _C.assignee_user == agent]
    if name == TEAM:
        return [*base, _C.status.in_(_OPEN), _C.assignee_team.in_(teams_of(session, agent))]
    if name == DUE_TODAY:
        return [*base, _C.status.in_(_CLOCK_RUNNING), _C.due_at >= now, _C.due_at < day_ends_at]
    if name == OVERDUE:
        return [*base, _C.status.in_(_CLOCK_RUNNING), _C.due_at < now]
    if name == WAITING:
        return [*base, _C.status == CaseStatus.WAITING.value]
    raise ValueError(f"no case queue {name!r}")


# The columns a listed case shows: the rows are read as plain tuples, never as whole
# mapped cases (their links parsed, each one tracked by the session).
_LISTED = (
    _C.id,
    _C.number,
    _C.customer_id,
    CachedCustomer.full_name,
    _C.subject,
    _C.category,
    _C.priority,
    _C.status,
    _C.assignee_user,
    _C.assignee_team,
    _C.opened_at,
    _C.due_at,
    _C.updated_at,
    _C.seq,
)


def _listed() -> Select[Any]:
    return select(*_LISTED).outerjoin(CachedCustomer, CachedCustomer.id == _C.customer_id)


def _rows(session: Session, query: Select[Any]) -> list[CaseRow]:
    return [_row(row) for row in session.execute(query)]


def _row(row: Any) -> CaseRow:
    return CaseRow(
        id=row.id,
        number=row.number,
        customer_id=row.customer_id,
        customer_name=row.full_name or "",
        subject=row.subject,
        category=row.category,
        priority=row.priority,
        status=row.status,
        assignee_user=row.assignee_user,
        assignee_team=row.assignee_team,
        opened_at=row.opened_at,
        due_at=row.due_at,
        updated_at=row.updated_at,
        synced=row.seq > 0,
    )


def _follow_ups(agent: str, today: date) -> Select[Any]:
    i = CachedInteraction
    link = func.json_each(_C.links).table_valued("value")
    case_from_it = exists(
        select(1)
        .select_from(_C)
        .join(link, literal_column("1") == 1)
        .where(
            _C.customer_id == i.customer_id,
            func.json_extract(link.c.value, "$.kind") == "interaction",
            func.json_extract(link.c.value, "$.ref") == i.id,
        )
    )
    return select(i).where(
        and_(
            i.agent == agent,
            i.follow_up.is_not(None),
            i.follow_up <= today,
            i.follow_up >= today - timedelta(days=FOLLOW_UP_DAYS),
            ~case_from_it,
        )
    )


def _follow_up(row: CachedInteraction, customer_name: str | None) -> FollowUp:
    assert row.follow_up is not None
    return FollowUp(
        interaction_id=row.id,
        customer_id=row.customer_id,
        customer_name=customer_name or "",
        follow_up=row.follow_up,
        reason=row.reason,
        outcome=row.outcome,
        agent=row.agent,
        occurred_at=row.occurred_at,
    )
