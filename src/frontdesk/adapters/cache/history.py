"""The purchase history in SQL: ids filtered and sorted by the cache, rows fetched by id in
blocks, totals and monthly spend aggregated by the cache (never by walking every row).

Dates are UTC days: ``since`` from its midnight, ``until`` to the next midnight.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.orm import Session

from frontdesk.adapters.cache.tables import CachedProduct, CachedPurchase, CachedPurchaseLine
from frontdesk.domain.money import Money
from frontdesk.services.queries import HISTORY_SORTS, HistoryFilter, HistoryTotals, MonthSpend

#: SQLite limits bound parameters per statement; blocks of ids stay well under it.
_ID_CHUNK = 500


def conditions(customer_id: str, where: HistoryFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [CachedPurchase.customer_id == customer_id]
    if where.since is not None:
        found.append(CachedPurchase.purchased_at >= _midnight(where.since))
    if where.until is not None:
        found.append(CachedPurchase.purchased_at < _midnight(where.until + timedelta(days=1)))
    if where.product.strip():
        found.append(_has_line(_product_matches(where.product.strip().casefold())))
    if where.category:
        found.append(_has_line(CachedProduct.category == where.category))
    return found


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _product_matches(needle: str) -> ColumnElement[bool]:
    like = f"%{needle.replace('%', '').replace('_', '')}%"
    return or_(
        func.lower(CachedPurchaseLine.sku) == needle,
        func.lower(CachedPurchaseLine.description).like(like),
        func.lower(CachedProduct.name).like(like),
    )


def _has_line(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    lines = (
        select(CachedPurchaseLine.purchase_id)
        .outerjoin(CachedProduct, CachedProduct.sku == CachedPurchaseLine.sku)
        .where(CachedPurchaseLine.purchase_id == CachedPurchase.id, condition)
    )
    return exists(lines)


def purchase_ids(
    session: Session, customer_id: str, *, where: HistoryFilter, sort: str, descending: bool
) -> list[str]:
    if sort not in HISTORY_SORTS:
        raise ValueError(f"cannot sort the history by {sort!r} (one of {', '.join(HISTORY_SORTS)})")
    keys = _sort_columns(sort)
    stmt = (
        select(CachedPurchase.id)
        .where(*conditions(customer_id, where))
        .order_by(*(key.desc() if descending else key.asc() for key in keys))
    )
    return list(session.scalars(stmt))


def _sort_columns(sort: str) -> list[Any]:
    # Ties break by date and id, so the order is the same on every run.
    tail = [CachedPurchase.purchased_at, CachedPurchase.id]
    columns = {
        "date": [],
        "number": [func.length(CachedPurchase.number), CachedPurchase.number],
        "branch": [func.lower(CachedPurchase.branch)],
        "items": [CachedPurchase.item_count],
        "total": [CachedPurchase.currency, CachedPurchase.total_minor],
        "return": [CachedPurchase.is_return, func.coalesce(CachedPurchase.original_number, "")],
    }
    return [*columns[sort], *tail]


def purchases_by_id(session: Session, customer_id: str, ids: list[str]) -> list[CachedPurchase]:
    """The purchases of these ids, in the order given."""
    found: dict[str, CachedPurchase] = {}
    for start in range(0, len(ids), _ID_CHUNK):
        stmt = select(CachedPurchase).where(
            CachedPurchase.id.in_(ids[start : start + _ID_CHUNK]),
            CachedPurchase.customer_id == customer_id,
        )
        found.update((p.id, p) for p in session.scalars(stmt))
    return [found[i] for i in ids if i in found]


def lines_of(session: Session, customer_id: str, ids: list[str]) -> list[Any]:
    """(line, currency, the product's unit or None) of these purchases of the customer, by
    purchase and line."""
    found: list[Any] = []
    for start in range(0, len(ids), _ID_CHUNK):
        stmt = (
            select(CachedPurchaseLine, CachedPurchase.currency, CachedProduct.unit)
            .join(CachedPurchase, CachedPurchase.id == CachedPurchaseLine.purchase_id)
            .outerjoin(CachedProduct, CachedProduct.sku == CachedPurchaseLine.sku)
            .where(
                CachedPurchaseLine.purchase_id.in_(ids[start : start + _ID_CHUNK]),
                CachedPurchase.customer_id == customer_id,
            )
            .order_by(CachedPurchaseLine.purchase_id, CachedPurchaseLine.line_no)
        )
        found.extend(session.execute(stmt).all())
    return found


def history_summary(
    session: Session, customer_id: str, where: HistoryFilter
) -> tuple[HistoryTotals, list[MonthSpend]]:
    """The totals and the spend per month of what the filter shows, from one pass over the
    purchases (with a product filter, each one is a lookup of its lines)."""
    month = func.strftime("%Y-%m", CachedPurchase.purchased_at)
    kinds = (month, CachedPurchase.currency, CachedPurchase.is_return)
    groups = session.execute(
        select(*kinds, func.count(), func.sum(CachedPurchase.total_minor))
        .where(*conditions(customer_id, where))
        .group_by(*kinds)
    ).all()
    return _totals(groups), _months(groups)


def _totals(groups: Sequence[Any]) -> HistoryTotals:
    spend: dict[str, int] = {}
    for _month, code, _is_return, _count, total in groups:
        spend[code] = spend.get(code, 0) + int(total)
    return HistoryTotals(
        purchases=sum(count for _m, _c, is_return, count, _t in groups if not is_return),
        returns=sum(count for _m, _c, is_return, count, _t in groups if is_return),
        spend=tuple(Money.from_minor(spend[code], code) for code in sorted(spend)),
    )


def _months(groups: Sequence[Any]) -> list[MonthSpend]:
    spend: dict[tuple[str, str], int] = {}
    for month, code, _is_return, _count, total in groups:
        spend[month, code] = spend.get((month, code), 0) + int(total)
    return [
        MonthSpend(date.fromisoformat(f"{month}-01"), Money.from_minor(total, code))
        for (month, code), total in sorted(spend.items())
    ]


def purchase_categories(session: Session, customer_id: str) -> list[str]:
    # Lines by a sorted list of the customer's purchase ids, not joined in date order: the
    # lookups walk the lines' index in its own order.
    mine = select(CachedPurchase.id).where(CachedPurchase.customer_id == customer_id)
    stmt = (
        select(CachedProduct.category)
        .join(CachedPurchaseLine, CachedPurchaseLine.sku == CachedProduct.sku)
        .where(CachedPurchaseLine.purchase_id.in_(mine), CachedProduct.category != "")
        .distinct()
        .order_by(CachedProduct.category)
    )
    return list(session.scalars(stmt))
