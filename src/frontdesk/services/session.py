"""Use cases of a workstation's session with the central server: log in, log out.

They take their collaborators as arguments (a factory for the server client, the credential
store, the cache's unit of work), so tests drive them with hand-written fakes.
"""

from __future__ import annotations

from collections.abc import Callable

from frontdesk.protocol import TokenPair, UserPublic
from frontdesk.services.errors import FrontdeskError, NotLoggedIn
from frontdesk.services.ports import AbstractCentral, AbstractCredentials, SyncState
from frontdesk.services.unit_of_work import AbstractUnitOfWork

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
        with credentials.exclusive():  # not while another process of this desk refreshes
            credentials.store(central.base_url, username, tokens.refresh_token)
    except FrontdeskError:
        _forget_on_server(central, tokens.refresh_token)  # an unkept token must not stay valid
        raise
    previous = _record_login(uow, central.base_url, username, tokens)
    switched = (previous.server_url, previous.username) != (central.base_url, username)
    if previous.username and switched:  # the previous user's token has no use any more
        credentials.delete(previous.server_url or "", previous.username)
    return tokens.user


def _record_login(
    uow: AbstractUnitOfWork, server_url: str, username: str, tokens: TokenPair
) -> SyncState:
    with uow:
        previous = uow.sync_state.get()
        if previous.server_url not in (None, server_url):
            uow.replica.clear()
            uow.sync_state.reset_cursor()
            uow.sync_state.keep_server_versions(None)  # the other server's rules
        uow.sync_state.set_login(server_url, username)
        # The case prefix belongs to this device at this server: a login always says it
        # afresh (none from a server without cases, which leaves the desk opening none).
        uow.sync_state.keep_case_desk(case_prefix=tokens.case_prefix, branch=tokens.user.branch)
        uow.commit()
    return previous


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
