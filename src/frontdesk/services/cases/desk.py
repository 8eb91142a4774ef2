"""``DeskCases``: cases at this desk, for the window's background operations and the CLI.

The agent is whoever is signed in here. Each call takes a unit of work of its own (calls
run on worker threads beside the sync worker); reads go through the cache's read-only
queries, so they never wait for a sync's write.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from frontdesk.domain.cases import normalise_case_number
from frontdesk.protocol.cases import CustomerCases
from frontdesk.services.cases import attachments, conflicts, oversight, writes
from frontdesk.services.cases.attachments import AttachmentUnavailable
from frontdesk.services.cases.ports import (
    CASE_QUEUES,
    QUEUE_PAGE,
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
from frontdesk.services.unit_of_work import AbstractUnitOfWork

Clock = Callable[[], datetime]


class AbstractCaseSource(abc.ABC):
    """The server, asked for a customer's cases on demand (an authenticated transport)."""

    @abc.abstractmethod
    def customer_cases(self, customer_id: str) -> CustomerCases: ...

    def download_attachment(self, sha256: str) -> bytes:
        """An attachment's content (a source that cannot fetch one says so)."""
        raise AttachmentUnavailable("this desk cannot fetch attachments from the server")


def _now() -> datetime:
    return datetime.now(UTC)


class DeskCases:
    """Open, comment, assign and move cases; the queues, their counts, search, a case by its
    number, a customer's cases.

    Args:
        make_uow: a new unit of work for each write.
        queries: the cache's case queries.
        source: how to reach the server for a customer's cases (None: never asked).
        zone: the desk's time zone, where "today" ends (default: the computer's).
    """

    def __init__(
        self,
        make_uow: Callable[[], AbstractUnitOfWork],
        queries: AbstractCaseQueries,
        *,
        source: Callable[[], AbstractCaseSource] | None = None,
        clock: Clock = _now,
        zone: tzinfo | None = None,
    ) -> None:
        self._make_uow = make_uow
        self._queries = queries
        self._source = source
        self._clock = clock
        self._zone = zone

    # ------------------------------------------------------------------ writes

    def open(
        self,
        customer_id: str,
        *,
        channel: str,
        category: str,
        subject: str,
        description: str = "",
        priority: str = "normal",
        assignee_user: str | None = None,
        assignee_team: str | None = None,
        links: Iterable[Mapping[str, Any]] = (),
    ) -> CaseRecord:
        return writes.open_case(
            self._make_uow(),
            customer_id=customer_id,
            channel=channel,
            category=category,
            subject=subject,
            description=description,
            priority=priority,
            assignee_user=assignee_user,
            assignee_team=assignee_team,
            links=links,
            clock=self._clock,
        )

    def comment(self, case_id: str, body: str, *, visibility: str = "internal") -> CaseEvent:
        return writes.comment_case(
            self._make_uow(), case_id=case_id, body=body, visibility=visibility, clock=self._clock
        )

    def assign(
        self, case_id: str, *, user: str | None = None, team: str | None = None, note: str = ""
    ) -> CaseRecord:
        return writes.assign_case(
            self._make_uow(), case_id=case_id, user=user, team=team, note=note, clock=self._clock
        )

    def change_status(self, case_id: str, status: str, *, note: str = "") -> CaseRecord:
        return writes.change_status(
            self._make_uow(), case_id=case_id, status=status, note=note, clock=self._clock
        )

    def attach(self, case_id: str, path: str | Path, *, visibility: str = "internal") -> Attachment:
        """Attach a file to a case (offline too); its content goes up at the next sync."""
        return attachments.attach_file(
            self._make_uow(), case_id=case_id, path=path, visibility=visibility,
            clock=self._clock,
        )  # fmt: skip

    def attachments(self, case_id: str) -> list[Attachment]:
        return self._queries.attachments(case_id)

    def attachment_content(self, attachment_id: str) -> tuple[Attachment, bytes]:
        """The attachment and its content, fetched from the server the first time (then
        kept here).

        Raises:
            AttachmentUnavailable: not kept here and the server cannot give it now.
        """
        return attachments.content(self._make_uow(), attachment_id, source=self._source)

    def attachment_limit(self) -> int:
        """The largest file this desk attaches (the server's limit as last learnt)."""
        with self._make_uow() as uow:
            return attachments.max_bytes(uow)

    def resolve_conflict(self, conflict_id: int, resolution: str) -> str | None:
        """Settle a case conflict ("mine" or "theirs"); the key of the item "mine" queued."""
        return conflicts.resolve_case_conflict(
            self._make_uow(),
            conflict_id=conflict_id,
            resolution=resolution,
            by=self.agent(),
            clock=self._clock,
        )

    # ------------------------------------------------------------------ reads

    def agent(self) -> str:
        with self._make_uow() as uow:
            return uow.sync_state.get().username or ""

    def cannot_open(self) -> str | None:
        """Why this desk cannot open a case now (no prefix, nobody signed in), else None."""
        with self._make_uow() as uow:
            state = uow.sync_state.get()
        if not state.username:
            return "nobody is signed in at this desk; log in first"
        if not state.case_prefix:
            return (
                "this desk has no case numbers yet: the server it signed in to gave it no "
                "case prefix. Sign in again once the server has been updated"
            )
        return None

    def case(self, case_id: str) -> CaseRecord | None:
        return self._queries.case(case_id)

    def find_number(self, text: str) -> CaseRecord | None:
        """The case whose number an agent typed (``d12-45``), or None (not a number, or
        no such case here)."""
        number = normalise_case_number(text)
        return None if number is None else self._queries.by_number(number)

    def history(self, case_id: str) -> list[CaseEvent]:
        return self._queries.history(case_id)

    def conflicts(self, case_id: str) -> list[CaseConflict]:
        return self._queries.conflicts(case_id)

    def queue(self, name: str, *, limit: int = QUEUE_PAGE, offset: int = 0) -> list[CaseRow]:
        """One of ``CASE_QUEUES`` for the agent at the desk."""
        if name not in CASE_QUEUES:
            raise ValueError(f"no case queue {name!r} (queues: {', '.join(CASE_QUEUES)})")
        now = self._clock()
        return self._queries.queue(
            name,
            agent=self.agent(),
            now=now,
            day_ends_at=self._day_end(now),
            limit=limit,
            offset=offset,
        )

    def follow_ups(self, *, limit: int = QUEUE_PAGE) -> list[FollowUp]:
        now = self._clock()
        today = now.astimezone(self._zone_now(now)).date()
        return self._queries.follow_ups(agent=self.agent(), today=today, limit=limit)

    def counts(self) -> dict[str, int]:
        """Every queue's count (``CASE_QUEUES`` and ``follow-ups``): the status bar."""
        now = self._clock()
        return self._queries.queue_counts(
            agent=self.agent(),
            now=now,
            day_ends_at=self._day_end(now),
            today=now.astimezone(self._zone_now(now)).date(),
        )

    def breaches(self) -> oversight.Breaches:
        """The cases past their due time, by team and by category (a supervisor's view)."""
        return oversight.list_breaches(self.queue)

    def reassign(
        self, rows: Iterable[CaseRow], *, user: str | None, team: str | None
    ) -> list[oversight.Reassigned]:
        """Assign each case to ``user`` and/or ``team``; one refused does not stop the rest."""
        return oversight.reassign_each(rows, self.assign, user=user, team=team)

    def search(self, text: str, *, limit: int = 50) -> list[CaseRow]:
        return self._queries.search(text, limit=limit)

    def purchase_numbers(self, purchase_ids: list[str]) -> dict[str, str]:
        """The receipt numbers of the purchases a case links to (ids it does not hold: none)."""
        return self._queries.purchase_numbers(purchase_ids)

    def of_customer(self, customer_id: str) -> list[CaseRow]:
        """The customer's cases this desk holds (its own branch's and teams', those opened
        here, and any fetched before)."""
        return self._queries.of_customer(customer_id)

    def fetch_of_customer(self, customer_id: str) -> list[CaseRow]:
        """Ask the server for every case of the customer, keep them, and list them.

        Raises:
            ServerUnreachable, AuthFailed: offline or signed out; ``of_customer`` still
                answers from the cache.
        """
        if self._source is None:
            return self.of_customer(customer_id)
        fetched = self._source().customer_cases(customer_id)
        with self._make_uow() as uow:
            uow.cases.keep_fetched(fetched)
            uow.commit()
        return self.of_customer(customer_id)

    def categories(self) -> list[CaseCategory]:
        return self._queries.categories()

    def teams(self) -> list[Team]:
        return self._queries.teams()

    def _zone_now(self, now: datetime) -> tzinfo:
        return self._zone or now.astimezone().tzinfo or UTC

    def _day_end(self, now: datetime) -> datetime:
        """The next midnight in the desk's zone: where "due today" ends."""
        local = now.astimezone(self._zone_now(now))
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        return midnight.astimezone(UTC)
