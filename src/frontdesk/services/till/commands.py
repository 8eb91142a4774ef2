"""What the till is asked to do, typed: every amount is ``Money``, every tender a ``Tender``.

The window's forms and the CLI parse what was typed once, into these; the use cases check
them again with the domain's rules (a command may come from any caller) and refuse with
``TillRefused`` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from frontdesk.domain.discounts import DiscountOffer
from frontdesk.domain.money import Money
from frontdesk.domain.till import CashCount, Purpose, Tender
from frontdesk.services.till.ports import Approval, SaleLine


@dataclass(frozen=True, slots=True)
class OpenShift:
    register: str
    cashier: str
    opening_float: Money


@dataclass(frozen=True, slots=True)
class RecordPayment:
    """Take ``amount`` (the sale, before any ``discount``), settled by ``tenders``.

    Cash may be over (change is due); over the cashier's discount limit the ``approval`` of
    a supervisor is recorded with the payment. A ``key`` given twice records it once.
    """

    register: str
    cashier: str
    amount: Money
    tenders: tuple[tuple[Tender, Money], ...]
    customer_id: str | None = None
    purpose: Purpose = Purpose.PURCHASE
    discount: DiscountOffer | None = None
    approval: Approval | None = None
    key: str | None = None
    #: A basket sale's lines (``amount`` is then their totals, before ``discount``).
    lines: tuple[SaleLine, ...] = ()
    #: The basket this payment settles: removed in the payment's own transaction.
    settles: str | None = None


@dataclass(frozen=True, slots=True)
class Refund:
    """Pay back ``amount`` of ``payment`` (its id or receipt number) by ``tender``.

    ``register`` is the till paying back (None: the payment's own). ``approval`` is required
    (None only while it is being asked for: the use case refuses without one).
    """

    payment: str
    amount: Money
    cashier: str
    approval: Approval | None
    tender: Tender = Tender.CASH
    reason: str = ""
    key: str | None = None
    register: str | None = None
    #: Lines coming back, (line number, quantity); ``amount`` must be what they pay back.
    lines: tuple[tuple[int, Decimal], ...] = ()


@dataclass(frozen=True, slots=True)
class Void:
    """Cancel the whole of ``payment`` (its id or receipt number)."""

    payment: str
    cashier: str
    approval: Approval | None
    reason: str = ""
    key: str | None = None
    register: str | None = None


@dataclass(frozen=True, slots=True)
class CloseShift:
    """Close the register's shift with the drawer ``counted``; ``approval`` overrides
    unsynced transactions. ``key``: the closing entry's (new if None; an approval is
    issued for one key, so it is fixed before the approval is asked)."""

    register: str
    counted: CashCount
    approval: Approval | None = None
    key: str | None = None
