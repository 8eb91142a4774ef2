"""Logging in at a desk: the session, the desk's device registered to the user, offline unlock.

``login_at_desk`` wraps ``session.login``: after the server accepts the password it registers
this workstation as a device of that user (a desk another user logged in at gets a new device
id, since a device pushes only as the user who registered it) and keeps an argon2id verifier
of the password, so ``unlock_offline`` can let the same user back in while the server is out
of reach, for ``valid_for`` after that online login.
"""

from __future__ import annotations

import abc
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from frontdesk.protocol import UserPublic
from frontdesk.services import session
from frontdesk.services.errors import AuthFailed, FrontdeskError
from frontdesk.services.outbox import OfflineLogin
from frontdesk.services.ports import AbstractCredentials
from frontdesk.services.session import CentralFactory
from frontdesk.services.sync_service import AuthorizedCentral, authorized_central
from frontdesk.services.unit_of_work import AbstractUnitOfWork

Clock = Callable[[], datetime]


class AbstractPasswordVerifier(abc.ABC):
    """Makes and checks password verifiers (slow salted hashes; never the password)."""

    @abc.abstractmethod
    def make(self, password: str) -> str: ...

    @abc.abstractmethod
    def check(self, verifier: str, password: str) -> bool: ...


class DeskInUse(FrontdeskError):
    """Another user's writes are still waiting here; switching user would strand them."""


class UnlockRefused(FrontdeskError):
    """The desk cannot be unlocked offline; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Unlocked:
    username: str
    server_url: str
    valid_until: datetime


def _now() -> datetime:
    return datetime.now(UTC)


def login_at_desk(
    server_url: str,
    username: str,
    password: str,
    *,
    central_factory: CentralFactory,
    credentials: AbstractCredentials,
    uow: AbstractUnitOfWork,
    verifier: AbstractPasswordVerifier,
    clock: Clock = _now,
) -> UserPublic:
    """Log in, register this desk as a device of the user, keep the offline verifier.

    Raises:
        DeskInUse: writes made here by another user are still waiting to be sent.
    """
    _refuse_if_stranding(uow, username)
    user = session.login(
        server_url,
        username,
        password,
        central_factory=central_factory,
        credentials=credentials,
        uow=uow,
    )
    _remember_for_offline(uow, username, verifier.make(password), at=clock())
    transport = authorized_central(
        central_factory=central_factory, credentials=credentials, uow=uow
    )
    register_for_user(transport, uow, username, clock=clock)
    return user


def _refuse_if_stranding(uow: AbstractUnitOfWork, username: str) -> None:
    with uow:
        owner = uow.workstation.get().registered_user
        counts = uow.outbox.counts()
    waiting = counts.pending + counts.failed
    if owner not in (None, username) and waiting:
        raise DeskInUse(
            f"{waiting} change(s) made here by {owner} are still waiting to be sent; "
            f"{owner} must log in and sync (frontdesk sync) before another user logs in here"
        )


def _remember_for_offline(
    uow: AbstractUnitOfWork, username: str, verifier: str, *, at: datetime
) -> None:
    with uow:
        server_url = uow.sync_state.get().server_url or ""
        uow.unlock.remember(OfflineLogin(server_url, username, verifier, online_login_at=at))
        uow.commit()


def register_for_user(
    transport: AuthorizedCentral, uow: AbstractUnitOfWork, username: str, *, clock: Clock = _now
) -> str:
    """Register this desk's device for ``username``; a desk of another user gets a new id."""
    with uow:
        device = uow.workstation.get()
        if device.registered_user not in (None, username):
            uow.workstation.new_device()
            uow.commit()
    try:
        return _register(transport, uow, username, clock=clock)
    except AuthFailed as error:
        if "another user" not in str(error):
            raise
        with uow:  # registered before this cache knew its owner: start a device of our own
            uow.workstation.new_device()
            uow.commit()
        return _register(transport, uow, username, clock=clock)


def _register(
    transport: AuthorizedCentral, uow: AbstractUnitOfWork, username: str, *, clock: Clock
) -> str:
    with uow:
        device_id = uow.workstation.get().device_id
    transport.register_device(device_id, name=socket.gethostname())
    with uow:
        uow.workstation.mark_registered(at=clock(), user=username)
        uow.commit()
    return device_id


def unlock_offline(
    uow: AbstractUnitOfWork,
    password: str,
    *,
    verifier: AbstractPasswordVerifier,
    valid_for: timedelta,
    clock: Clock = _now,
) -> Unlocked:
    """Let the last online user back in without the server, within ``valid_for`` of that login.

    Raises:
        UnlockRefused: no online login here, offline unlock is off or expired, wrong password.
    """
    with uow:
        login = uow.unlock.get()
    if login is None:
        raise UnlockRefused("no one has logged in online at this desk; log in online first")
    if valid_for <= timedelta(0):
        raise UnlockRefused("offline unlock is turned off here (FRONTDESK_OFFLINE_UNLOCK_DAYS=0)")
    now, valid_until = clock(), _aware(login.online_login_at) + valid_for
    if now > valid_until:
        raise UnlockRefused(
            f"offline unlock for {login.username} expired on {valid_until:%Y-%m-%d %H:%M} UTC "
            f"({valid_for.days} days after the last online login); log in online again"
        )
    if not verifier.check(login.verifier, password):
        raise UnlockRefused(f"wrong password for {login.username}")
    with uow:
        uow.unlock.mark_unlocked(at=now)
        uow.commit()
    return Unlocked(login.username, login.server_url, valid_until)


def forget_offline_login(uow: AbstractUnitOfWork) -> None:
    """Logging out ends offline unlock as well."""
    with uow:
        uow.unlock.forget()
        uow.commit()


def _aware(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; the cache stores UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
