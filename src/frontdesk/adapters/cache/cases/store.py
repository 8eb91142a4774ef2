"""``SqlAlchemyCaseStore``: the use cases' side of cases in the cache, in the unit of work's
session, so each case write and its outbox item commit in one SQLite transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.adapters.cache import conflict_store
from frontdesk.adapters.cache.cases.pull import apply_cases
from frontdesk.adapters.cache.cases.search import reindex_cases
from frontdesk.adapters.cache.cases.tables import (
    BusinessCalendarRow,
    CaseAttachmentRow,
    CaseCategoryRow,
    CaseCounterRow,
    CaseEventRow,
    CaseRow,
    ServicePolicyRow,
    TeamRow,
)
from frontdesk.adapters.cache.conflict_store import CASE, ConflictRow
from frontdesk.adapters.cache.tables import CachedCustomer
from frontdesk.domain.cases import Priority
from frontdesk.domain.errors import DomainError
from frontdesk.domain.service_hours import BusinessCalendar, ServicePolicy
from frontdesk.protocol.cases import CustomerCases
from frontdesk.services.cases.ports import (
    AbstractCaseStore,
    Attachment,
    CaseCategory,
    CaseConflict,
    CaseEvent,
    CaseRecord,
    LostValue,
    ServiceLevels,
    Team,
)
from frontdesk.services.errors import ProtocolError


class SqlAlchemyCaseStore(AbstractCaseStore):
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, case_id: str) -> CaseRecord | None:
        row = self._session.get(CaseRow, case_id)
        return None if row is None else case_record(row)

    def next_sequence(self, prefix: str) -> int:
        row = self._session.get(CaseCounterRow, prefix)
        if row is None:
            row = CaseCounterRow(prefix=prefix, last_seq=0)
            self._session.add(row)
        row.last_seq += 1
        self._session.flush()
        return row.last_seq

    def add(self, case: CaseRecord) -> None:
        values = {name: getattr(case, name) for name in _CASE_FIELDS}
        values["links"] = [dict(link) for link in case.links]
        self._session.add(CaseRow(**values, in_queues=True))
        self._session.flush()
        reindex_cases(self._session.connection(), [case.id])

    def change(self, case_id: str, values: dict[str, Any]) -> None:
        row = self._session.get_one(CaseRow, case_id)
        for name, value in values.items():
            setattr(row, name, value)
        row.in_queues = True  # a case this desk works on is one of its own
        self._session.flush()

    def add_event(self, event: CaseEvent, *, outbox_key: str) -> None:
        self._session.add(
            CaseEventRow(
                id=event.id,
                case_id=event.case_id,
                kind=event.kind,
                author=event.author,
                at=event.at,
                body=event.body,
                visibility=event.visibility,
                old=event.old,
                new=event.new,
                seq=0,
                outbox_key=outbox_key,
            )
        )
        self._session.flush()
        if event.kind == "comment":
            reindex_cases(self._session.connection(), [event.case_id])

    def category(self, code: str) -> CaseCategory | None:
        row = self._session.get(CaseCategoryRow, code)
        return None if row is None else category(row)

    def team(self, code: str) -> Team | None:
        row = self._session.get(TeamRow, code)
        return None if row is None else team(row)

    def service_levels(self) -> ServiceLevels:
        policies = [_policy(row) for row in self._session.scalars(select(ServicePolicyRow))]
        calendars = {
            row.branch: _calendar(row) for row in self._session.scalars(select(BusinessCalendarRow))
        }
        return ServiceLevels(policies=policies, calendars=calendars)

    def customer_exists(self, customer_id: str) -> bool:
        return self._session.get(CachedCustomer, customer_id) is not None

    def keep_fetched(self, fetched: CustomerCases) -> None:
        apply_cases(self._session, fetched.cases, fetched.case_events, in_queues=False)

    def record_conflicts(
        self, *, outbox_key: str, case_id: str, lost: list[LostValue], at: datetime
    ) -> int:
        return conflict_store.record(self._session, CASE, outbox_key=outbox_key,
                                     subject_id=case_id, lost=lost, at=at)  # fmt: skip

    def conflict(self, conflict_id: int) -> CaseConflict | None:
        row = conflict_store.get(self._session, CASE, conflict_id)
        return None if row is None else case_conflict(row)

    def open_conflicts(self, case_id: str | None = None) -> list[CaseConflict]:
        rows = conflict_store.open_rows(self._session, CASE, case_id)
        return [case_conflict(row) for row in rows]

    def count_open_conflicts(self) -> int:
        return conflict_store.count_open(self._session, CASE)

    def resolve_conflict(
        self,
        conflict_id: int,
        *,
        resolution: str,
        by: str,
        at: datetime,
        resolution_key: str | None = None,
    ) -> None:
        conflict_store.resolve(self._session, conflict_id, resolution=resolution, by=by, at=at,
                               resolution_key=resolution_key)  # fmt: skip

    def add_attachment(self, attachment: Attachment, *, outbox_key: str) -> None:
        values = {name: getattr(attachment, name) for name in _ATTACHMENT_FIELDS}
        self._session.add(CaseAttachmentRow(**values, seq=0, outbox_key=outbox_key))
        self._session.flush()

    def attachment(self, attachment_id: str) -> Attachment | None:
        row = self._session.get(CaseAttachmentRow, attachment_id)
        return None if row is None else attachment_of(row)


_ATTACHMENT_FIELDS = ("id", "case_id", "sha256", "file_name", "media_type", "size",
                      "visibility", "author", "at")  # fmt: skip


def attachment_of(row: CaseAttachmentRow) -> Attachment:
    return Attachment(
        **{name: getattr(row, name) for name in _ATTACHMENT_FIELDS}, pending=row.seq == 0
    )


_CASE_FIELDS = (
    "id",
    "number",
    "customer_id",
    "channel",
    "category",
    "subject",
    "description",
    "priority",
    "status",
    "assignee_user",
    "assignee_team",
    "branch",
    "opened_by",
    "opened_at",
    "due_at",
    "first_response_due_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "updated_at",
    "seq",
)


def case_record(row: CaseRow) -> CaseRecord:
    return CaseRecord(
        **{name: getattr(row, name) for name in _CASE_FIELDS},
        links=tuple(dict(link) for link in row.links or ()),
    )


def case_event(row: CaseEventRow) -> CaseEvent:
    return CaseEvent(
        id=row.id,
        case_id=row.case_id,
        kind=row.kind,
        author=row.author,
        at=row.at,
        body=row.body,
        visibility=row.visibility,
        old=row.old,
        new=row.new,
        pending=row.seq == 0,
    )


def case_conflict(row: ConflictRow) -> CaseConflict:
    return CaseConflict(
        id=row.id,
        case_id=row.subject_id,
        field=row.field,
        kept=row.kept,
        yours=row.yours,
        outbox_key=row.outbox_key,
        recorded_at=row.recorded_at,
        resolution=row.resolution,
        resolved_by=row.resolved_by,
        resolved_at=row.resolved_at,
        resolution_key=row.resolution_key,
    )


def category(row: CaseCategoryRow) -> CaseCategory:
    return CaseCategory(row.code, row.name_en, row.name_ru, row.active)


def team(row: TeamRow) -> Team:
    return Team(row.code, row.name, row.branch, tuple(row.members or ()), row.active)


def _policy(row: ServicePolicyRow) -> ServicePolicy:
    return ServicePolicy(
        category=row.category,
        priority=Priority(row.priority),
        first_response_minutes=row.first_response_minutes,
        resolution_minutes=row.resolution_minutes,
    )


def _calendar(row: BusinessCalendarRow) -> BusinessCalendar:
    try:
        return BusinessCalendar.from_wire(
            row.timezone,
            {int(day): spans for day, spans in row.hours.items()},
            [date.fromisoformat(day) for day in row.holidays],
        )
    except (DomainError, ValueError) as error:
        raise ProtocolError(f"the business calendar of {row.branch!r}: {error}") from error
