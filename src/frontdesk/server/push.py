"""The push side of sync: each outbox item takes effect at most once, whatever is replayed.

An item is claimed by inserting its key into ``applied_items`` (``ON CONFLICT DO NOTHING``;
the key is the primary key), so two server processes racing on one key serialise on the
database's unique index, never on anything in memory. The claim, the item's effect and its
stored result commit together: an item is either applied with its result or not at all.
A replay of the same key and body returns the stored result; the same key with another body
is a per-item conflict. An item that cannot be applied is rejected on its own; the batch
goes on, and if the database refuses the batch as a whole the items are retried one per
transaction, so one bad item never blocks the others.

A batch is applied set-based, in one transaction: one multi-row claim insert returning the
keys it claimed (sorted, so two processes claiming overlapping batches lock in one order),
one select of the stored rows of the keys that were already there (replays and conflicts),
then the claimed items' effects, one delete of the claims of rejected items and one
executemany storing the results. Kinds with a bulk applier (``BULK_APPLIERS``) take all of
the batch's items of their kind at once; the other kinds go item by item in request order,
before the bulk kinds, so an item may rely on a customer created earlier in its batch. A
batch that repeats a key is applied item by item, so the repeat is a replay of the first.

New kinds of item register an applier::

    def apply_feedback(ctx: ApplyContext, payload: dict) -> dict: ...
    APPLIERS["crosssell.feedback"] = apply_feedback

Who pushes and who wrote: a push must come from the device its access token is bound to (the
login was made there). A token without a device (an older desk, a script) may read and pull
but never push: it is refused with 403 and told to log in with a device id. Each item names
its ``author``, the user who made the write at the desk, which may differ from the pusher on
a shared till where the next user's login sends what the previous one left queued. The
author must be a user who has signed in on that device with their password
(``devices.signed_in_there``); otherwise the item alone is rejected. So a device's token can
attribute writes only to people who really sat at that desk, and never to anyone else. An
item without an author is the pusher's. The author is not part of the request hash: the key
identifies the write, and a replay returns what the first application stored, whoever it
names.

An applier validates ``payload``, raises ``ItemRejected`` with a readable reason, or writes
through ``ctx.session`` (allocating change sequence numbers for replicated rows) and returns
a small JSON-able result that is stored and sent back on every replay. A bulk applier takes
the contexts of many items of its kind and returns one outcome per item, in order: the
result, or the ``ItemRejected`` / ``pydantic.ValidationError`` that rejects that item. It
writes nothing for a rejected item. Register the per-item applier too: a batch that the
database refuses is retried item by item.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pydantic
from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import ItemResult, PushItem, PushRequest, PushResponse, PushStatus
from frontdesk.server.db import utcnow
from frontdesk.server.devices import (
    DevicelessToken,
    ForeignDevice,
    UnknownDevice,
    signed_in_there,
)
from frontdesk.server.models import AppliedItem, Device, User

#: Times a batch is retried when the database aborts it (deadlock, serialisation failure).
BATCH_ATTEMPTS = 3


class ItemRejected(Exception):
    """The item cannot take effect; the message goes back to the desk as the item's error."""


@dataclass(frozen=True, slots=True)
class Pusher:
    """Who sends a push: the token's user and the device the token is bound to (None: none,
    which ``push`` refuses)."""

    user_id: int
    device_id: str | None = None


@dataclass(frozen=True, slots=True)
class ApplyContext:
    session: Session
    user: User  # the item's author
    device_id: str
    item: PushItem
    now: datetime


Applier = Callable[[ApplyContext, dict[str, Any]], dict[str, Any]]
APPLIERS: dict[str, Applier] = {}

#: What a bulk applier says of one item: its result, or why it is rejected.
Outcome = dict[str, Any] | ItemRejected | pydantic.ValidationError
BulkApplier = Callable[[Sequence[ApplyContext]], list[Outcome]]
BULK_APPLIERS: dict[str, BulkApplier] = {}


def request_hash(item: PushItem) -> str:
    """What makes two pushes of one key "the same": kind and payload, canonically encoded."""
    body = json.dumps(
        {"kind": item.kind, "payload": item.payload}, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def push(factory: sessionmaker[Session], request: PushRequest, *, pusher: Pusher) -> PushResponse:
    """Apply every item of ``request`` at most once; one result per item, in request order.

    Raises:
        UnknownDevice: the device never registered. ForeignDevice: the token is another's.
        DevicelessToken: the token is bound to no device.
    """
    for attempt in range(1, BATCH_ATTEMPTS + 1):
        try:
            return PushResponse(results=_in_one_transaction(factory, request, pusher=pusher))
        except OperationalError:
            if attempt == BATCH_ATTEMPTS:
                raise
        except (IntegrityError, DBAPIError):
            break
    return PushResponse(results=[_alone(factory, request, item, pusher) for item in request.items])


Authors = dict[str | None, User | str]  # each author named in a batch: the user, or why not


def _in_one_transaction(
    factory: sessionmaker[Session], request: PushRequest, *, pusher: Pusher
) -> list[ItemResult]:
    with factory() as session, session.begin():
        authors, now = _authorised(session, request, pusher), utcnow()
        if len({item.key for item in request.items}) < len(request.items):
            return [
                _apply(session, authors, request.device_id, item, now) for item in request.items
            ]
        return _Batch(session, authors, request.device_id, now).apply(request.items)


class _Batch:
    """One push request applied set-based inside the caller's transaction."""

    def __init__(self, session: Session, authors: Authors, device_id: str, now: datetime) -> None:
        self.session, self.authors, self.device_id, self.now = session, authors, device_id, now
        self.results: dict[str, ItemResult] = {}
        self.stored: dict[str, dict[str, Any]] = {}
        self.released: list[str] = []

    def author(self, item: PushItem) -> User:
        found = self.authors[item.author]
        assert isinstance(found, User)  # items with a refused author never get this far
        return found

    def apply(self, items: list[PushItem]) -> list[ItemResult]:
        known = []
        for item in items:
            refusal = _refusal(item, self.authors)
            if refusal is None:
                known.append(item)
            else:
                self.results[item.key] = _rejected(item, refusal)
        digests = {item.key: request_hash(item) for item in known}
        claimed = self._claim_all(known, digests)
        self._replay_all([item for item in known if item.key not in claimed], digests)
        fresh = [item for item in known if item.key in claimed]
        for item in fresh:
            if item.kind not in BULK_APPLIERS:
                self._settle(item, self._one(item))
        for kind, group in _by_kind(i for i in fresh if i.kind in BULK_APPLIERS).items():
            for item, outcome in zip(
                group, BULK_APPLIERS[kind](self._contexts(group)), strict=True
            ):
                self._settle(item, outcome)
        self._finish()
        return [self.results[item.key] for item in items]

    def _claim_all(self, items: list[PushItem], digests: dict[str, str]) -> set[str]:
        """Insert every key in one statement; the keys it inserted (the rest were there)."""
        if not items:
            return set()
        rows = [
            _claim_row(
                item,
                user=self.author(item),
                device_id=self.device_id,
                now=self.now,
                digest=digests[item.key],
            )
            for item in sorted(items, key=lambda i: i.key)
        ]
        # executemany: SQLAlchemy sends the rows as a few multi-row INSERTs from one
        # cached statement ("insertmanyvalues"), each returning the keys it inserted.
        statement = _insert_ignoring_duplicates(self.session).returning(AppliedItem.key)
        return set(self.session.execute(statement, rows).scalars())

    def _replay_all(self, items: list[PushItem], digests: dict[str, str]) -> None:
        if not items:
            return
        found = select(AppliedItem).where(AppliedItem.key.in_([item.key for item in items]))
        stored = {row.key: row for row in self.session.execute(found).scalars()}
        for item in items:
            self.results[item.key] = _replayed(
                item, stored[item.key], device_id=self.device_id, digest=digests[item.key]
            )

    def _one(self, item: PushItem) -> Outcome:
        try:
            return APPLIERS[item.kind](self._contexts([item])[0], item.payload)
        except (ItemRejected, pydantic.ValidationError) as error:
            return error

    def _contexts(self, items: list[PushItem]) -> list[ApplyContext]:
        return [
            ApplyContext(self.session, self.author(i), self.device_id, i, self.now) for i in items
        ]

    def _settle(self, item: PushItem, outcome: Outcome) -> None:
        if isinstance(outcome, dict):
            self.stored[item.key] = outcome
            self.results[item.key] = ItemResult(
                key=item.key, status=PushStatus.APPLIED, result=outcome
            )
            return
        self.released.append(item.key)
        detail = str(outcome) if isinstance(outcome, ItemRejected) else _first_problem(outcome)
        self.results[item.key] = _rejected(item, detail)

    def _finish(self) -> None:
        """Forget the claims of rejected items; store the results of applied ones."""
        table = AppliedItem.__table__
        if self.released:
            self.session.execute(table.delete().where(table.c.key.in_(self.released)))
        if self.stored:
            self.session.execute(
                update(table)
                .where(table.c.key == bindparam("stored_key"))
                .values(result=bindparam("stored_result")),
                [{"stored_key": k, "stored_result": r} for k, r in self.stored.items()],
            )


def _by_kind(items: Any) -> dict[str, list[PushItem]]:
    groups: dict[str, list[PushItem]] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    return groups


def _alone(
    factory: sessionmaker[Session], request: PushRequest, item: PushItem, pusher: Pusher
) -> ItemResult:
    try:
        with factory() as session, session.begin():
            authors = _authorised(session, request, pusher)
            return _apply(session, authors, request.device_id, item, utcnow())
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        return _rejected(item, f"the database refused the item: {reason}")


def _authorised(session: Session, request: PushRequest, pusher: Pusher) -> Authors:
    """Check that the push comes from the token's own device; the authors its items name."""
    device_id = request.device_id
    if pusher.device_id is None:
        raise DevicelessToken(
            "this login was made without a device id and cannot push: log in again with the "
            f"device id of the workstation ({device_id}) to push for it"
        )
    if pusher.device_id != device_id:
        raise ForeignDevice(
            f"this login was made on device {pusher.device_id} and cannot push for device "
            f"{device_id}: a device pushes only as itself"
        )
    device = session.get(Device, device_id)
    if device is None:
        raise UnknownDevice(f"device {device_id} is not registered; log in again")
    return _authors(session, device_id, request.items, pusher=session.get_one(User, pusher.user_id))


def _authors(session: Session, device_id: str, items: list[PushItem], *, pusher: User) -> Authors:
    names = {item.author for item in items if item.author is not None}
    found: Authors = {None: pusher}
    if not names:
        return found
    users = {u.username: u for u in session.scalars(select(User).where(User.username.in_(names)))}
    allowed = signed_in_there(session, device_id=device_id, user_ids={u.id for u in users.values()})
    for name in names:
        user = users.get(name)
        if user is None:
            found[name] = f"author {name!r} is not a known user"
        elif user.id not in allowed:
            found[name] = f"author {name} has never signed in on device {device_id}"
        else:
            found[name] = user
    return found


def _refusal(item: PushItem, authors: Authors) -> str | None:
    """Why the item cannot be applied before it is even claimed, or None."""
    if item.kind not in APPLIERS:
        return f"unknown item kind {item.kind!r}"
    author = authors[item.author]
    return author if isinstance(author, str) else None


def _apply(
    session: Session, authors: Authors, device_id: str, item: PushItem, now: datetime
) -> ItemResult:
    refusal = _refusal(item, authors)
    if refusal is not None:
        return _rejected(item, refusal)
    applier, user = APPLIERS[item.kind], authors[item.author]
    assert isinstance(user, User)
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
    values = _claim_row(item, user=user, device_id=device_id, now=now, digest=digest)
    statement = _insert_ignoring_duplicates(session).values(values).returning(AppliedItem.key)
    return session.execute(statement).scalar_one_or_none() is not None


def _claim_row(
    item: PushItem, *, user: User, device_id: str, now: datetime, digest: str
) -> dict[str, Any]:
    return {
        "key": item.key,
        "device_id": device_id,
        "device_seq": item.seq,
        "kind": item.kind,
        "request_hash": digest,
        "result": None,
        "applied_by": user.id,
        "applied_at": now,
    }


def _insert_ignoring_duplicates(session: Session) -> Any:
    table = AppliedItem.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=["key"])
    if session.get_bind().dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["key"])
    return insert(table)


def _release(session: Session, key: str) -> None:
    """Forget the claim of a rejected item, so a corrected retry can still apply."""
    session.execute(AppliedItem.__table__.delete().where(AppliedItem.key == key))


def _replay(session: Session, item: PushItem, *, device_id: str, digest: str) -> ItemResult:
    stored = session.execute(select(AppliedItem).where(AppliedItem.key == item.key)).scalar_one()
    return _replayed(item, stored, device_id=device_id, digest=digest)


def _replayed(item: PushItem, stored: AppliedItem, *, device_id: str, digest: str) -> ItemResult:
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
