"""The read port the screens and headless commands use: what the cache can tell about customers.

``SqlAlchemyCustomerQueries`` (adapters/cache) implements it over the local cache; tests may
use a hand-written ``FakeCustomerQueries``. Every method may be slow (disk), so the UI calls
them only from background operations.
"""

from __future__ import annotations

import abc

from frontdesk.services.read_models import (
    CustomerMatch,
    CustomerProfile,
    InteractionRow,
    PurchaseLineRow,
    PurchaseRow,
    RecommendationRow,
    SyncStatus,
)


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

    def interactions(self, customer_id: str) -> list[InteractionRow]:
        """The customer's logged contacts, newest first (the desk's own unsent ones too).

        Not abstract: a port that keeps no interactions answers with none.
        """
        return []
