"""``SqlAlchemyCustomerQueries``: what the screens and the CLI read from the cache.

Search is deliberately simple here: exact account number, loyalty card or phone first; then
account-number prefixes, then case-insensitive substrings of name, phone digits and e-mail;
the lookup engine (full-text, fuzzy) replaces ``search`` alone, behind the same method.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache.tables import (
    CachedCustomer,
    CachedPurchase,
    CachedPurchaseLine,
    SyncStateRow,
)
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import (
    CustomerMatch,
    CustomerProfile,
    PurchaseLineRow,
    PurchaseRow,
    SyncStatus,
)

_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-]+$")
_NON_DIGITS = re.compile(r"\D")
MIN_PHONE_EXACT = 5
MIN_PHONE_PART = 3


def like_pattern(text: str) -> str:
    """``%text%`` for ``LIKE ... ESCAPE '\\'``, with the user's ``\\ % _`` taken literally."""
    return f"%{_escape(text)}%"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True, slots=True)
class _Hit:
    customer: CachedCustomer
    field: str


class SqlAlchemyCustomerQueries(AbstractCustomerQueries):
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def search(self, query: str, *, limit: int = 20) -> list[CustomerMatch]:
        text = query.strip()
        if not text or limit < 1:
            return []
        with self._sessions() as session:
            hits = _exact_hits(session, text) + _substring_hits(session, text, limit)
        return [_match(hit, text) for hit in _unique(hits)[:limit]]

    def profile(self, customer_id: str) -> CustomerProfile | None:
        with self._sessions() as session:
            customer = session.get(CachedCustomer, customer_id)
            if customer is None:
                return None
            return _profile(session, customer)

    def purchases(self, customer_id: str) -> list[PurchaseRow]:
        items = (
            select(CachedPurchaseLine.purchase_id, func.sum(func.abs(CachedPurchaseLine.quantity)))
            .group_by(CachedPurchaseLine.purchase_id)
            .subquery()
        )
        stmt = (
            select(CachedPurchase, func.coalesce(items.c[1], 0))
            .outerjoin(items, items.c.purchase_id == CachedPurchase.id)
            .where(CachedPurchase.customer_id == customer_id)
            .order_by(CachedPurchase.purchased_at.desc(), CachedPurchase.number.desc())
        )
        with self._sessions() as session:
            return [_purchase_row(p, int(n)) for p, n in session.execute(stmt)]

    def purchase_lines(self, purchase_id: str) -> list[PurchaseLineRow]:
        with self._sessions() as session:
            purchase = session.get(CachedPurchase, purchase_id)
            if purchase is None:
                return []
            lines = session.scalars(
                select(CachedPurchaseLine)
                .where(CachedPurchaseLine.purchase_id == purchase_id)
                .order_by(CachedPurchaseLine.line_no)
            )
            return [_line_row(line, purchase.currency) for line in lines]

    def first_customer_id(self) -> str | None:
        stmt = (
            select(CachedPurchase.customer_id)
            .join(CachedCustomer, CachedCustomer.id == CachedPurchase.customer_id)
            .order_by(CachedPurchase.purchased_at.desc(), CachedPurchase.number.desc())
            .limit(1)
        )
        with self._sessions() as session:
            # Without purchases (a customer list import alone), the oldest customer will do.
            oldest = select(CachedCustomer.id).order_by(CachedCustomer.seq).limit(1)
            return session.scalar(stmt) or session.scalar(oldest)

    def sync_status(self) -> SyncStatus:
        with self._sessions() as session:
            state = session.get_one(SyncStateRow, 1)
            return SyncStatus(
                server_url=state.server_url,
                username=state.username,
                cursor=state.cursor,
                last_pull_at=state.last_pull_at,
                customers=session.scalar(select(func.count()).select_from(CachedCustomer)) or 0,
                purchases=session.scalar(select(func.count()).select_from(CachedPurchase)) or 0,
            )


# --- search ---------------------------------------------------------------------------


def _phone_digits(text: str) -> str:
    return _NON_DIGITS.sub("", text) if _PHONE_LIKE.match(text) else ""


def _exact_hits(session: Session, text: str) -> list[_Hit]:
    card = text.replace(" ", "")
    digits = _phone_digits(text)
    hits = _hits(session, CachedCustomer.account_number == text, "account_number")
    hits += _hits(session, CachedCustomer.loyalty_card == card, "loyalty_card")
    if len(digits) >= MIN_PHONE_EXACT:
        exact_phone = CachedCustomer.phone_digits.like(f"% {digits} %")
        hits += _hits(session, exact_phone, "phone")
    return hits


def _substring_hits(session: Session, text: str, limit: int) -> list[_Hit]:
    folded = text.casefold()
    digits = _phone_digits(text)
    account_prefix = CachedCustomer.account_number.like(f"{_escape(text)}%", escape="\\")
    shortest_first = func.length(CachedCustomer.account_number)
    hits = _hits(session, account_prefix, "account_number", order=shortest_first, limit=limit)
    name = CachedCustomer.name_fold
    earliest_first = func.instr(name, folded)
    hits += _hits(session, _contains(name, folded), "name", order=earliest_first, limit=limit)
    if len(digits) >= MIN_PHONE_PART:
        hits += _hits(session, _contains(CachedCustomer.phone_digits, digits), "phone", limit=limit)
    hits += _hits(session, _contains(CachedCustomer.emails_fold, folded), "email", limit=limit)
    return hits


def _contains(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    return column.like(like_pattern(text), escape="\\")


def _hits(
    session: Session,
    condition: ColumnElement[bool],
    field: str,
    *,
    order: ColumnElement[int] | None = None,
    limit: int = 20,
) -> list[_Hit]:
    stmt: Select[tuple[CachedCustomer]] = select(CachedCustomer).where(condition)
    if order is not None:
        stmt = stmt.order_by(order)
    stmt = stmt.order_by(CachedCustomer.full_name, CachedCustomer.account_number).limit(limit)
    return [_Hit(customer, field) for customer in session.scalars(stmt)]


def _unique(hits: list[_Hit]) -> list[_Hit]:
    seen: set[str] = set()
    unique = []
    for hit in hits:
        if hit.customer.id not in seen:
            seen.add(hit.customer.id)
            unique.append(hit)
    return unique


def _match(hit: _Hit, text: str) -> CustomerMatch:
    customer = hit.customer
    phone = _matching(customer.phones, lambda p: _phone_digits(text) in _NON_DIGITS.sub("", p))
    email = _matching(customer.emails, lambda e: text.casefold() in e.casefold())
    shown = {"name": customer.display_name, "email": email, "phone": phone}
    return CustomerMatch(
        id=customer.id,
        account_number=customer.account_number,
        display_name=customer.display_name,
        phone=phone,
        email=email,
        branch=customer.branch,
        matched_field=hit.field,
        span=_span(hit.field, shown.get(hit.field, customer.account_number), text),
    )


def _matching(values: list[str], wanted: object) -> str:
    """The first value ``wanted`` accepts, else the first value, else ''."""
    return next((v for v in values if wanted(v)), values[0] if values else "")  # type: ignore[operator]


def _span(field: str, shown: str, text: str) -> tuple[int, int] | None:
    if field == "account_number":  # an exact or a prefix match
        return (0, min(len(text), len(shown)))
    if field == "phone":
        return _phone_span(shown, _phone_digits(text))
    if field in ("name", "email"):
        return _text_span(shown, text)
    return None


def _text_span(shown: str, text: str) -> tuple[int, int] | None:
    lowered = shown.lower()
    if len(lowered) != len(shown):  # a case mapping changed the length: no exact span
        return None
    start = lowered.find(text.lower())
    return None if start < 0 else (start, start + len(text))


def _phone_span(shown: str, digits: str) -> tuple[int, int] | None:
    positions = [i for i, char in enumerate(shown) if char.isdigit()]
    start = "".join(shown[i] for i in positions).find(digits) if digits else -1
    if start < 0:
        return None
    return (positions[start], positions[start + len(digits) - 1] + 1)


# --- profile and purchases ------------------------------------------------------------


def _profile(session: Session, customer: CachedCustomer) -> CustomerProfile:
    mine = CachedPurchase.customer_id == customer.id
    spend = session.execute(
        select(CachedPurchase.currency, func.sum(CachedPurchase.total_minor))
        .where(mine)
        .group_by(CachedPurchase.currency)
        .order_by(CachedPurchase.currency)
    )
    count, first, last = session.execute(
        select(
            func.count().filter(CachedPurchase.is_return.is_(False)),
            func.min(CachedPurchase.purchased_at),
            func.max(CachedPurchase.purchased_at),
        ).where(mine)
    ).one()
    return CustomerProfile(
        id=customer.id,
        account_number=customer.account_number,
        display_name=customer.display_name,
        full_name=customer.full_name,
        phones=tuple(customer.phones),
        emails=tuple(customer.emails),
        loyalty_card=customer.loyalty_card,
        branch=customer.branch,
        notes=customer.notes,
        created_at=customer.created_at,
        updated_at=customer.updated_at,
        purchase_count=int(count),
        lifetime_spend=tuple(Money.from_minor(int(total), cur) for cur, total in spend),
        first_purchase=first,
        last_purchase=last,
    )


def _purchase_row(purchase: CachedPurchase, items: int) -> PurchaseRow:
    return PurchaseRow(
        id=purchase.id,
        number=purchase.number,
        purchased_at=purchase.purchased_at,
        branch=purchase.branch,
        is_return=purchase.is_return,
        original_number=purchase.original_number,
        item_count=items,
        total=Money.from_minor(purchase.total_minor, purchase.currency),
    )


def _line_row(line: CachedPurchaseLine, currency: str) -> PurchaseLineRow:
    return PurchaseLineRow(
        line_no=line.line_no,
        sku=line.sku,
        description=line.description,
        quantity=line.quantity,
        unit_price=UnitPrice.from_scaled(line.unit_price_scaled, currency),
        total=Money.from_minor(line.line_total_minor, currency),
    )
