"""The read port the screens and headless commands use: what the cache can tell about customers.

``SqlAlchemyCustomerQueries`` (adapters/cache) implements it over the local cache; tests may
use a hand-written ``FakeCustomerQueries``. Every method may be slow (disk), so the UI calls
them only from background operations.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import date

from frontdesk.domain.money import Money
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

#: Timeline events fetched in one go: a screenful or two.
TIMELINE_PAGE = 100

#: What the purchase history can be sorted by (one per column of the history table).
HISTORY_SORTS = ("date", "number", "branch", "items", "total", "return")


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """Which of a customer's purchases the history shows.

    ``since`` and ``until`` are inclusive days (UTC); ``product`` is a SKU or part of a
    line's description or product name (any line of the purchase); ``category`` a product
    category one of the lines belongs to. Empty means no restriction.
    """

    since: date | None = None
    until: date | None = None
    product: str = ""
    category: str = ""


#: The filter that shows every purchase.
ALL_PURCHASES = HistoryFilter()


@dataclass(frozen=True, slots=True)
class HistoryTotals:
    """Totals of the purchases a filter shows: sales, returns, net spend per currency."""

    purchases: int
    returns: int
    spend: tuple[Money, ...]


@dataclass(frozen=True, slots=True)
class MonthSpend:
    """Net spend in one currency in one calendar month (``month`` is its first day)."""

    month: date
    spend: Money


class AbstractCustomerQueries(abc.ABC):
    """Read-only questions answered from the local cache."""

    @abc.abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[CustomerMatch]:
        """Customers matching ``query`` (best first); empty for a blank query."""

    @abc.abstractmethod
    def profile(self, customer_id: str) -> CustomerProfile | None:
        """The 360 profile of one customer, or None if the cache does not have them."""

    @abc.abstractmethod
    def purchases(self, customer_id: str) -> list[PurchaseRow]:
        """The customer's purchases and returns, newest first."""

    @abc.abstractmethod
    def purchase_lines(self, purchase_id: str) -> list[PurchaseLineRow]:
        """The lines of one purchase, in order."""

    @abc.abstractmethod
    def first_customer_id(self) -> str | None:
        """The customer with the most recent purchase (what a demo or smoke test opens)."""

    @abc.abstractmethod
    def sync_status(self) -> SyncStatus:
        """Who is logged in to which server, and how far the cache has pulled."""

    @abc.abstractmethod
    def recommendations(self, customer_id: str, *, k: int = 5) -> list[RecommendationRow]:
        """Up to ``k`` products to offer this customer, best first, each with its reason.

        Scored offline by the cached cross-sell model on the customer's cached purchases.

        Raises:
            NoCrossSellModel: the cache has no model yet.
        """

    def purchases_numbered(self, number: str, *, limit: int = 5) -> list[NumberedPurchase]:
        """The purchases with this number as typed, in capitals or in lower case (a till's
        receipt number, an imported invoice's), newest first.

        Not abstract: a port that cannot look numbers up finds none.
        """
        return []

    def interactions(self, customer_id: str) -> list[InteractionRow]:
        """The customer's logged contacts, newest first (the desk's own unsent ones too).

        Not abstract: a port that keeps no interactions answers with none.
        """
        return []

    # The timeline (not abstract: the defaults merge ``interactions`` and ``purchases``, so a
    # small fake needs nothing more; the cache pages it in SQL).

    def timeline(
        self,
        customer_id: str,
        *,
        after: TimelineEvent | None = None,
        limit: int = TIMELINE_PAGE,
    ) -> list[TimelineEvent]:
        """Up to ``limit`` of the customer's contacts and purchases together, newest first,
        starting after ``after`` (the last event of the page before; None: the newest)."""
        events = [TimelineEvent.of_contact(row) for row in self.interactions(customer_id)]
        events += [TimelineEvent.of_purchase(row) for row in self.purchases(customer_id)]
        events.sort(key=lambda event: event.key, reverse=True)
        if after is not None:
            events = [event for event in events if event.key < after.key]
        return events[:limit]

    def timeline_count(self, customer_id: str) -> int:
        """How many events the customer's whole timeline has."""
        return len(self.interactions(customer_id)) + len(self.purchases(customer_id))

    # Purchase history, filtered and sorted by the cache (not abstract: the defaults work
    # over ``purchases`` and ``purchase_lines``, so a small fake needs nothing more).

    def purchase_ids(
        self,
        customer_id: str,
        *,
        where: HistoryFilter = ALL_PURCHASES,
        sort: str = "date",
        descending: bool = True,
    ) -> list[str]:
        """The ids of the customer's purchases the filter shows, in the order asked for."""
        rows = self._filtered(customer_id, where)
        rows.sort(key=lambda row: _SORT_KEYS[_checked_sort(sort)](row), reverse=descending)
        return [row.id for row in rows]

    def purchase_lines_of(
        self, customer_id: str, ids: list[str]
    ) -> dict[str, list[PurchaseLineRow]]:
        """The lines of each of these purchases of the customer, by purchase id (one query
        for a block of the history; a purchase without lines may be left out)."""
        mine = {row.id for row in self.purchases(customer_id)}
        return {i: self.purchase_lines(i) for i in ids if i in mine}

    def purchases_by_id(self, customer_id: str, ids: list[str]) -> list[PurchaseRow]:
        """These purchases of the customer, in the order of ``ids`` (others are left out)."""
        found = {row.id: row for row in self.purchases(customer_id)}
        return [found[i] for i in ids if i in found]

    def history_totals(
        self,
        customer_id: str,
        *,
        where: HistoryFilter = ALL_PURCHASES,
    ) -> HistoryTotals:
        rows = self._filtered(customer_id, where)
        spend: dict[str, Money] = {}
        for row in rows:
            code = row.total.currency.code
            spend[code] = spend[code] + row.total if code in spend else row.total
        return HistoryTotals(
            purchases=sum(not row.is_return for row in rows),
            returns=sum(row.is_return for row in rows),
            spend=tuple(spend[code] for code in sorted(spend)),
        )

    def monthly_spend(
        self,
        customer_id: str,
        *,
        where: HistoryFilter = ALL_PURCHASES,
    ) -> list[MonthSpend]:
        """Net spend per calendar month and currency, oldest month first."""
        months: dict[tuple[date, str], Money] = {}
        for row in self._filtered(customer_id, where):
            key = (row.purchased_at.date().replace(day=1), row.total.currency.code)
            months[key] = months[key] + row.total if key in months else row.total
        return [MonthSpend(month, spend) for (month, _code), spend in sorted(months.items())]

    def history_summary(
        self,
        customer_id: str,
        *,
        where: HistoryFilter = ALL_PURCHASES,
    ) -> tuple[HistoryTotals, list[MonthSpend]]:
        """``history_totals`` and ``monthly_spend`` at once (the cache answers both from one
        pass over the purchases the filter shows)."""
        return (
            self.history_totals(customer_id, where=where),
            self.monthly_spend(customer_id, where=where),
        )

    def purchase_categories(self, customer_id: str) -> list[str]:
        """The product categories of the customer's purchase lines (none without a catalogue)."""
        return []

    def _filtered(self, customer_id: str, where: HistoryFilter) -> list[PurchaseRow]:
        rows = [row for row in self.purchases(customer_id) if _in_dates(row, where)]
        needle = where.product.strip().casefold()
        if needle:
            rows = [row for row in rows if self._has_product(row.id, needle)]
        return rows

    def _has_product(self, purchase_id: str, needle: str) -> bool:
        return any(
            line.sku.casefold() == needle or needle in line.description.casefold()
            for line in self.purchase_lines(purchase_id)
        )


def _in_dates(row: PurchaseRow, where: HistoryFilter) -> bool:
    day = row.purchased_at.date()
    return (where.since is None or day >= where.since) and (
        where.until is None or day <= where.until
    )


def _checked_sort(sort: str) -> str:
    if sort not in HISTORY_SORTS:
        raise ValueError(f"cannot sort the history by {sort!r} (one of {', '.join(HISTORY_SORTS)})")
    return sort


_SORT_KEYS = {
    "date": lambda p: (p.purchased_at, p.number),
    "number": lambda p: (len(p.number), p.number),
    "branch": lambda p: (p.branch.casefold(), p.purchased_at),
    "items": lambda p: (p.item_count, p.purchased_at),
    "total": lambda p: (p.total.currency.code, p.total.amount, p.purchased_at),
    "return": lambda p: (p.is_return, p.original_number or "", p.purchased_at),
}
