"""The cache's unit of work: one SQLAlchemy session and transaction per ``with`` block."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Self

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.blobs import FileBlobStore, blob_root
from frontdesk.adapters.cache.cases.store import SqlAlchemyCaseStore
from frontdesk.adapters.cache.conflicts import SqlAlchemyConflicts
from frontdesk.adapters.cache.desk_logins import SqlAlchemyOfflineUnlock
from frontdesk.adapters.cache.outbox import (
    SqlAlchemyLocalWrites,
    SqlAlchemyOutbox,
    SqlAlchemyWorkstation,
)
from frontdesk.adapters.cache.replica import SqlAlchemyReplicaRepository
from frontdesk.adapters.cache.tables import SyncStateRow
from frontdesk.protocol.versions import DeskVersions
from frontdesk.services.cases.ports import AbstractBlobStore
from frontdesk.services.ports import AbstractSyncStateRepository, SyncState
from frontdesk.services.unit_of_work import AbstractUnitOfWork


class SqlAlchemySyncStateRepository(AbstractSyncStateRepository):
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self) -> SyncStateRow:
        return self._session.execute(select(SyncStateRow).where(SyncStateRow.id == 1)).scalar_one()

    def get(self) -> SyncState:
        row = self._row()
        return SyncState(
            row.server_url,
            row.username,
            row.cursor,
            row.last_pull_at,
            case_prefix=row.case_prefix,
            desk_branch=row.desk_branch,
        )

    def set_login(self, server_url: str, username: str) -> None:
        row = self._row()
        row.server_url, row.username = server_url, username

    def clear_login(self) -> None:
        self._row().username = None

    def advance(self, cursor: int, *, pulled_at: datetime) -> None:
        row = self._row()
        # Never backwards: an overlapping, older pull must not undo a newer one's progress.
        row.cursor, row.last_pull_at = max(row.cursor, cursor), pulled_at

    def keep_case_desk(self, *, case_prefix: str | None, branch: str | None) -> None:
        row = self._row()
        row.case_prefix, row.desk_branch = case_prefix, branch

    def reset_cursor(self) -> None:
        row = self._row()
        row.cursor, row.last_pull_at, row.snapshot_floor = 0, None, 0

    def floor(self) -> int:
        return self._row().snapshot_floor

    def keep_floor(self, floor: int) -> None:
        self._row().snapshot_floor = floor

    def attachment_limit(self) -> int | None:
        return self._row().attachment_max_bytes

    def keep_attachment_limit(self, max_bytes: int | None) -> None:
        self._row().attachment_max_bytes = max_bytes

    def server_versions(self) -> DeskVersions | None:
        row = self._row()
        if row.desk_current_version is None:
            return None
        return DeskVersions(
            current=row.desk_current_version,
            minimum=row.desk_minimum_version,
            download_url=row.desk_download_url,
        )

    def keep_server_versions(self, versions: DeskVersions | None) -> None:
        row = self._row()
        row.desk_current_version = versions.current if versions else None
        row.desk_minimum_version = versions.minimum if versions else None
        row.desk_download_url = versions.download_url if versions else None


def _cache_path(session_factory: sessionmaker[Session]) -> Path:
    bind = session_factory.kw["bind"]
    return Path(bind.url.database or "cache.sqlite3")


class SqlAlchemyUnitOfWork(AbstractUnitOfWork):
    """Each ``with`` opens a session; ``commit()`` makes its work durable, else it is undone.

    Callables given to ``add_write_listener`` run after each commit that queued outbox items
    (every local write), so the running desk's sync worker pushes them at once.
    """

    def __init__(
        self, session_factory: sessionmaker[Session], *, blobs: AbstractBlobStore | None = None
    ) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None
        self._write_listeners: list[Callable[[], None]] = []
        # Attachment contents live beside the cache file; never in a transaction.
        self.blobs = blobs or FileBlobStore(blob_root(_cache_path(session_factory)))

    def add_write_listener(self, listener: Callable[[], None]) -> None:
        self._write_listeners.append(listener)

    def fresh(self) -> SqlAlchemyUnitOfWork:
        """Another unit of work on the same cache, sharing the write listeners.

        One instance holds one transaction at a time, so two threads must never share one:
        work running beside the sync worker (the window's background operations) takes its
        own from here, and its writes still wake the worker.
        """
        twin = SqlAlchemyUnitOfWork(self._session_factory, blobs=self.blobs)
        twin._write_listeners = self._write_listeners
        return twin

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        self.replica = SqlAlchemyReplicaRepository(self._session)
        self.sync_state = SqlAlchemySyncStateRepository(self._session)
        self.outbox = SqlAlchemyOutbox(self._session, clock=lambda: datetime.now(UTC))
        self.local = SqlAlchemyLocalWrites(self._session)
        self.workstation = SqlAlchemyWorkstation(self._session)
        self.unlock = SqlAlchemyOfflineUnlock(self._session)
        self.conflicts = SqlAlchemyConflicts(self._session)
        self.cases = SqlAlchemyCaseStore(self._session)
        return super().__enter__()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        super().__exit__(exc_type, exc, tb)
        assert self._session is not None
        self._session.close()
        self._session = None

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        assert self._session is not None, "savepoint() outside a `with uow:` block"
        with self._session.begin_nested():
            yield

    def commit(self) -> None:
        assert self._session is not None, "commit() outside a `with uow:` block"
        self._session.commit()
        if self.outbox.added:
            self.outbox.added = 0
            for listener in self._write_listeners:
                listener()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.rollback()
