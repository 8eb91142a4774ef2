"""The till's tables on the server: register heads, journal, payments, refunds and voids.

``till_payments.refunded_minor`` is the running total of what was paid back (refunds and
voids); a CHECK keeps it within the payment, and appliers raise it with one conditional
UPDATE, so two tills refunding one payment at once can never pay back more than was paid.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Integer,
    String,
    Text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from frontdesk.server.model_base import Base


class TillRegister(Base):
    """A register an admin set up (``frontdesk-server register add``): its branch, the device
    it is bound to (None: the first device of its branch to push binds it), and its last
    acknowledged journal entry (its head: seq 0 and the genesis hash until the first entry).
    """

    __tablename__ = "till_registers"
    register: Mapped[str] = mapped_column(String(20), primary_key=True)
    device_id: Mapped[str | None] = mapped_column(String(36))
    # Revision 0012_register_branch. None or "" (registers of older servers whose branch
    # could not be told): refused until an admin binds it (``register move``).
    branch: Mapped[str | None] = mapped_column(String(100))
    head_seq: Mapped[int] = mapped_column(Integer)
    head_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime]
    # Revision 0016_registers: a label for people ("Till 2, front"), and retirement.
    name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    retired_at: Mapped[datetime | None] = mapped_column(default=None)
    # Revision 0017_journal_signing: the server's signature of the head (``till.signing``):
    # the counter is the last entry's, so a head moved back no longer matches a signature.
    head_counter: Mapped[int | None] = mapped_column(BigInteger)
    head_signature: Mapped[str | None] = mapped_column(String(128))
    head_key_id: Mapped[str | None] = mapped_column(String(16))


class TillJournalEntry(Base):
    """One link of a register's chain, exactly as the till hashed it (``content``)."""

    __tablename__ = "till_journal"
    register: Mapped[str] = mapped_column(String(20), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(12))
    content: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime]
    # Revision 0017_journal_signing: the server's signature (None: stored before signing).
    sig_counter: Mapped[int | None] = mapped_column(BigInteger, index=True)
    signature: Mapped[str | None] = mapped_column(String(128))
    key_id: Mapped[str | None] = mapped_column(String(16))
    #: Revision 0027_feed: its place in the transaction feed (shift opens and closes).
    change_seq: Mapped[int | None] = mapped_column(BigInteger, index=True, default=None)


class TillPayment(Base):
    __tablename__ = "till_payments"
    __table_args__ = (
        CheckConstraint(
            "refunded_minor >= 0 AND refunded_minor <= amount_minor", name="refund_within_paid"
        ),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    register: Mapped[str] = mapped_column(String(20), index=True)
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    shift_id: Mapped[str] = mapped_column(String(36), index=True)
    customer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    purpose: Mapped[str] = mapped_column(String(10))
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    refunded_minor: Mapped[int] = mapped_column(BigInteger)
    cashier: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime]
    # Revision 0008_till_approve: the discount, its approval and the server's verdict.
    gross_minor: Mapped[int | None] = mapped_column(BigInteger)
    discount_minor: Mapped[int | None] = mapped_column(BigInteger)
    approved_by: Mapped[str | None] = mapped_column(String(100))
    approval_method: Mapped[str | None] = mapped_column(String(10))
    approval_check: Mapped[str | None] = mapped_column(Text)
    accepted: Mapped[bool] = mapped_column(Boolean, server_default=true())
    refusal: Mapped[str | None] = mapped_column(Text)


class TillRefund(Base):
    """A refund or void (``kind``) of a payment; ``accepted`` False if it would exceed it or
    has no valid supervisor approval (``approval_check`` says why, else ``valid``)."""

    __tablename__ = "till_refunds"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    payment_id: Mapped[str] = mapped_column(ForeignKey("till_payments.id"), index=True)
    register: Mapped[str] = mapped_column(String(20))
    receipt_no: Mapped[str] = mapped_column(String(40), unique=True)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    accepted: Mapped[bool] = mapped_column(Boolean)
    approved_by: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime]
    # Revision 0008_till_approve: how the approval was verified, and the server's check.
    approval_method: Mapped[str | None] = mapped_column(String(10))
    approval_check: Mapped[str | None] = mapped_column(Text)


class TillFeedRow(Base):
    """A payment, refund or void as the other tills of its branch pull it (``till_feed``).

    Written once, when the journal entry is applied, with its change-sequence number; the
    journal itself (seq, hashes) never leaves the server.
    """

    __tablename__ = "till_feed"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    register: Mapped[str] = mapped_column(String(20))
    branch: Mapped[str] = mapped_column(String(100), index=True)
    receipt_no: Mapped[str] = mapped_column(String(40))
    links_to: Mapped[str | None] = mapped_column(String(36))
    currency: Mapped[str] = mapped_column(String(3))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    change_minor: Mapped[int] = mapped_column(BigInteger)
    tenders: Mapped[list[Any]] = mapped_column(JSON)
    customer_id: Mapped[str | None] = mapped_column(String(36))
    purpose: Mapped[str] = mapped_column(String(10))
    cashier: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime]
    accepted: Mapped[bool] = mapped_column(Boolean)
    declined_reason: Mapped[str | None] = mapped_column(Text)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    # Revision 0025_basket_sales: a basket payment's lines (``SaleLineWire`` dicts) and a
    # refund's returned lines (``ReturnLineWire`` dicts), as the entry gave them.
    lines: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")
    returned: Mapped[list[Any]] = mapped_column(JSON, default=list, server_default="[]")


class TillSaleLine(Base):
    """A line of an accepted basket payment, and what came back of it so far.

    ``returned_milli``/``returned_minor`` are raised by accepted refunds and voids with one
    conditional UPDATE on the locked row; a CHECK keeps them within the line, so two tills
    returning one line at once can never take back more than was sold. Revision
    0025_basket_sales.
    """

    __tablename__ = "till_sale_lines"
    __table_args__ = (
        CheckConstraint(
            "returned_milli >= 0 AND returned_milli <= quantity_milli "
            "AND returned_minor >= 0 AND returned_minor <= net_minor",
            name="returned_within_sold",
        ),
    )
    payment_id: Mapped[str] = mapped_column(ForeignKey("till_payments.id"), primary_key=True)
    line_no: Mapped[int] = mapped_column(Integer, primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(10))
    quantity_milli: Mapped[int] = mapped_column(BigInteger)
    unit_price_scaled: Mapped[int] = mapped_column(BigInteger)
    net_minor: Mapped[int] = mapped_column(BigInteger)
    returned_milli: Mapped[int] = mapped_column(BigInteger, default=0)
    returned_minor: Mapped[int] = mapped_column(BigInteger, default=0)


class SigningKey(Base):
    """A public key the server has signed the journal with (kept after rotation)."""

    __tablename__ = "signing_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))  # the raw 32 bytes, hex
    first_used_at: Mapped[datetime]


class SignatureCounter(Base):
    """One row (id 1): the last signature counter handed out, server-wide."""

    __tablename__ = "signature_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class TillApproval(Base):
    """A supervisor approval the server issued for one journal entry, used at most once.

    ``id`` is the SHA-256 of the token the cashier's desk was given (the token itself is
    never stored); the entry that may use it is bound by its key, kind, register, amount and
    currency, and its time must fall within ``issued_at`` (less a minute of clock skew) and
    ``expires_at``. ``used_by_entry`` is the key of the entry that used it. Revision
    0015_approvals.
    """

    __tablename__ = "till_approvals"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    supervisor: Mapped[str] = mapped_column(String(100))
    cashier: Mapped[str] = mapped_column(String(100))
    register: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(12))
    entry_key: Mapped[str] = mapped_column(String(36), index=True)
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_by_entry: Mapped[str | None] = mapped_column(String(36), unique=True)
    used_at: Mapped[datetime | None]


class TillApprovalCheck(Base):
    """The approval a pushed till entry carried and the server's verdict on it
    (``verdict``: ``valid``, ``unverified`` for an offline one, else why it does not stand),
    for ``frontdesk-server approvals``. Revision 0015_approvals."""

    __tablename__ = "till_approval_checks"
    entry_key: Mapped[str] = mapped_column(String(36), primary_key=True)
    register: Mapped[str] = mapped_column(String(20), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    receipt_no: Mapped[str | None] = mapped_column(String(40))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    currency: Mapped[str | None] = mapped_column(String(3))
    cashier: Mapped[str] = mapped_column(String(100))
    supervisor: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(10))
    verdict: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(index=True)
