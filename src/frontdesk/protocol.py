"""Wire schemas shared by the client adapter and the server (JSON over HTTPS).

Money travels as a decimal *string* plus an ISO 4217 code, never as a JSON number, so no
float ever touches an amount. Datetimes are ISO 8601 in UTC.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

API_PREFIX = "/api/v1"
DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 5000


class Role(StrEnum):
    AGENT = "agent"
    CASHIER = "cashier"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class _Wire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Health(_Wire):
    status: str
    version: str
    database: str


class LoginRequest(_Wire):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=1000)


class RefreshRequest(_Wire):
    refresh_token: str = Field(min_length=16, max_length=200)


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


class ErrorBody(_Wire):
    detail: str
