"""Schemas of the read path: a page of changes after a cursor (``GET /sync/pull``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from frontdesk.protocol.cases import (
    BusinessCalendarPublic,
    CaseCategoryPublic,
    CaseEventPublic,
    CasePublic,
    ServicePolicyPublic,
    TeamPublic,
)
from frontdesk.protocol.catalogue import (
    CategoryPublic,
    LiteratureLink,
    PricePublic,
    ProductStatusName,
    StockPublic,
    UnitName,
)
from frontdesk.protocol.knowledge import KbArticlePublic, KbDocumentPublic
from frontdesk.protocol.orders import OrderEventPublic, OrderPublic
from frontdesk.protocol.till import ReturnLineWire, SaleLineWire
from frontdesk.protocol.wire import WireModel

#: Rows per pull page: each page costs a request, the server's look at every list and a
#: savepoint, so large pages pull faster (a new desk's 100,000 cases: 5,000-row pages took
#: 34% longer to fetch, for 60 MB less at the peak); the window asks for smaller ones
#: (``bootstrap.WINDOW_PAGE_SIZE``).
DEFAULT_PAGE_SIZE = 10_000
MAX_PAGE_SIZE = 10_000


class CustomerPublic(WireModel):
    id: str
    account_number: str
    full_name: str
    phones: list[str]
    emails: list[str]
    loyalty_card: str | None
    branch: str
    notes: str
    created_at: datetime
    updated_at: datetime
    seq: int


class ProductPublic(WireModel):
    """A product. ``name``, ``category``, ``unit_price`` and ``currency`` are its list entry as
    purchases and cross-sell know it; the branch's price on a day comes from ``prices``."""

    sku: str
    name: str
    category: str
    unit_price: str = Field(description="decimal string, in `currency`")
    currency: str
    names: dict[str, str] = Field(default_factory=dict, description="language -> name")
    descriptions: dict[str, str] = Field(default_factory=dict)
    category_code: str | None = None
    attributes: dict[str, str] = Field(default_factory=dict)
    unit: UnitName = "piece"
    barcodes: list[str] = Field(default_factory=list, description="canonical codes")
    status: ProductStatusName = "active"
    replacement_sku: str | None = None
    thumbnail: str | None = Field(default=None, description="standard base64 of an image")
    literature: list[LiteratureLink] = Field(default_factory=list)
    seq: int


#: A purchase line's quantity: up to three decimals (a weighed line), negative on a return.
#: Whole numbers until server revision 0025_basket_sales: desks upgrade with the server.
SignedQuantityText = Annotated[
    str,
    Field(pattern=r"^-?[0-9]{1,12}(\.[0-9]{1,3})?$", description="a decimal string: 2, -1, 0.455"),
]


class PurchaseLinePublic(WireModel):
    line_no: int
    sku: str
    description: str
    quantity: SignedQuantityText
    unit_price: str = Field(description="decimal string, in the purchase's currency")
    line_total: str = Field(
        description="decimal string: quantity x unit price, half-up, less the line's discounts "
        "(a till sale's line: its net)"
    )


class PurchasePublic(WireModel):
    id: str
    number: str
    customer_id: str | None
    purchased_at: datetime
    branch: str
    currency: str
    is_return: bool
    original_number: str | None
    total: str = Field(description="decimal string: the sum of the line totals")
    lines: list[PurchaseLinePublic]
    seq: int


class InteractionPublic(WireModel):
    id: str
    customer_id: str
    channel: Literal["call", "visit", "email"]
    occurred_at: datetime
    reason: str
    agent: str
    notes: str
    outcome: str
    follow_up: date | None
    seq: int


class CrossSellModelPublic(WireModel):
    """The newest trained cross-sell model, as ``CrossSellModel.to_bytes`` wrote it."""

    version: int
    trained_at: datetime
    blob: str = Field(description="the serialised model, standard base64")
    seq: int


class TillTenderPublic(WireModel):
    tender: Literal["cash", "card", "bank_transfer"]
    amount: str = Field(description="decimal string, in the transaction's currency")


class TillTransactionPublic(WireModel):
    """A payment, refund or void taken at a till of the puller's branch, as the server keeps
    it: the record, not its journal link (seq and hashes stay with the register that wrote it).
    ``accepted`` is False for a refund or void the server declined (``declined_reason``).
    """

    id: str
    kind: Literal["payment", "refund", "void"]
    register_code: str = Field(description="the register that took it (`SHOP1`)")
    receipt_no: str
    links_to: str | None
    currency: str
    amount: str = Field(description="decimal string, in `currency`")
    change: str = Field(description="decimal string: cash given back")
    tenders: list[TillTenderPublic]
    customer_id: str | None
    purpose: str
    cashier: str
    occurred_at: datetime
    accepted: bool
    declined_reason: str | None = None
    lines: list[SaleLineWire] = Field(
        default_factory=list, description="a basket payment's lines, as its receipt printed"
    )
    returned: list[ReturnLineWire] = Field(
        default_factory=list, description="a refund's lines: what came back of which line"
    )
    seq: int


class PullPage(WireModel):
    """Changes after the request's cursor, in change-sequence order.

    ``cursor`` is the sequence number of the last change in this page (or the request's
    cursor when the page is empty); pass it back to get the next page.
    """

    cursor: int
    has_more: bool
    customers: list[CustomerPublic] = Field(default_factory=list)
    products: list[ProductPublic] = Field(default_factory=list)
    purchases: list[PurchasePublic] = Field(default_factory=list)
    crosssell_model: CrossSellModelPublic | None = Field(
        default=None, description="the newest model, in the page whose range holds its seq"
    )
    interactions: list[InteractionPublic] = Field(default_factory=list)
    till_transactions: list[TillTransactionPublic] = Field(
        default_factory=list, description="payments, refunds and voids of the puller's branch"
    )
    cases: list[CasePublic] = Field(
        default_factory=list, description="cases of the puller's branch and teams, any status"
    )
    case_events: list[CaseEventPublic] = Field(default_factory=list)
    case_categories: list[CaseCategoryPublic] = Field(default_factory=list)
    teams: list[TeamPublic] = Field(default_factory=list)
    service_policies: list[ServicePolicyPublic] = Field(default_factory=list)
    business_calendars: list[BusinessCalendarPublic] = Field(default_factory=list)
    categories: list[CategoryPublic] = Field(default_factory=list)
    prices: list[PricePublic] = Field(default_factory=list)
    stock: list[StockPublic] = Field(
        default_factory=list, description="every branch's figures: customers ask where"
    )
    orders: list[OrderPublic] = Field(
        default_factory=list, description="orders of the puller's branch's customers"
    )
    order_events: list[OrderEventPublic] = Field(default_factory=list)
    kb_articles: list[KbArticlePublic] = Field(
        default_factory=list, description="knowledge-base articles of the puller's audience"
    )
    kb_articles_left: list[str] = Field(
        default_factory=list,
        description="ids of articles changed in this page's range that are not for the "
        "puller's audience (any more): a desk drops them",
    )
    kb_documents: list[KbDocumentPublic] = Field(
        default_factory=list, description="documents' metadata and text; content by hash"
    )
    cases_left: list[str] = Field(
        default_factory=list,
        description="ids of cases that left the puller's scope in this page's range (handed to "
        "another branch's team, away from the puller's teams or by the puller's branch): out "
        "of its queues; a desk keeps them only as their customer's cases",
    )
    head: int | None = Field(
        default=None,
        description="the server's newest change number when the page was read: how far a "
        "desk's first pull has to go (an estimate; not every change is the puller's)",
    )


class PullPageEnd(BaseModel):
    """Where a ``PullPage`` ends, read from the page's JSON without the rest: a desk asks for
    the next page with it while it still validates this one (the rest is ignored here, not
    trusted: the whole page is validated before anything of it is applied)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    cursor: int
    has_more: bool
