"""Returns by line: what is left to bring back of each line of a payment, and what a return
of some of it pays back (``domain.basket.refund_for``).

What came back already is read from the payment's refunds as ``services.till.branch``
counts them (this till's own, pending or not, and the branch's accepted ones, as pulled);
a void brings every line back whole. A refund of an amount alone (no lines) caps the whole
refund (``branch.refundable``), not any line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from frontdesk.domain import basket
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.domain.till import EntryKind
from frontdesk.services.till import branch
from frontdesk.services.till.errors import TillRefused
from frontdesk.services.till.journal import refuse
from frontdesk.services.till.ports import ReturnLine, SaleLine, TillTransaction, TillUnitOfWork


@dataclass(frozen=True, slots=True)
class RefundableLine:
    """One line of a paid receipt: how much was sold, came back, and is left to return."""

    line_no: int
    sku: str
    description: str
    unit: str
    unit_price: UnitPrice
    sold: Decimal
    returned: Decimal
    net: Money
    returned_amount: Money

    @property
    def left(self) -> Decimal:
        return self.sold - self.returned


@dataclass(frozen=True, slots=True)
class RefundableReceipt:
    """A payment found by its receipt, its lines (empty: an amount alone) and what is left."""

    payment: TillTransaction
    lines: tuple[RefundableLine, ...]
    left: Money
    #: Taken at another till of the branch (known from the pulled feed).
    pulled: bool


def refundable_lines(uow: TillUnitOfWork, payment: TillTransaction) -> tuple[RefundableLine, ...]:
    """Each line of ``payment`` with what came back of it so far (inside ``uow``)."""
    back = branch.paid_back(uow, payment)
    voided = any(tx.kind == EntryKind.VOID for tx in back)
    came_back = [r for tx in back if tx.kind == EntryKind.REFUND for r in tx.returned]
    return tuple(_refundable(line, came_back, voided=voided) for line in payment.lines)


def _refundable(line: SaleLine, came_back: list[ReturnLine], *, voided: bool) -> RefundableLine:
    mine = [r for r in came_back if r.line_no == line.line_no]
    returned = line.quantity if voided else sum((r.quantity for r in mine), Decimal(0))
    amount = line.net if voided else sum((r.amount for r in mine), Money.zero(line.net.currency))
    return RefundableLine(
        line.line_no, line.sku, line.description, line.unit, line.unit_price, line.quantity,
        min(returned, line.quantity), line.net, amount,
    )  # fmt: skip


def priced_returns(
    uow: TillUnitOfWork, payment: TillTransaction, asked: Iterable[tuple[int, Decimal]]
) -> tuple[ReturnLine, ...]:
    """The return lines for ``asked`` (line number, quantity), each priced by
    ``domain.basket.refund_for``; ``TillRefused`` for an unknown line, a line given twice,
    a bad quantity or more than is left."""
    lines = {line.line_no: line for line in refundable_lines(uow, payment)}
    asked = list(asked)
    if not asked:
        raise TillRefused("lines: name at least one line to return", code="lines_missing",
                          field="lines")  # fmt: skip
    numbers = [n for n, _ in asked]
    if len(set(numbers)) != len(numbers):
        raise TillRefused("lines: a line is given twice", code="line_twice", field="lines")
    return tuple(_priced(lines, n, q, receipt=payment.receipt_no) for n, q in asked)


def _priced(
    lines: dict[int, RefundableLine], line_no: int, quantity: Decimal, *, receipt: str
) -> ReturnLine:
    line = lines.get(line_no)
    if line is None:
        raise TillRefused(f"line: {receipt} has no line {line_no}", code="line_unknown",
                          field="line", line=line_no, receipt=receipt)  # fmt: skip
    try:
        basket.check_quantity(quantity, unit=line.unit, field=f"line {line_no} quantity")
    except DomainError as error:
        raise refuse(error) from None
    if quantity > line.left:
        raise TillRefused(
            f"line {line_no}: only {line.left} of {line.sold} is left to return, not {quantity}",
            code="over_return", field="line", line=line_no, left=line.left, asked=quantity,
            sku=line.sku,
        )  # fmt: skip
    amount = basket.refund_for(line.net, sold=line.sold, returned=line.returned,
                               returned_amount=line.returned_amount, quantity=quantity)  # fmt: skip
    return ReturnLine(line_no, line.sku, quantity, amount)


def returns_total(returns: Iterable[ReturnLine], currency: str) -> Money:
    return sum((r.amount for r in returns), Money.zero(currency))
