"""Snapshots in the database: stored in chunks, the newest found, ranges read back.

Only the newest snapshot and the one before it are kept: a desk may be halfway through
downloading the previous one when a new one is stored, and it resumes that download.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.snapshot import SNAPSHOT_FORMAT, SnapshotPublic
from frontdesk.server.db import transaction
from frontdesk.server.snapshot.models import CHUNK_SIZE, Snapshot, SnapshotChunk

#: The newest and the one before it (see the module's docstring).
KEEP = 2


def newest(session: Session) -> Snapshot | None:
    return session.scalars(select(Snapshot).order_by(Snapshot.id.desc()).limit(1)).first()


def public(row: Snapshot) -> SnapshotPublic:
    return SnapshotPublic(id=row.id, format=row.format, cursor=row.cursor, sha256=row.sha256,
                          size=row.size, built_at=row.built_at, rows=row.rows)  # fmt: skip


def save(
    factory: sessionmaker[Session],
    path: Path,
    *,
    cursor: int,
    built_at: datetime,
    rows: dict[str, int],
) -> SnapshotPublic:
    """Store the file at ``path`` as the newest snapshot and drop the older ones but one."""
    with transaction(factory) as session:
        row = Snapshot(format=SNAPSHOT_FORMAT, cursor=cursor, sha256="", size=0,
                       built_at=built_at, rows=rows)  # fmt: skip
        session.add(row)
        session.flush()
        # The digest is of the very bytes stored, read once.
        digest, size = _store_chunks(session, row.id, path)
        values = {"sha256": digest, "size": size}
        session.execute(update(Snapshot).where(Snapshot.id == row.id).values(values))
        _prune(session)
        made = SnapshotPublic(id=row.id, format=row.format, cursor=cursor, built_at=built_at,
                              rows=rows, **values)  # fmt: skip
    return made


def _store_chunks(session: Session, snapshot_id: int, path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as file:
        for n, data in enumerate(iter(lambda: file.read(CHUNK_SIZE), b"")):
            # Core inserts: no chunk stays in the session's identity map.
            values = {"snapshot_id": snapshot_id, "n": n, "data": data}
            session.execute(insert(SnapshotChunk), values)
            digest.update(data)
            size += len(data)
    return digest.hexdigest(), size


def _prune(session: Session) -> None:
    old = list(session.scalars(select(Snapshot.id).order_by(Snapshot.id.desc()).offset(KEEP)))
    if old:
        session.execute(delete(SnapshotChunk).where(SnapshotChunk.snapshot_id.in_(old)))
        session.execute(delete(Snapshot).where(Snapshot.id.in_(old)))


def forget_all(session: Session) -> int:
    """Delete every snapshot (an erasure: no stored file may keep the erased values); new
    desks pull pages until the next build. How many there were."""
    ids = list(session.scalars(select(Snapshot.id)))
    if ids:
        session.execute(delete(SnapshotChunk).where(SnapshotChunk.snapshot_id.in_(ids)))
        session.execute(delete(Snapshot).where(Snapshot.id.in_(ids)))
    return len(ids)


def read_range(
    factory: sessionmaker[Session], snapshot_id: int, *, start: int, end: int
) -> Iterator[bytes]:
    """Bytes ``start..end`` (inclusive) of a snapshot, a stored chunk at a time.

    Its own session: a response streams after the request's session is closed. A snapshot
    pruned meanwhile ends the stream short; the desk sees the length is wrong and asks again.
    """
    with factory() as session:
        for n in range(start // CHUNK_SIZE, end // CHUNK_SIZE + 1):
            query = select(SnapshotChunk.data).where(
                SnapshotChunk.snapshot_id == snapshot_id, SnapshotChunk.n == n
            )
            data = session.scalar(query)
            if data is None:
                return
            base = n * CHUNK_SIZE
            yield data[max(start - base, 0) : end - base + 1]
