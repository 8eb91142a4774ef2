"""Workstations: registered at the first login there, shared by the users of one branch.

A device is the workstation's, not a user's: the desk makes its id once and keeps it, and
every user who signs in there gets tokens bound to that same device (``AuthToken.device_id``).
Who may sign in on a device: a user of the device's branch (the branch of the user who
registered it); a device or a user without a branch (head office) is not restricted.
Each user who signed in on a device with their password is remembered (``DeviceUser``): only
they may be named as the author of a write that device pushes (see server/push.py), so a
stolen device token can attribute writes to no one who never sat at that desk.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from frontdesk.domain.cases import device_prefix
from frontdesk.server.db import utcnow
from frontdesk.server.models import Device, DeviceUser, User


class DeviceRefused(Exception):
    """The device cannot be used by this user or token (HTTP 403); the message says why."""


class UnknownDevice(Exception):
    """The push names a device that never registered (the desk must log in again)."""


class ForeignDevice(UnknownDevice):
    """The token was not issued on this device: a device pushes only as itself."""


class DevicelessToken(UnknownDevice):
    """The token was issued without a device id: it may read, never push."""


def bind_device(
    session: Session, *, device_id: str, name: str, user: User, now: datetime
) -> Device:
    """The device ``user`` is signing in on, registered if new; the caller commits.

    Raises:
        DeviceRefused: the device was revoked, or belongs to another branch than the user's.
    """
    device = session.get(Device, device_id)
    if device is None:
        device = _register(session, device_id=device_id, name=name, user=user, now=now)
    if device.revoked_at is not None:
        raise DeviceRefused("this device was revoked")
    check_branch(device, user)
    _remember_sign_in(session, device_id=device.id, user_id=user.id, now=now)
    return device


def check_branch(device: Device, user: User) -> None:
    if device.branch and user.branch and device.branch != user.branch:
        raise DeviceRefused(
            f"device {device.id} belongs to branch {device.branch}; "
            f"{user.username} works at {user.branch} and cannot sign in there"
        )


def signed_in_there(session: Session, *, device_id: str, user_ids: set[int]) -> set[int]:
    """Which of ``user_ids`` have signed in on the device with their password."""
    found = select(DeviceUser.user_id).where(
        DeviceUser.device_id == device_id, DeviceUser.user_id.in_(user_ids)
    )
    return set(session.scalars(found))


#: Times a registration takes the next device number again after another server process
#: took the same one a moment before (the unique index on ``devices.number`` tells).
_NUMBER_ATTEMPTS = 5


def _register(session: Session, *, device_id: str, name: str, user: User, now: datetime) -> Device:
    for attempt in range(1, _NUMBER_ATTEMPTS + 1):
        insert = _insert_ignoring_duplicates(session, Device, ["id"]).values(
            id=device_id, name=name, registered_by=user.id, registered_at=now,
            branch=user.branch, number=_next_number(),
        )  # fmt: skip
        try:
            with session.begin_nested():
                # Another process may register this very device at the same moment: fine.
                session.execute(insert)
            break
        except IntegrityError:
            if attempt == _NUMBER_ATTEMPTS:
                raise
    return session.get_one(Device, device_id, populate_existing=True)


def _next_number() -> object:
    """The number after the largest one given, read in the INSERT itself."""
    largest = select(func.coalesce(func.max(Device.number), 0) + 1)
    return largest.scalar_subquery()


def case_prefix(device: Device | None) -> str | None:
    """The prefix of the case numbers the device gives (``D12``); None for none."""
    if device is None or device.number is None:
        return None
    return device_prefix(device.number)


def _remember_sign_in(session: Session, *, device_id: str, user_id: int, now: datetime) -> None:
    insert = _insert_ignoring_duplicates(session, DeviceUser, ["device_id", "user_id"])
    session.execute(insert.values(device_id=device_id, user_id=user_id, first_login_at=now))


def _insert_ignoring_duplicates(session: Session, model: type, keys: list[str]):  # type: ignore[no-untyped-def]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model).on_conflict_do_nothing(index_elements=keys)


def register_device(
    session: Session, *, device_id: str, name: str, user: User, token_device: str | None = None
) -> bool:
    """Record a workstation; True if it is new. The caller commits.

    A token bound to a device registers only that device (its login registered it
    already). A token without a device keeps the older rule: a device belongs to the user
    who registered it, and another user naming it is refused.
    """
    if token_device is not None and token_device != device_id:
        raise ForeignDevice(
            f"this login was made on device {token_device} and cannot register device {device_id}"
        )
    device = session.get(Device, device_id)
    if device is not None:
        if token_device is None and device.registered_by != user.id:
            raise ForeignDevice(f"device {device_id} belongs to another user")
        return False
    bind_device(session, device_id=device_id, name=name, user=user, now=utcnow())
    session.flush()
    return True
