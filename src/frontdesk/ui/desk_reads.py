"""The main window's questions to the cache: searches, customers, offers, the sync status.

Each runs as a background operation through the window's ``OpRunner``; the answer comes back
as a signal on the main thread, and nothing here touches a widget. Searches, customer loads,
line loads and offers each have their own channel, so a newer request always wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from frontdesk.services.errors import NoCrossSellModel
from frontdesk.services.omnibox import Omnibox
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import CustomerProfile, TimelineEvent
from frontdesk.ui.history_model import HistoryPage, load_history
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.widgets.history_panel import HISTORY_CHANNEL
from frontdesk.ui.widgets.timeline_panel import TIMELINE_CHANNEL

SEARCH_CHANNEL, CUSTOMER_CHANNEL, LINES_CHANNEL = "search", "customer", "lines"
CROSSSELL_CHANNEL = "crosssell"
#: Offers shown for the open customer.
RECOMMENDATIONS = 5


@dataclass(frozen=True, slots=True)
class CustomerView:
    """Everything the right-hand side shows for one customer, loaded in one operation."""

    profile: CustomerProfile
    timeline: list[TimelineEvent]  # the newest page; the panel fetches more as it scrolls
    timeline_total: int
    history: HistoryPage


def load_customer(queries: AbstractCustomerQueries, customer_id: str) -> CustomerView | None:
    profile = queries.profile(customer_id)
    if profile is None:
        return None
    return CustomerView(
        profile,
        queries.timeline(customer_id),
        queries.timeline_count(customer_id),
        load_history(queries, customer_id),
    )


class DeskReads(QObject):
    """Asks the cache what the main window shows; one per window, it outlives language rebuilds.

    Signals:
        searched(str, object): what this query found (an omnibox ``Found``) arrived.
        search_failed(str): the search could not run; the text says why.
        customer_loaded(str, object): this customer id's ``CustomerView`` arrived
            (None: the customer is not in the cache).
        recommendations_loaded(str, list): the offers for this customer id arrived.
        recommendations_failed(str, str): no offers for this customer id; the text says why.
        first_customer_found(str): the customer with the latest purchase is this id.
        sync_status_loaded(object): the cache's ``SyncStatus`` arrived.
    """

    searched = Signal(str, object)
    search_failed = Signal(str)
    customer_loaded = Signal(str, object)
    recommendations_loaded = Signal(str, list)
    recommendations_failed = Signal(str, str)
    first_customer_found = Signal(str)
    sync_status_loaded = Signal(object)

    def __init__(
        self, queries: AbstractCustomerQueries, ops: OpRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.queries = queries
        # Customers always; the window adds each other kind as it is given it.
        self.omnibox = Omnibox(queries)
        self._ops = ops

    def search(self, query: str) -> None:
        self._ops.submit(
            lambda: self.omnibox.find(query),
            on_success=lambda found: self.searched.emit(query, found),
            on_failure=self.search_failed.emit,
            channel=SEARCH_CHANNEL,
        )

    def cancel_search(self) -> None:
        self._ops.supersede(SEARCH_CHANNEL)

    def customer(self, customer_id: str) -> None:
        self._ops.supersede(LINES_CHANNEL)
        self._ops.submit(
            lambda: load_customer(self.queries, customer_id),
            on_success=lambda view: self.customer_loaded.emit(customer_id, view),
            channel=CUSTOMER_CHANNEL,
        )

    def recommendations(self, customer_id: str) -> None:
        self._ops.submit(
            lambda: _offers_or_none(self.queries, customer_id),
            on_success=lambda offers: self._on_offers(customer_id, offers),
            on_failure=lambda why: self.recommendations_failed.emit(customer_id, why),
            channel=CROSSSELL_CHANNEL,
        )

    def _on_offers(self, customer_id: str, offers: list | None) -> None:
        if offers is None:  # a new desk, or a server that has not trained yet: not a fault
            why = self.tr("No suggestions yet: they arrive with a sync once the server has "
                          "trained its cross-sell model.")  # fmt: skip
            self.recommendations_failed.emit(customer_id, why)
        else:
            self.recommendations_loaded.emit(customer_id, offers)

    def first_customer(self) -> None:
        self._ops.submit(self.queries.first_customer_id, on_success=self._on_first_customer)

    def sync_status(self) -> None:
        self._ops.submit(self.queries.sync_status, on_success=self.sync_status_loaded.emit)

    def supersede_all(self) -> None:
        """Drop every answer in flight: the panels they were for are being rebuilt."""
        channels = (SEARCH_CHANNEL, CUSTOMER_CHANNEL, LINES_CHANNEL, CROSSSELL_CHANNEL)
        for channel in (*channels, HISTORY_CHANNEL, TIMELINE_CHANNEL):
            self._ops.supersede(channel)

    def _on_first_customer(self, customer_id: str | None) -> None:
        if customer_id is not None:
            self.first_customer_found.emit(customer_id)


def _offers_or_none(queries: AbstractCustomerQueries, customer_id: str) -> list | None:
    try:
        return list(queries.recommendations(customer_id, k=RECOMMENDATIONS))
    except NoCrossSellModel:
        return None
