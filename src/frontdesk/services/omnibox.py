"""The desk's one search box: customers, receipts, orders, cases and products in one answer.

``Omnibox.find`` composes the read models each context already has, each asked a bounded
question: a number's shape (``domain.query_kinds``) costs one point read of its kind; words
ask the customer lookup, the product search and the case search for a few of their best. The
kind the shape names comes first; otherwise customers do. A source the desk has not got (no
till, no cases) is simply not asked. A receipt number is looked up in the purchases too (one
seek on their number's index), so a desk without the till's transactions, an agent's, still
finds a basket sale of any till. Any one word with a digit is also asked for as a purchase's
and an order's number (an imported invoice, a channel's own order numbering), listed after
the customers its digits may name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from frontdesk.domain.query_kinds import (
    Kind,
    guess_kind,
    is_receipt_number,
    kinds_in_order,
    may_be_numbered,
)
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import NumberedPurchase

#: Most hits of a kind in one answer: the list is a way in, each kind's own view goes on.
LIMITS = {Kind.CUSTOMER: 20, Kind.PRODUCT: 8, Kind.CASE: 5, Kind.ORDER: 5, Kind.RECEIPT: 5}
#: Words shorter than this ask customers only: a product or case search of two letters
#: lists everything.
MIN_WORDS = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """One thing found: ``key`` opens it (a customer, case or order id or number, a SKU,
    a receipt number); ``title`` and ``detail`` describe it; ``item`` is the read model."""

    kind: Kind
    key: str
    title: str
    detail: str = ""
    item: Any = None


@dataclass(frozen=True, slots=True)
class Group:
    kind: Kind
    hits: tuple[Hit, ...]


@dataclass(frozen=True, slots=True)
class Found:
    """The answer to one query: its groups in the order shown (empty ones left out) and the
    kind its shape named (None: none)."""

    query: str
    guessed: Kind | None
    groups: tuple[Group, ...] = ()

    def hits(self) -> list[Hit]:
        return [hit for group in self.groups for hit in group.hits]

    def of(self, kind: Kind) -> tuple[Hit, ...]:
        return next((group.hits for group in self.groups if group.kind is kind), ())


@dataclass
class Omnibox:
    """Finds everything a query may name at this desk.

    Args:
        customers: the customer lookup (always there).
        cases: a ``DeskCases`` (None: this desk has no cases).
        orders: a ``DeskOrders``.
        catalogue: a ``DeskCatalogue``.
        receipt: a receipt number's transaction, any till of the branch as pulled
            (``find_receipt`` over the till's cache), or None. Without one, or when it
            has not got the number, the purchases every desk pulls are asked (a basket
            sale of any till is one, under its receipt number; an imported invoice too).
    """

    customers: AbstractCustomerQueries
    cases: Any = None
    orders: Any = None
    catalogue: Any = None
    receipt: Callable[[str], Any] | None = None
    _sources: dict[Kind, Callable[[str, bool], list[Hit]]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._sources = {
            Kind.CUSTOMER: self._customers, Kind.RECEIPT: self._receipts,
            Kind.ORDER: self._orders, Kind.CASE: self._cases, Kind.PRODUCT: self._products,
        }  # fmt: skip

    def find(self, text: str) -> Found:
        query = text.strip()
        guessed = guess_kind(query)
        if not query:
            return Found(query, None)
        groups = []
        for kind in kinds_in_order(query):
            hits = self._sources[kind](query, guessed is not None)
            if hits:
                groups.append(Group(kind, tuple(hits[: LIMITS[kind]])))
        return Found(query, guessed, tuple(groups))

    # One bounded read per source

    def _customers(self, query: str, _numbered: bool) -> list[Hit]:
        matches = self.customers.search(query, limit=LIMITS[Kind.CUSTOMER])
        return [Hit(Kind.CUSTOMER, m.id, m.display_name, m.account_number, m) for m in matches]

    def _receipts(self, query: str, _numbered: bool) -> list[Hit]:
        tx = self._till_receipt(query)
        if tx is not None:
            return [receipt_hit(tx)]
        if not may_be_numbered(query):
            return []
        found = self.customers.purchases_numbered(query, limit=LIMITS[Kind.RECEIPT])
        return [purchase_hit(numbered) for numbered in found]

    def _till_receipt(self, query: str) -> Any:
        # The till's own record first: it has the tenders and the cashier a purchase lacks.
        if self.receipt is None or not is_receipt_number(query):
            return None
        return self.receipt(query.upper())

    def _orders(self, query: str, numbered: bool) -> list[Hit]:
        if self.orders is None:
            return []
        # A channel's own numbering may have no shape the box knows: any word with a digit
        # is worth the point read.
        order = self.orders.by_number(query) if numbered or may_be_numbered(query) else None
        found = [order] if order is not None else self.orders.by_tracking(query)
        return [order_hit(o) for o in found[: LIMITS[Kind.ORDER]]]

    def _cases(self, query: str, numbered: bool) -> list[Hit]:
        if self.cases is None:
            return []
        if numbered:
            case = self.cases.find_number(query)
            return [] if case is None else [Hit(Kind.CASE, case.id, case.number, case.subject,
                                                case)]  # fmt: skip
        if len(query) < MIN_WORDS:
            return []
        rows = self.cases.search(query, limit=LIMITS[Kind.CASE])
        return [Hit(Kind.CASE, row.id, row.number, row.subject, row) for row in rows]

    def _products(self, query: str, numbered: bool) -> list[Hit]:
        if self.catalogue is None or (len(query) < MIN_WORDS and not numbered):
            return []
        product = self.catalogue.find_by_code(query) if numbered else None
        if product is not None:
            skus = [product.sku]
        elif numbered and guess_kind(query) is not Kind.PRODUCT:
            skus = []
        else:
            # A SKU read out in lower case or without its dash: the product search folds both.
            skus = self.catalogue.matching_skus(query, limit=LIMITS[Kind.PRODUCT])
        summaries = self.catalogue.summaries(skus)
        return [Hit(Kind.PRODUCT, s.sku, s.name, s.sku, s) for s in summaries]


def receipt_hit(tx: Any) -> Hit:
    amount = f"{tx.amount.amount} {tx.amount.currency.code}"
    return Hit(Kind.RECEIPT, tx.receipt_no, tx.receipt_no, f"{tx.kind} · {amount}", tx)


def purchase_hit(numbered: NumberedPurchase) -> Hit:
    """A purchase found by its number: sale or return, its total, and whose it is."""
    purchase = numbered.purchase
    what = "return" if purchase.is_return else "sale"
    amount = f"{purchase.total.amount} {purchase.total.currency.code}"
    return Hit(Kind.RECEIPT, purchase.number, purchase.number,
               f"{what} · {amount} · {_whose(numbered)}", numbered)  # fmt: skip


def _whose(numbered: NumberedPurchase) -> str:
    if numbered.customer_id is None:
        return "walk-in"
    return numbered.customer_name or "a customer not at this desk"


def order_hit(order: Any) -> Hit:
    total = f"{order.total.amount} {order.total.currency.code}"
    return Hit(Kind.ORDER, order.number, order.number, f"{order.status} · {total}", order)


def hit_json(hit: Hit) -> dict[str, str]:
    return {"kind": hit.kind.value, "key": hit.key, "title": hit.title, "detail": hit.detail}


def found_json(found: Found) -> dict[str, Any]:
    """``frontdesk find --json``: the groups in the order the box shows them."""
    return {
        "query": found.query,
        "guessed": found.guessed.value if found.guessed else None,
        "groups": [
            {"kind": g.kind.value, "hits": [hit_json(h) for h in g.hits]} for g in found.groups
        ],
    }
