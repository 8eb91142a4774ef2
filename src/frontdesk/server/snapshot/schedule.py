"""Rebuilding the snapshot in the background of ``serve`` once it is stale.

Every server process checks on its own (the server holds no state between requests, so no
process is special); the claim row in the database lets one of them build at a time. A claim
runs out after ``CLAIM_LEASE``, so a process that died mid-build never blocks the others.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.models import ChangeCounter
from frontdesk.server.snapshot import store
from frontdesk.server.snapshot.build import build_snapshot
from frontdesk.server.snapshot.models import SnapshotClaim

#: Longer than any build: a claim older than this belonged to a process that is gone.
CLAIM_LEASE = timedelta(hours=1)
#: How often a process looks (two small queries), whatever the staleness allowed.
LOOK_EVERY = timedelta(minutes=1)
_log = logging.getLogger(__name__)


def is_stale(session: Session, *, every: timedelta, now: datetime) -> bool:
    """No snapshot yet, or changes since the newest and it is ``every`` old."""
    newest = store.newest(session)
    if newest is None:
        return True
    counter = int(session.scalar(select(ChangeCounter.value)) or 0)
    return counter > newest.cursor and now - newest.built_at >= every


def rebuild_if_stale(
    factory: sessionmaker[Session], *, every: timedelta, owner: str
) -> SnapshotPublic | None:
    """Build a snapshot if it is stale and no other process is building one; what was
    built, or None."""
    with factory() as session:
        if not is_stale(session, every=every, now=utcnow()):
            return None
    if not claim(factory, owner=owner, now=utcnow()):
        return None
    try:
        return build_snapshot(factory)
    finally:
        release(factory, owner=owner)


def claim(factory: sessionmaker[Session], *, owner: str, now: datetime) -> bool:
    """Take the build claim unless another owner holds one that has not run out."""
    free = or_(SnapshotClaim.claimed_until.is_(None), SnapshotClaim.claimed_until < now)
    values = {"owner": owner, "claimed_until": now + CLAIM_LEASE}
    with transaction(factory) as session:
        taken = session.execute(
            update(SnapshotClaim).where(SnapshotClaim.id == 1, free).values(values)
        )
        return taken.rowcount == 1  # type: ignore[attr-defined]


def release(factory: sessionmaker[Session], *, owner: str) -> None:
    with transaction(factory) as session:
        mine = (SnapshotClaim.id == 1) & (SnapshotClaim.owner == owner)
        session.execute(update(SnapshotClaim).where(mine).values(claimed_until=None))


class Rebuilder:
    """A daemon thread of one server process that rebuilds the snapshot once it is stale."""

    def __init__(self, factory: sessionmaker[Session], *, every: timedelta) -> None:
        self._factory, self._every = factory, every
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="snapshot-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        pause = min(self._every, LOOK_EVERY).total_seconds()
        while not self._stopped.is_set():
            try:
                made = rebuild_if_stale(self._factory, every=self._every, owner=self._owner)
            except Exception:  # a failed build is tried again at the next look
                _log.exception("the snapshot rebuild failed")
            else:
                if made is not None:
                    _log.info("snapshot %s built at cursor %s", made.id, made.cursor)
            self._stopped.wait(pause)
