"""The desk's edit conflicts in the cache (SQLAlchemy), in the unit of work's session.

One row per field of a pushed ``customer.edit`` that another desk won: the ``customer`` kind
of the desk's one conflicts table (``conflict_store``), beside the cases'.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from frontdesk.adapters.cache import conflict_store as store
from frontdesk.adapters.cache.conflict_store import CUSTOMER, ConflictRow
from frontdesk.adapters.cache.outbox import SqlAlchemyLocalWrites
from frontdesk.adapters.cache.tables import CachedCustomer
from frontdesk.services.conflict_ports import AbstractConflicts, EditConflict, LostField


class SqlAlchemyConflicts(AbstractConflicts):
    def __init__(self, session: Session) -> None:
        self._session = session

    def record(
        self, *, outbox_key: str, customer_id: str, lost: list[LostField], at: datetime
    ) -> int:
        return store.record(self._session, CUSTOMER, outbox_key=outbox_key,
                            subject_id=customer_id, lost=lost, at=at)  # fmt: skip

    def get(self, conflict_id: int) -> EditConflict | None:
        row = store.get(self._session, CUSTOMER, conflict_id)
        return None if row is None else _conflict(row)

    def open_for(self, customer_id: str) -> list[EditConflict]:
        return [_conflict(row) for row in store.open_rows(self._session, CUSTOMER, customer_id)]

    def count_open(self) -> int:
        return store.count_open(self._session, CUSTOMER)

    def resolve(
        self,
        conflict_id: int,
        *,
        resolution: str,
        by: str,
        at: datetime,
        resolution_key: str | None = None,
    ) -> None:
        store.resolve(self._session, conflict_id, resolution=resolution, by=by, at=at,
                      resolution_key=resolution_key)  # fmt: skip

    def show_kept(self, customer_id: str, values: dict[str, Any], *, server_seq: int) -> None:
        row = self._session.get(CachedCustomer, customer_id)
        if row is None or row.seq >= server_seq:
            return
        # The local writer keeps the derived search columns in step with the fields.
        SqlAlchemyLocalWrites(self._session).update_customer(customer_id, values, at=row.updated_at)


def _conflict(row: ConflictRow) -> EditConflict:
    return EditConflict(
        id=row.id,
        customer_id=row.subject_id,
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
