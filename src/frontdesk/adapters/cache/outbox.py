"""The outbox, the local write tables and this desk's identity, in the cache (SQLAlchemy).

Everything here runs in the unit of work's session, so a cache write and its outbox row
commit in one SQLite transaction. ``seq`` is SQLite's AUTOINCREMENT: this workstation's own,
strictly increasing number of its writes, never reused.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Index,
    Integer,
    String,
    Text,
    bindparam,
    func,
    select,
    update,
)
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.customer_rows import customer_row, phone_digits_column
from frontdesk.adapters.cache.tables import Base, CachedCustomer
from frontdesk.domain.service import Interaction
from frontdesk.protocol import (
    EDITABLE_CUSTOMER_FIELDS,
    CustomerCreate,
    CustomerPublic,
    InteractionPublic,
)
from frontdesk.protocol.push import Write, outbox_form
from frontdesk.services.outbox import (
    FAILED,
    PENDING,
    SENT,
    AbstractLocalWrites,
    AbstractOutbox,
    AbstractWorkstation,
    OutboxCounts,
    OutboxEntry,
    WorkstationState,
)

_MAX_ERROR = 2000


class CachedInteraction(Base):
    """An interaction: recorded here (``seq`` 0 until the server's copy is pulled) or pulled."""

    __tablename__ = "interactions"
    # The timeline pages a customer's contacts by time (cache revision 0015_timeline).
    __table_args__ = (Index("ix_interactions_customer_time", "customer_id", "occurred_at"),)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    occurred_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(200))
    agent: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(200))
    follow_up: Mapped[date | None] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(BigInteger)


class OutboxRow(Base):
    """A local write waiting for (or done with) the server.

    ``state``: ``pending`` (to push), ``sent`` (acknowledged; ``result`` is the server's),
    ``failed`` (the server refused it; ``last_error`` is its message).
    """

    __tablename__ = "outbox"
    __table_args__ = {"sqlite_autoincrement": True}  # noqa: RUF012
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(10), index=True)
    attempts: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sent_at: Mapped[datetime | None]
    author: Mapped[str | None] = mapped_column(String(100))  # the user at the desk then


class WorkstationRow(Base):
    """One row (id 1): this desk's device id and the push side's visible state."""

    __tablename__ = "workstation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    registered_at: Mapped[datetime | None]
    registered_user: Mapped[str | None] = mapped_column(String(100))
    desk_user: Mapped[str | None] = mapped_column(String(100))  # who signed in here last
    desk_role: Mapped[str | None] = mapped_column(String(20))  # and their role
    till_register: Mapped[str | None] = mapped_column(String(20))  # revision 0021
    last_push_at: Mapped[datetime | None]
    last_sync_ok_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None]


class SqlAlchemyOutbox(AbstractOutbox):
    def __init__(self, session: Session, *, clock: Any) -> None:
        self._session = session
        self._clock = clock
        self.added = 0  # items queued in this transaction (the unit of work tells listeners)

    def add(self, write: Write, *, key: str | None = None) -> OutboxEntry:
        kind, payload = outbox_form(write)
        row = OutboxRow(
            key=key or str(uuid.uuid4()),
            kind=kind,
            payload=payload,
            created_at=self._clock(),
            state=PENDING,
            attempts=0,
            # Whoever signed in at the desk made this write, whoever's login later pushes it.
            author=self._session.scalar(select(WorkstationRow.desk_user)),
        )
        self._session.add(row)
        self._session.flush()  # assigns seq
        self.added += 1
        return _entry(row)

    def pending(self, *, limit: int) -> list[OutboxEntry]:
        query = select(OutboxRow).where(OutboxRow.state == PENDING).order_by(OutboxRow.seq)
        return [_entry(row) for row in self._session.scalars(query.limit(limit))]

    def pending_of_kind(self, kind: str) -> list[OutboxEntry]:
        query = select(OutboxRow).where(OutboxRow.state == PENDING, OutboxRow.kind == kind)
        return [_entry(row) for row in self._session.scalars(query.order_by(OutboxRow.seq))]

    def mark_sent(self, key: str, *, result: dict[str, Any], at: datetime) -> None:
        self._set(key, state=SENT, result=result, sent_at=at, last_error=None)

    def mark_all_sent(self, results: dict[str, dict[str, Any]], *, at: datetime) -> None:
        if not results:
            return
        table = OutboxRow.__table__
        self._session.execute(
            update(table)
            .where(table.c.key == bindparam("sent_key"))
            .values(state=SENT, result=bindparam("sent_result"), sent_at=at, last_error=None),
            [{"sent_key": key, "sent_result": result} for key, result in results.items()],
        )

    def mark_failed(self, key: str, *, message: str) -> None:
        self._set(key, state=FAILED, last_error=message[:_MAX_ERROR])

    def note_attempt(self, keys: list[str], *, error: str | None) -> None:
        values: dict[str, Any] = {"attempts": OutboxRow.attempts + 1}
        if error is not None:
            values["last_error"] = error[:_MAX_ERROR]
        self._session.execute(update(OutboxRow).where(OutboxRow.key.in_(keys)).values(values))

    def failed(self) -> list[OutboxEntry]:
        query = select(OutboxRow).where(OutboxRow.state == FAILED).order_by(OutboxRow.seq)
        return [_entry(row) for row in self._session.scalars(query)]

    def retry_failed(self) -> int:
        done = self._session.execute(
            update(OutboxRow).where(OutboxRow.state == FAILED).values(state=PENDING)
        )
        return int(done.rowcount)

    def counts(self) -> OutboxCounts:
        query = select(OutboxRow.state, func.count()).group_by(OutboxRow.state)
        by_state = {state: count for state, count in self._session.execute(query)}
        return OutboxCounts(
            pending=by_state.get(PENDING, 0),
            failed=by_state.get(FAILED, 0),
            sent=by_state.get(SENT, 0),
        )

    def _set(self, key: str, **values: Any) -> None:
        self._session.execute(update(OutboxRow).where(OutboxRow.key == key).values(values))


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        seq=row.seq,
        key=row.key,
        kind=row.kind,
        payload=dict(row.payload),
        created_at=row.created_at,
        state=row.state,
        attempts=row.attempts,
        last_error=row.last_error,
        result=dict(row.result or {}),
        author=row.author,
    )


class SqlAlchemyWorkstation(AbstractWorkstation):
    def __init__(self, session: Session) -> None:
        self._session = session

    def _row(self) -> WorkstationRow:
        return self._session.get_one(WorkstationRow, 1)

    def get(self) -> WorkstationState:
        row = self._row()
        return WorkstationState(
            device_id=row.device_id,
            registered_at=row.registered_at,
            registered_user=row.registered_user,
            desk_user=row.desk_user,
            desk_role=row.desk_role,
            till_register=row.till_register,
            last_push_at=row.last_push_at,
            last_sync_ok_at=row.last_sync_ok_at,
            last_error=row.last_error,
            last_error_at=row.last_error_at,
        )

    def mark_registered(self, *, at: datetime, user: str | None = None) -> None:
        row = self._row()
        row.registered_at, row.registered_user = at, user

    def sign_in(self, username: str, *, role: str | None = None) -> None:
        row = self._row()
        row.desk_user, row.desk_role = username, role

    def set_till_register(self, code: str | None) -> None:
        self._row().till_register = code

    def pushed(self, *, at: datetime) -> None:
        self._row().last_push_at = at

    def synced(self, *, at: datetime) -> None:
        row = self._row()
        row.last_sync_ok_at, row.last_error, row.last_error_at = at, None, None

    def failed(self, message: str, *, at: datetime) -> None:
        row = self._row()
        row.last_error, row.last_error_at = message[:_MAX_ERROR], at


class SqlAlchemyLocalWrites(AbstractLocalWrites):
    def __init__(self, session: Session) -> None:
        self._session = session

    def customer_fields(self, customer_id: str) -> dict[str, Any] | None:
        row = self._session.get(CachedCustomer, customer_id)
        if row is None:
            return None
        return {name: _plain(getattr(row, name)) for name in EDITABLE_CUSTOMER_FIELDS}

    def update_customer(self, customer_id: str, values: dict[str, Any], *, at: datetime) -> None:
        row = self._session.get_one(CachedCustomer, customer_id)
        for name, value in values.items():
            setattr(row, name, value)
        # The derived search columns follow the fields they are made from.
        row.name_fold = row.full_name.casefold()
        row.emails_fold = " ".join(row.emails).casefold()
        row.phone_digits = phone_digits_column(row.phones)
        row.updated_at = max(at, row.created_at)

    def add_customer(self, new: CustomerCreate) -> None:
        public = CustomerPublic(
            **new.model_dump(exclude={"customer_id", "created_at"}),
            id=new.customer_id,
            created_at=new.created_at,
            updated_at=new.created_at,
            seq=0,  # not from the server yet; the pull replaces the row
        )
        # Through the ORM, so the search index's after-flush listener indexes it at once.
        self._session.add(CachedCustomer(**customer_row(public)))

    def account_holder(self, account_number: str) -> str | None:
        return self._holder(CachedCustomer.account_number == account_number)

    def card_holder(self, card: str) -> str | None:
        return self._holder(CachedCustomer.loyalty_card == card)

    def _holder(self, condition: Any) -> str | None:
        row = self._session.scalars(select(CachedCustomer).where(condition).limit(1)).first()
        return None if row is None else f"{row.display_name} ({row.account_number})"

    def add_interaction(self, interaction: Interaction) -> None:
        self._session.add(
            CachedInteraction(
                id=interaction.id,
                customer_id=interaction.customer_id,
                channel=interaction.channel.value,
                occurred_at=interaction.occurred_at,
                reason=interaction.reason,
                agent=interaction.agent,
                notes=interaction.notes,
                outcome=interaction.outcome,
                follow_up=interaction.follow_up,
                seq=0,
            )
        )


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def interaction_row(interaction: InteractionPublic) -> dict[str, Any]:
    """A pulled interaction as a cache row (it replaces the desk's own copy: seq > 0)."""
    return {
        "id": interaction.id,
        "customer_id": interaction.customer_id,
        "channel": interaction.channel,
        "occurred_at": interaction.occurred_at,
        "reason": interaction.reason,
        "agent": interaction.agent,
        "notes": interaction.notes,
        "outcome": interaction.outcome,
        "follow_up": interaction.follow_up,
        "seq": interaction.seq,
    }


def apply_pulled_interactions(session: Session, interactions: list[InteractionPublic]) -> None:
    """Upsert pulled interactions; a row never goes back to an older version."""
    if not interactions:
        return
    table = CachedInteraction.__table__
    stmt = insert(table)
    updates = {
        name: stmt.excluded[name] for name in interaction_row(interactions[0]) if name != "id"
    }
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["id"], set_=updates, where=stmt.excluded.seq >= table.c.seq
        ),
        [interaction_row(i) for i in interactions],
    )
