"""The ports of cases at the desk: what the use cases write through the unit of work, what
the window and the CLI read, and the records both pass around.

A case opened or changed here is in the cache at once (``seq`` 0 until the server's copy is
pulled), so the desk's own writes show in its queues before any sync. Its history lines made
here are provisional (``pending``): the server's own lines replace them once the write was
acknowledged and the case pulled again.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from frontdesk.domain.cases import OPEN_STATUSES, CaseStatus
from frontdesk.domain.service_hours import BusinessCalendar, ServicePolicy
from frontdesk.protocol.cases import CustomerCases

#: The queues an agent works from (``frontdesk case list --queue``).
MINE, TEAM, DUE_TODAY, OVERDUE, WAITING, FOLLOW_UPS = (
    "mine",
    "team",
    "due-today",
    "overdue",
    "waiting",
    "follow-ups",
)
CASE_QUEUES = (MINE, TEAM, DUE_TODAY, OVERDUE, WAITING)
QUEUES = (*CASE_QUEUES, FOLLOW_UPS)
#: A queue's page: a screenful or two; the window pages on.
QUEUE_PAGE = 200


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """A case as this desk holds it (the server's last copy, with the desk's changes since)."""

    id: str
    number: str
    customer_id: str
    channel: str
    category: str
    subject: str
    description: str
    priority: str
    status: str
    assignee_user: str | None
    assignee_team: str | None
    branch: str
    opened_by: str
    opened_at: datetime
    due_at: datetime | None
    first_response_due_at: datetime | None
    updated_at: datetime
    seq: int = 0
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    links: tuple[dict[str, Any], ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def synced(self) -> bool:
        """Whether the server's copy has been pulled (a case opened here offline: not yet)."""
        return self.seq > 0

    def status_enum(self) -> CaseStatus:
        return CaseStatus(self.status)


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One line of a case's history (``protocol.cases.CaseEventPublic`` for the kinds).

    ``pending``: made at this desk and not yet replaced by the server's own line.
    """

    id: str
    case_id: str
    kind: str
    author: str
    at: datetime
    body: str = ""
    visibility: str | None = None
    old: str | None = None
    new: str | None = None
    pending: bool = False


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file attached to a case. Its content is kept at the desk by ``sha256`` once it was
    attached here or fetched (``AbstractBlobStore``); ``pending``: attached here, not yet
    acknowledged by the server."""

    id: str
    case_id: str
    sha256: str
    file_name: str
    media_type: str
    size: int
    visibility: str
    author: str
    at: datetime
    pending: bool = False

    @property
    def internal(self) -> bool:
        return self.visibility == "internal"


class AbstractBlobStore(abc.ABC):
    """Attachment contents at the desk, each kept once by its SHA-256 (not in the cache's
    transaction: a content kept for a write that is then rolled back is only unused)."""

    @abc.abstractmethod
    def keep(self, content: bytes) -> str:
        """Keep ``content`` (a no-op if it is kept already); its SHA-256."""

    @abc.abstractmethod
    def has(self, sha256: str) -> bool: ...

    @abc.abstractmethod
    def read(self, sha256: str) -> bytes:
        """The content; ``FileNotFoundError`` if it is not kept here."""


@dataclass(frozen=True, slots=True)
class CaseRow:
    """A case in a list (a queue, search results, a customer's cases)."""

    id: str
    number: str
    customer_id: str
    customer_name: str
    subject: str
    category: str
    priority: str
    status: str
    assignee_user: str | None
    assignee_team: str | None
    opened_at: datetime
    due_at: datetime | None
    updated_at: datetime
    synced: bool


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A contact logged with a follow-up date: a call back that is due."""

    interaction_id: str
    customer_id: str
    customer_name: str
    follow_up: date
    reason: str
    outcome: str
    agent: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class CaseConflict:
    """A status or assignment of this desk that another desk's, arriving first, beat.

    ``field`` is ``status`` or ``assignee``; ``kept`` the server's value, ``yours`` this
    desk's (an assignee as ``user|team``, either side possibly empty).
    """

    id: int
    case_id: str
    field: str
    kept: Any
    yours: Any
    outbox_key: str
    recorded_at: datetime
    resolution: str | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution_key: str | None = None

    @property
    def is_open(self) -> bool:
        return self.resolution is None


@dataclass(frozen=True, slots=True)
class CaseCategory:
    code: str
    name_en: str
    name_ru: str
    active: bool = True

    def name(self, language: str) -> str:
        return self.name_ru if language == "ru" and self.name_ru else self.name_en


@dataclass(frozen=True, slots=True)
class Team:
    code: str
    name: str
    branch: str
    members: tuple[str, ...] = ()
    active: bool = True


@dataclass(frozen=True, slots=True)
class ServiceLevels:
    """The pulled policies and calendars, as ``domain.service_hours.due_times`` takes them."""

    policies: list[ServicePolicy] = field(default_factory=list)
    calendars: dict[str, BusinessCalendar] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LostValue:
    """One entry of a ``case.assign`` or ``case.status`` acknowledgement's ``conflicts``."""

    field: str
    kept: Any
    yours: Any


class AbstractCaseStore(abc.ABC):
    """Cases in the cache, inside the unit of work's transaction (the write side)."""

    @abc.abstractmethod
    def get(self, case_id: str) -> CaseRecord | None: ...

    @abc.abstractmethod
    def next_sequence(self, prefix: str) -> int:
        """The next number of this desk's cases under ``prefix``, taken (1, 2, ...)."""

    @abc.abstractmethod
    def add(self, case: CaseRecord) -> None:
        """A case opened here (``seq`` 0, in the desk's queues)."""

    @abc.abstractmethod
    def change(self, case_id: str, values: dict[str, Any]) -> None:
        """Set some of a case's fields here (status, assignee, times); the pull may later
        replace them with the server's."""

    @abc.abstractmethod
    def add_event(self, event: CaseEvent, *, outbox_key: str) -> None:
        """A provisional history line of a write made here (``outbox_key``: that write)."""

    @abc.abstractmethod
    def category(self, code: str) -> CaseCategory | None: ...

    @abc.abstractmethod
    def team(self, code: str) -> Team | None: ...

    @abc.abstractmethod
    def service_levels(self) -> ServiceLevels: ...

    @abc.abstractmethod
    def customer_exists(self, customer_id: str) -> bool: ...

    @abc.abstractmethod
    def keep_fetched(self, fetched: CustomerCases) -> None:
        """Keep a customer's cases asked of the server (not in this desk's queues unless
        they were already)."""

    # The conflicts (cases' counterpart of ``services.conflict_ports``).

    @abc.abstractmethod
    def record_conflicts(
        self, *, outbox_key: str, case_id: str, lost: list[LostValue], at: datetime
    ) -> int:
        """Keep each lost value open; one already kept for this key and field stays as is.
        Returns how many were new."""

    @abc.abstractmethod
    def conflict(self, conflict_id: int) -> CaseConflict | None: ...

    @abc.abstractmethod
    def open_conflicts(self, case_id: str | None = None) -> list[CaseConflict]:
        """Open conflicts of one case (None: of every case), oldest first."""

    @abc.abstractmethod
    def count_open_conflicts(self) -> int:
        """How many conflicts of every case wait for the agent."""

    @abc.abstractmethod
    def resolve_conflict(
        self,
        conflict_id: int,
        *,
        resolution: str,
        by: str,
        at: datetime,
        resolution_key: str | None = None,
    ) -> None: ...

    @abc.abstractmethod
    def add_attachment(self, attachment: Attachment, *, outbox_key: str) -> None:
        """A file attached here (``outbox_key``: its ``case.attach`` write)."""

    @abc.abstractmethod
    def attachment(self, attachment_id: str) -> Attachment | None: ...


class AbstractCaseQueries(abc.ABC):
    """What the window and the CLI read about cases (may be slow: background operations)."""

    @abc.abstractmethod
    def case(self, case_id: str) -> CaseRecord | None: ...

    @abc.abstractmethod
    def by_number(self, number: str) -> CaseRecord | None:
        """The case with this exact (normalised) number."""

    @abc.abstractmethod
    def history(self, case_id: str) -> list[CaseEvent]:
        """Every line of the case's history, in order (pending lines of this desk last)."""

    @abc.abstractmethod
    def conflicts(self, case_id: str) -> list[CaseConflict]:
        """The case's conflicts, settled ones too, oldest first."""

    @abc.abstractmethod
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
        """One of ``CASE_QUEUES``: most urgent (earliest due) first."""

    @abc.abstractmethod
    def queue_counts(
        self, *, agent: str, now: datetime, day_ends_at: datetime, today: date
    ) -> dict[str, int]:
        """How many cases each of ``CASE_QUEUES`` holds, and ``follow-ups`` due by ``today``."""

    @abc.abstractmethod
    def follow_ups(self, *, agent: str, today: date, limit: int = QUEUE_PAGE) -> list[FollowUp]:
        """The agent's contacts whose follow-up is due (today or before, within a fortnight),
        earliest first; a contact a case was opened from is dealt with."""

    @abc.abstractmethod
    def search(self, text: str, *, limit: int = 50) -> list[CaseRow]:
        """Cases whose subject, description or comments hold every word of ``text`` (each
        word a prefix, any letter case), the best match first; a query found in very many
        cases is ranked among the newest of them (the adapter says how many)."""

    @abc.abstractmethod
    def purchase_numbers(self, purchase_ids: list[str]) -> dict[str, str]:
        """The number (as on the receipt) of each purchase this desk holds, by its id."""

    @abc.abstractmethod
    def of_customer(self, customer_id: str) -> list[CaseRow]:
        """The customer's cases in the cache, the newest first."""

    @abc.abstractmethod
    def categories(self) -> list[CaseCategory]: ...

    @abc.abstractmethod
    def teams(self) -> list[Team]: ...

    @abc.abstractmethod
    def attachments(self, case_id: str) -> list[Attachment]:
        """The files attached to a case, oldest first."""
