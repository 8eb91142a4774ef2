"""The unit of work: one transaction over the cache, committed explicitly or not at all.

Usage (cosmicpython style)::

    with uow:
        uow.replica.apply(page)
        uow.sync_state.advance(page.cursor, pulled_at=now)
        uow.commit()

Leaving the block without ``commit()`` (or by an exception) rolls everything back. One
instance may be entered again and again; each ``with`` is a fresh transaction. The outbox
(every local write recorded with its idempotency key) joins this same transaction later.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import Self

from frontdesk.services.cases.ports import AbstractBlobStore, AbstractCaseStore
from frontdesk.services.conflict_ports import AbstractConflicts
from frontdesk.services.outbox import (
    AbstractLocalWrites,
    AbstractOfflineUnlock,
    AbstractOutbox,
    AbstractWorkstation,
)
from frontdesk.services.ports import AbstractReplicaRepository, AbstractSyncStateRepository


class AbstractUnitOfWork(abc.ABC):
    replica: AbstractReplicaRepository
    sync_state: AbstractSyncStateRepository
    # The one write path (services/outbox.py): local writes and their outbox rows.
    outbox: AbstractOutbox
    local: AbstractLocalWrites
    workstation: AbstractWorkstation
    unlock: AbstractOfflineUnlock  # the last online login, for unlocking offline
    conflicts: AbstractConflicts  # edits another desk won, until the agent settles them
    cases: AbstractCaseStore  # cases, their history, and the moves another desk won
    blobs: AbstractBlobStore  # attachment contents by SHA-256 (files: outside the transaction)

    def fresh(self) -> AbstractUnitOfWork:
        """A unit of work of its own on the same store, for work on another thread.

        One instance holds one transaction at a time. The default (in-memory fakes, used from
        one thread) is the instance itself.
        """
        return self

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.rollback()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A part of the transaction: if the block raises, its own work is undone and the
        work before it stays, to be committed or not. This default undoes the whole
        transaction, which is always safe; a store with savepoints undoes the block alone."""
        try:
            yield
        except BaseException:
            self.rollback()
            raise

    @abc.abstractmethod
    def commit(self) -> None: ...

    @abc.abstractmethod
    def rollback(self) -> None:
        """Undo whatever was not committed; harmless after a commit."""
