"""Ports the client's use cases drive: the central server, the keyring, the cache.

Concrete adapters live in ``frontdesk.adapters``; tests use hand-written ``Fake*`` classes.
"""

from __future__ import annotations

import abc
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from frontdesk.protocol import (
    CrossSellAcceptanceReport,
    DevicePublic,
    ItemEnvelope,
    PullPage,
    PullPageEnd,
    PushResponse,
    ReportDrill,
    ReportTable,
    TokenPair,
    UserAccountPublic,
)
from frontdesk.protocol.cases import AttachmentLimits, CustomerCases
from frontdesk.protocol.orders import OrdersFound
from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.protocol.versions import DeskVersions
from frontdesk.services.errors import ProtocolError


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A pull page as it came: where it ends, read at once, and the whole page, validated
    when ``page`` is called (the next page can be asked for in between)."""

    end: PullPageEnd
    page: Callable[[], PullPage]

    @classmethod
    def of(cls, page: PullPage) -> FetchedPage:
        return cls(PullPageEnd(cursor=page.cursor, has_more=page.has_more), lambda: page)


class AbstractCentral(abc.ABC):
    """The central server's API, one server per instance."""

    base_url: str

    @abc.abstractmethod
    def login(
        self, username: str, password: str, *, device_id: str | None = None, device_name: str = ""
    ) -> TokenPair:
        """Exchange a password for tokens, bound to ``device_id`` when given (registered if
        new). Raises AuthFailed on wrong credentials or a device the user may not use."""

    @abc.abstractmethod
    def refresh(self, refresh_token: str) -> TokenPair:
        """A fresh access token for a refresh token. Raises AuthFailed when it is revoked."""

    @abc.abstractmethod
    def logout(self, refresh_token: str) -> None:
        """Revoke the refresh token (and its access tokens) on the server."""

    @abc.abstractmethod
    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        """Changes after ``cursor``. Raises AuthFailed when the access token has expired."""

    def fetch_pull(
        self, cursor: int, *, limit: int, access_token: str, floor: int = 0
    ) -> FetchedPage:
        """``pull``, with the page's validation left to ``FetchedPage.page``; ``floor`` > 0
        leaves out the snapshot kinds' changes up to it (only servers with snapshots)."""
        if floor > 0:
            raise ProtocolError("this server cannot pull above a snapshot's floor")
        return FetchedPage.of(self.pull(cursor, limit=limit, access_token=access_token))

    def snapshot(self, *, access_token: str) -> SnapshotPublic | None:
        """The newest initial-pull snapshot (None: the server has none)."""
        return None

    def download_snapshot(
        self,
        snapshot: SnapshotPublic,
        *,
        offset: int,
        access_token: str,
        write: Callable[[bytes], None],
    ) -> int:
        """The snapshot file from ``offset`` on into ``write`` (resumed only while its
        content is still ``snapshot.sha256``); the file's whole size."""
        raise NotImplementedError

    def push(self, device_id: str, items: list[ItemEnvelope], *, access_token: str) -> PushResponse:
        """Apply outbox items (at most once each); one result per item, in order."""
        raise NotImplementedError

    def register_device(self, device_id: str, *, name: str, access_token: str) -> None:
        """Register this workstation (idempotent)."""
        raise NotImplementedError

    def attachment_limits(self, *, access_token: str) -> AttachmentLimits | None:
        """The largest attachment the server takes (None: a server without attachments)."""
        return None

    def missing_attachments(self, sha256: list[str], *, access_token: str) -> list[str]:
        """Of these attachment contents, those the server does not hold."""
        raise NotImplementedError

    def upload_attachment(self, sha256: str, content: bytes, *, access_token: str) -> None:
        raise NotImplementedError

    def download_attachment(self, sha256: str, *, access_token: str) -> bytes:
        raise NotImplementedError

    def download_document(
        self, sha256: str, *, offset: int, access_token: str, write: Callable[[bytes], None]
    ) -> int:
        """A knowledge-base document's content from ``offset`` on into ``write``; its size."""
        raise NotImplementedError

    def customer_cases(self, customer_id: str, *, access_token: str) -> CustomerCases:
        """Every case of the customer, of any branch, with their history (a desk user's
        token); for a customer whose cases this desk does not keep."""
        raise NotImplementedError

    def customer_orders(self, customer_id: str, *, access_token: str) -> OrdersFound:
        """Every order of the customer, of any branch, with their events."""
        raise NotImplementedError

    def order(self, number: str, *, access_token: str) -> OrdersFound | None:
        """One order by its number and its events (None: the server has none so numbered)."""
        raise NotImplementedError

    def request_approval(
        self, asked: TillApprovalRequest, *, access_token: str
    ) -> TillApprovalGranted:
        """A supervisor's approval of one till entry (``services.till.approval``). Raises
        ApprovalDenied when the server refuses it, AuthFailed for the access token."""
        raise NotImplementedError

    def is_reachable(self) -> bool:
        """A quick health check: True when the server answers."""
        raise NotImplementedError

    def desk_versions(self) -> DeskVersions | None:
        """The desk versions the server publishes (``protocol.versions``); None from a
        server that publishes none, which takes every desk's pushes."""
        return None

    # The back office (``services.back_office``): AuthFailed for the token or a role that may
    # not (403), AdminRefused for an action the server declines (404, 422).

    def crosssell_acceptance(self, *, access_token: str) -> CrossSellAcceptanceReport:
        raise NotImplementedError

    def report(self, name: str, *, params: dict[str, str], access_token: str) -> ReportTable:
        raise NotImplementedError

    def report_drill(self, name: str, *, params: dict[str, str], access_token: str) -> ReportDrill:
        raise NotImplementedError

    def admin_users(self, *, access_token: str) -> list[UserAccountPublic]:
        raise NotImplementedError

    def admin_user_action(
        self, username: str, action: str, *, password: str | None, access_token: str
    ) -> UserAccountPublic:
        raise NotImplementedError

    def admin_devices(self, *, access_token: str) -> list[DevicePublic]:
        raise NotImplementedError

    def admin_revoke_device(self, device_id: str, *, access_token: str) -> DevicePublic:
        raise NotImplementedError


class AbstractCredentials(abc.ABC):
    """Where the refresh token lives: the OS keyring, never a file."""

    def exclusive(self) -> AbstractContextManager[None]:
        """Held while a stored refresh token is read, exchanged and its successor stored.

        The server rotates refresh tokens and takes a used one for a stolen copy, so two
        processes of one desk (the window's sync, ``frontdesk sync``) must never present the
        same token: the keyring adapter makes this an exclusive lock in the desk's data
        directory. The default holds nothing (a store only one thread uses).
        """
        return nullcontext()

    @abc.abstractmethod
    def store(self, server_url: str, username: str, refresh_token: str) -> None: ...

    @abc.abstractmethod
    def load(self, server_url: str, username: str) -> str | None: ...

    @abc.abstractmethod
    def delete(self, server_url: str, username: str) -> None:
        """Forget the token; forgetting an absent token is not an error."""


@dataclass(frozen=True, slots=True)
class SyncState:
    """Which server and user this cache belongs to, and how far it has pulled."""

    server_url: str | None
    username: str | None
    cursor: int
    last_pull_at: datetime | None
    #: The device's case-number prefix and the user's branch, from the last login or
    #: refresh (None: the server gave none; an older server has no cases).
    case_prefix: str | None = None
    desk_branch: str | None = None


class AbstractSyncStateRepository(abc.ABC):
    @abc.abstractmethod
    def get(self) -> SyncState: ...

    @abc.abstractmethod
    def set_login(self, server_url: str, username: str) -> None: ...

    @abc.abstractmethod
    def clear_login(self) -> None:
        """Forget the user (the replicated data and the cursor stay)."""

    @abc.abstractmethod
    def advance(self, cursor: int, *, pulled_at: datetime) -> None: ...

    @abc.abstractmethod
    def keep_case_desk(self, *, case_prefix: str | None, branch: str | None) -> None:
        """Keep what the server's token pair said about numbering cases here (its prefix for
        this device) and the user's branch."""

    @abc.abstractmethod
    def reset_cursor(self) -> None:
        """Start pulling from the beginning again (with ``replica.clear()``)."""

    @abc.abstractmethod
    def server_versions(self) -> DeskVersions | None:
        """The desk versions the server last published (None: not known)."""

    @abc.abstractmethod
    def keep_server_versions(self, versions: DeskVersions | None) -> None:
        """Keep what the server published (None: forget it, as when the desk moves to
        another server)."""

    def floor(self) -> int:
        """The cursor of the initial-pull snapshot this cache attached (0: none): the pull
        asks the server to leave out the snapshot's kinds up to it."""
        return 0

    def keep_floor(self, floor: int) -> None:
        """Keep an attached snapshot's cursor (in the attach's transaction)."""
        raise NotImplementedError

    def attachment_limit(self) -> int | None:
        """The server's attachment limit as last learnt (None: not known)."""
        return None

    def keep_attachment_limit(self, max_bytes: int | None) -> None:
        """Keep the server's attachment limit (stores without attachments keep nothing)."""
        return None


class AbstractReplicaRepository(abc.ABC):
    """The replicated tables: the central data as of the cursor."""

    @abc.abstractmethod
    def apply(self, page: PullPage, *, index: bool = True) -> None:
        """Upsert every row of ``page`` by primary key (the caller commits).

        ``index=False`` is a bulk load: the lookup index and the cases' full-text index are
        left behind, and the caller calls ``rebuild_index`` in the transaction of the load's
        last page.
        """

    @abc.abstractmethod
    def bulk_load_due(self) -> bool:
        """Whether the next pull should load in bulk: the replica has no customers yet, or
        a bulk load was cut short (the index misses customers)."""

    @abc.abstractmethod
    def rebuild_index(self) -> None:
        """Index every customer and case from scratch (the end of a bulk load; the caller
        commits)."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Drop every replicated row (the cache is switching to another server)."""

    def attach_snapshot(self, path: Path, *, cursor: int) -> SnapshotCounts:
        """Check the snapshot file at ``path`` (taken as of ``cursor``) and copy its rows
        into the replicated tables, leaving the lookup index to the pull's bulk load (the
        caller commits). Raises ProtocolError naming what is wrong; nothing is written."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class SnapshotCounts:
    """Rows an attached snapshot brought, per table of its file."""

    rows: dict[str, int]
