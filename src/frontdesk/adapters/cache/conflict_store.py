"""The desk's conflicts, of every kind, in one table (cache revision 0025_conflicts_unified).

A conflict is one field of one of this desk's writes that another desk's change beat on the
server: a customer edit's field (``kind`` ``customer``, ``subject_id`` the customer) or a
case's status or assignee (``case``, the case). ``(outbox_key, field)`` is unique, so an
acknowledgement seen twice records nothing twice; a settled row stays, with who settled it,
when and how. ``SqlAlchemyConflicts`` (customer edits) and ``SqlAlchemyCaseStore`` (cases)
each read and write their kind here, and ``frontdesk sync --status`` counts both from it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, UniqueConstraint, func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.tables import Base

CUSTOMER, CASE = "customer", "case"


class ConflictRow(Base):
    __tablename__ = "conflicts"
    __table_args__ = (
        UniqueConstraint("outbox_key", "field", name="uq_conflicts_key_field"),
        Index("ix_conflicts_subject", "kind", "subject_id", "resolution"),
        Index("ix_conflicts_open", "kind", "resolution"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(10))
    outbox_key: Mapped[str] = mapped_column(String(36))
    subject_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(20))
    kept: Mapped[Any] = mapped_column(JSON, nullable=True)
    yours: Mapped[Any] = mapped_column(JSON, nullable=True)
    recorded_at: Mapped[datetime]
    resolution: Mapped[str | None] = mapped_column(String(10))
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None]
    resolution_key: Mapped[str | None] = mapped_column(String(36))


def record(
    session: Session,
    kind: str,
    *,
    outbox_key: str,
    subject_id: str,
    lost: Iterable[Any],
    at: datetime,
) -> int:
    """Keep each lost value (``field``, ``kept``, ``yours``) open; returns how many were new."""
    new = 0
    for one in lost:
        stmt = insert(ConflictRow).values(
            kind=kind, outbox_key=outbox_key, subject_id=subject_id, field=one.field,
            kept=one.kept, yours=one.yours, recorded_at=at,
        )  # fmt: skip
        done = session.execute(stmt.on_conflict_do_nothing())
        new += max(0, int(done.rowcount))  # type: ignore[attr-defined]
    return new


def get(session: Session, kind: str, conflict_id: int) -> ConflictRow | None:
    row = session.get(ConflictRow, conflict_id)
    return row if row is not None and row.kind == kind else None


def open_rows(session: Session, kind: str, subject_id: str | None = None) -> list[ConflictRow]:
    """Open conflicts of one subject (None: of every subject of the kind), oldest first."""
    query = select(ConflictRow).where(ConflictRow.kind == kind, ConflictRow.resolution.is_(None))
    if subject_id is not None:
        query = query.where(ConflictRow.subject_id == subject_id)
    return list(session.scalars(query.order_by(ConflictRow.id)))


def all_rows(session: Session, kind: str, subject_id: str) -> list[ConflictRow]:
    """Every conflict of one subject, settled ones too, oldest first."""
    query = select(ConflictRow).where(
        ConflictRow.kind == kind, ConflictRow.subject_id == subject_id
    )
    return list(session.scalars(query.order_by(ConflictRow.id)))


def count_open(session: Session, kind: str) -> int:
    open_ = (ConflictRow.kind == kind, ConflictRow.resolution.is_(None))
    return int(session.scalar(select(func.count()).where(*open_)) or 0)


def resolve(
    session: Session,
    conflict_id: int,
    *,
    resolution: str,
    by: str,
    at: datetime,
    resolution_key: str | None = None,
) -> None:
    row = session.get_one(ConflictRow, conflict_id)
    row.resolution, row.resolved_by, row.resolved_at = resolution, by, at
    row.resolution_key = resolution_key
