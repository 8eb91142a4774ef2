"""Ports of the one write path: the outbox, the local write tables, this desk's identity.

Every local write commits to the cache *and* to the outbox in one unit-of-work transaction::

    with uow:
        uow.local.add_interaction(interaction)                 # the cache write
        uow.outbox.add(InteractionRecord(...), key=interaction.id)
        uow.commit()                                           # both, or neither

What is queued is a payload model of the shared protocol (``protocol.push.Write``): its
kind comes from the model, and the outbox keeps it as the model serialises it. A new kind
of write needs its payload and item models in the protocol, its applier in the server's
registry (``server/write_kinds.py``), and here only its own cache write in the same
``with uow:`` block beside ``uow.outbox.add(<payload>)``.
The sync engine pushes whatever is pending, in ``seq`` order; nothing else sends data.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from frontdesk.protocol.push import Write

PENDING, SENT, FAILED = "pending", "sent", "failed"


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One local write as the outbox keeps it. ``key`` is its idempotency key (a UUID)."""

    seq: int
    key: str
    kind: str
    payload: dict[str, Any]
    created_at: datetime
    state: str = PENDING
    attempts: int = 0
    last_error: str | None = None
    result: dict[str, Any] = field(default_factory=dict)
    author: str | None = None  # the user signed in at the desk when it was written


@dataclass(frozen=True, slots=True)
class OutboxCounts:
    pending: int
    failed: int
    sent: int


class AbstractOutbox(abc.ABC):
    """The outbox table, inside the unit of work's transaction."""

    @abc.abstractmethod
    def add(self, write: Write, *, key: str | None = None) -> OutboxEntry:
        """Queue a write; a new UUID key is made unless given. The caller commits."""

    @abc.abstractmethod
    def pending(self, *, limit: int) -> list[OutboxEntry]:
        """The oldest unsent, unfailed items, in ``seq`` order."""

    def pending_of_kind(self, kind: str) -> list[OutboxEntry]:
        """Every pending item of one kind, in ``seq`` order."""
        return [e for e in self.pending(limit=2**31) if e.kind == kind]

    @abc.abstractmethod
    def mark_sent(self, key: str, *, result: dict[str, Any], at: datetime) -> None: ...

    def mark_all_sent(self, results: dict[str, dict[str, Any]], *, at: datetime) -> None:
        """Mark every key of ``results`` sent with its result (one statement where it can)."""
        for key, result in results.items():
            self.mark_sent(key, result=result, at=at)

    @abc.abstractmethod
    def mark_failed(self, key: str, *, message: str) -> None: ...

    @abc.abstractmethod
    def note_attempt(self, keys: list[str], *, error: str | None) -> None:
        """Count one more push attempt of ``keys`` (and what went wrong, if anything)."""

    @abc.abstractmethod
    def failed(self) -> list[OutboxEntry]: ...

    @abc.abstractmethod
    def retry_failed(self) -> int:
        """Put every failed item back to pending; returns how many."""

    @abc.abstractmethod
    def counts(self) -> OutboxCounts: ...


@dataclass(frozen=True, slots=True)
class WorkstationState:
    device_id: str
    registered_at: datetime | None
    last_push_at: datetime | None
    last_sync_ok_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    registered_user: str | None = None  # the user whose login registered the device
    desk_user: str | None = None  # who signed in here last: the author of new writes
    desk_role: str | None = None  # their role (``protocol.Role`` value): what the window shows
    till_register: str | None = None  # the register chosen at setup (FRONTDESK_REGISTER wins)


class AbstractWorkstation(abc.ABC):
    """This desk's device id (made once, kept in the cache) and its push state."""

    @abc.abstractmethod
    def get(self) -> WorkstationState: ...

    @abc.abstractmethod
    def mark_registered(self, *, at: datetime, user: str | None = None) -> None: ...

    @abc.abstractmethod
    def sign_in(self, username: str, *, role: str | None = None) -> None:
        """``username`` (of ``role``, None if not known) is at the desk now (online login or
        offline unlock): new writes are theirs. The device stays the workstation's, whoever
        signs in."""

    @abc.abstractmethod
    def set_till_register(self, code: str | None) -> None:
        """The till register this desk works (None: none chosen)."""

    @abc.abstractmethod
    def pushed(self, *, at: datetime) -> None: ...

    @abc.abstractmethod
    def synced(self, *, at: datetime) -> None:
        """A whole push-then-pull finished; clears the last error."""

    @abc.abstractmethod
    def failed(self, message: str, *, at: datetime) -> None: ...


class AbstractLocalWrites(abc.ABC):
    """The cache rows local writes change (the replica's own tables)."""

    @abc.abstractmethod
    def customer_fields(self, customer_id: str) -> dict[str, Any] | None:
        """The editable fields of a cached customer, or None if there is no such customer."""

    @abc.abstractmethod
    def update_customer(
        self, customer_id: str, values: dict[str, Any], *, at: datetime
    ) -> None: ...

    @abc.abstractmethod
    def add_interaction(self, interaction: Any) -> None:
        """Store a ``domain.service.Interaction`` recorded at this desk."""

    def add_customer(self, new: Any) -> None:
        """Store a ``protocol.CustomerCreate`` made at this desk (searchable at once)."""
        raise NotImplementedError

    def account_holder(self, account_number: str) -> str | None:
        """The name of the cached customer with this account number, or None."""
        return None

    def card_holder(self, card: str) -> str | None:
        """The name of the cached customer with this loyalty card, or None."""
        return None


@dataclass(frozen=True, slots=True)
class OfflineLogin:
    """A user's last online login at this desk: what an offline unlock checks against.

    ``verifier`` is an argon2id hash of the password (never the password itself); ``role``
    the role the server gave at that login (None: kept before roles were), which an offline
    sign-in shapes the window by.
    """

    server_url: str
    username: str
    verifier: str
    online_login_at: datetime
    unlocked_at: datetime | None = None
    role: str | None = None


class AbstractOfflineUnlock(abc.ABC):
    """Where the desk keeps one ``OfflineLogin`` per user who logged in online here."""

    @abc.abstractmethod
    def get(self, username: str | None = None) -> OfflineLogin | None:
        """``username``'s login, or (None) the most recent online login of anyone."""

    @abc.abstractmethod
    def remember(self, login: OfflineLogin) -> None:
        """Replace the user's kept login (each online login renews it)."""

    @abc.abstractmethod
    def mark_unlocked(self, username: str, *, at: datetime) -> None: ...

    @abc.abstractmethod
    def forget(self, username: str) -> None:
        """End that user's offline unlock."""

    @abc.abstractmethod
    def forget_all(self) -> None:
        """Drop every user's verifier (the desk logs out)."""
