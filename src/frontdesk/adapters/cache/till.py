"""The till's tables in the cache: shifts, transactions, journal, register counters.

Transactions and journal entries are append-only: SQLite triggers (revision 0006_till)
abort any UPDATE or DELETE of them, so a refund or void can only ever be a new row.
Printed copies are counted in their own table for that reason.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import Any, Self

from sqlalchemy import JSON, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.outbox import OutboxRow
from frontdesk.adapters.cache.supervisors import SqlAlchemySupervisorVerifiers
from frontdesk.adapters.cache.tables import Base
from frontdesk.adapters.cache.till_basket import SqlAlchemyBasketStore
from frontdesk.adapters.cache.till_lines import (
    return_lines,
    return_lines_json,
    sale_lines,
    sale_lines_json,
)
from frontdesk.adapters.cache.till_pull import PulledTillQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.discounts import Discount, DiscountKind
from frontdesk.domain.money import Money
from frontdesk.domain.till import JournalEntry, Tender, TenderLine, canonical
from frontdesk.services.outbox import SENT
from frontdesk.services.till.ports import (
    AbstractTillStore,
    Approval,
    RegisterCounters,
    ShiftRecord,
    TillTransaction,
    TillUnitOfWork,
)


class TillShiftRow(Base):
    __tablename__ = "till_shifts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    register: Mapped[str] = mapped_column(String(20), index=True)
    cashier: Mapped[str] = mapped_column(String(100))
    currency: Mapped[str] = mapped_column(String(3))
    float_minor: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]
    counted_minor: Mapped[int | None] = mapped_column(Integer)
    over_short_minor: Mapped[int | None] = mapped_column(Integer)
    override_by: Mapped[str | None] = mapped_column(String(100))


class TillTransactionRow(Base):
    __tablename__ = "till_transactions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    register: Mapped[str] = mapped_column(String(20))
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    shift_id: Mapped[str] = mapped_column(String(36), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(Integer)
    change_minor: Mapped[int] = mapped_column(Integer)
    tenders: Mapped[list[Any]] = mapped_column(JSON)
    occurred_at: Mapped[datetime]
    cashier: Mapped[str] = mapped_column(String(100))
    customer_id: Mapped[str | None] = mapped_column(String(36))
    purpose: Mapped[str] = mapped_column(String(10))
    links_to: Mapped[str | None] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(100))
    # Revision 0012_till_approve:
    discount_kind: Mapped[str | None] = mapped_column(String(10))
    discount_value: Mapped[str | None] = mapped_column(String(40))
    discount_minor: Mapped[int | None] = mapped_column(Integer)
    approval_method: Mapped[str | None] = mapped_column(String(10))
    approved_at: Mapped[datetime | None]
    # Revision 0030_baskets: a payment's sale lines, or a refund's returned lines.
    lines: Mapped[list[Any] | None] = mapped_column(JSON)


class TillPrintRow(Base):
    __tablename__ = "till_prints"
    tx_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    copies: Mapped[int] = mapped_column(Integer)


class TillJournalRow(Base):
    """One link of the register's chain; ``content`` is the entry's canonical JSON."""

    __tablename__ = "till_journal"
    register: Mapped[str] = mapped_column(String(20), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    shift_id: Mapped[str] = mapped_column(String(36), index=True)
    content: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class TillCounterRow(Base):
    __tablename__ = "till_counters"
    register: Mapped[str] = mapped_column(String(20), primary_key=True)
    receipt_seq: Mapped[int] = mapped_column(Integer)
    journal_seq: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str | None] = mapped_column(String(64))


class SqlAlchemyTillStore(PulledTillQueries, AbstractTillStore):
    def __init__(self, session: Session) -> None:
        self._session = session

    def counters(self, register: str) -> RegisterCounters:
        row = self._session.get(TillCounterRow, register)
        if row is None:
            return RegisterCounters(register, 0, 0, None)
        return RegisterCounters(register, row.receipt_seq, row.journal_seq, row.head_hash)

    def save_counters(self, counters: RegisterCounters) -> None:
        self._session.merge(
            TillCounterRow(
                register=counters.register,
                receipt_seq=counters.receipt_seq,
                journal_seq=counters.journal_seq,
                head_hash=counters.head_hash,
            )
        )
        self._session.flush()

    def open_shift(self, register: str) -> ShiftRecord | None:
        query = select(TillShiftRow).where(
            TillShiftRow.register == register, TillShiftRow.closed_at.is_(None)
        )
        row = self._session.scalars(query).first()
        return _shift(row) if row else None

    def shift(self, shift_id: str) -> ShiftRecord | None:
        row = self._session.get(TillShiftRow, shift_id)
        return _shift(row) if row else None

    def last_shift(self, register: str) -> ShiftRecord | None:
        query = select(TillShiftRow).where(TillShiftRow.register == register)
        row = self._session.scalars(query.order_by(TillShiftRow.opened_at.desc())).first()
        return _shift(row) if row else None

    def add_shift(self, shift: ShiftRecord) -> None:
        self._session.add(
            TillShiftRow(
                id=shift.id,
                register=shift.register,
                cashier=shift.cashier,
                currency=shift.opening_float.currency.code,
                float_minor=shift.opening_float.minor,
                opened_at=shift.opened_at,
            )
        )
        self._session.flush()

    def close_shift(self, shift: ShiftRecord) -> None:
        assert shift.counted is not None and shift.over_short is not None
        row = self._session.get_one(TillShiftRow, shift.id)
        row.closed_at, row.counted_minor = shift.closed_at, shift.counted.minor
        row.over_short_minor, row.override_by = shift.over_short.minor, shift.override_by
        self._session.flush()

    def add_transaction(self, tx: TillTransaction) -> None:
        self._session.add(_tx_row(tx))
        self._session.flush()

    def transaction(self, id_or_receipt: str) -> TillTransaction | None:
        row = self._session.get(TillTransactionRow, id_or_receipt)
        if row is None:
            query = select(TillTransactionRow).where(TillTransactionRow.receipt_no == id_or_receipt)
            row = self._session.scalars(query).first()
        return self._tx(row) if row else None

    def linked(self, payment_id: str) -> list[TillTransaction]:
        query = select(TillTransactionRow).where(TillTransactionRow.links_to == payment_id)
        return [self._tx(row) for row in self._session.scalars(query)]

    def count_copy(self, tx_id: str) -> int:
        row = self._session.get(TillPrintRow, tx_id)
        if row is None:
            self._session.add(TillPrintRow(tx_id=tx_id, copies=1))
            return 0
        row.copies += 1
        return row.copies - 1

    def add_entry(self, entry: JournalEntry, *, shift_id: str) -> None:
        self._session.add(
            TillJournalRow(
                register=entry.register,
                seq=entry.seq,
                key=entry.key,
                shift_id=shift_id,
                content=canonical(entry.content()),
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )
        self._session.flush()

    def entries(self, *, shift_id: str) -> list[JournalEntry]:
        query = select(TillJournalRow).where(TillJournalRow.shift_id == shift_id)
        return [_entry(row) for row in self._session.scalars(query.order_by(TillJournalRow.seq))]

    def unsynced(self, *, shift_id: str) -> int:
        keys = select(TillJournalRow.key).where(TillJournalRow.shift_id == shift_id)
        query = select(func.count()).where(OutboxRow.key.in_(keys), OutboxRow.state != SENT)
        return int(self._session.scalar(query) or 0)

    def registers(self) -> set[str]:
        own = select(TillCounterRow.register).union(select(TillTransactionRow.register))
        return set(self._session.scalars(own)) | self.pulled_registers()

    def _tx(self, row: TillTransactionRow) -> TillTransaction:
        prints = self._session.get(TillPrintRow, row.id)
        return _tx(row, copies=prints.copies if prints else 0)


def _shift(row: TillShiftRow) -> ShiftRecord:
    def money(minor: int | None) -> Money | None:
        return None if minor is None else Money.from_minor(minor, row.currency)

    return ShiftRecord(
        id=row.id,
        register=row.register,
        cashier=row.cashier,
        opening_float=Money.from_minor(row.float_minor, row.currency),
        opened_at=row.opened_at,
        closed_at=row.closed_at,
        counted=money(row.counted_minor),
        over_short=money(row.over_short_minor),
        override_by=row.override_by,
    )


def _tx_row(tx: TillTransaction) -> TillTransactionRow:
    return TillTransactionRow(
        id=tx.id,
        kind=tx.kind,
        register=tx.register,
        receipt_no=tx.receipt_no,
        shift_id=tx.shift_id,
        currency=tx.amount.currency.code,
        amount_minor=tx.amount.minor,
        change_minor=tx.change.minor,
        tenders=[{"tender": t.tender.value, "minor": t.amount.minor} for t in tx.tenders],
        occurred_at=tx.occurred_at,
        cashier=tx.cashier,
        customer_id=tx.customer_id,
        purpose=tx.purpose,
        links_to=tx.links_to,
        reason=tx.reason,
        approved_by=tx.approved_by,
        **_discount_columns(tx.discount),
        approval_method=tx.approval.method if tx.approval else None,
        approved_at=tx.approval.at if tx.approval else None,
        lines=_lines_json(tx),
    )


def _lines_json(tx: TillTransaction) -> list[Any] | None:
    if tx.lines:
        return sale_lines_json(tx.lines)
    return return_lines_json(tx.returned) if tx.returned else None


def _discount_columns(discount: Discount | None) -> dict[str, Any]:
    if discount is None:
        return {}
    return {
        "discount_kind": discount.kind.value,
        "discount_value": str(discount.value),
        "discount_minor": discount.amount.minor,
    }


def _discount(row: TillTransactionRow) -> Discount | None:
    if row.discount_kind is None or row.discount_minor is None:
        return None
    amount = Money.from_minor(row.discount_minor, row.currency)
    return Discount(DiscountKind(row.discount_kind), Decimal(row.discount_value or "0"), amount)


def _approval(row: TillTransactionRow) -> Approval | None:
    if row.approved_by is None or row.approval_method is None or row.approved_at is None:
        return None
    return Approval(row.approved_by, row.approval_method, row.approved_at)


def _tx(row: TillTransactionRow, *, copies: int) -> TillTransaction:
    cur = row.currency
    return TillTransaction(
        id=row.id,
        kind=row.kind,
        register=row.register,
        receipt_no=row.receipt_no,
        shift_id=row.shift_id,
        amount=Money.from_minor(row.amount_minor, cur),
        tenders=tuple(
            TenderLine(Tender(t["tender"]), Money.from_minor(t["minor"], cur)) for t in row.tenders
        ),
        change=Money.from_minor(row.change_minor, cur),
        occurred_at=row.occurred_at,
        cashier=row.cashier,
        customer_id=row.customer_id,
        purpose=row.purpose,
        links_to=row.links_to,
        reason=row.reason,
        approved_by=row.approved_by,
        copies=copies,
        discount=_discount(row),
        approval=_approval(row),
        lines=sale_lines(row.lines, cur) if row.kind == "payment" else (),
        returned=return_lines(row.lines, cur) if row.kind == "refund" else (),
    )


def _entry(row: TillJournalRow) -> JournalEntry:
    content = json.loads(row.content)
    return JournalEntry(**content, prev_hash=row.prev_hash, hash=row.hash)


class SqlAlchemyTillUnitOfWork(SqlAlchemyUnitOfWork, TillUnitOfWork):
    """The cache's unit of work with the till's tables in the same transaction."""

    def __enter__(self) -> Self:
        entered = super().__enter__()
        assert self._session is not None
        self.till = SqlAlchemyTillStore(self._session)
        self.supervisors = SqlAlchemySupervisorVerifiers(self._session)
        self.baskets = SqlAlchemyBasketStore(self._session)
        return entered


def till_unit_of_work(uow: SqlAlchemyUnitOfWork) -> SqlAlchemyTillUnitOfWork:
    """The till's unit of work on the same cache as ``uow``."""
    return SqlAlchemyTillUnitOfWork(uow._session_factory)
