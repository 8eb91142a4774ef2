"""The pull side of sync: changes after a cursor, in change-sequence order, in pages.

Each replicated row carries its own change-sequence number (``allocate_seq`` hands every
changed row a distinct one). A page takes the ``limit`` smallest numbers above the cursor
across customers, products and purchases, so every change up to the new cursor is in it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from frontdesk.domain.money import Currency, Money, UnitPrice
from frontdesk.protocol import (
    CrossSellModelPublic,
    CustomerPublic,
    InteractionPublic,
    ProductPublic,
    PullPage,
    PurchaseLinePublic,
    PurchasePublic,
)
from frontdesk.server.models import (
    CrossSellModelRow,
    Customer,
    Interaction,
    Product,
    Purchase,
    PurchaseLine,
)

_Row = Customer | Product | Purchase | Interaction


def pull_page(session: Session, *, cursor: int, limit: int) -> PullPage:
    """Up to ``limit`` changes with sequence number above ``cursor``."""
    if cursor < 0 or limit < 1:
        raise ValueError(f"cursor must be >= 0 and limit >= 1 (got {cursor}, {limit})")
    # One row past the limit from each table tells whether anything is left.
    customers = _changed(session, Customer, cursor=cursor, limit=limit + 1)
    products = _changed(session, Product, cursor=cursor, limit=limit + 1)
    purchases = _changed(session, Purchase, cursor=cursor, limit=limit + 1)
    model_seq = _newest_model_seq(session, cursor=cursor)
    interactions = _changed(session, Interaction, cursor=cursor, limit=limit + 1)
    fetched = sorted(row.change_seq for row in (*customers, *products, *purchases, *interactions))
    fetched = sorted([*fetched, model_seq]) if model_seq is not None else fetched
    if not fetched:
        return PullPage(cursor=cursor, has_more=False)
    new_cursor = fetched[min(limit, len(fetched)) - 1]
    return PullPage(
        cursor=new_cursor,
        has_more=len(fetched) > limit,
        customers=[customer_public(c) for c in customers if c.change_seq <= new_cursor],
        products=[product_public(p) for p in products if p.change_seq <= new_cursor],
        purchases=[purchase_public(p) for p in purchases if p.change_seq <= new_cursor],
        interactions=[interaction_public(i) for i in interactions if i.change_seq <= new_cursor],
        crosssell_model=_model_public(session, model_seq, new_cursor=new_cursor),
    )


def _newest_model_seq(session: Session, *, cursor: int) -> int | None:
    """The newest cross-sell model's seq if it is after ``cursor``: older ones never ship."""
    newest = (
        select(CrossSellModelRow.change_seq).order_by(CrossSellModelRow.version.desc()).limit(1)
    )
    seq = session.scalar(newest)
    return seq if seq is not None and seq > cursor else None


def _model_public(
    session: Session, seq: int | None, *, new_cursor: int
) -> CrossSellModelPublic | None:
    if seq is None or seq > new_cursor:
        return None
    row = session.scalars(
        select(CrossSellModelRow).where(CrossSellModelRow.change_seq == seq)
    ).one()
    return CrossSellModelPublic(
        version=row.version,
        trained_at=row.trained_at,
        blob=base64.b64encode(row.blob).decode("ascii"),
        seq=row.change_seq,
    )


def _changed(session: Session, model: type[_Row], *, cursor: int, limit: int) -> Sequence[_Row]:
    query = select(model).where(model.change_seq > cursor).order_by(model.change_seq).limit(limit)
    if model is Purchase:
        query = query.options(selectinload(Purchase.lines))
    return session.scalars(query).all()


def customer_public(row: Customer) -> CustomerPublic:
    return CustomerPublic(
        id=row.id,
        account_number=row.account_number,
        full_name=row.full_name,
        phones=list(row.phones),
        emails=list(row.emails),
        loyalty_card=row.loyalty_card,
        branch=row.branch,
        notes=row.notes,
        created_at=row.created_at,
        updated_at=row.updated_at,
        seq=row.change_seq,
    )


def interaction_public(row: Interaction) -> InteractionPublic:
    return InteractionPublic(
        id=row.id,
        customer_id=row.customer_id,
        channel=row.channel,  # type: ignore[arg-type]
        occurred_at=row.occurred_at,
        reason=row.reason,
        agent=row.agent,
        notes=row.notes,
        outcome=row.outcome,
        follow_up=row.follow_up,
        seq=row.change_seq,
    )


def product_public(row: Product) -> ProductPublic:
    return ProductPublic(
        sku=row.sku,
        name=row.name,
        category=row.category,
        unit_price=price_text(row.unit_price_scaled, row.currency),
        currency=row.currency,
        seq=row.change_seq,
    )


def purchase_public(row: Purchase) -> PurchasePublic:
    return PurchasePublic(
        id=row.id,
        number=row.number,
        customer_id=row.customer_id,
        purchased_at=row.purchased_at,
        branch=row.branch,
        currency=row.currency,
        is_return=row.is_return,
        original_number=row.original_number,
        total=money_text(row.total_minor, row.currency),
        lines=[_line_public(line, row.currency) for line in row.lines],
        seq=row.change_seq,
    )


def _line_public(line: PurchaseLine, currency: str) -> PurchaseLinePublic:
    return PurchaseLinePublic(
        line_no=line.line_no,
        sku=line.sku,
        description=line.description,
        quantity=line.quantity,
        unit_price=price_text(line.unit_price_scaled, currency),
        line_total=money_text(line.line_total_minor, currency),
    )


def money_text(minor: int, currency: str) -> str:
    """Stored minor units as a decimal string with the currency's digits: 1234 GBP -> '12.34'."""
    return f"{Money.from_minor(minor, currency).amount:f}"


def price_text(scaled: int, currency: str) -> str:
    """A stored unit price as a decimal string: trailing zeros past the minor unit dropped."""
    price = UnitPrice.from_scaled(scaled, currency)
    quantum = Currency.of(currency).quantum
    amount = price.amount.normalize()
    if amount.as_tuple().exponent > quantum.as_tuple().exponent:
        amount = amount.quantize(quantum)
    return f"{amount:f}"
