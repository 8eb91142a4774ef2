"""Passwords (argon2id) and opaque bearer tokens stored only as their SHA-256.

Tokens live in the database, not in process memory, so any number of stateless server
processes accept each other's tokens, and a leaked database copy holds no usable token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import NamedTuple

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from frontdesk.protocol import TokenPair, UserPublic
from frontdesk.server.devices import bind_device
from frontdesk.server.models import AuthToken, Device, FailedLogin, User
from frontdesk.server.settings import Settings

ACCESS = "access"
REFRESH = "refresh"

#: OWASP's argon2id baseline: 19 MiB, 2 passes, one lane.
PASSWORD_HASHER = PasswordHasher(
    time_cost=2, memory_cost=19456, parallelism=1, hash_len=32, salt_len=16, type=Type.ID
)

#: Verified against when the username is unknown, so a miss costs as long as a wrong password.
_DUMMY_HASH = PASSWORD_HASHER.hash("frontdesk-no-such-user")


class AuthError(Exception):
    """Credentials or a token that cannot be accepted."""


class InvalidCredentials(AuthError):
    """Unknown username or wrong password (deliberately not told apart)."""


class InvalidToken(AuthError):
    """A token that is unknown, expired or of the wrong kind."""


class AccessTakenBack(InvalidToken):
    """A token refused because an admin took the access back; the message says how."""


class AccountDisabled(InvalidCredentials):
    """The right password for a disabled account."""


DISABLED = "this account is disabled"
SIGNED_OUT = "signed out everywhere: sign in again"
REVOKED = "this device was revoked"


class LoginLocked(AuthError):
    """Too many failed logins for the account in the window; no password is checked.

    Attributes:
        retry_at: the earliest moment (UTC) at which a login can be accepted again.
    """

    def __init__(self, retry_at: datetime) -> None:
        self.retry_at = retry_at
        super().__init__(
            "too many failed logins for this account; it is locked until "
            f"{retry_at:%Y-%m-%d %H:%M:%S} UTC, try again then"
        )


def hash_password(password: str) -> str:
    return PASSWORD_HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return PASSWORD_HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    """The SHA-256 hex digest stored in place of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def login(
    session: Session,
    *,
    username: str,
    password: str,
    settings: Settings,
    now: datetime,
    device_id: str | None = None,
    device_name: str = "",
) -> TokenPair:
    """Check the password and issue an access and a refresh token; the caller commits.

        With ``device_id`` (the workstation's own id) the device is registered if new, the user
        is remembered as one who signed in there, and both tokens are bound to it: a push with
        them must come from that device. Without it the tokens may read and pull but not push.
    ``DeviceRefused`` if the user may not use the device.

        Throttling: at most ``settings.login_failure_limit`` failed attempts per account in
        any ``settings.login_failure_window``; past that the account is locked (``LoginLocked``,
        even for the right password) until the oldest failure leaves the window. A successful
        login does not wipe earlier failures: otherwise a guesser who also knows (or shares)
        the password could reset the count at will. The attempt is recorded and committed
        before the password is checked, so concurrent processes cannot overshoot the limit
        and an attempt cut short by a crash still counts.
    """
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        verify_password(_DUMMY_HASH, password)
        raise InvalidCredentials("invalid username or password")
    attempt = _record_attempt(session, user_id=user.id, settings=settings, now=now)
    if not verify_password(user.password_hash, password):
        raise InvalidCredentials("invalid username or password")
    if user.disabled_at is not None:
        raise AccountDisabled(DISABLED)
    session.delete(attempt)
    if PASSWORD_HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    _forget_expired(session, user_id=user.id, now=now)
    if device_id is not None:
        bind_device(session, device_id=device_id, name=device_name, user=user, now=now)
    bound = BoundLogin(user, device_id)
    refresh_token = _issue(
        session, bound, kind=REFRESH, lifetime=settings.refresh_token_lifetime, now=now
    )
    return _pair(session, bound, refresh_token=refresh_token, settings=settings, now=now)


def refresh(
    session: Session, *, refresh_token: str, settings: Settings, now: datetime
) -> TokenPair:
    """A new access token for a live refresh token, which stays the same; the caller commits.

    ``AccessTakenBack`` if the user was disabled or signed out everywhere, or the device revoked.
    """
    found = login_for_token(session, refresh_token, kind=REFRESH, now=now)
    if found is None:
        raise InvalidToken("refresh token is invalid or expired; log in again")
    session.get_one(AuthToken, token_digest(refresh_token)).last_used_at = now
    # The new access token is bound to the refresh token's device, like the login was.
    return _pair(session, found, refresh_token=refresh_token, settings=settings, now=now)


def logout(session: Session, *, refresh_token: str) -> None:
    """Revoke the refresh token and the user's access tokens of the same device (a logout at
    one desk leaves the user's session at another alone); unknown tokens are ignored."""
    row = session.get(AuthToken, token_digest(refresh_token))
    if row is None or row.kind != REFRESH:
        return
    session.execute(
        delete(AuthToken).where(
            AuthToken.user_id == row.user_id,
            AuthToken.kind == ACCESS,
            AuthToken.device_id.is_not_distinct_from(row.device_id),
        )
    )
    session.delete(row)


class BoundLogin(NamedTuple):
    """A live login: its user and the device its tokens are bound to (None: no device)."""

    user: User
    device_id: str | None


def login_for_token(session: Session, token: str, *, kind: str, now: datetime) -> BoundLogin | None:
    """The user and device of a live token of ``kind``, or None.

    Read from the database at every call (the role too), so whatever an admin changed
    holds from the next request on, in every server process.

    Raises:
        AccessTakenBack: the user is disabled or signed out everywhere since the token was
            issued, or the token's device was revoked.
    """
    row = session.get(AuthToken, token_digest(token))
    if row is None or row.kind != kind or row.expires_at <= now:
        return None
    user = session.get(User, row.user_id)
    if user is None:
        return None
    _check_not_taken_back(session, row, user)
    return BoundLogin(user, row.device_id)


def _check_not_taken_back(session: Session, row: AuthToken, user: User) -> None:
    if user.disabled_at is not None:
        raise AccessTakenBack(DISABLED)
    if row.generation < user.token_generation:
        raise AccessTakenBack(SIGNED_OUT)
    device = None if row.device_id is None else session.get(Device, row.device_id)
    if device is not None and device.revoked_at is not None:
        raise AccessTakenBack(REVOKED)


def user_for_token(session: Session, token: str, *, kind: str, now: datetime) -> User | None:
    """The user a live token of ``kind`` belongs to, or None."""
    found = login_for_token(session, token, kind=kind, now=now)
    return None if found is None else found.user


def _pair(
    session: Session, bound: BoundLogin, *, refresh_token: str, settings: Settings, now: datetime
) -> TokenPair:
    lifetime = settings.access_token_lifetime
    access_token = _issue(session, bound, kind=ACCESS, lifetime=lifetime, now=now)
    user = bound.user
    return TokenPair(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_in=int(lifetime.total_seconds()),
        user=UserPublic(username=user.username, role=user.role, branch=user.branch),
        device_id=bound.device_id,
    )


def _issue(
    session: Session, bound: BoundLogin, *, kind: str, lifetime: timedelta, now: datetime
) -> str:
    token = secrets.token_urlsafe(32)
    session.add(
        AuthToken(
            token_hash=token_digest(token),
            user_id=bound.user.id,
            kind=kind,
            expires_at=now + lifetime,
            created_at=now,
            device_id=bound.device_id,
            generation=bound.user.token_generation,
        )
    )
    return token


def _forget_expired(session: Session, *, user_id: int, now: datetime) -> None:
    """Drop the user's dead tokens at each login, so the table does not grow without end."""
    session.execute(
        delete(AuthToken).where(AuthToken.user_id == user_id, AuthToken.expires_at <= now)
    )


def _record_attempt(
    session: Session, *, user_id: int, settings: Settings, now: datetime
) -> FailedLogin:
    """Count this attempt as failed (committed) unless the account is already locked."""
    window_start = now - settings.login_failure_window
    session.execute(
        delete(FailedLogin).where(
            FailedLogin.user_id == user_id, FailedLogin.attempted_at <= window_start
        )
    )
    attempt = FailedLogin(user_id=user_id, attempted_at=now)
    session.add(attempt)
    session.commit()
    earlier = select(FailedLogin).where(
        FailedLogin.user_id == user_id,
        FailedLogin.attempted_at > window_start,
        FailedLogin.id != attempt.id,
    )
    count = session.scalar(select(func.count()).select_from(earlier.subquery())) or 0
    if count < settings.login_failure_limit:
        return attempt
    oldest = session.scalar(
        select(func.min(FailedLogin.attempted_at)).where(
            FailedLogin.user_id == user_id,
            FailedLogin.attempted_at > window_start,
            FailedLogin.id != attempt.id,
        )
    )
    session.delete(attempt)
    session.commit()
    raise LoginLocked(retry_at=(oldest or now) + settings.login_failure_window)
