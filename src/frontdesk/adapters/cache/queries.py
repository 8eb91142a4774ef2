"""``SqlAlchemyCustomerQueries``: what the screens and the CLI read from the cache.

``search`` is the lookup engine (``lookup.find`` over the index in ``search_index``):
names in either script with prefixes and one typo, phone runs, cards, e-mails, accounts.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.adapters.cache import history, profile_figures, timeline
from frontdesk.adapters.cache.crosssell import CachedCrossSell
from frontdesk.adapters.cache.lookup import find
from frontdesk.adapters.cache.match_view import describe_match
from frontdesk.adapters.cache.outbox import CachedInteraction
from frontdesk.adapters.cache.tables import (
    CachedCustomer,
    CachedProduct,
    CachedPurchase,
    CachedPurchaseLine,
    SyncStateRow,
)
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.queries import (
    ALL_PURCHASES,
    TIMELINE_PAGE,
    AbstractCustomerQueries,
    HistoryFilter,
    HistoryTotals,
    MonthSpend,
)
from frontdesk.services.read_models import (
    CustomerMatch,
    CustomerProfile,
    InteractionRow,
    NumberedPurchase,
    PurchaseLineRow,
    PurchaseRow,
    RecommendationRow,
    SyncStatus,
    TimelineEvent,
)


class SqlAlchemyCustomerQueries(AbstractCustomerQueries):
    def __init__(
        self,
        session_factory: sessionmaker[Session],
        *,
        crosssell_repeat_after: timedelta | None = None,
    ) -> None:
        self._sessions = session_factory
        self._crosssell = CachedCrossSell(repeat_after=crosssell_repeat_after)

    def search(self, query: str, *, limit: int = 20) -> list[CustomerMatch]:
        with self._sessions() as session:
            hits = find(session.connection(), query, limit=limit)
            if not hits:
                return []
            ids = [hit.customer_id for hit in hits]
            wanted = select(CachedCustomer).where(CachedCustomer.id.in_(ids))
            customers = {c.id: c for c in session.scalars(wanted)}
        return [
            describe_match(customers[hit.customer_id], hit.field, query)
            for hit in hits
            if hit.customer_id in customers
        ]

    def profile(self, customer_id: str) -> CustomerProfile | None:
        with self._sessions() as session:
            customer = session.get(CachedCustomer, customer_id)
            if customer is None:
                return None
            return _profile(session, customer)

    def purchases(self, customer_id: str) -> list[PurchaseRow]:
        stmt = (
            select(CachedPurchase)
            .where(CachedPurchase.customer_id == customer_id)
            .order_by(CachedPurchase.purchased_at.desc(), CachedPurchase.number.desc())
        )
        with self._sessions() as session:
            return [_purchase_row(p) for p in session.scalars(stmt)]

    def purchases_numbered(self, number: str, *, limit: int = 5) -> list[NumberedPurchase]:
        # Three spellings rather than upper(number): ix_purchases_number answers each with
        # one seek, where a folded comparison would read every purchase.
        spellings = {number, number.upper(), number.lower()}
        stmt = (
            select(CachedPurchase, CachedCustomer)
            .outerjoin(CachedCustomer, CachedCustomer.id == CachedPurchase.customer_id)
            .where(CachedPurchase.number.in_(spellings))
            .order_by(CachedPurchase.purchased_at.desc(), CachedPurchase.id)
            .limit(limit)
        )
        with self._sessions() as session:
            return [
                NumberedPurchase(_purchase_row(p), p.customer_id, c and c.display_name)
                for p, c in session.execute(stmt)
            ]

    def purchase_lines(self, purchase_id: str) -> list[PurchaseLineRow]:
        with self._sessions() as session:
            purchase = session.get(CachedPurchase, purchase_id)
            if purchase is None:
                return []
            lines = session.execute(
                select(CachedPurchaseLine, CachedProduct.unit)
                .outerjoin(CachedProduct, CachedProduct.sku == CachedPurchaseLine.sku)
                .where(CachedPurchaseLine.purchase_id == purchase_id)
                .order_by(CachedPurchaseLine.line_no)
            )
            return [_line_row(line, purchase.currency, unit) for line, unit in lines]

    def purchase_ids(
        self,
        customer_id: str,
        *,
        where: HistoryFilter = ALL_PURCHASES,
        sort: str = "date",
        descending: bool = True,
    ) -> list[str]:
        with self._sessions() as session:
            return history.purchase_ids(
                session, customer_id, where=where, sort=sort, descending=descending
            )

    def purchases_by_id(self, customer_id: str, ids: list[str]) -> list[PurchaseRow]:
        with self._sessions() as session:
            return [_purchase_row(p) for p in history.purchases_by_id(session, customer_id, ids)]

    def purchase_lines_of(
        self, customer_id: str, ids: list[str]
    ) -> dict[str, list[PurchaseLineRow]]:
        found: dict[str, list[PurchaseLineRow]] = {i: [] for i in ids}
        with self._sessions() as session:
            for line, currency, unit in history.lines_of(session, customer_id, ids):
                found[line.purchase_id].append(_line_row(line, currency, unit))
        return {i: lines for i, lines in found.items() if lines}

    def history_totals(
        self, customer_id: str, *, where: HistoryFilter = ALL_PURCHASES
    ) -> HistoryTotals:
        return self.history_summary(customer_id, where=where)[0]

    def monthly_spend(
        self, customer_id: str, *, where: HistoryFilter = ALL_PURCHASES
    ) -> list[MonthSpend]:
        return self.history_summary(customer_id, where=where)[1]

    def history_summary(
        self, customer_id: str, *, where: HistoryFilter = ALL_PURCHASES
    ) -> tuple[HistoryTotals, list[MonthSpend]]:
        with self._sessions() as session:
            return history.history_summary(session, customer_id, where)

    def purchase_categories(self, customer_id: str) -> list[str]:
        with self._sessions() as session:
            return history.purchase_categories(session, customer_id)

    def interactions(self, customer_id: str) -> list[InteractionRow]:
        stmt = (
            select(CachedInteraction)
            .where(CachedInteraction.customer_id == customer_id)
            .order_by(CachedInteraction.occurred_at.desc(), CachedInteraction.id)
        )
        with self._sessions() as session:
            return [_interaction_row(row) for row in session.scalars(stmt)]

    def timeline(
        self,
        customer_id: str,
        *,
        after: TimelineEvent | None = None,
        limit: int = TIMELINE_PAGE,
    ) -> list[TimelineEvent]:
        with self._sessions() as session:
            return timeline.timeline_page(session, customer_id, after=after, limit=limit)

    def timeline_count(self, customer_id: str) -> int:
        with self._sessions() as session:
            return timeline.timeline_count(session, customer_id)

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

    def recommendations(self, customer_id: str, *, k: int = 5) -> list[RecommendationRow]:
        with self._sessions() as session:
            return self._crosssell.recommend(session, customer_id, k=k)

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


# --- profile and purchases ------------------------------------------------------------


def _profile(session: Session, customer: CachedCustomer) -> CustomerProfile:
    # Index-only: spend and sales from ix_purchases_customer_spend, the first and last
    # purchase from the two ends of ix_purchases_customer_date.
    mine = CachedPurchase.customer_id == customer.id
    per_currency = session.execute(
        select(
            CachedPurchase.currency,
            func.sum(CachedPurchase.total_minor),
            func.count().filter(CachedPurchase.is_return.is_(False)),
        )
        .where(mine)
        .group_by(CachedPurchase.currency)
        .order_by(CachedPurchase.currency)
    ).all()
    first, last = session.execute(
        select(
            select(func.min(CachedPurchase.purchased_at)).where(mine).scalar_subquery(),
            select(func.max(CachedPurchase.purchased_at)).where(mine).scalar_subquery(),
        )
    ).one()
    count = sum(int(sales) for _code, _total, sales in per_currency)
    spend = tuple(Money.from_minor(int(total), code) for code, total, _sales in per_currency)
    segment, rfm = profile_figures.segment_of(
        last_purchase=last,
        as_of=profile_figures.newest_purchase(session),
        count=count,
        spend=spend,
    )
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
        lifetime_spend=spend,
        first_purchase=first,
        last_purchase=last,
        last_contact=profile_figures.last_contact(session, customer.id),
        segment=segment,
        rfm=rfm,
    )


def _purchase_row(purchase: CachedPurchase) -> PurchaseRow:
    return PurchaseRow(
        id=purchase.id,
        number=purchase.number,
        purchased_at=purchase.purchased_at,
        branch=purchase.branch,
        is_return=purchase.is_return,
        original_number=purchase.original_number,
        item_count=purchase.item_count,
        total=Money.from_minor(purchase.total_minor, purchase.currency),
    )


def _line_row(line: CachedPurchaseLine, currency: str, unit: str | None) -> PurchaseLineRow:
    return PurchaseLineRow(
        line_no=line.line_no,
        sku=line.sku,
        description=line.description,
        quantity=Decimal(line.quantity_milli) / 1000,
        unit_price=UnitPrice.from_scaled(line.unit_price_scaled, currency),
        total=Money.from_minor(line.line_total_minor, currency),
        unit=unit or "piece",
    )


def _interaction_row(row: CachedInteraction) -> InteractionRow:
    return InteractionRow(
        id=row.id,
        channel=row.channel,
        occurred_at=row.occurred_at,
        reason=row.reason,
        agent=row.agent,
        notes=row.notes,
        outcome=row.outcome,
        follow_up=row.follow_up,
        pending=row.seq == 0,
    )
