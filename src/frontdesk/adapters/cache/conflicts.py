"""The desk's open edit conflicts in the cache (SQLAlchemy), in the unit of work's session.

One row per field of a pushed ``customer.edit`` that another desk won (cache revision
0009_conflicts); ``(outbox_key, field)`` is unique, so an acknowledgement seen twice records
nothing twice. A resolved row stays, with who resolved it, when and how.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, UniqueConstraint, func, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.outbox import SqlAlchemyLocalWrites
from frontdesk.adapters.cache.tables import Base, CachedCustomer
from frontdesk.services.conflict_ports import AbstractConflicts, EditConflict, LostField


class EditConflictRow(Base):
    __tablename__ = "edit_conflicts"
    __table_args__ = (
        UniqueConstraint("outbox_key", "field", name="uq_edit_conflicts_key_field"),
        Index("ix_edit_conflicts_customer", "customer_id", "resolution"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outbox_key: Mapped[str] = mapped_column(String(36))
    customer_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(20))
    kept: Mapped[Any] = mapped_column(JSON, nullable=True)
    yours: Mapped[Any] = mapped_column(JSON, nullable=True)
    recorded_at: Mapped[datetime]
    resolution: Mapped[str | None] = mapped_column(String(10))
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None]
    resolution_key: Mapped[str | None] = mapped_column(String(36))


class SqlAlchemyConflicts(AbstractConflicts):
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self, *, outbox_key: str, customer_id: str, lost: list[LostField], at: datetime
    ) -> int:
        new = 0
        for one in lost:
            stmt = insert(EditConflictRow).values(
                outbox_key=outbox_key,
                customer_id=customer_id,
                field=one.field,
                kept=one.kept,
                yours=one.yours,
                recorded_at=at,
            )
            done = self._session.execute(stmt.on_conflict_do_nothing())
            new += max(0, int(done.rowcount))  # type: ignore[attr-defined]
        return new

    def get(self, conflict_id: int) -> EditConflict | None:
        row = self._session.get(EditConflictRow, conflict_id)
        return None if row is None else _conflict(row)

    def open_for(self, customer_id: str) -> list[EditConflict]:
        query = (
            select(EditConflictRow)
            .where(EditConflictRow.customer_id == customer_id, _is_open())
            .order_by(EditConflictRow.id)
        )
        return [_conflict(row) for row in self._session.scalars(query)]

    def count_open(self) -> int:
        return int(self._session.scalar(select(func.count()).where(_is_open())) or 0)

    def resolve(
        self,
        conflict_id: int,
        *,
        resolution: str,
        by: str,
        at: datetime,
        resolution_key: str | None = None,
    ) -> None:
        row = self._session.get_one(EditConflictRow, conflict_id)
        row.resolution, row.resolved_by, row.resolved_at = resolution, by, at
        row.resolution_key = resolution_key

    def show_kept(self, customer_id: str, values: dict[str, Any], *, server_seq: int) -> None:
        row = self._session.get(CachedCustomer, customer_id)
        if row is None or row.seq >= server_seq:
            return
        # The local writer keeps the derived search columns in step with the fields.
        SqlAlchemyLocalWrites(self._session).update_customer(customer_id, values, at=row.updated_at)


def _is_open() -> Any:
    return EditConflictRow.resolution.is_(None)


def _conflict(row: EditConflictRow) -> EditConflict:
    return EditConflict(
        id=row.id,
        customer_id=row.customer_id,
        field=row.field,
        kept=row.kept,
        yours=row.yours,
        outbox_key=row.outbox_key,
        recorded_at=row.recorded_at,
        resolution=row.resolution,
        resolved_by=row.resolved_by,
        resolved_at=row.resolved_at,
        resolution_key=row.resolution_key,
    )
