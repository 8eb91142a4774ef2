"""How long the server remembers pushed idempotency keys, and dropping the older ones.

A key must outlive the longest time a desk may stay offline with the item still in its
outbox: a desk that comes back later than that could resend an item whose key is gone, and
it would apply twice. The retention (``FRONTDESK_SERVER_KEY_RETENTION_DAYS``, default 90)
is therefore longer than the client's longest offline-unlock period, and
``frontdesk-server prune-keys`` deletes only keys older than it. The same command drops the
supervisor approvals the server issued that expired before then: a desk may carry an unused
one as long as it may stay offline, no longer (the verdict on each approved entry stays, in
``till_approval_checks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import utcnow
from frontdesk.server.models import AppliedItem
from frontdesk.server.till.models import TillApproval

#: Never prune keys younger than this, whatever the command line says: desks may stay
#: offline up to 90 days (the client's longest offline-unlock period).
MIN_RETENTION = timedelta(days=90)
#: Rows deleted per transaction, so pruning a large table never holds long locks.
PRUNE_BATCH = 10_000


@dataclass(frozen=True, slots=True)
class PruneReport:
    deleted: int
    kept: int
    cutoff: datetime
    approvals_deleted: int = 0

    def summary(self) -> str:
        return (
            f"deleted {self.deleted} push keys applied before {self.cutoff:%Y-%m-%d %H:%M} UTC; "
            f"kept {self.kept}; deleted {self.approvals_deleted} supervisor approvals that "
            "expired before then"
        )


def prune_applied_keys(
    factory: sessionmaker[Session], *, older_than: timedelta, now: datetime | None = None
) -> PruneReport:
    """Delete applied-item keys applied before ``now - older_than``, in batches.

    Raises:
        ValueError: ``older_than`` is shorter than ``MIN_RETENTION``.
    """
    if older_than < MIN_RETENTION:
        raise ValueError(
            f"push keys must be kept at least {MIN_RETENTION.days} days (the longest a desk "
            f"may stay offline); got {older_than.days}"
        )
    cutoff = (now or utcnow()) - older_than
    deleted = approvals = 0
    while batch := _delete_batch(factory, AppliedItem.key, AppliedItem.applied_at, cutoff):
        deleted += batch
    while batch := _delete_batch(factory, TillApproval.id, TillApproval.expires_at, cutoff):
        approvals += batch
    with factory() as session:
        kept = session.scalar(select(func.count()).select_from(AppliedItem)) or 0
    return PruneReport(deleted=deleted, kept=kept, cutoff=cutoff, approvals_deleted=approvals)


def _delete_batch(factory: sessionmaker[Session], key: Any, moment: Any, cutoff: datetime) -> int:
    """Delete up to ``PRUNE_BATCH`` rows whose ``moment`` is before ``cutoff``, by ``key``."""
    with factory() as session:
        keys = select(key).where(moment < cutoff).limit(PRUNE_BATCH)
        done = session.execute(delete(key.class_).where(key.in_(keys)))
        session.commit()
        return int(done.rowcount or 0)
