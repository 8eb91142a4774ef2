"""Signing in at a desk: online login bound to the workstation, offline unlock, the lock screen.

A desk (a till, an agent's workstation) is one device, whoever uses it: its id is made once
and kept in the cache. ``login_at_desk`` sends that id with the password, so the server
registers the device at its first login and binds the tokens to it; a second user logging
in at the same desk gets tokens for the same device and can push what the first one left
queued, each item still carrying its own author (see server/push.py). After every online
login the desk keeps an argon2id verifier of that user's password, so ``unlock_offline``
lets them back in while the server is out of reach, for ``valid_for`` after their own last
online login here. ``sign_in_at_desk`` is what the lock screen runs: online when it can,
offline when the server cannot be reached. Logging the desk out removes every verifier.
"""

from __future__ import annotations

import abc
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from frontdesk.protocol import UserPublic
from frontdesk.services import session
from frontdesk.services.errors import FrontdeskError, ServerUnreachable
from frontdesk.services.outbox import OfflineLogin
from frontdesk.services.ports import AbstractCredentials
from frontdesk.services.session import CentralFactory
from frontdesk.services.till.ports import TillUnitOfWork
from frontdesk.services.unit_of_work import AbstractUnitOfWork

Clock = Callable[[], datetime]


class AbstractPasswordVerifier(abc.ABC):
    """Makes and checks password verifiers (slow salted hashes; never the password)."""

    @abc.abstractmethod
    def make(self, password: str) -> str: ...

    @abc.abstractmethod
    def check(self, verifier: str, password: str) -> bool: ...


class UnlockRefused(FrontdeskError):
    """The desk cannot be unlocked offline; the message says why and what to do.

    Attributes:
        reason: ``TURNED_OFF``, ``NOT_RECENT`` (no online login of that user here within the
            period) or ``WRONG_PASSWORD``, for a window that words it in its own language.
    """

    TURNED_OFF, NOT_RECENT, WRONG_PASSWORD = "turned_off", "not_recent", "wrong_password"

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Unlocked:
    username: str
    server_url: str
    valid_until: datetime
    role: str | None = None  # as at the user's last online login here


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
    """Log in with this desk's device, keep the offline verifier; ``username`` is at the desk.

    Writes another user left waiting here stay theirs: they are pushed with this login,
    under their own author.
    """
    with uow:
        device_id = uow.workstation.get().device_id
    user = session.login(
        server_url,
        username,
        password,
        central_factory=central_factory,
        credentials=credentials,
        uow=uow,
        device=(device_id, socket.gethostname()),
    )
    with uow:
        server = uow.sync_state.get().server_url or ""
        role = user.role.value
        kept = OfflineLogin(server, username, verifier.make(password), clock(), role=role)
        uow.unlock.remember(kept)
        if uow.workstation.get().registered_at is None:  # the login registered it
            uow.workstation.mark_registered(at=clock(), user=username)
        uow.workstation.sign_in(username, role=role)
        uow.commit()
    return user


def unlock_offline(
    uow: AbstractUnitOfWork,
    password: str,
    *,
    verifier: AbstractPasswordVerifier,
    valid_for: timedelta,
    username: str | None = None,
    clock: Clock = _now,
) -> Unlocked:
    """Let a user who logged in online here lately back in without the server.

    ``username`` None means whoever logged in online here last (``frontdesk unlock``).

    Raises:
        UnlockRefused: no such login here, offline unlock is off or expired, wrong password.
    """
    with uow:
        login = uow.unlock.get(username)
    if valid_for <= timedelta(0):
        raise UnlockRefused(
            "offline unlock is turned off here (FRONTDESK_OFFLINE_UNLOCK_DAYS=0)",
            reason=UnlockRefused.TURNED_OFF,
        )
    if login is None:
        raise UnlockRefused(_only_recent(valid_for, username), reason=UnlockRefused.NOT_RECENT)
    now, valid_until = clock(), _aware(login.online_login_at) + valid_for
    if now > valid_until:
        raise UnlockRefused(
            f"{_only_recent(valid_for, None)}: {login.username} last signed in online here "
            f"on {_aware(login.online_login_at):%Y-%m-%d %H:%M} UTC (expired on "
            f"{valid_until:%Y-%m-%d %H:%M} UTC); sign in online again",
            reason=UnlockRefused.NOT_RECENT,
        )
    if not verifier.check(login.verifier, password):
        raise UnlockRefused(
            f"wrong password for {login.username}", reason=UnlockRefused.WRONG_PASSWORD
        )
    with uow:
        uow.unlock.mark_unlocked(login.username, at=now)
        uow.workstation.sign_in(login.username, role=login.role)
        uow.commit()
    return Unlocked(login.username, login.server_url, valid_until, role=login.role)


def _only_recent(valid_for: timedelta, username: str | None) -> str:
    rule = (
        "offline sign-in is available only for users who signed in on this desk "
        f"in the last {valid_for.days} days"
    )
    if username is None:
        return rule
    return f"{rule}; {username} has not: sign in while the server is reachable"


@dataclass(frozen=True, slots=True)
class SignedIn:
    """Who is at the desk now, and their role (None: not known, see ``Role``);
    ``offline_until`` set when the server could not be reached."""

    username: str
    offline_until: datetime | None = None
    role: str | None = None


def sign_in_at_desk(
    username: str,
    password: str,
    *,
    online: Callable[[str, str], UserPublic | None],
    offline: Callable[[str, str], Unlocked],
) -> SignedIn:
    """Log in online; only if the server cannot be reached, unlock offline instead.

    A wrong password the server refuses is never retried offline: the server's answer wins.
    """
    try:
        user = online(username, password)
    except ServerUnreachable:
        unlocked = offline(username, password)
        return SignedIn(unlocked.username, offline_until=unlocked.valid_until, role=unlocked.role)
    return SignedIn(username, role=None if user is None else user.role.value)


def forget_every_verifier(uow: TillUnitOfWork) -> None:
    """Logging out removes every password verifier the desk kept: each user's offline
    sign-in and each supervisor's offline approval, so nothing here can be checked (or
    attacked) offline until someone signs in online again."""
    with uow:
        uow.unlock.forget_all()
        uow.supervisors.forget_all()
        uow.commit()


def _aware(moment: datetime) -> datetime:
    # SQLite gives naive datetimes back; the cache stores UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
