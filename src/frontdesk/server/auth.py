"""Passwords (argon2id) and opaque bearer tokens stored only as their SHA-256.

Tokens live in the database, not in process memory, so any number of stateless server
processes accept each other's tokens, and a leaked database copy holds no usable token.

A sign-in starts a *family*: its refresh token and every token descended from it share a
``family_id``. Each refresh exchanges the refresh token for a new one (and a new access
token) and marks the old one used; the family still ends ``refresh_token_lifetime`` after
the password was given. A used refresh token presented again means two parties hold the
sign-in (the desk only ever presents its newest token), so the whole family is revoked and
whoever comes next, thief or desk, must sign in again.

One exception, the reuse grace (``Settings.refresh_reuse_grace``, 0 turns it off): a desk
that lost the answer to a refresh (a cut connection, a timeout, a crash before the keyring
kept the new token) presents the token it just exchanged again. Within the grace of that
exchange, while its successor has never been used, that is a retry, not a theft: the
successor is voided and a fresh pair answered. It works once per exchange and only for the
immediate predecessor of the family's live token; a thief who replays it meanwhile voids
the desk's successor, and the desk's next refresh with it then revokes the family.
Access tokens already issued live out their short lifetime unless their family is revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import NamedTuple

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from frontdesk.protocol import TokenPair, UserPublic
from frontdesk.server import throttle
from frontdesk.server.devices import bind_device, case_prefix, signed_in_there
from frontdesk.server.models import AuthToken, Device, User
from frontdesk.server.settings import Settings
from frontdesk.server.throttle import LoginThrottled

__all__ = ["LoginThrottled"]  # raised by check_password_throttled and login

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


class RefreshReused(InvalidToken):
    """A refresh token presented after it was exchanged: its whole family is revoked."""


REUSED = (
    "this sign-in was used twice (its refresh token had already been exchanged, so a copy "
    "of it may be in other hands); it is ended on every device: sign in again"
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


def check_password_throttled(
    session: Session,
    *,
    username: str,
    password: str,
    address: str | None,
    settings: Settings,
    now: datetime,
    device_id: str | None = None,
) -> User:
    """The user whose password this is, through the sign-in throttle (server/throttle.py).

    The attempt is counted against the account name (at ``device_id`` if the user has
    signed in there before) and the client ``address``, and committed before the password
    is checked; a right password clears those streaks (the caller commits that). Anyone
    verifying a password (the login, a supervisor's approval) goes through here, so every
    guess counts.

    Raises:
        LoginThrottled: one of the keys must still wait; no password was checked.
        InvalidCredentials: unknown name or wrong password (not told apart).
        AccountDisabled: the right password of a disabled account (still counted).
    """
    user = session.scalar(select(User).where(User.username == username.strip()))
    known = device_id if _signed_in_there(session, user, device_id) else None
    keys = throttle.throttle_keys(
        username=username,
        address=address if settings.throttle_addresses else None,
        known_device=known,
    )
    throttle.count_attempt(session, keys, settings=settings, now=now)
    if user is None:
        verify_password(_DUMMY_HASH, password)  # a miss costs as long as a wrong password
        raise InvalidCredentials("invalid username or password")
    if not verify_password(user.password_hash, password):
        raise InvalidCredentials("invalid username or password")
    if user.disabled_at is not None:
        raise AccountDisabled(DISABLED)
    throttle.clear(session, keys)
    if PASSWORD_HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def _signed_in_there(session: Session, user: User | None, device_id: str | None) -> bool:
    if user is None or device_id is None:
        return False
    return bool(signed_in_there(session, device_id=device_id, user_ids={user.id}))


def login(
    session: Session,
    *,
    username: str,
    password: str,
    settings: Settings,
    now: datetime,
    device_id: str | None = None,
    device_name: str = "",
    address: str | None = None,
) -> TokenPair:
    """Check the password (``check_password_throttled``) and start a token family: an
    access and a refresh token; the caller commits.

    With ``device_id`` (the workstation's own id) the device is registered if new, the user
    is remembered as one who signed in there, and both tokens are bound to it: a push with
    them must come from that device. Without it the tokens may read and pull but not push.
    ``DeviceRefused`` if the user may not use the device.
    """
    user = check_password_throttled(
        session, username=username, password=password, address=address, settings=settings,
        now=now, device_id=device_id,
    )  # fmt: skip
    _forget_expired(session, user_id=user.id, now=now)
    if device_id is not None:
        bind_device(session, device_id=device_id, name=device_name, user=user, now=now)
    bound = BoundLogin(user, device_id)
    family = _Family(secrets.token_hex(16), expires_at=now + settings.refresh_token_lifetime)
    refresh_token = _issue(session, bound, kind=REFRESH, family=family, now=now)
    return _pair(
        session, bound, refresh_token=refresh_token, family=family, settings=settings, now=now
    )


def refresh(
    session: Session, *, refresh_token: str, settings: Settings, now: datetime
) -> TokenPair:
    """Exchange a live refresh token for a new one and a new access token; the caller commits.

    The new refresh token expires with its family (the sign-in's lifetime), not later.

    Raises:
        InvalidToken: unknown, expired or not a refresh token.
        AccessTakenBack: the user was disabled or signed out everywhere, or the device revoked.
        RefreshReused: the token was exchanged before (and this is no retry within the
            reuse grace, see ``_retried_in_grace``); its family is revoked (committed).
    """
    row = session.get(AuthToken, token_digest(refresh_token))
    user = None if row is None else session.get(User, row.user_id)
    if row is None or user is None or row.kind != REFRESH or row.expires_at <= now:
        raise InvalidToken("refresh token is invalid or expired; log in again")
    _check_not_taken_back(session, row, user)
    if not _claim(session, row.token_hash, now=now) and not _retried_in_grace(
        session, row, settings=settings, now=now
    ):
        revoke_family(session, row.family_id, now=now)
        session.commit()
        raise RefreshReused(REUSED)
    _forget_expired(session, user_id=user.id, now=now)
    bound = BoundLogin(user, row.device_id)
    family = _Family(row.family_id, expires_at=row.expires_at)
    new_refresh = _issue(session, bound, kind=REFRESH, family=family, now=now, refreshed=True)
    return _pair(
        session, bound, refresh_token=new_refresh, family=family, settings=settings, now=now
    )


def _claim(session: Session, token_hash: str, *, now: datetime) -> bool:
    """Mark the refresh token used, unless it already is: True if this call did.

    One conditional UPDATE, so of two processes refreshing with the same token at once
    exactly one wins (PostgreSQL's row lock; SQLite's single writer), and the other sees
    a reuse.
    """
    claimed = session.execute(
        update(AuthToken)
        .where(AuthToken.token_hash == token_hash, AuthToken.used_at.is_(None))
        .values(used_at=now, last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    return claimed.rowcount == 1  # type: ignore[attr-defined]


def _retried_in_grace(
    session: Session, row: AuthToken, *, settings: Settings, now: datetime
) -> bool:
    """Accept a used refresh token once more if this is a desk retrying its last refresh:
    True if its unused successor was voided by this call (the caller issues a fresh pair).

    Tokens record no parent, but a refresh issues the successor at the very moment it marks
    the predecessor used, so the family's live token whose ``created_at`` is ``row.used_at``
    is ``row``'s successor. Only when ``row`` alone in its family was used at that moment
    (a tie leaves no telling which token came first: no grace). The voided successor is
    marked used at that same moment, so afterwards two tokens share it and neither, nor
    ``row`` again, gets a second grace; the new live token is created later and is nobody's
    recorded successor. The access token answered with the successor is dropped with it.
    One conditional UPDATE, as in ``_claim``: of a retry and a refresh
    with the successor at once, exactly one wins and the other is a reuse.
    """
    grace, exchanged = settings.refresh_reuse_grace, row.used_at
    if not grace or exchanged is None or now - exchanged > grace:
        return False
    same_moment = session.scalar(
        select(func.count())
        .select_from(AuthToken)
        .where(
            AuthToken.family_id == row.family_id,
            AuthToken.kind == REFRESH,
            AuthToken.used_at == exchanged,
        )
    )
    if same_moment != 1:
        return False
    voided = session.execute(
        update(AuthToken)
        .where(
            AuthToken.family_id == row.family_id,
            AuthToken.kind == REFRESH,
            AuthToken.created_at == exchanged,
            AuthToken.used_at.is_(None),
        )
        .values(used_at=exchanged)
        .execution_options(synchronize_session=False)
    )
    if voided.rowcount != 1:  # type: ignore[attr-defined]
        return False
    # The access token answered with the voided successor goes with it.
    session.execute(
        delete(AuthToken).where(
            AuthToken.family_id == row.family_id,
            AuthToken.kind == ACCESS,
            AuthToken.created_at == exchanged,
        )
    )
    return True


def revoke_family(session: Session, family_id: str, *, now: datetime) -> None:
    """End a sign-in: its access tokens go, its refresh tokens are all marked used (kept
    until they expire, so whoever presents one later is told the sign-in was used twice)."""
    session.execute(
        delete(AuthToken).where(AuthToken.family_id == family_id, AuthToken.kind == ACCESS)
    )
    session.execute(
        update(AuthToken)
        .where(AuthToken.family_id == family_id, AuthToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )


def logout(session: Session, *, refresh_token: str) -> None:
    """End the sign-in of the refresh token: every token of its family, and the user's access
    tokens of the same device (a logout at one desk leaves the user's session at another
    alone); unknown tokens are ignored."""
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
    session.execute(delete(AuthToken).where(AuthToken.family_id == row.family_id))


class _Family(NamedTuple):
    """The sign-in a token descends from, and when all its tokens stop refreshing."""

    id: str
    expires_at: datetime


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
    session: Session,
    bound: BoundLogin,
    *,
    refresh_token: str,
    family: _Family,
    settings: Settings,
    now: datetime,
) -> TokenPair:
    lifetime = settings.access_token_lifetime
    access = _Family(family.id, expires_at=now + lifetime)
    access_token = _issue(session, bound, kind=ACCESS, family=access, now=now)
    user = bound.user
    return TokenPair(
        access_token=access_token,
        refresh_token=refresh_token,
        expires_in=int(lifetime.total_seconds()),
        user=UserPublic(username=user.username, role=user.role, branch=user.branch),
        device_id=bound.device_id,
        case_prefix=_case_prefix(session, bound.device_id),
    )


def _case_prefix(session: Session, device_id: str | None) -> str | None:
    return case_prefix(None if device_id is None else session.get(Device, device_id))


def _issue(
    session: Session,
    bound: BoundLogin,
    *,
    kind: str,
    family: _Family,
    now: datetime,
    refreshed: bool = False,
) -> str:
    """A new token of ``family``, of the user's current generation (``refreshed``: the
    family refreshed now, for ``frontdesk-server user sessions``)."""
    token = secrets.token_urlsafe(32)
    session.add(
        AuthToken(
            token_hash=token_digest(token),
            user_id=bound.user.id,
            kind=kind,
            expires_at=family.expires_at,
            created_at=now,
            device_id=bound.device_id,
            generation=bound.user.token_generation,
            family_id=family.id,
            last_used_at=now if refreshed else None,
        )
    )
    return token


def _forget_expired(session: Session, *, user_id: int, now: datetime) -> None:
    """Drop the user's dead tokens at each login and refresh, so the table does not grow
    without end (a family's refresh tokens all expire together)."""
    session.execute(
        delete(AuthToken).where(AuthToken.user_id == user_id, AuthToken.expires_at <= now)
    )
