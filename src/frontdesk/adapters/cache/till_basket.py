"""The till's baskets in the cache (revision 0030_baskets): each register's open basket and
its held ones, with their lines. A change writes only what changed since the caller read
the basket (a scan: one line, and the header if it moved), in the caller's transaction.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, Integer, String, delete, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontdesk.adapters.cache.tables import Base
from frontdesk.domain.discounts import DiscountKind, DiscountOffer
from frontdesk.domain.money import UnitPrice
from frontdesk.services.till.ports import (
    AbstractBasketStore,
    Approval,
    StoredBasket,
    StoredBasketLine,
)


class TillBasketRow(Base):
    __tablename__ = "till_baskets"
    __table_args__ = (
        # One open basket per register (a held one has ``held_at``).
        Index(
            "ux_till_baskets_open", "register", unique=True, sqlite_where=text("held_at IS NULL")
        ),
        Index("ix_till_baskets_held", "register", "held_at"),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    register: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    customer_id: Mapped[str | None] = mapped_column(String(36))
    discount_kind: Mapped[str | None] = mapped_column(String(10))
    discount_value: Mapped[str | None] = mapped_column(String(40))
    approval: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    held_name: Mapped[str] = mapped_column(String(100), default="")
    held_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class TillBasketLineRow(Base):
    __tablename__ = "till_basket_lines"
    basket_id: Mapped[str] = mapped_column(
        String(36), ForeignKey("till_baskets.id", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(10))
    quantity: Mapped[str] = mapped_column(String(16))
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    discount_kind: Mapped[str | None] = mapped_column(String(10))
    discount_value: Mapped[str | None] = mapped_column(String(40))
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class SqlAlchemyBasketStore(AbstractBasketStore):
    def __init__(self, session: Session) -> None:
        self._session = session

    def open_basket(self, register: str) -> StoredBasket | None:
        query = select(TillBasketRow).where(
            TillBasketRow.register == register, TillBasketRow.held_at.is_(None)
        )
        row = self._session.scalars(query).first()
        return self._basket(row) if row else None

    def basket(self, basket_id: str) -> StoredBasket | None:
        row = self._session.get(TillBasketRow, basket_id)
        return self._basket(row) if row else None

    def held(self, register: str) -> list[StoredBasket]:
        query = select(TillBasketRow).where(
            TillBasketRow.register == register, TillBasketRow.held_at.is_not(None)
        )
        rows = self._session.scalars(query.order_by(TillBasketRow.held_at, TillBasketRow.id))
        return [self._basket(row) for row in rows]

    def save(self, basket: StoredBasket, *, before: StoredBasket | None = None) -> None:
        if before is None or before.id != basket.id:
            before = self.basket(basket.id)
        if before is None or _header(before) != _header(basket):
            self._session.merge(_row(basket))
            self._session.flush()
        old = {line.line_no: line for line in before.lines} if before else {}
        new = {line.line_no: line for line in basket.lines}
        gone = [n for n in old if n not in new]
        if gone:
            self._session.execute(delete(_LINES).where(
                _LINES.c.basket_id == basket.id, _LINES.c.line_no.in_(gone)))  # fmt: skip
        changed = [_line_values(basket.id, line) for n, line in new.items() if old.get(n) != line]
        if changed:
            # A scan changes one line of up to 500: write that one, not the basket.
            upsert = sqlite_insert(_LINES)
            columns = {c: upsert.excluded[c] for c in _LINE_COLUMNS}
            self._session.execute(upsert.on_conflict_do_update(
                index_elements=["basket_id", "line_no"], set_=columns), changed)  # fmt: skip

    def delete(self, basket_id: str) -> None:
        self._session.execute(delete(TillBasketLineRow).where(
            TillBasketLineRow.basket_id == basket_id))  # fmt: skip
        self._session.execute(delete(TillBasketRow).where(TillBasketRow.id == basket_id))

    def _basket(self, row: TillBasketRow) -> StoredBasket:
        # Plain rows, not ORM objects: a big basket is read on every scan.
        query = select(_LINES).where(_LINES.c.basket_id == row.id).order_by(_LINES.c.line_no)
        lines = self._session.execute(query).all()
        return StoredBasket(
            id=row.id, register=row.register, currency=row.currency, created_at=row.created_at,
            lines=tuple(_line(line, row.currency) for line in lines),
            customer_id=row.customer_id, discount=_offer(row.discount_kind, row.discount_value),
            approval=_approval(row.approval), held_name=row.held_name or "", held_at=row.held_at,
        )  # fmt: skip


def _row(basket: StoredBasket) -> TillBasketRow:
    offer = basket.discount
    return TillBasketRow(
        id=basket.id, register=basket.register, currency=basket.currency,
        customer_id=basket.customer_id,
        discount_kind=offer.kind.value if offer else None,
        discount_value=str(offer.value) if offer else None,
        approval=_approval_json(basket.approval), held_name=basket.held_name,
        held_at=basket.held_at, created_at=basket.created_at,
    )  # fmt: skip


_LINES = TillBasketLineRow.__table__
_LINE_COLUMNS = [c.name for c in _LINES.columns if not c.primary_key]


def _header(basket: StoredBasket) -> StoredBasket:
    return replace(basket, lines=())


def _line_values(basket_id: str, line: StoredBasketLine) -> dict[str, Any]:
    offer = line.offer
    return {
        "basket_id": basket_id, "line_no": line.line_no, "sku": line.sku,
        "description": line.description, "unit": line.unit, "quantity": str(line.quantity),
        "unit_price_scaled": line.unit_price.scaled,
        "discount_kind": offer.kind.value if offer else None,
        "discount_value": str(offer.value) if offer else None,
        "discount_minor": line.discount_minor,
    }  # fmt: skip


def _line(row: Any, currency: str) -> StoredBasketLine:
    return StoredBasketLine(
        line_no=row.line_no, sku=row.sku, description=row.description, unit=row.unit,
        quantity=Decimal(row.quantity),
        unit_price=UnitPrice.from_scaled(row.unit_price_scaled, currency),
        offer=_offer(row.discount_kind, row.discount_value), discount_minor=row.discount_minor,
    )  # fmt: skip


def _offer(kind: str | None, value: str | None) -> DiscountOffer | None:
    if kind is None or value is None:
        return None
    return DiscountOffer(DiscountKind(kind), Decimal(value))


def _approval_json(approval: Approval | None) -> dict[str, Any] | None:
    if approval is None:
        return None
    return {"supervisor": approval.supervisor, "method": approval.method,
            "at": approval.at.isoformat(), "token": approval.token}  # fmt: skip


def _approval(stored: dict[str, Any] | None) -> Approval | None:
    if not stored:
        return None
    at = datetime.fromisoformat(stored["at"])
    return Approval(stored["supervisor"], stored["method"], at, stored.get("token"))
