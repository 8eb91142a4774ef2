"""Use cases of a workstation's session with the central server: log in, sync, log out.

They take their collaborators as arguments (a factory for the server client, the credential
store, the cache's unit of work), so tests drive them with hand-written fakes.
"""

from __future__ import annotations

from collections.abc import Callable

from frontdesk.protocol import DEFAULT_PAGE_SIZE, PullPage, UserPublic
from frontdesk.services.errors import AuthFailed, FrontdeskError, NotLoggedIn
from frontdesk.services.ports import AbstractCentral, AbstractCredentials, SyncState
from frontdesk.services.unit_of_work import AbstractUnitOfWork
from frontdesk.sync.pull import AbstractPullTransport, PullResult, pull_all

CentralFactory = Callable[[str], AbstractCentral]


def login(
    server_url: str,
    username: str,
    password: str,
    *,
    central_factory: CentralFactory,
    credentials: AbstractCredentials,
    uow: AbstractUnitOfWork,
    device: tuple[str, str] | None = None,
) -> UserPublic:
    """Log in; the refresh token goes to the keyring, server and user to the cache.

    ``device`` (id, name) binds the tokens to this workstation. Switching the cache to
    another server drops the replicated rows and the cursor in the same transaction, so two
    servers' data never mix.
    """
    central = central_factory(server_url)
    if device is None:
        tokens = central.login(username, password)
    else:
        tokens = central.login(username, password, device_id=device[0], device_name=device[1])
    try:
        credentials.store(central.base_url, username, tokens.refresh_token)
    except FrontdeskError:
        _forget_on_server(central, tokens.refresh_token)  # an unkept token must not stay valid
        raise
    previous = _record_login(uow, central.base_url, username)
    switched = (previous.server_url, previous.username) != (central.base_url, username)
    if previous.username and switched:  # the previous user's token has no use any more
        credentials.delete(previous.server_url or "", previous.username)
    return tokens.user


def _record_login(uow: AbstractUnitOfWork, server_url: str, username: str) -> SyncState:
    with uow:
        previous = uow.sync_state.get()
        if previous.server_url not in (None, server_url):
            uow.replica.clear()
            uow.sync_state.reset_cursor()
        uow.sync_state.set_login(server_url, username)
        uow.commit()
    return previous


def sync(
    *,
    central_factory: CentralFactory,
    credentials: AbstractCredentials,
    uow: AbstractUnitOfWork,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> PullResult:
    """Pull every change since the cache's cursor, using the stored login."""
    state = logged_in_state(uow)
    assert state.server_url and state.username  # logged_in_state guarantees both
    refresh_token = credentials.load(state.server_url, state.username)
    if not refresh_token:
        raise NotLoggedIn(
            f"no stored login for {state.username} at {state.server_url}; log in again"
        )

    def keep(new_token: str) -> None:
        credentials.store(state.server_url or "", state.username or "", new_token)

    transport = AuthorizedPull(central_factory(state.server_url), refresh_token, on_rotated=keep)
    return pull_all(transport, uow, page_size=page_size)


def logout(
    *, central_factory: CentralFactory, credentials: AbstractCredentials, uow: AbstractUnitOfWork
) -> bool:
    """Forget the login here and revoke it on the server; True if the server was told.

    The local part always happens, so logging out works offline too (the server-side
    token then simply expires).
    """
    state = logged_in_state(uow)
    assert state.server_url and state.username
    refresh_token = credentials.load(state.server_url, state.username)
    told = bool(refresh_token) and _forget_on_server(
        central_factory(state.server_url), refresh_token or ""
    )
    credentials.delete(state.server_url, state.username)
    with uow:
        uow.sync_state.clear_login()
        uow.commit()
    return told


def logged_in_state(uow: AbstractUnitOfWork) -> SyncState:
    with uow:
        state = uow.sync_state.get()
    if not state.server_url or not state.username:
        raise NotLoggedIn("this workstation is not logged in; log in first")
    return state


def _forget_on_server(central: AbstractCentral, refresh_token: str) -> bool:
    try:
        central.logout(refresh_token)
    except FrontdeskError:
        return False
    return True


class AuthorizedPull(AbstractPullTransport):
    """Pulls with a short-lived access token, refreshed when the server says it expired.

    If the server rotates the refresh token, ``on_rotated`` receives the new one to keep.
    """

    def __init__(
        self,
        central: AbstractCentral,
        refresh_token: str,
        *,
        on_rotated: Callable[[str], None] | None = None,
    ) -> None:
        self._central = central
        self._refresh_token = refresh_token
        self._on_rotated = on_rotated
        self._access_token: str | None = None

    @property
    def refresh_token(self) -> str:
        """The login's refresh token (another process of the same desk may use it)."""
        return self._refresh_token

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        if self._access_token is None:
            self._renew()
        try:
            return self._pull(cursor, limit)
        except AuthFailed:
            # Access tokens are short-lived; a long initial pull may outlive one.
            self._renew()
            return self._pull(cursor, limit)

    def _pull(self, cursor: int, limit: int) -> PullPage:
        assert self._access_token is not None
        return self._central.pull(cursor, limit=limit, access_token=self._access_token)

    def _renew(self) -> None:
        try:
            tokens = self._central.refresh(self._refresh_token)
        except AuthFailed as error:
            raise AuthFailed(f"the server refused the stored login ({error})") from None
        self._access_token = tokens.access_token
        if tokens.refresh_token != self._refresh_token:
            self._refresh_token = tokens.refresh_token
            if self._on_rotated is not None:
                self._on_rotated(tokens.refresh_token)
