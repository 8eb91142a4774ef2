"""The central database's tables (SQLAlchemy 2.x typed ORM).

Money columns are integers: ``*_minor`` in the currency's minor unit, ``*_scaled`` (unit
prices) in units of 10^-(minor units + PRICE_EXTRA_DIGITS). No column is REAL or float.
Every replicated row carries ``change_seq``, the change-sequence number of its last change.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

# The till's, the cases', the catalogue's, the orders' and the erasure log's tables live in
# their own modules; imported here so Base.metadata holds them.
from frontdesk.server.cases import models as case_models  # noqa: F401
from frontdesk.server.catalogue import models as catalogue_models  # noqa: F401
from frontdesk.server.knowledge import models as knowledge_models  # noqa: F401
from frontdesk.server.model_base import Base
from frontdesk.server.orders import models as order_models  # noqa: F401
from frontdesk.server.privacy import models as privacy_models  # noqa: F401
from frontdesk.server.snapshot import models as snapshot_models  # noqa: F401
from frontdesk.server.till import models as till_models  # noqa: F401


class ChangeCounter(Base):
    """One row (id 1): the last change-sequence number handed out."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    branch: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime]
    #: Set while the account is disabled: its tokens are refused and it cannot log in.
    disabled_at: Mapped[datetime | None] = mapped_column(default=None)
    #: Raised by a sign-out everywhere; tokens of an older generation are refused.
    token_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class AuthToken(Base):
    """An access or refresh token, stored only as its SHA-256 (shared by every process)."""

    __tablename__ = "auth_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "access" | "refresh"
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime]
    #: The workstation the login was made at; its pushes must name this device. NULL for a
    #: login that named no device (older desks, scripts): see server/push.py.
    device_id: Mapped[str | None] = mapped_column(String(36))
    #: The user's ``token_generation`` when the token was issued.
    generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: When a refresh token last refreshed (None: never).
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    #: Shared by every token descended from one sign-in: a refresh token presented twice
    #: revokes the whole family (server/auth.py).
    family_id: Mapped[str] = mapped_column(String(64), index=True)
    #: When a refresh token was exchanged for its successor (None: it is the live one). A
    #: successor voided by a retry within the reuse grace is marked used at the moment it
    #: was issued (server/auth.py ``_retried_in_grace``).
    used_at: Mapped[datetime | None] = mapped_column(default=None)


class LoginThrottle(Base):
    """The failed sign-ins in a row of one account name or one client address.

    Keyed by a SHA-256 of ``"account:<name>"`` or ``"address:<host>"``: names that are no
    account are counted too (a typed password in the name field is not kept readable).
    See server/throttle.py.
    """

    __tablename__ = "login_throttles"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(index=True)
    #: No attempt for this key is checked before this moment (None: no wait).
    blocked_until: Mapped[datetime | None] = mapped_column(default=None)


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_number: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    phones: Mapped[list[str]] = mapped_column(JSON, default=list)
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    loyalty_card: Mapped[str | None] = mapped_column(String(19), unique=True)
    branch: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    # Revision 0016_registers: the branch of the desk user who created the customer, and of
    # the last one whose edit changed it (None: imported, or before 0016). ``branch`` is the
    # customer's home branch; customers stay company-wide (the call centre serves them all).
    created_branch: Mapped[str | None] = mapped_column(String(100), default=None)
    edited_branch: Mapped[str | None] = mapped_column(String(100), default=None)


class Product(Base):
    """A product. ``name``, ``category``, ``unit_price_scaled`` and ``currency`` are its list
    entry as purchases and cross-sell know it; revision 0023_catalogue added the catalogue's
    own fields (the ERP's import fills them: server/catalogue/). Its barcodes are rows of
    ``product_barcodes``; a change to them is a change to the product (a new ``change_seq``).
    """

    __tablename__ = "products"
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    #: Language code -> name, and -> description.
    names: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    descriptions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    category_code: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    attributes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    unit: Mapped[str] = mapped_column(String(10), default="piece", server_default="piece")
    status: Mapped[str] = mapped_column(String(20), default="active", server_default="active")
    replacement_sku: Mapped[str | None] = mapped_column(String(64), default=None)
    #: Standard base64 of a small PNG/JPEG/WebP, as the wire carries it.
    thumbnail: Mapped[str | None] = mapped_column(Text, default=None)
    #: ``LiteratureLink`` objects as dicts.
    literature: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )


class Purchase(Base):
    __tablename__ = "purchases"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"), index=True)
    purchased_at: Mapped[datetime]
    branch: Mapped[str] = mapped_column(String(100), default="")
    currency: Mapped[str] = mapped_column(String(3))
    is_return: Mapped[bool] = mapped_column(Boolean, default=False)
    original_number: Mapped[str | None] = mapped_column(String(64))
    total_minor: Mapped[int] = mapped_column(BigInteger)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    lines: Mapped[list[PurchaseLine]] = relationship(
        back_populates="purchase", order_by="PurchaseLine.line_no", cascade="all, delete-orphan"
    )


class PurchaseLine(Base):
    __tablename__ = "purchase_lines"
    purchase_id: Mapped[str] = mapped_column(
        ForeignKey("purchases.id", ondelete="CASCADE"), primary_key=True
    )
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(ForeignKey("products.sku"), index=True)
    description: Mapped[str] = mapped_column(String(300), default="")
    #: Thousandths (revision 0025_basket_sales): a weighed line sells 0.455 kg; negative on a
    #: return.
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    #: What the line came to: quantity x unit price, half-up, less any discount of a till sale.
    line_total_minor: Mapped[int] = mapped_column(BigInteger)
    #: Revision 0027_feed: the change number of the transaction that wrote the line (a
    #: continued import invoice adds lines to a purchase later, under a newer number).
    change_seq: Mapped[int | None] = mapped_column(BigInteger, index=True, default=None)
    purchase: Mapped[Purchase] = relationship(back_populates="lines")


class CrossSellModelRow(Base):
    """A trained cross-sell model (``CrossSellModel.to_bytes``); the newest ships through pull.

    ``purchases_through_seq`` is the largest purchase change-sequence number the training
    read: purchases above it are "new" for the automatic retraining check.
    """

    __tablename__ = "crosssell_models"
    # Numbered in the storing transaction (under the change-counter lock), not by the database.
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    trained_at: Mapped[datetime]
    purchases_through_seq: Mapped[int] = mapped_column(BigInteger)
    purchase_lines: Mapped[int] = mapped_column(BigInteger)
    products: Mapped[int] = mapped_column(Integer)
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)


class Device(Base):
    """A workstation, registered at the first login there; it belongs to the branch of the
    user who registered it, and any user of that branch may sign in on it."""

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    registered_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    registered_at: Mapped[datetime]
    branch: Mapped[str] = mapped_column(String(100), default="", server_default="")
    #: Set once an admin revoked the device: tokens bound to it are refused from then on.
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)
    #: Revision 0018_cases: given at registration (1, 2, ...), the device's case-number
    #: prefix (``D12``); None only for a row written without registering (tests, scripts).
    number: Mapped[int | None] = mapped_column(Integer, unique=True, default=None)


class DeviceUser(Base):
    """A user who signed in on a device with their password: only they may author its writes."""

    __tablename__ = "device_users"
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    first_login_at: Mapped[datetime]


class AppliedItem(Base):
    """A pushed outbox item that took effect: its key is unique, its result kept for replays."""

    __tablename__ = "applied_items"
    key: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    device_seq: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(40))
    request_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    applied_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    applied_at: Mapped[datetime] = mapped_column(index=True)


class Interaction(Base):
    """A call, visit or e-mail logged at a desk (its id is the outbox item's key)."""

    __tablename__ = "interactions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))
    occurred_at: Mapped[datetime]
    reason: Mapped[str] = mapped_column(String(200))
    agent: Mapped[str] = mapped_column(String(100))
    notes: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(200), default="")
    follow_up: Mapped[date | None] = mapped_column(Date)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    #: Revision 0016_registers: the author's branch (None: recorded before 0016).
    branch: Mapped[str | None] = mapped_column(String(100), default=None)


class CrossSellFeedback(Base):
    """What became of one cross-sell offer at a desk (its id is the outbox item's key)."""

    __tablename__ = "crosssell_feedback"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(10))
    model_version: Mapped[int] = mapped_column(Integer)
    agent: Mapped[str] = mapped_column(String(100))
    branch: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(36))
    occurred_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    #: Revision 0027_feed: its place in the transaction feed.
    change_seq: Mapped[int | None] = mapped_column(BigInteger, index=True, default=None)


class CustomerEvent(Base):
    """A customer's creation or edit (append-only; the ``customers`` row holds only the
    latest state). ``fields`` are the values written; ``source`` is ``desk`` (a push),
    ``import``, ``seed`` or ``history`` (a customer that existed before revision 0027_feed)."""

    __tablename__ = "customer_events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # "create" | "edit"
    source: Mapped[str] = mapped_column(String(10))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Of an edit: the fields someone else changed first, ``{"field", "kept", "yours"}``.
    conflicts: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    author: Mapped[str | None] = mapped_column(String(100), default=None)
    branch: Mapped[str | None] = mapped_column(String(100), default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    occurred_at: Mapped[datetime]
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
