"""The snapshots the server built (revision 0029_snapshots), their content in chunks.

A chunk is a row so that any server process serves any byte range straight from the
database; nothing is kept in a local file between requests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.server.model_base import Base

#: Bytes per stored chunk: a range request reads at most one chunk past what it needs.
CHUNK_SIZE = 1024 * 1024


class Snapshot(Base):
    """One snapshot file: every snapshot kind's change up to ``cursor``; ``rows`` counts
    the rows of each of its tables."""

    __tablename__ = "snapshots"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    format: Mapped[int] = mapped_column(Integer)
    cursor: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    built_at: Mapped[datetime]
    rows: Mapped[dict[str, Any]] = mapped_column(JSON)


class SnapshotChunk(Base):
    """Bytes ``[n * CHUNK_SIZE, (n + 1) * CHUNK_SIZE)`` of a snapshot's content."""

    __tablename__ = "snapshot_chunks"
    snapshot_id: Mapped[int] = mapped_column(
        ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True
    )
    n: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SnapshotClaim(Base):
    """One row (id 1): the server process building a snapshot in the background, until when.

    A claim that ran out (its process died mid-build) may be taken over.
    """

    __tablename__ = "snapshot_claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None]
