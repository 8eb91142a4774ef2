"""The push side of sync: each outbox item takes effect at most once, whatever is replayed.

An item is claimed by inserting its key into ``applied_items`` (``ON CONFLICT DO NOTHING``;
the key is the primary key), so two server processes racing on one key serialise on the
database's unique index, never on anything in memory. The claim, the item's effect and its
stored result commit together: an item is either applied with its result or not at all.
A replay of the same key and body returns the stored result; the same key with another body
is a per-item conflict. An item that cannot be applied is rejected on its own; the batch
goes on, and if the database refuses the batch as a whole the items are retried one per
transaction, so one bad item never blocks the others.

New kinds of item register an applier::

    def apply_feedback(ctx: ApplyContext, payload: dict) -> dict: ...
    APPLIERS["crosssell.feedback"] = apply_feedback

An applier validates ``payload``, raises ``ItemRejected`` with a readable reason, or writes
through ``ctx.session`` (allocating change sequence numbers for replicated rows) and returns
a small JSON-able result that is stored and sent back on every replay.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pydantic
from sqlalchemy import insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import ItemResult, PushItem, PushRequest, PushResponse, PushStatus
from frontdesk.server.db import utcnow
from frontdesk.server.models import AppliedItem, Device, User

#: Times a batch is retried when the database aborts it (deadlock, serialisation failure).
BATCH_ATTEMPTS = 3


class ItemRejected(Exception):
    """The item cannot take effect; the message goes back to the desk as the item's error."""


class UnknownDevice(Exception):
    """The push names a device that never registered (the desk must log in again)."""


class ForeignDevice(UnknownDevice):
    """The device was registered by another user: a device pushes only as itself."""


@dataclass(frozen=True, slots=True)
class ApplyContext:
    session: Session
    user: User
    device_id: str
    item: PushItem
    now: datetime


Applier = Callable[[ApplyContext, dict[str, Any]], dict[str, Any]]
APPLIERS: dict[str, Applier] = {}


def request_hash(item: PushItem) -> str:
    """What makes two pushes of one key "the same": kind and payload, canonically encoded."""
    body = json.dumps(
        {"kind": item.kind, "payload": item.payload}, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def push(factory: sessionmaker[Session], request: PushRequest, *, user_id: int) -> PushResponse:
    """Apply every item of ``request`` at most once; one result per item, in request order."""
    for attempt in range(1, BATCH_ATTEMPTS + 1):
        try:
            return PushResponse(results=_in_one_transaction(factory, request, user_id=user_id))
        except OperationalError:
            if attempt == BATCH_ATTEMPTS:
                raise
        except (IntegrityError, DBAPIError):
            break
    return PushResponse(results=[_alone(factory, request, item, user_id) for item in request.items])


def _in_one_transaction(
    factory: sessionmaker[Session], request: PushRequest, *, user_id: int
) -> list[ItemResult]:
    with factory() as session, session.begin():
        user, now = _authorised(session, request, user_id), utcnow()
        return [_apply(session, user, request.device_id, item, now) for item in request.items]


def _alone(
    factory: sessionmaker[Session], request: PushRequest, item: PushItem, user_id: int
) -> ItemResult:
    try:
        with factory() as session, session.begin():
            user = _authorised(session, request, user_id)
            return _apply(session, user, request.device_id, item, utcnow())
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        return _rejected(item, f"the database refused the item: {reason}")


def _authorised(session: Session, request: PushRequest, user_id: int) -> User:
    device = session.get(Device, request.device_id)
    if device is None:
        raise UnknownDevice(f"device {request.device_id} is not registered; log in again")
    if device.registered_by != user_id:
        raise ForeignDevice(f"device {request.device_id} belongs to another user")
    return session.get_one(User, user_id)


def _apply(
    session: Session, user: User, device_id: str, item: PushItem, now: datetime
) -> ItemResult:
    applier = APPLIERS.get(item.kind)
    if applier is None:
        return _rejected(item, f"unknown item kind {item.kind!r}")
    digest = request_hash(item)
    if not _claim(session, user=user, device_id=device_id, item=item, digest=digest, now=now):
        return _replay(session, item, device_id=device_id, digest=digest)
    try:
        result = applier(ApplyContext(session, user, device_id, item, now), item.payload)
    except ItemRejected as error:
        _release(session, item.key)
        return _rejected(item, str(error))
    except pydantic.ValidationError as error:
        _release(session, item.key)
        return _rejected(item, _first_problem(error))
    session.execute(update(AppliedItem).where(AppliedItem.key == item.key).values(result=result))
    return ItemResult(key=item.key, status=PushStatus.APPLIED, result=result)


def _claim(
    session: Session, *, user: User, device_id: str, item: PushItem, digest: str, now: datetime
) -> bool:
    """Insert the key; False when it is already there (applied before, by anyone)."""
    values = {
        "key": item.key,
        "device_id": device_id,
        "device_seq": item.seq,
        "kind": item.kind,
        "request_hash": digest,
        "result": None,
        "applied_by": user.id,
        "applied_at": now,
    }
    statement = _insert_ignoring_duplicates(session, values).returning(AppliedItem.key)
    return session.execute(statement).scalar_one_or_none() is not None


def _insert_ignoring_duplicates(session: Session, values: dict[str, Any]) -> Any:
    table = AppliedItem.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).values(values).on_conflict_do_nothing(index_elements=["key"])
    if session.get_bind().dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).values(values).on_conflict_do_nothing(index_elements=["key"])
    return insert(table).values(values)


def _release(session: Session, key: str) -> None:
    """Forget the claim of a rejected item, so a corrected retry can still apply."""
    session.execute(AppliedItem.__table__.delete().where(AppliedItem.key == key))


def _replay(session: Session, item: PushItem, *, device_id: str, digest: str) -> ItemResult:
    stored = session.execute(select(AppliedItem).where(AppliedItem.key == item.key)).scalar_one()
    if stored.device_id != device_id:
        return _conflict(item, f"key {item.key} was pushed by another device")
    if stored.request_hash != digest:
        return _conflict(item, f"key {item.key} was applied before with a different body")
    return ItemResult(
        key=item.key, status=PushStatus.APPLIED, replayed=True, result=stored.result or {}
    )


def _rejected(item: PushItem, detail: str) -> ItemResult:
    return ItemResult(key=item.key, status=PushStatus.REJECTED, detail=detail)


def _conflict(item: PushItem, detail: str) -> ItemResult:
    return ItemResult(key=item.key, status=PushStatus.CONFLICT, detail=detail)


def _first_problem(error: pydantic.ValidationError) -> str:
    problems = [
        f"{'.'.join(str(p) for p in e['loc']) or 'payload'}: {e['msg']}" for e in error.errors()
    ]
    return "invalid payload: " + "; ".join(problems)


def register_device(session: Session, *, device_id: str, name: str, user: User) -> bool:
    """Record a workstation on its first login; True if it is new. The caller commits.

    A device belongs to the user who registered it; another user naming it is refused.
    """
    device = session.get(Device, device_id)
    if device is not None:
        if device.registered_by != user.id:
            raise ForeignDevice(f"device {device_id} belongs to another user")
        return False
    session.add(Device(id=device_id, name=name, registered_by=user.id, registered_at=utcnow()))
    session.flush()
    return True
