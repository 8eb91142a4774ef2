"""The till as one register's window uses it: its cashier, rules and supervisor check.

``TillDesk`` binds the till use cases (``services.till``) to one register, so the window's
background operations are plain calls (``desk.pay(...)``, ``desk.close(...)``). Every method
works on the cache alone, except when given a ``supervisor`` (name, password): then the
approval is asked for the very entry the call writes (its key fixed first, see
``services.till.scopes``), from the server, or checked against the supervisor's kept
verifier when the server cannot be reached (see ``services.till.approval``). An
``approval`` made beforehand (tests, tools) is recorded as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from frontdesk.domain.discounts import DiscountOffer
from frontdesk.domain.money import Money
from frontdesk.domain.till import CashCount, EntryKind, Purpose, Tender, TillRules
from frontdesk.domain.till_totals import ShiftTotals
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.till import branch, payments, refunds, scopes, shift
from frontdesk.services.till.commands import CloseShift, OpenShift, RecordPayment, Refund, Void
from frontdesk.services.till.journal import Clock, now
from frontdesk.services.till.ports import (
    AbstractSupervisorCheck,
    Approval,
    ApprovalScope,
    SaleLine,
    ShiftRecord,
    TillTransaction,
    TillUnitOfWork,
)

#: A supervisor's name and password, as typed in the approval dialog.
Credentials = tuple[str, str]
_TRANSACTIONS = {EntryKind.PAYMENT.value, EntryKind.REFUND.value, EntryKind.VOID.value}


@dataclass(frozen=True, slots=True)
class ShiftView:
    """The open shift (or None) and its transactions, newest last."""

    shift: ShiftRecord | None
    transactions: list[TillTransaction]
    left_to_refund: dict[str, Money]
    #: Refunds and voids the server declined (too large when it came), with its reason.
    declined: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PrintedReceipt:
    """A transaction to print, whether this print is a COPY, and the customer's name;
    ``sold``: of a line refund, the lines of the payment it returns (its receipt names them
    as the sale's did)."""

    tx: TillTransaction
    copy: bool
    customer: str
    sold: tuple[SaleLine, ...] = ()


class TillDesk:
    """One register's till, for its window.

    Args:
        uow: the till's unit of work on this desk's cache.
        register: the register code (``SHOP1``).
        cashier: who is signed in at the desk.
        rules: accepted currencies and the amount limit.
        supervisor_check: makes the check a supervisor signs in through (asked per approval,
            so it follows the desk's current server).
        queries: the customer lookup (names on receipts).
        clock: when each entry happens (now, aware UTC; a test's till may run on another day).
    """

    def __init__(
        self,
        uow: TillUnitOfWork,
        *,
        register: str,
        cashier: str,
        rules: TillRules,
        supervisor_check: Callable[[], AbstractSupervisorCheck],
        queries: AbstractCustomerQueries | None = None,
        clock: Clock = now,
    ) -> None:
        self.uow, self.register, self.cashier, self.rules = uow, register, cashier, rules
        self._supervisor_check, self.queries, self.clock = supervisor_check, queries, clock

    @property
    def currency(self) -> str:
        return self.rules.base.code

    def view(self) -> ShiftView:
        with self.uow:
            shift = self.uow.till.open_shift(self.register)
            if shift is None:
                return ShiftView(None, [], {})
            entries = self.uow.till.entries(shift_id=shift.id)
            txs = [self.uow.till.transaction(e.key) for e in entries if e.kind in _TRANSACTIONS]
            done = [tx for tx in txs if tx is not None]
            paid = [tx for tx in done if tx.kind == "payment"]
            left = {tx.id: branch.refundable(self.uow, tx) for tx in paid}
            declined = self.uow.till.declined([tx.id for tx in done if tx.kind != "payment"])
        return ShiftView(shift, done, left, declined)

    def open_shift(self, opening_float: Money) -> ShiftRecord:
        opening = OpenShift(self.register, self.cashier, opening_float)
        return shift.open_shift(self.uow, opening, rules=self.rules, clock=self.clock)

    def pay(
        self,
        *,
        amount: Money,
        tenders: Iterable[tuple[Tender, Money]],
        customer_id: str | None,
        purpose: Purpose,
        key: str,
        discount: DiscountOffer | None = None,
        approval: Approval | None = None,
        supervisor: Credentials | None = None,
        lines: Iterable[SaleLine] = (),
        settles: str | None = None,
    ) -> TillTransaction:
        """Take a payment; a basket sale gives its ``lines`` (``amount``: their totals) and
        the basket it ``settles`` (removed in the payment's transaction)."""
        payment = scopes.with_key(RecordPayment(
            register=self.register, cashier=self.cashier, amount=amount, tenders=tuple(tenders),
            customer_id=customer_id, purpose=purpose, discount=discount, approval=approval,
            key=key, lines=tuple(lines), settles=settles,
        ))  # fmt: skip
        if supervisor is not None:
            scope = scopes.payment_scope(payment, self.rules)
            payment = replace(payment, approval=self.approve(*supervisor, scope=scope))
        return payments.record_payment(self.uow, payment, rules=self.rules, clock=self.clock)

    def approve(self, username: str, password: str, *, scope: ApprovalScope) -> Approval:
        return self._supervisor_check().approve(username, password, scope=scope)

    def refund(
        self,
        payment: str,
        *,
        amount: Money,
        tender: Tender,
        reason: str,
        key: str,
        approval: Approval | None = None,
        supervisor: Credentials | None = None,
        lines: Iterable[tuple[int, Decimal]] = (),
    ) -> TillTransaction:
        """Pay back ``amount``; a return of ``lines`` (line number, quantity) must pay back
        exactly what they come to (``services.till.returns``)."""
        asked = scopes.with_key(Refund(
            payment=payment, amount=amount, cashier=self.cashier, approval=approval,
            tender=tender, reason=reason, key=key, register=self.register, lines=tuple(lines),
        ))  # fmt: skip
        if supervisor is not None:
            scope = scopes.refund_scope(self.uow, asked)
            asked = replace(asked, approval=self.approve(*supervisor, scope=scope))
        return refunds.refund(self.uow, asked, rules=self.rules, clock=self.clock)

    def receipt_to_refund(self, receipt: str) -> branch.ReceiptToRefund:
        """The payment of ``receipt`` (this till's or a pulled one) and what is left of it."""
        return branch.receipt_to_refund(self.uow, receipt, register=self.register)

    def void(
        self,
        payment: str,
        *,
        reason: str,
        key: str,
        approval: Approval | None = None,
        supervisor: Credentials | None = None,
    ) -> TillTransaction:
        asked = scopes.with_key(Void(payment, self.cashier, approval, reason=reason, key=key,
                                     register=self.register))  # fmt: skip
        if supervisor is not None:
            scope = scopes.void_scope(self.uow, asked)
            asked = replace(asked, approval=self.approve(*supervisor, scope=scope))
        return refunds.void(self.uow, asked, clock=self.clock)

    def report(self) -> ShiftTotals:
        return shift.shift_report(self.uow, register=self.register)

    def close(
        self, counted: CashCount, supervisor: Credentials | None = None
    ) -> tuple[ShiftRecord, ShiftTotals]:
        closing = scopes.with_key(CloseShift(self.register, counted))
        if supervisor is not None:
            approval = self.approve(*supervisor, scope=scopes.close_scope(closing))
            closing = replace(closing, approval=approval)
        return shift.close_shift(self.uow, closing, clock=self.clock)

    def print_receipt(self, receipt: str) -> PrintedReceipt:
        """Count one more print of ``receipt``; the second and later prints are copies."""
        tx, copy = shift.reprint(self.uow, receipt=receipt)
        return PrintedReceipt(tx, copy, self.customer_name(tx.customer_id), self._sold(tx))

    def _sold(self, tx: TillTransaction) -> tuple[SaleLine, ...]:
        """The lines of the payment ``tx`` returns lines of (this till's or a pulled one)."""
        if not tx.returned or tx.links_to is None:
            return ()
        with self.uow:
            payment = branch.find_payment(self.uow, tx.links_to)
        return payment.lines if payment is not None else ()

    def customer_name(self, customer_id: str | None) -> str:
        """The customer's display name for receipts and the basket ("" if none)."""
        if customer_id is None or self.queries is None:
            return ""
        profile = self.queries.profile(customer_id)
        return profile.display_name if profile else customer_id
