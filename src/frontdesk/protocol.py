"""Wire schemas shared by the client adapter and the server (JSON over HTTPS).

Money travels as a decimal *string* plus an ISO 4217 code, never as a JSON number, so no
float ever touches an amount. Datetimes are ISO 8601 in UTC.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

API_PREFIX = "/api/v1"
#: Rows per pull page: a page costs one cache transaction, so large pages pull faster
#: (100,000 customers and 1M lines: 103 s at 1,000, 61 s at 5,000); parsing a page of
#: 5,000 holds the GIL about 45 ms.
DEFAULT_PAGE_SIZE = 5000
MAX_PAGE_SIZE = 5000


class Role(StrEnum):
    AGENT = "agent"
    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; refuse it at the door (422), not in the database (500).
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


#: Free text a request carries into the database.
InboundText = Annotated[str, AfterValidator(_no_nul)]


class Health(_Wire):
    status: str
    version: str
    database: str


_UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


class LoginRequest(_Wire):
    """A password login; a desk names its workstation, so the tokens are bound to it."""

    username: InboundText = Field(min_length=1, max_length=100)
    password: InboundText = Field(min_length=1, max_length=1000)
    device_id: str | None = Field(
        default=None, pattern=_UUID, description="the workstation's id (registered if new)"
    )
    device_name: InboundText = Field(default="", max_length=100)


class RefreshRequest(_Wire):
    refresh_token: InboundText = Field(min_length=16, max_length=200)


class UserPublic(_Wire):
    username: str
    role: Role
    branch: str


class TokenPair(_Wire):
    access_token: str
    refresh_token: str
    token_type: str = "bearer"
    expires_in: int = Field(description="seconds until the access token expires")
    user: UserPublic
    device_id: str | None = Field(
        default=None, description="the device the tokens are bound to (null: none)"
    )


class CustomerPublic(_Wire):
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


class ProductPublic(_Wire):
    sku: str
    name: str
    category: str
    unit_price: str = Field(description="decimal string, in `currency`")
    currency: str
    seq: int


class PurchaseLinePublic(_Wire):
    line_no: int
    sku: str
    description: str
    quantity: int
    unit_price: str = Field(description="decimal string, in the purchase's currency")
    line_total: str = Field(description="decimal string: quantity x unit price, half-up")


class PurchasePublic(_Wire):
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


class InteractionPublic(_Wire):
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


class CrossSellModelPublic(_Wire):
    """The newest trained cross-sell model, as ``CrossSellModel.to_bytes`` wrote it."""

    version: int
    trained_at: datetime
    blob: str = Field(description="the serialised model, standard base64")
    seq: int


class PullPage(_Wire):
    """Changes after the request's cursor, in change-sequence order.

    ``cursor`` is the sequence number of the last change in this page (or the request's
    cursor when the page is empty); pass it back to get the next page.
    """

    cursor: int
    has_more: bool
    customers: list[CustomerPublic] = []
    products: list[ProductPublic] = []
    purchases: list[PurchasePublic] = []
    crosssell_model: CrossSellModelPublic | None = Field(
        default=None, description="the newest model, in the page whose range holds its seq"
    )
    interactions: list[InteractionPublic] = []


# --- push: the outbox's items, applied at most once each -------------------------------

MAX_PUSH_ITEMS = 500


class DeviceRegistration(_Wire):
    device_id: str = Field(pattern=_UUID, description="made by the workstation, kept in its cache")
    name: InboundText = Field(default="", max_length=100)


class PushItem(_Wire):
    """One local write. ``key`` (a UUID the desk generated) makes applying it idempotent."""

    key: str = Field(pattern=_UUID)
    kind: str = Field(min_length=1, max_length=40)
    seq: int = Field(ge=1, le=2**63 - 1, description="the workstation's own sequence number")
    created_at: datetime
    payload: dict[str, Any]
    author: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="the user who made the write at the desk (null: the pushing user); "
        "must have signed in on the pushing device",
    )


class PushRequest(_Wire):
    device_id: str = Field(pattern=_UUID)
    items: list[PushItem] = Field(min_length=1, max_length=MAX_PUSH_ITEMS)


class PushStatus(StrEnum):
    APPLIED = "applied"  # applied now or earlier (``replayed``); the desk marks it sent
    REJECTED = "rejected"  # the item itself is wrong; retrying the same body cannot help
    CONFLICT = "conflict"  # the key was applied before with another body (HTTP 409 per item)


class ItemResult(_Wire):
    key: str
    status: PushStatus
    detail: str = ""
    replayed: bool = False
    result: dict[str, Any] = {}


class PushResponse(_Wire):
    results: list[ItemResult]


class InteractionRecord(_Wire):
    """Payload of an ``interaction.record`` item; the item's key is the interaction's id."""

    customer_id: str = Field(min_length=1, max_length=36)
    channel: Literal["call", "visit", "email"]
    occurred_at: datetime
    reason: str = Field(min_length=1, max_length=200)
    notes: str = Field(default="", max_length=10_000)
    outcome: str = Field(default="", max_length=200)
    follow_up: date | None = None


EDITABLE_CUSTOMER_FIELDS = ("full_name", "phones", "emails", "notes", "loyalty_card")


class FieldChange(_Wire):
    old: Any
    new: Any


class CustomerEdit(_Wire):
    """Payload of a ``customer.edit`` item: each field with the value the edit started from."""

    customer_id: str = Field(min_length=1, max_length=36)
    changes: dict[
        Literal["full_name", "phones", "emails", "notes", "loyalty_card"], FieldChange
    ] = Field(min_length=1)


class CustomerCreate(_Wire):
    """Payload of a ``customer.create`` item: a customer first registered at a desk.

    The item's key is the customer's id; ``branch`` empty means the pushing user's branch.
    """

    customer_id: str = Field(min_length=1, max_length=36)
    account_number: str = Field(min_length=1, max_length=64)
    full_name: str = Field(default="", max_length=200)
    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    loyalty_card: str | None = None
    branch: str = Field(default="", max_length=100)
    notes: str = ""
    created_at: datetime


class ErrorBody(_Wire):
    detail: str


class CrossSellFeedbackRecord(_Wire):
    """Payload of a ``crosssell.feedback`` outbox item: what became of one offer."""

    customer_id: str = Field(min_length=1, max_length=36)
    sku: str = Field(min_length=1, max_length=64)
    outcome: Literal["offered", "accepted", "declined"]
    model_version: int = Field(ge=1)
    occurred_at: datetime


class AcceptanceRow(_Wire):
    """Offers and their outcomes for one product, agent or branch."""

    key: str
    name: str
    offered: int
    accepted: int
    declined: int
    acceptance_rate: float | None = Field(description="accepted / offered; null if none offered")


class CrossSellAcceptanceReport(_Wire):
    """``GET /reports/crosssell-acceptance``: cross-sell outcomes, grouped three ways."""

    total: AcceptanceRow
    by_product: list[AcceptanceRow]
    by_agent: list[AcceptanceRow]
    by_branch: list[AcceptanceRow]
