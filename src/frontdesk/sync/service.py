"""Sync as the desk runs it: register the device, push the outbox, then pull; and its status.

The engine (``push``, ``pull``) takes any transport; the ones here carry the stored login's
access token and renew it when the server says it expired. A desk that syncs again and
again (the window's sync process, a sync worker) keeps its transport between runs
(``KeptTransport``), so it refreshes when its access token is refused, not at every run.

Before the push, the contents of the attachments it names are uploaded (those the server
lacks). Push comes first, so the pull that follows already brings back what this desk just sent
(with the server's sequence numbers), and every other desk's changes with it. Before the
push, a full sync asks which desk versions the server takes; below its minimum the desk
holds its writes back and still pulls (``sync.updates``).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontdesk import __version__
from frontdesk.protocol import (
    DEFAULT_PAGE_SIZE,
    ItemEnvelope,
    PullPage,
    PushResponse,
    TokenPair,
)
from frontdesk.protocol.cases import CustomerCases
from frontdesk.protocol.orders import OrdersFound
from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.protocol.versions import DeskVersions
from frontdesk.services.back_office import AbstractBackOffice, UserAction
from frontdesk.services.cases import attachments
from frontdesk.services.cases.attachments import AbstractAttachmentTransport
from frontdesk.services.cases.desk import AbstractCaseSource
from frontdesk.services.errors import AccessRevoked, AuthFailed, FrontdeskError, NotLoggedIn
from frontdesk.services.orders.ports import AbstractOrderSource
from frontdesk.services.ports import AbstractCentral, AbstractCredentials, FetchedPage
from frontdesk.services.session import CentralFactory, logged_in_state
from frontdesk.services.till.ports import AbstractApprovalIssuer
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.sync.pull import AbstractPullTransport, PullProgress, PullResult, pull_all
from frontdesk.sync.push import DEFAULT_BATCH, AbstractPushTransport, PushResult
from frontdesk.sync.snapshot import attach_if_new
from frontdesk.sync.updates import (
    AbstractVersionSource,
    learn_versions,
    push_unless_too_old,
    update_status,
)


class StoredLogin:
    """A login whose refresh token lives in the credential store, shared by the desk's
    processes.

    The server rotates the refresh token at every refresh and revokes the whole sign-in
    when a used one comes back, so each refresh happens under the store's exclusive lock:
    read the newest token (another process may have just rotated it), exchange it, and keep
    its successor before anything uses the new access token.
    """

    def __init__(self, credentials: AbstractCredentials, server_url: str, username: str) -> None:
        self._credentials = credentials
        self._server_url, self._username = server_url, username

    def load(self) -> str:
        token = self._credentials.load(self._server_url, self._username)
        if not token:
            raise NotLoggedIn(
                f"no stored login for {self._username} at {self._server_url}; log in again"
            )
        return token

    def exchange(self, refresh: Callable[[str], TokenPair]) -> TokenPair:
        """``refresh`` the stored token and store its successor, all under the lock."""
        with self._credentials.exclusive():
            tokens = refresh(self.load())
            self._credentials.store(self._server_url, self._username, tokens.refresh_token)
        return tokens


class AuthorizedPull(AbstractPullTransport):
    """Pulls with a short-lived access token, refreshed when the server says it expired.

    The server rotates the refresh token at each refresh: with ``stored`` the login lives in
    the credential store and is exchanged there (``StoredLogin``); without it the newest
    token is kept here, in memory (tools and tests that log in themselves).
    """

    def __init__(
        self, central: AbstractCentral, refresh_token: str, *, stored: StoredLogin | None = None
    ) -> None:
        self._central = central
        self._refresh_token = refresh_token
        self._stored = stored
        self._access_token: str | None = None
        #: (case prefix, branch) from the newest token pair that named a prefix: a refresh
        #: may bring the prefix to a desk that logged in before the server had cases.
        self.case_desk: tuple[str, str] | None = None

    @property
    def refresh_token(self) -> str:
        """The newest refresh token this transport knows (used up at its next refresh)."""
        return self._refresh_token

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        return self.fetch(cursor, limit=limit).page()

    def fetch(self, cursor: int, *, limit: int) -> FetchedPage:
        if self._access_token is None:
            self._renew()
        try:
            return self._fetch(cursor, limit)
        except AuthFailed:
            # Access tokens are short-lived; a long initial pull may outlive one.
            self._renew()
            return self._fetch(cursor, limit)

    def fetch_above(self, cursor: int, *, limit: int, floor: int) -> FetchedPage:
        if floor <= 0:
            return self.fetch(cursor, limit=limit)
        return self._with_token(  # type: ignore[no-any-return]
            lambda token: self._central.fetch_pull(
                cursor, limit=limit, access_token=token, floor=floor
            )
        )

    def snapshot(self) -> SnapshotPublic | None:
        return self._with_token(lambda token: self._central.snapshot(access_token=token))

    def download_snapshot(
        self, snapshot: SnapshotPublic, *, offset: int, write: Callable[[bytes], None]
    ) -> int:
        return self._with_token(  # type: ignore[no-any-return]
            lambda token: self._central.download_snapshot(
                snapshot, offset=offset, access_token=token, write=write
            )
        )

    def _fetch(self, cursor: int, limit: int) -> FetchedPage:
        assert self._access_token is not None
        return self._central.fetch_pull(cursor, limit=limit, access_token=self._access_token)

    def _with_token(self, call: Callable[[str], Any]) -> Any:
        """``call`` with the access token, renewed once when the server says it expired."""
        if self._access_token is None:
            self._renew()
        try:
            return call(self._access_token or "")
        except AuthFailed:
            self._renew()
            return call(self._access_token or "")

    def _renew(self) -> None:
        # Whatever happens below, the refused token is not offered again: the next call
        # renews (with the grace, a retry of a refresh whose answer was lost still works).
        self._access_token = None
        try:
            if self._stored is not None:
                tokens = self._stored.exchange(self._central.refresh)
            else:
                tokens = self._central.refresh(self._refresh_token)
        except AccessRevoked:
            raise  # the server's own words say why; the desk locks on it
        except AuthFailed as error:
            raise AuthFailed(f"the server refused the stored login ({error})") from None
        self._refresh_token = tokens.refresh_token
        self._access_token = tokens.access_token
        if tokens.case_prefix is not None:
            self.case_desk = (tokens.case_prefix, tokens.user.branch)


class AuthorizedCentral(
    AuthorizedPull,
    AbstractPushTransport,
    AbstractVersionSource,
    AbstractApprovalIssuer,
    AbstractBackOffice,
    AbstractCaseSource,
    AbstractAttachmentTransport,
    AbstractOrderSource,
):
    """Pull, push, ask for till approvals and the back office's calls with an access token
    that is renewed when the server says it expired; the desk versions need none."""

    def desk_versions(self) -> DeskVersions | None:
        return self._central.desk_versions()

    def crosssell_acceptance(self) -> Any:
        return self._authorized(
            lambda token: self._central.crosssell_acceptance(access_token=token)
        )

    def report(self, name: str, params: dict[str, str]) -> Any:
        return self._authorized(
            lambda token: self._central.report(name, params=params, access_token=token)
        )

    def report_drill(self, name: str, params: dict[str, str]) -> Any:
        return self._authorized(
            lambda token: self._central.report_drill(name, params=params, access_token=token)
        )

    def users(self) -> Any:
        return self._authorized(lambda token: self._central.admin_users(access_token=token))

    def change_user(self, username: str, action: UserAction, *, password: str | None = None) -> Any:
        return self._authorized(
            lambda token: self._central.admin_user_action(
                username, action.value, password=password, access_token=token
            )
        )

    def devices(self) -> Any:
        return self._authorized(lambda token: self._central.admin_devices(access_token=token))

    def revoke_device(self, device_id: str) -> Any:
        return self._authorized(
            lambda token: self._central.admin_revoke_device(device_id, access_token=token)
        )

    def request_approval(self, asked: TillApprovalRequest) -> TillApprovalGranted:
        # A refused approval is ApprovalDenied, not AuthFailed: it is never sent twice.
        return self._authorized(
            lambda token: self._central.request_approval(asked, access_token=token)
        )

    def push(self, device_id: str, items: list[ItemEnvelope]) -> PushResponse:
        return self._authorized(
            lambda token: self._central.push(device_id, items, access_token=token)
        )

    def customer_cases(self, customer_id: str) -> CustomerCases:
        return self._authorized(
            lambda token: self._central.customer_cases(customer_id, access_token=token)
        )

    def customer_orders(self, customer_id: str) -> OrdersFound:
        return self._authorized(
            lambda token: self._central.customer_orders(customer_id, access_token=token)
        )

    def order(self, number: str) -> OrdersFound | None:
        return self._authorized(lambda token: self._central.order(number, access_token=token))

    def attachment_limit(self) -> int | None:
        found = self._authorized(lambda token: self._central.attachment_limits(access_token=token))
        return None if found is None else found.max_bytes

    def missing_attachments(self, sha256: list[str]) -> list[str]:
        return self._authorized(
            lambda token: self._central.missing_attachments(sha256, access_token=token)
        )

    def upload_attachment(self, sha256: str, content: bytes) -> None:
        self._authorized(
            lambda token: self._central.upload_attachment(sha256, content, access_token=token)
        )

    def download_attachment(self, sha256: str) -> bytes:
        return self._authorized(
            lambda token: self._central.download_attachment(sha256, access_token=token)
        )

    def download_document(self, sha256: str, *, offset: int, write: Callable[[bytes], None]) -> int:
        return self._authorized(  # type: ignore[no-any-return]
            lambda token: self._central.download_document(
                sha256, offset=offset, access_token=token, write=write
            )
        )

    def register_device(self, device_id: str, *, name: str) -> None:
        self._authorized(
            lambda token: self._central.register_device(device_id, name=name, access_token=token)
        )

    def _authorized(self, call: Callable[[str], Any]) -> Any:
        return self._with_token(call)


class KeptTransport:
    """The desk's ``AuthorizedCentral``, kept from one sync run to the next.

    Every refresh rotates the refresh token, and a rotation whose answer is lost (a
    timeout, a keyring that failed to keep the successor, a process ended mid-refresh)
    leaves the desk holding a used token; the server's reuse grace forgives that only just
    after. So runs share the access token while the server accepts it and refresh only
    when there is none or it was refused, instead of at every run. Kept per server and
    user; ``forget`` at login and logout. The stored refresh token it started from may go
    stale: ``StoredLogin.exchange`` reads the newest one under the lock anyway.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # a sync worker's thread and the UI's may both ask
        self._login: tuple[str, str] | None = None
        self._transport: AuthorizedCentral | None = None

    def get(
        self,
        *,
        central_factory: CentralFactory,
        credentials: AbstractCredentials,
        uow: AbstractUnitOfWork,
    ) -> AuthorizedCentral:
        """The kept transport of the desk's current login, made if there is none yet."""
        state = logged_in_state(uow)
        login = (state.server_url or "", state.username or "")
        with self._lock:
            if self._transport is None or self._login != login:
                self._transport = authorized_central(
                    central_factory=central_factory, credentials=credentials, uow=uow
                )
                self._login = login
            return self._transport

    def forget(self) -> None:
        """Drop the transport and its access token (a login or logout at this desk)."""
        with self._lock:
            self._login, self._transport = None, None


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: PushResult
    pulled: PullResult


def _now() -> datetime:
    return datetime.now(UTC)


def sync_now(
    *,
    central_factory: CentralFactory,
    credentials: AbstractCredentials,
    uow: AbstractUnitOfWork,
    page_size: int = DEFAULT_PAGE_SIZE,
    batch_size: int = DEFAULT_BATCH,
    clock: Callable[[], datetime] = _now,
    kept: KeptTransport | None = None,
    desk_version: str = __version__,
    snapshot_dir: Path | None = None,
) -> SyncReport:
    """Learn the server's desk versions, push every pending outbox item (none below its
    minimum), then pull every change; records the outcome.

    With ``kept`` the run uses (and leaves) the desk's kept transport, else a new one
    that refreshes first (one run in a process, as ``frontdesk sync``). A cache that has
    pulled nothing yet starts from the server's snapshot, downloaded into ``snapshot_dir``
    (``sync.snapshot``; None: pages alone).
    """
    transport = _transport(central_factory, credentials, uow, kept)
    try:
        ensure_registered(transport, uow, clock=clock)
        learn_versions(transport, uow)
        attachments.learn_limit(transport, uow)
        attachments.upload_pending(transport, uow)
        pushed = push_unless_too_old(
            transport, uow, desk_version=desk_version, batch_size=batch_size, clock=clock
        )
        attach_if_new(transport, uow, directory=snapshot_dir)
        pulled = pull_all(transport, uow, page_size=page_size, clock=clock)
    except FrontdeskError as error:
        _remember_failure(uow, str(error), at=clock())
        raise
    with uow:
        uow.workstation.synced(at=clock())
        _keep_case_desk(transport, uow)
        uow.commit()
    return SyncReport(pushed, pulled)


def _keep_case_desk(transport: AuthorizedPull, uow: AbstractUnitOfWork) -> None:
    """The case prefix a refresh brought, kept in the caller's transaction."""
    if transport.case_desk is not None:
        prefix, branch = transport.case_desk
        uow.sync_state.keep_case_desk(case_prefix=prefix, branch=branch)


def pull_now(
    *,
    central_factory: CentralFactory,
    credentials: AbstractCredentials,
    uow: AbstractUnitOfWork,
    page_size: int = DEFAULT_PAGE_SIZE,
    kept: KeptTransport | None = None,
    on_page: Callable[[PullProgress], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    snapshot_dir: Path | None = None,
) -> PullResult:
    """Pull every change since the cache's cursor, using the stored login (no push);
    ``on_page`` and ``cancelled`` as ``pull_all`` takes them (a desk's first pull, which
    hears the snapshot's download and attach through ``on_page`` too)."""
    transport = _transport(central_factory, credentials, uow, kept)
    attach_if_new(transport, uow, directory=snapshot_dir, on_progress=on_page, cancelled=cancelled)
    pulled = pull_all(transport, uow, page_size=page_size, on_page=on_page, cancelled=cancelled)
    with uow:
        _keep_case_desk(transport, uow)
        uow.commit()
    return pulled


def authorized_central(
    *, central_factory: CentralFactory, credentials: AbstractCredentials, uow: AbstractUnitOfWork
) -> AuthorizedCentral:
    state = logged_in_state(uow)
    assert state.server_url and state.username
    stored = StoredLogin(credentials, state.server_url, state.username)
    return AuthorizedCentral(central_factory(state.server_url), stored.load(), stored=stored)


def _transport(
    central_factory: CentralFactory,
    credentials: AbstractCredentials,
    uow: AbstractUnitOfWork,
    kept: KeptTransport | None,
) -> AuthorizedCentral:
    if kept is None:
        return authorized_central(central_factory=central_factory, credentials=credentials, uow=uow)
    return kept.get(central_factory=central_factory, credentials=credentials, uow=uow)


def ensure_registered(
    transport: AuthorizedCentral, uow: AbstractUnitOfWork, *, clock: Callable[[], datetime] = _now
) -> str:
    """Register this workstation with the server unless it already is; returns its id."""
    with uow:
        device = uow.workstation.get()
        username = uow.sync_state.get().username
    if device.registered_at is None:
        transport.register_device(device.device_id, name=socket.gethostname())
        with uow:
            uow.workstation.mark_registered(at=clock(), user=username)
            uow.commit()
    return device.device_id


def workstation_transport(
    central: AbstractCentral, uow: AbstractUnitOfWork, username: str, password: str
) -> AuthorizedCentral:
    """Log in as this workstation and register it; a transport that may push for it.

    The tokens are bound to the workstation's device id: the server takes pushes only from
    such a login. For tools that keep their login in memory (benchmarks, fault tests); the
    desk's own login is ``desk_login.login_at_desk``.
    """
    with uow:
        device_id = uow.workstation.get().device_id
    name = socket.gethostname()
    tokens = central.login(username, password, device_id=device_id, device_name=name)
    transport = AuthorizedCentral(central, tokens.refresh_token)
    ensure_registered(transport, uow)
    return transport


def _remember_failure(uow: AbstractUnitOfWork, message: str, *, at: datetime) -> None:
    with uow:
        uow.workstation.failed(message, at=at)
        uow.commit()


def push_now(
    *,
    central_factory: CentralFactory,
    credentials: AbstractCredentials,
    uow: AbstractUnitOfWork,
    batch_size: int = DEFAULT_BATCH,
    clock: Callable[[], datetime] = _now,
    kept: KeptTransport | None = None,
    desk_version: str = __version__,
) -> PushResult:
    """Push every pending outbox item (no pull): what a new local write triggers. It goes by
    the desk versions the last full sync learnt: below the minimum nothing is sent."""
    transport = _transport(central_factory, credentials, uow, kept)
    try:
        ensure_registered(transport, uow, clock=clock)
        attachments.upload_pending(transport, uow)
        return push_unless_too_old(
            transport, uow, desk_version=desk_version, batch_size=batch_size, clock=clock
        )
    except FrontdeskError as error:
        _remember_failure(uow, str(error), at=clock())
        raise


def sync_status(
    uow: AbstractUnitOfWork,
    *,
    central: AbstractCentral | None,
    online: bool | None = None,
    desk_version: str = __version__,
) -> dict[str, Any]:
    """What ``frontdesk sync --status --json`` prints; ``central`` None means not logged in.

    ``online`` given (the sync worker knows how its last run went) skips the health check.
    ``update`` is ``required`` (below the server's minimum: nothing is sent), ``available``
    (a newer version is out) or None, as the server last said (``sync.updates``).
    """
    with uow:
        state = uow.sync_state.get()
        device = uow.workstation.get()
        counts = uow.outbox.counts()
        failed = uow.outbox.failed()
        conflicts = uow.conflicts.count_open()
        case_conflicts = uow.cases.count_open_conflicts()
    if online is None:
        online = central.is_reachable() if central is not None else False
    return {
        "online": online,
        "server_url": state.server_url,
        "username": state.username,
        "device_id": device.device_id,
        "registered": device.registered_at is not None,
        "waiting": counts.pending,
        "failed": counts.failed,
        "sent": counts.sent,
        "conflicts": conflicts,  # customer edits another desk won, waiting for the agent
        "case_conflicts": case_conflicts,  # case moves and assignments another desk won
        "failed_items": [
            {"key": f.key, "kind": f.kind, "seq": f.seq, "error": f.last_error} for f in failed
        ],
        "last_successful_sync": _iso(device.last_sync_ok_at),
        "last_push_at": _iso(device.last_push_at),
        "last_pull_at": _iso(state.last_pull_at),
        "last_error": device.last_error,
        "last_error_at": _iso(device.last_error_at),
        "cursor": state.cursor,
        **update_status(uow, desk_version),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
