"""The push side of sync: each outbox item takes effect at most once, whatever is replayed.

Reading: a batch arrives as ``PushBatch``, its items unparsed. Each item is checked on its
own against ``protocol.push.PushItem`` (the union of every write kind): one that fails is
refused with its own 422-style result naming the field and the reason, writes nothing, and
never fails the items beside it. The rest go to the applier the registry names for their
kind (``server/write_kinds.py``: the one place where kinds meet their appliers).

Applying: an item is claimed by inserting its key into ``applied_items`` (``ON CONFLICT DO
NOTHING``; the key is the primary key), so two server processes racing on one key serialise
on the database's unique index, never on anything in memory. The claim, the item's effect
and its stored result commit together. A replay of the same key and body returns the stored
result; the same key with another body is a per-item conflict. An applier that refuses an
item (``ItemRejected``) runs inside a savepoint, so whatever it wrote before refusing is
rolled back with the claim; if the database refuses the batch as a whole the items are
retried one per transaction, so one bad item never blocks the others.

A batch is applied set-based, in one transaction: one multi-row claim insert returning the
keys it claimed (sorted, so two processes claiming overlapping batches lock in one order; on
PostgreSQL one insert from arrays, ``server/push_claims.py``),
one select of the stored rows of the keys that were already there (replays and conflicts),
then the claimed items' effects, one delete of the claims of rejected items and one
executemany storing the results. Kinds with a bulk applier take all of the batch's items of
their kind at once; the other kinds go item by item in request order, before the bulk
kinds, so an item may rely on a customer created earlier in its batch. A bulk kind may name
items of its own that must keep their place among the others (a comment on a case the
batch also moves): those go item by item in request order too. A batch that repeats
a key is applied item by item, so the repeat is a replay of the first.

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

An applier takes an ``ApplyContext`` whose ``item`` is already the typed item of its kind,
raises ``ItemRejected`` with a readable reason (``ItemDeferred``: not yet, send it again
later), or writes through ``ctx.session``
(allocating change sequence numbers for replicated rows) and returns a small JSON-able
result that is stored and sent back on every replay. A bulk applier takes the contexts of
many items of its kind and returns one outcome per item, in order: the result, or the
``ItemRejected`` that rejects that item; it writes nothing for a rejected item. A kind with
a bulk applier has a per-item one too: a batch that the database refuses is retried item by
item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import ItemResult, PushBatch, PushResponse
from frontdesk.server.db import among, utcnow
from frontdesk.server.devices import (
    DevicelessToken,
    ForeignDevice,
    UnknownDevice,
    signed_in_there,
)
from frontdesk.server.models import AppliedItem, Device, User
from frontdesk.server.push_claims import claim_rows
from frontdesk.server.push_items import (
    FORBIDDEN,
    ApplyContext,
    BulkApplier,
    Handler,
    ItemDeferred,
    ItemRejected,
    Outcome,
    Received,
    Registry,
    applied,
    conflict,
    deferred,
    read_item,
    rejected,
    request_hash,
)

#: Times a batch is retried when the database aborts it (deadlock, serialisation failure).
BATCH_ATTEMPTS = 3


@dataclass(frozen=True, slots=True)
class Pusher:
    """Who sends a push: the token's user and the device the token is bound to (None: none,
    which ``push`` refuses)."""

    user_id: int
    device_id: str | None = None


@dataclass(frozen=True, slots=True)
class _Request:
    """A batch after reading: the device, and each item typed or already answered."""

    device_id: str
    read: list[Received | ItemResult]

    @property
    def received(self) -> list[Received]:
        return [r for r in self.read if isinstance(r, Received)]

    def merged(self, results: list[ItemResult]) -> list[ItemResult]:
        """One result per item in request order: the applied ones' and the refused ones'."""
        applied_in_order = iter(results)
        return [next(applied_in_order) if isinstance(r, Received) else r for r in self.read]


def push(
    factory: sessionmaker[Session], batch: PushBatch, *, pusher: Pusher, registry: Registry
) -> PushResponse:
    """Apply every item of ``batch`` at most once; one result per item, in request order.

    Raises:
        UnknownDevice: the device never registered. ForeignDevice: the token is another's.
        DevicelessToken: the token is bound to no device.
    """
    request = _Request(batch.device_id, [read_item(raw, registry) for raw in batch.items])
    for attempt in range(1, BATCH_ATTEMPTS + 1):
        try:
            results = _in_one_transaction(factory, request, pusher=pusher, registry=registry)
            return PushResponse(results=request.merged(results))
        except OperationalError:
            if attempt == BATCH_ATTEMPTS:
                raise
        except (IntegrityError, DBAPIError):
            break
    alone = [_alone(factory, request, r, pusher, registry) for r in request.received]
    return PushResponse(results=request.merged(alone))


Authors = dict[str | None, User | str]  # each author named in a batch: the user, or why not


def _in_one_transaction(
    factory: sessionmaker[Session], request: _Request, *, pusher: Pusher, registry: Registry
) -> list[ItemResult]:
    items = request.received
    with factory() as session, session.begin():
        authors, now = _authorised(session, request, pusher), utcnow()
        apply = _Applier(session, authors, request.device_id, now, registry)
        if len({r.key for r in items}) < len(items):
            return [apply.alone(r) for r in items]
        return apply.batch(items)


class _Applier:
    """Items applied inside the caller's transaction: set-based, or one by one."""

    def __init__(
        self,
        session: Session,
        authors: Authors,
        device_id: str,
        now: datetime,
        registry: Registry,
    ) -> None:
        self.session, self.authors, self.device_id = session, authors, device_id
        self.now, self.registry = now, registry
        self.results: dict[str, ItemResult] = {}
        self.stored: dict[str, dict[str, Any]] = {}
        self.released: list[str] = []

    def author(self, item: Received) -> User:
        found = self.authors[item.item.author]
        assert isinstance(found, User)  # items with a refused author never get this far
        return found

    def refusal(self, item: Received) -> ItemResult | None:
        author = self.authors[item.item.author]
        return rejected(item.key, author, code=FORBIDDEN) if isinstance(author, str) else None

    def batch(self, items: list[Received]) -> list[ItemResult]:
        known = []
        for item in items:
            refusal = self.refusal(item)
            if refusal is None:
                known.append(item)
            else:
                self.results[item.key] = refusal
        digests = {item.key: request_hash(item.kind, item.raw) for item in known}
        claimed = self._claim_all(known, digests)
        self._replay_all([item for item in known if item.key not in claimed], digests)
        fresh = [item for item in known if item.key in claimed]
        alone = self._in_order(fresh)
        for item in fresh:
            if self.registry.handler(item.kind).bulk is None or item.key in alone:
                self._settle(item, self._one(item))
        for bulk, group in self._by_bulk([i for i in fresh if i.key not in alone]):
            for item, outcome in zip(group, bulk(self._contexts(group)), strict=True):
                self._settle(item, outcome)
        self._finish()
        return [self.results[item.key] for item in items]

    def _by_bulk(self, items: list[Received]) -> list[tuple[BulkApplier, list[Received]]]:
        """The items of bulk kinds, by applier in request order: kinds that share one (a
        register's entries of several kinds) go to it together, in journal order."""
        groups: dict[int, tuple[BulkApplier, list[Received]]] = {}
        for item in items:
            bulk = self.registry.handler(item.kind).bulk
            if bulk is not None:
                groups.setdefault(id(bulk), (bulk, []))[1].append(item)
        return list(groups.values())

    def _in_order(self, items: list[Received]) -> set[str]:
        """The keys of bulk kinds' items that go one by one, in request order."""
        keys: set[str] = set()
        for kind in {item.kind for item in items}:
            in_order = self.registry.handler(kind).in_order
            if in_order is not None:
                keys |= in_order(items)
        return keys

    def alone(self, item: Received) -> ItemResult:
        """One item: claimed, applied and stored on its own."""
        refusal = self.refusal(item)
        if refusal is not None:
            return refusal
        digest = request_hash(item.kind, item.raw)
        if not self._claim(item, digest):
            return _replay(self.session, item, device_id=self.device_id, digest=digest)
        self._settle(item, self._one(item))
        self._finish()
        return self.results[item.key]

    def _claim(self, item: Received, digest: str) -> bool:
        """Insert the key; False when it is already there (applied before, by anyone)."""
        values = self._claim_row(item, digest)
        statement = _insert_ignoring_duplicates(self.session).values(values)
        return self.session.execute(statement.returning(AppliedItem.key)).scalar() is not None

    def _claim_all(self, items: list[Received], digests: dict[str, str]) -> set[str]:
        """Insert every key in one statement; the keys it inserted (the rest were there)."""
        if not items:
            return set()
        rows = [self._claim_row(i, digests[i.key]) for i in sorted(items, key=lambda i: i.key)]
        if self.session.get_bind().dialect.name == "postgresql":
            return claim_rows(self.session, rows, device_id=self.device_id, applied_at=self.now)
        # executemany: SQLAlchemy sends the rows as a few multi-row INSERTs from one
        # cached statement ("insertmanyvalues"), each returning the keys it inserted.
        statement = _insert_ignoring_duplicates(self.session).returning(AppliedItem.key)
        return set(self.session.execute(statement, rows).scalars())

    def _claim_row(self, item: Received, digest: str) -> dict[str, Any]:
        return {
            "key": item.key,
            "device_id": self.device_id,
            "device_seq": item.item.seq,
            "kind": item.kind,
            "request_hash": digest,
            "result": None,
            "applied_by": self.author(item).id,
            "applied_at": self.now,
        }

    def _replay_all(self, items: list[Received], digests: dict[str, str]) -> None:
        if not items:
            return
        keys = [item.key for item in items]
        found = select(AppliedItem).where(among(self.session, AppliedItem.key, keys))
        stored = {row.key: row for row in self.session.execute(found).scalars()}
        for item in items:
            self.results[item.key] = _replayed(
                item, stored[item.key], device_id=self.device_id, digest=digests[item.key]
            )

    def _one(self, item: Received) -> Outcome:
        """Apply one item in a savepoint: a refusal takes back whatever it wrote first."""
        (context,) = self._contexts([item])
        try:
            with self.session.begin_nested():
                return self.registry.handler(item.kind).apply(context)
        except ItemRejected as error:
            return error

    def _contexts(self, items: list[Received]) -> list[ApplyContext]:
        return [
            ApplyContext(self.session, self.author(i), self.device_id, i.item, i.raw, self.now)
            for i in items
        ]

    def _settle(self, item: Received, outcome: Outcome) -> None:
        if isinstance(outcome, dict):
            self.stored[item.key] = outcome
            self.results[item.key] = applied(item.key, outcome)
            return
        self.released.append(item.key)
        if isinstance(outcome, ItemDeferred):
            self.results[item.key] = deferred(item.key, str(outcome))
        else:
            self.results[item.key] = rejected(item.key, str(outcome), code=outcome.code)

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
        self.released, self.stored = [], {}


def _alone(
    factory: sessionmaker[Session],
    request: _Request,
    item: Received,
    pusher: Pusher,
    registry: Registry,
) -> ItemResult:
    try:
        with factory() as session, session.begin():
            authors = _authorised(session, request, pusher)
            return _Applier(session, authors, request.device_id, utcnow(), registry).alone(item)
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
        return rejected(item.key, f"the database refused the item: {reason}")


def _authorised(session: Session, request: _Request, pusher: Pusher) -> Authors:
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
    names = {r.item.author for r in request.received if r.item.author is not None}
    return _authors(session, device_id, names, pusher=session.get_one(User, pusher.user_id))


def _authors(session: Session, device_id: str, names: set[str], *, pusher: User) -> Authors:
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


def _insert_ignoring_duplicates(session: Session) -> Any:
    table = AppliedItem.__table__
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing(index_elements=["key"])
    if session.get_bind().dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["key"])
    return insert(table)


def _replay(session: Session, item: Received, *, device_id: str, digest: str) -> ItemResult:
    stored = session.execute(select(AppliedItem).where(AppliedItem.key == item.key)).scalar_one()
    return _replayed(item, stored, device_id=device_id, digest=digest)


def _replayed(item: Received, stored: AppliedItem, *, device_id: str, digest: str) -> ItemResult:
    if stored.device_id != device_id:
        return conflict(item.key, f"key {item.key} was pushed by another device")
    if stored.request_hash != digest:
        return conflict(item.key, f"key {item.key} was applied before with a different body")
    return applied(item.key, stored.result or {}, replayed=True)


__all__ = ["ApplyContext", "Handler", "ItemRejected", "Pusher", "Registry", "push"]
