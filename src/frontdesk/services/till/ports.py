"""Ports of the till: its records, its store in the cache, and the supervisor check.

A till write (shift open or close, payment, refund, void) is one unit-of-work transaction:
the record, its journal entry, the register's counters and the outbox item commit together.
``TillUnitOfWork`` is the ordinary unit of work plus ``till``, the till's tables.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from frontdesk.domain.discounts import Discount, DiscountOffer
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.till import JournalEntry, TenderLine
from frontdesk.protocol.till import TillApprovalGranted, TillApprovalRequest
from frontdesk.services.unit_of_work import AbstractUnitOfWork

ONLINE, OFFLINE = "online", "offline"


@dataclass(frozen=True, slots=True)
class Approval:
    """A supervisor's sign-off, part of the record it approves."""

    supervisor: str
    #: "online": the server checked the password and role and issued ``token`` for this
    #: one entry; "offline": the desk checked the password against the verifier kept from
    #: the supervisor's last online sign-in here (the server records it as unverified).
    method: str
    at: datetime
    token: str | None = None

    def as_json(self) -> dict[str, str]:
        given = {"supervisor": self.supervisor, "method": self.method, "at": self.at.isoformat()}
        return given | ({"token": self.token} if self.token else {})

    @property
    def offline(self) -> bool:
        return self.method == OFFLINE


@dataclass(frozen=True, slots=True)
class ShiftRecord:
    id: str
    register: str
    cashier: str
    opening_float: Money
    opened_at: datetime
    closed_at: datetime | None = None
    counted: Money | None = None
    over_short: Money | None = None
    override_by: str | None = None


@dataclass(frozen=True, slots=True)
class SaleLine:
    """A basket line as the payment's receipt prints it (``protocol.till.SaleLineWire``):
    ``net`` is what it comes to after its own discount and its share of the basket's."""

    line_no: int
    sku: str
    description: str
    unit: str
    quantity: Decimal
    unit_price: UnitPrice
    discount: Money
    net: Money


@dataclass(frozen=True, slots=True)
class ReturnLine:
    """Part of a paid line coming back, and what it pays back (``ReturnLineWire``)."""

    line_no: int
    sku: str
    quantity: Decimal
    amount: Money


@dataclass(frozen=True, slots=True)
class TillTransaction:
    """A payment, refund or void: never changed once recorded; refunds and voids link back.

    ``amount`` is what was paid (after any ``discount``); the sale was ``gross``.
    """

    id: str
    kind: str
    register: str
    receipt_no: str
    shift_id: str
    amount: Money
    tenders: tuple[TenderLine, ...]
    change: Money
    occurred_at: datetime
    cashier: str
    customer_id: str | None = None
    purpose: str = "purchase"
    links_to: str | None = None
    reason: str = ""
    approved_by: str | None = None
    copies: int = 0
    discount: Discount | None = None
    approval: Approval | None = None
    #: A basket payment's lines (empty: an amount alone).
    lines: tuple[SaleLine, ...] = ()
    #: A refund's lines: what came back of which line (empty: an amount or a void).
    returned: tuple[ReturnLine, ...] = ()

    @property
    def gross(self) -> Money:
        return self.amount + self.discount.amount if self.discount else self.amount


@dataclass(frozen=True, slots=True)
class PulledTransaction:
    """A transaction of another till as the server has it: ``accepted`` False if declined."""

    tx: TillTransaction
    accepted: bool
    declined_reason: str | None = None


@dataclass(frozen=True, slots=True)
class RegisterCounters:
    """The next receipt number and the journal head of one register (gapless, offline)."""

    register: str
    receipt_seq: int
    journal_seq: int
    head_hash: str | None


class AbstractTillStore(abc.ABC):
    @abc.abstractmethod
    def counters(self, register: str) -> RegisterCounters: ...

    @abc.abstractmethod
    def save_counters(self, counters: RegisterCounters) -> None: ...

    @abc.abstractmethod
    def open_shift(self, register: str) -> ShiftRecord | None: ...

    @abc.abstractmethod
    def shift(self, shift_id: str) -> ShiftRecord | None: ...

    @abc.abstractmethod
    def last_shift(self, register: str) -> ShiftRecord | None: ...

    @abc.abstractmethod
    def add_shift(self, shift: ShiftRecord) -> None: ...

    @abc.abstractmethod
    def close_shift(self, shift: ShiftRecord) -> None:
        """Store the closing fields of ``shift`` (closed_at, counted, over_short, override)."""

    @abc.abstractmethod
    def add_transaction(self, tx: TillTransaction) -> None: ...

    @abc.abstractmethod
    def transaction(self, id_or_receipt: str) -> TillTransaction | None: ...

    @abc.abstractmethod
    def linked(self, payment_id: str) -> list[TillTransaction]:
        """The refunds and voids of a payment."""

    @abc.abstractmethod
    def count_copy(self, tx_id: str) -> int:
        """One more printed copy of a receipt; returns how many were printed before."""

    @abc.abstractmethod
    def add_entry(self, entry: JournalEntry, *, shift_id: str) -> None: ...

    @abc.abstractmethod
    def entries(self, *, shift_id: str) -> list[JournalEntry]: ...

    @abc.abstractmethod
    def unsynced(self, *, shift_id: str) -> int:
        """Journal entries of the shift whose outbox items the server has not acknowledged."""

    # What the other tills of the branch did, as last pulled (see ``services.till.branch``).
    # A store without a pulled feed knows of none.

    def pulled(self, id_or_receipt: str) -> PulledTransaction | None:
        """A payment, refund or void of another till, by id or receipt number."""
        return None

    def pulled_linked(self, payment_id: str) -> list[PulledTransaction]:
        """The pulled refunds and voids of a payment (of any till, this one's too)."""
        return []

    def registers(self) -> set[str]:
        """The registers this desk knows of: its own and the branch's, as pulled."""
        return set()

    def declined(self, tx_ids: list[str]) -> dict[str, str]:
        """Which of these refunds and voids the server declined, with its reason."""
        return {}


@dataclass(frozen=True, slots=True)
class StoredBasketLine:
    """A basket line as the cache keeps it: the discount as given (``offer``) and the
    amount it made on the line's gross when last changed."""

    line_no: int
    sku: str
    description: str
    unit: str
    quantity: Decimal
    unit_price: UnitPrice
    offer: DiscountOffer | None = None
    #: What ``offer`` made on the line's gross when the line last changed, in minor units.
    discount_minor: int = 0


@dataclass(frozen=True, slots=True)
class StoredBasket:
    """A register's open basket (``held_at`` None) or one of its held ones.

    ``id`` is also the key of the payment that settles it; ``approval`` a supervisor's
    sign-off of its discounts, for that payment.
    """

    id: str
    register: str
    currency: str
    created_at: datetime
    lines: tuple[StoredBasketLine, ...] = ()
    customer_id: str | None = None
    discount: DiscountOffer | None = None
    approval: Approval | None = None
    held_name: str = ""
    held_at: datetime | None = None


class AbstractBasketStore(abc.ABC):
    """The baskets of this desk's registers: one open per register, any number held."""

    @abc.abstractmethod
    def open_basket(self, register: str) -> StoredBasket | None: ...

    @abc.abstractmethod
    def basket(self, basket_id: str) -> StoredBasket | None: ...

    @abc.abstractmethod
    def held(self, register: str) -> list[StoredBasket]:
        """The register's held baskets, oldest first."""

    @abc.abstractmethod
    def save(self, basket: StoredBasket, *, before: StoredBasket | None = None) -> None:
        """Store ``basket`` whole (its lines replace the stored ones). ``before``: the
        basket as this transaction read it, so only what changed since needs writing."""

    @abc.abstractmethod
    def delete(self, basket_id: str) -> None: ...


class TillUnitOfWork(AbstractUnitOfWork):
    till: AbstractTillStore
    supervisors: AbstractSupervisorVerifiers
    baskets: AbstractBasketStore


@dataclass(frozen=True, slots=True)
class SupervisorVerifier:
    """What an offline approval checks a supervisor's password against (never the password):
    an argon2id verifier kept from their last online sign-in at this desk, and its role."""

    username: str
    role: str
    verifier: str
    online_at: datetime


class AbstractSupervisorVerifiers(abc.ABC):
    """The verifiers of supervisors who signed in online at this desk, one per username."""

    @abc.abstractmethod
    def get(self, username: str) -> SupervisorVerifier | None: ...

    @abc.abstractmethod
    def remember(self, verifier: SupervisorVerifier) -> None:
        """Keep (or renew) ``verifier.username``'s verifier."""

    @abc.abstractmethod
    def forget(self, username: str) -> None: ...

    @abc.abstractmethod
    def forget_all(self) -> None:
        """Drop every supervisor's verifier (the desk logs out)."""


@dataclass(frozen=True, slots=True)
class ApprovalScope:
    """What one approval is for: the journal entry it will be part of, on ``register``, of
    ``kind``, under ``key``, for ``amount`` (None: a shift close). The server binds the
    approval it issues to exactly these."""

    register: str
    kind: str
    key: str
    amount: Money | None


class AbstractApprovalIssuer(abc.ABC):
    """The server's side of an online approval, asked with the cashier's own login."""

    @abc.abstractmethod
    def request_approval(self, asked: TillApprovalRequest) -> TillApprovalGranted:
        """The approval, or ``ApprovalDenied`` (the server refused it), ``AuthFailed`` (the
        desk's login was refused) or ``ServerUnreachable``."""


class AbstractSupervisorCheck(abc.ABC):
    @abc.abstractmethod
    def approve(self, username: str, password: str, *, scope: ApprovalScope) -> Approval:
        """Check a supervisor's credentials for the entry ``scope`` describes; raise
        ``ApprovalRefused`` saying why not."""
