"""What the screens and the headless commands read: plain, immutable rows.

The cache adapter fills them; the UI and the CLI only display them. Money is ``Money``
(Decimal + currency), dates are aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.segments import Rfm, Segment


@dataclass(frozen=True, slots=True)
class CustomerMatch:
    """One search hit. ``matched_field``/``span`` say what matched, for highlighting."""

    id: str
    account_number: str
    display_name: str
    phone: str
    email: str
    branch: str
    matched_field: str
    span: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class LastContact:
    """The customer's latest logged contact: when, by which channel, and which agent."""

    at: datetime
    channel: str  # "call", "visit", "email"
    agent: str


@dataclass(frozen=True, slots=True)
class CustomerProfile:
    """One customer as the profile card shows them.

    ``segment`` and ``rfm`` are the RFM segment and the figures behind it
    (``frontdesk.domain.segments``); None where nothing computed them (a blank new profile).
    """

    id: str
    account_number: str
    display_name: str
    full_name: str
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    loyalty_card: str | None
    branch: str
    notes: str
    created_at: datetime
    updated_at: datetime
    purchase_count: int
    lifetime_spend: tuple[Money, ...]  # one per currency the customer bought in
    first_purchase: datetime | None
    last_purchase: datetime | None
    last_contact: LastContact | None = None
    segment: Segment | None = None
    rfm: Rfm | None = None


@dataclass(frozen=True, slots=True)
class PurchaseLineRow:
    """A purchase's line: ``quantity`` to three decimals (a till weighs 0.455 kg), negative
    on a return; ``unit`` the product's unit of sale as the desk knows it (``piece`` when it
    does not know the product)."""

    line_no: int
    sku: str
    description: str
    quantity: Decimal
    unit_price: UnitPrice
    total: Money
    unit: str = "piece"


@dataclass(frozen=True, slots=True)
class PurchaseRow:
    id: str
    number: str
    purchased_at: datetime
    branch: str
    is_return: bool
    original_number: str | None
    item_count: int
    total: Money


@dataclass(frozen=True, slots=True)
class NumberedPurchase:
    """A purchase found by its number, with whose it is.

    ``customer_id`` None: a walk-in sale. ``customer_name`` None with an id: a customer this
    desk has not got (the purchase came, the customer did not).
    """

    purchase: PurchaseRow
    customer_id: str | None = None
    customer_name: str | None = None

    @property
    def known_customer(self) -> bool:
        return self.customer_id is not None and self.customer_name is not None


@dataclass(frozen=True, slots=True)
class SyncStatus:
    server_url: str | None
    username: str | None
    cursor: int
    last_pull_at: datetime | None
    customers: int
    purchases: int


@dataclass(frozen=True, slots=True)
class RecommendationRow:
    """One product to offer the open customer, with the reason to give.

    ``because_of`` names the customer's own products behind the offer (strongest first;
    empty for a plain popularity suggestion); ``kind`` is "co-purchase", "category" or
    "popular"; ``model_version`` is the cross-sell model that made it (for feedback).
    ``reason`` is the model's own English sentence; the figures after it let the desk say the
    same in the agent's language: ``confidence`` (share of the buyers of ``because_of[0]``
    who bought this too, co-purchase only), ``customers`` (buyers in the last ``recent_days``
    for category and popular offers) and ``category`` (the category's name).
    """

    sku: str
    name: str
    reason: str
    because_of: tuple[str, ...]
    because_of_skus: tuple[str, ...]
    kind: str
    model_version: int
    confidence: float | None = None
    customers: int = 0
    recent_days: float = 0.0
    category: str = ""


@dataclass(frozen=True, slots=True)
class InteractionRow:
    """One logged contact with a customer, as the timeline shows it.

    ``pending`` is True while the desk's own copy has not come back from the server yet.
    """

    id: str
    channel: str
    occurred_at: datetime
    reason: str
    agent: str
    notes: str
    outcome: str
    follow_up: date | None
    pending: bool


#: The case history lines a customer's timeline shows ("case_" and the line's kind); a
#: conflict line is the desks' business, not the customer's.
CASE_KINDS = ("case_opened", "case_status", "case_assigned", "case_comment")


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One event of a customer's timeline: a logged contact, a purchase (or return), or a line
    of one of the customer's cases.

    ``kind`` is the contact's channel ("call", "visit", "email"), "purchase" or "return", or
    one of ``CASE_KINDS`` ("case_" and the history line's kind). A contact fills ``reason`` to
    ``pending``; a purchase fills ``number`` to ``original_number``; a case line fills
    ``case_id``, ``number`` (the case's), ``subject``, ``agent`` (its author), ``notes`` (its
    body), ``old``/``new`` (a move or an assignment), ``visibility`` (a comment) and
    ``pending``. An order event (``kind`` "order_" and the event's kind) fills ``order_id``,
    ``number`` (the order's), ``agent`` (who), ``notes`` (its detail), ``new`` (the status it
    moved to, if any), ``old`` (the order's status now) and ``pending``. Events are ordered by
    ``(at, id)``, newest first.
    """

    id: str
    at: datetime
    kind: str
    reason: str = ""
    agent: str = ""
    notes: str = ""
    outcome: str = ""
    follow_up: date | None = None
    pending: bool = False
    number: str = ""
    branch: str = ""
    total: Money | None = None
    original_number: str | None = None
    case_id: str = ""
    subject: str = ""
    old: str | None = None
    new: str | None = None
    visibility: str | None = None
    order_id: str = ""

    @property
    def is_case(self) -> bool:
        return bool(self.case_id)

    @property
    def is_order(self) -> bool:
        return bool(self.order_id)

    @property
    def key(self) -> tuple[datetime, str]:
        """Where the event sits on the timeline (pages go on from the last one's key)."""
        return (self.at, self.id)

    @classmethod
    def of_contact(cls, row: InteractionRow) -> TimelineEvent:
        return cls(
            id=row.id,
            at=row.occurred_at,
            kind=row.channel,
            reason=row.reason,
            agent=row.agent,
            notes=row.notes,
            outcome=row.outcome,
            follow_up=row.follow_up,
            pending=row.pending,
        )

    @classmethod
    def of_purchase(cls, row: PurchaseRow) -> TimelineEvent:
        return cls(
            id=row.id,
            at=row.purchased_at,
            kind="return" if row.is_return else "purchase",
            number=row.number,
            branch=row.branch,
            total=row.total,
            original_number=row.original_number,
        )
