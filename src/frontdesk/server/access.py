"""Taking access back: disable a user, change a role or password, sign out, revoke a device.

Nothing here is cached: every request reads the user, its token and its device from the
database (server/auth.py), so each change holds from the next request on, in every
server process.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.auth import REFRESH, hash_password
from frontdesk.server.db import UTCDateTime, transaction, utcnow
from frontdesk.server.models import AuthToken, Device, User
from frontdesk.server.users import UserError, checked_password, checked_role


class UnknownUser(UserError):
    """No user of that name."""


class UnknownDeviceId(ValueError):
    """No device of that id."""


@dataclass(frozen=True)
class LiveSession:
    """A refresh token that can still refresh: where it was signed in and when."""

    device_id: str | None
    device_name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    name: str
    branch: str
    registered_by: str
    last_seen: datetime | None
    revoked_at: datetime | None


def set_disabled(factory: sessionmaker[Session], username: str, *, disabled: bool) -> None:
    """Disable (or enable again) the account; its tokens are refused while it is disabled."""
    with transaction(factory) as session:
        _user(session, username).disabled_at = utcnow() if disabled else None


def set_role(factory: sessionmaker[Session], username: str, role: str) -> None:
    with transaction(factory) as session:
        _user(session, username).role = checked_role(role).value


def signout_everywhere(factory: sessionmaker[Session], username: str) -> None:
    """Refuse every token issued to the user so far, on every device."""
    with transaction(factory) as session:
        _sign_out(session, _user(session, username))


def reset_password(factory: sessionmaker[Session], username: str, password: str) -> None:
    """A new password; the user is signed out everywhere."""
    new_hash = hash_password(checked_password(password))
    with transaction(factory) as session:
        user = _user(session, username)
        user.password_hash = new_hash
        _sign_out(session, user)


def live_sessions(factory: sessionmaker[Session], username: str) -> list[LiveSession]:
    """The user's sign-ins that would still refresh (the newest, unused refresh token of
    each family), oldest first; ``created_at`` is when the family's first token was issued."""
    signed_in = (
        select(AuthToken.family_id, func.min(AuthToken.created_at, type_=UTCDateTime()).label("at"))
        .where(AuthToken.kind == REFRESH)
        .group_by(AuthToken.family_id)
        .subquery()
    )
    with factory() as session:
        user = _user(session, username)
        rows = session.execute(
            select(AuthToken, Device.name, signed_in.c.at)
            .join(signed_in, signed_in.c.family_id == AuthToken.family_id)
            .outerjoin(Device, Device.id == AuthToken.device_id)
            .where(
                AuthToken.user_id == user.id,
                AuthToken.kind == REFRESH,
                AuthToken.used_at.is_(None),
                AuthToken.expires_at > utcnow(),
                AuthToken.generation >= user.token_generation,
            )
            .order_by(signed_in.c.at)
        )
        return [
            LiveSession(token.device_id, name or "", at, token.last_used_at)
            for token, name, at in rows
        ]


def list_devices(factory: sessionmaker[Session]) -> list[DeviceInfo]:
    """Every registered device; last seen is its latest sign-in or refresh still on record."""
    seen = func.max(
        func.coalesce(AuthToken.last_used_at, AuthToken.created_at), type_=UTCDateTime()
    )
    last_seen = (
        select(AuthToken.device_id, seen.label("seen")).group_by(AuthToken.device_id).subquery()
    )
    query = (
        select(Device, User.username, last_seen.c.seen)
        .join(User, User.id == Device.registered_by)
        .outerjoin(last_seen, last_seen.c.device_id == Device.id)
        .order_by(Device.registered_at, Device.id)
    )
    with factory() as session:
        return [
            DeviceInfo(d.id, d.name, d.branch, username, seen_at, d.revoked_at)
            for d, username, seen_at in session.execute(query)
        ]


def revoke_device(factory: sessionmaker[Session], device_id: str) -> None:
    """Refuse every token bound to the device, and any later sign-in on it."""
    with transaction(factory) as session:
        device = session.get(Device, device_id)
        if device is None:
            raise UnknownDeviceId(f"no device {device_id!r} (see: frontdesk-server device list)")
        device.revoked_at = device.revoked_at or utcnow()


def _user(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise UnknownUser(f"no user {username!r}")
    return user


def _sign_out(session: Session, user: User) -> None:
    # Raised in SQL, so two admins signing out at once both count.
    session.execute(
        update(User)
        .where(User.id == user.id)
        .values(token_generation=User.token_generation + 1)
        .execution_options(synchronize_session=False)
    )
