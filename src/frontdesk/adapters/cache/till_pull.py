"""Till transactions of the branch's other tills, pulled from the server (``till_pulled``).

The feed carries records, not journal links: they land in their own table, never in this
till's append-only ``till_transactions`` or its journal. Rows never change on the server,
so a row pulled twice is kept once.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, Integer, String, Text, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.outbox import OutboxRow
from frontdesk.adapters.cache.tables import Base
from frontdesk.adapters.cache.till_lines import (
    return_lines,
    return_lines_json,
    sale_lines,
    sale_lines_json,
    wire_return_lines,
    wire_sale_lines,
)
from frontdesk.domain.money import Money
from frontdesk.domain.till import Tender, TenderLine
from frontdesk.protocol import TillTransactionPublic
from frontdesk.services.till.ports import PulledTransaction, TillTransaction


class TillPulledRow(Base):
    __tablename__ = "till_pulled"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    register: Mapped[str] = mapped_column(String(20))
    receipt_no: Mapped[str] = mapped_column(String(40), index=True)
    links_to: Mapped[str | None] = mapped_column(String(36), index=True)
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(Integer)
    change_minor: Mapped[int] = mapped_column(Integer)
    tenders: Mapped[list[Any]] = mapped_column(JSON)
    customer_id: Mapped[str | None] = mapped_column(String(36))
    purpose: Mapped[str] = mapped_column(String(10))
    cashier: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime]
    accepted: Mapped[bool] = mapped_column(Boolean)
    declined_reason: Mapped[str | None] = mapped_column(Text)
    seq: Mapped[int] = mapped_column(Integer)
    # Revision 0030_baskets: a payment's lines, a refund's returned lines.
    lines: Mapped[list[Any] | None] = mapped_column(JSON)
    returned: Mapped[list[Any] | None] = mapped_column(JSON)


def apply_pulled_till(session: Session, transactions: list[TillTransactionPublic]) -> None:
    """Keep each pulled transaction once (a repeated page adds nothing)."""
    if not transactions:
        return
    rows = [_row(tx) for tx in transactions]
    session.execute(insert(TillPulledRow.__table__).on_conflict_do_nothing(), rows)


def _row(tx: TillTransactionPublic) -> dict[str, Any]:
    def minor(text: str) -> int:
        return Money.of(Decimal(text), tx.currency).minor

    return {
        "id": tx.id, "kind": tx.kind, "register": tx.register_code, "receipt_no": tx.receipt_no,
        "links_to": tx.links_to, "currency": tx.currency, "amount_minor": minor(tx.amount),
        "change_minor": minor(tx.change),
        "tenders": [{"tender": t.tender, "minor": minor(t.amount)} for t in tx.tenders],
        "customer_id": tx.customer_id, "purpose": tx.purpose, "cashier": tx.cashier,
        "occurred_at": tx.occurred_at, "accepted": tx.accepted,
        "declined_reason": tx.declined_reason, "seq": tx.seq,
        "lines": sale_lines_json(wire_sale_lines(tx.lines, tx.currency)) or None,
        "returned": return_lines_json(wire_return_lines(tx.returned, tx.currency)) or None,
    }  # fmt: skip


class PulledTillQueries:
    """The till store's reads of the pulled feed and of the server's push results."""

    _session: Session

    def pulled(self, id_or_receipt: str) -> PulledTransaction | None:
        row = self._session.get(TillPulledRow, id_or_receipt)
        if row is None:
            by_receipt = select(TillPulledRow).where(TillPulledRow.receipt_no == id_or_receipt)
            row = self._session.scalars(by_receipt).first()
        return _pulled(row) if row else None

    def pulled_linked(self, payment_id: str) -> list[PulledTransaction]:
        query = select(TillPulledRow).where(TillPulledRow.links_to == payment_id)
        return [_pulled(row) for row in self._session.scalars(query)]

    def pulled_registers(self) -> set[str]:
        return set(self._session.scalars(select(TillPulledRow.register).distinct()))

    def declined(self, tx_ids: list[str]) -> dict[str, str]:
        """From this desk's own push results first, then from the pulled feed."""
        if not tx_ids:
            return {}
        pulled = select(TillPulledRow.id, TillPulledRow.declined_reason).where(
            TillPulledRow.id.in_(tx_ids), TillPulledRow.accepted.is_(False)
        )
        found = {id_: reason or "" for id_, reason in self._session.execute(pulled)}
        results = select(OutboxRow.key, OutboxRow.result).where(OutboxRow.key.in_(tx_ids))
        for key, result in self._session.execute(results):
            if result and result.get("accepted") is False:
                found[key] = str(result.get("reason", ""))
        return found


def _pulled(row: TillPulledRow) -> PulledTransaction:
    cur = row.currency
    tx = TillTransaction(
        id=row.id, kind=row.kind, register=row.register, receipt_no=row.receipt_no,
        shift_id="", amount=Money.from_minor(row.amount_minor, cur),
        tenders=tuple(
            TenderLine(Tender(t["tender"]), Money.from_minor(t["minor"], cur)) for t in row.tenders
        ),
        change=Money.from_minor(row.change_minor, cur), occurred_at=row.occurred_at,
        cashier=row.cashier, customer_id=row.customer_id, purpose=row.purpose,
        links_to=row.links_to, lines=sale_lines(row.lines, cur),
        returned=return_lines(row.returned, cur),
    )  # fmt: skip
    return PulledTransaction(tx, row.accepted, row.declined_reason)
