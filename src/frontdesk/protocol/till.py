"""Payloads of the till's writes: each carries one journal entry of its register's chain.

The entry's content is hashed by the desk as it wrote it, so the text of every value is kept
as it came (amounts and times stay strings) and the server recomputes the hash over exactly
that. What the types cannot say, the models check: amounts exact to the currency's minor
unit, tenders that add up to the amount and the change, change only out of cash, a refund or
void linked to its payment, a shift count that adds up, a receipt number of the entry's own
register (``<register>-<digits>``), so no register can spend another's numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StrictInt, model_validator

from frontdesk.domain import basket
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money, UnitPrice
from frontdesk.protocol.catalogue import QuantityText, SkuText, UnitName
from frontdesk.protocol.wire import (
    CurrencyCode,
    DecimalText,
    InstantText,
    SignedDecimalText,
    Text,
    UuidText,
    WireModel,
    money_of,
)

TenderName = Literal["cash", "card", "bank_transfer"]
PurposeName = Literal["purchase", "account"]
EntryKindName = Literal["shift_open", "payment", "refund", "void", "shift_close"]
REGISTER_PATTERN = r"^[A-Z0-9_-]{1,20}$"
RegisterCode = Annotated[str, Field(pattern=REGISTER_PATTERN)]
ReceiptText = Annotated[str, Field(pattern=r"^[A-Z0-9_-]{1,20}-\d{8,19}$")]
HashText = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
UserName = Text(100, min_length=1)
MAX_TENDERS = 20
MAX_DENOMINATIONS = 50
#: Lines on one receipt (``domain.basket.MAX_LINES``).
MAX_SALE_LINES = 500


#: The token of a server-issued approval (``secrets.token_urlsafe(32)``: 43 characters).
ApprovalToken = Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{20,100}$")]
ApprovalKind = Literal["payment", "refund", "void", "shift_close"]


class ApprovalWire(WireModel):
    """A supervisor's sign-off as the entry records it.

    ``online``: the server issued ``token`` for exactly this entry (``TillApprovalRequest``)
    and checks it when the entry is pushed; without a valid token the entry is not accepted.
    ``offline``: the desk checked the password against a kept verifier; the server records
    it as unverified. An offline approval carries no token (the key is left out, so entries
    written before tokens hash exactly as they did).
    """

    supervisor: UserName
    method: Literal["online", "offline"]
    at: InstantText
    token: ApprovalToken | None = None


class TillApprovalRequest(WireModel):
    """What a cashier asks the server to approve: one entry, bound by its key and values.

    ``POST /api/v1/till/approvals`` with the cashier's own (device-bound) token. ``amount``
    and ``currency`` are the entry body's (what the entry pays, refunds or voids); a shift
    close has neither.
    """

    supervisor: UserName
    password: Text(1000, min_length=1)
    # "register" is a method of every pydantic model (ABCMeta.register): aliased here.
    register_code: RegisterCode = Field(alias="register")
    kind: ApprovalKind
    key: UuidText
    amount: DecimalText | None = None
    currency: CurrencyCode | None = None

    @model_validator(mode="after")
    def _amount_for_kind(self) -> TillApprovalRequest:
        if self.kind == "shift_close":
            if self.amount is not None or self.currency is not None:
                raise ValueError("amount: a shift close is approved without an amount")
            return self
        if self.amount is None or self.currency is None:
            raise ValueError(f"amount: a {self.kind} is approved for its amount and currency")
        if money_of(self.amount, self.currency, field="amount").amount <= 0:
            raise ValueError("amount: must be more than zero")
        return self


class TillApprovalGranted(WireModel):
    """The server's approval: its single-use ``token`` and until when it is good, and the
    supervisor as the server knows them (the desk renews its offline verifier with them)."""

    token: ApprovalToken
    supervisor: UserName
    role: Literal["supervisor"]
    issued_at: InstantText
    expires_at: InstantText


class DiscountWire(WireModel):
    """A discount as typed (``kind``, ``value``), its receipt line and the sale before it."""

    kind: Literal["percent", "amount"]
    value: DecimalText
    amount: DecimalText
    gross: DecimalText


class TenderWire(WireModel):
    tender: TenderName
    amount: DecimalText


class SaleLineWire(WireModel):
    """A basket line as the receipt prints it; the journal entry's hash covers it. ``net`` is
    what the line comes to after its own discount and its share of the basket's
    (``domain.basket``: the nets add up to the payment's amount exactly)."""

    line_no: StrictInt = Field(ge=1, le=MAX_SALE_LINES)
    sku: SkuText
    description: Text(300)
    unit: UnitName
    quantity: QuantityText
    unit_price: DecimalText
    discount: DecimalText = "0"
    net: DecimalText


class ReturnLineWire(WireModel):
    """Part of a paid line coming back: which line, how much, and what it pays back."""

    line_no: StrictInt = Field(ge=1, le=MAX_SALE_LINES)
    sku: SkuText
    quantity: QuantityText
    amount: DecimalText


class ShiftOpenBody(WireModel):
    cashier: UserName
    currency: CurrencyCode
    float: DecimalText

    @model_validator(mode="after")
    def _exact(self) -> ShiftOpenBody:
        money_of(self.float, self.currency, field="float")
        return self


class TransactionBody(WireModel):
    """A payment, refund or void: what was taken or paid back, and how."""

    shift_id: UuidText
    receipt: ReceiptText
    cashier: UserName
    customer_id: Text(36, min_length=1) | None
    purpose: PurposeName
    currency: CurrencyCode
    amount: DecimalText
    tenders: list[TenderWire] = Field(min_length=1, max_length=MAX_TENDERS)
    change: DecimalText
    links_to: UuidText | None
    reason: Text(500)
    discount: DiscountWire | None = None
    approval: ApprovalWire | None = None

    @model_validator(mode="after")
    def _adds_up(self) -> TransactionBody:
        amount = money_of(self.amount, self.currency, field="amount")
        if amount.amount <= 0:
            raise ValueError("amount: must be more than zero")
        lines = [
            (t.tender, money_of(t.amount, self.currency, field=f"tenders.{n}.amount"))
            for n, t in enumerate(self.tenders)
        ]
        change = money_of(self.change, self.currency, field="change")
        _check_settled(amount.amount, [(t, m.amount) for t, m in lines], change.amount)
        if self.discount is not None:
            for name in ("value", "amount", "gross"):
                money_of(getattr(self.discount, name), self.currency, field=f"discount.{name}")
        return self


def _check_settled(amount: Decimal, lines: list[tuple[str, Decimal]], change: Decimal) -> None:
    if any(value <= 0 for _, value in lines):
        raise ValueError("tenders: every tender must be more than zero")
    tendered = sum((value for _, value in lines), Decimal(0))
    if tendered - change != amount:
        raise ValueError(f"tenders: {tendered} tendered less {change} change is not {amount}")
    cash = sum((value for tender, value in lines if tender == "cash"), Decimal(0))
    if change > cash:
        raise ValueError(f"change: {change} is more than the {cash} tendered in cash")


class PaymentBody(TransactionBody):
    """A payment; a basket sale lists its lines (``lines`` empty: an amount alone)."""

    lines: list[SaleLineWire] = Field(default_factory=list, max_length=MAX_SALE_LINES)

    @model_validator(mode="after")
    def _unlinked(self) -> PaymentBody:
        if self.links_to is not None:
            raise ValueError("links_to: a payment links to nothing")
        if self.lines:
            _check_basket(self)
        return self


class RefundBody(TransactionBody):
    """A refund or void: linked to the payment it pays back, with an approval. A refund of
    lines names them (``lines`` empty: an amount, or a void of the whole payment)."""

    links_to: UuidText
    discount: None = None
    lines: list[ReturnLineWire] = Field(default_factory=list, max_length=MAX_SALE_LINES)

    @model_validator(mode="after")
    def _lines_add_up(self) -> RefundBody:
        if not self.lines:
            return self
        _distinct([line.line_no for line in self.lines])
        amounts = [money_of(line.amount, self.currency, field=f"lines.{n}.amount")
                   for n, line in enumerate(self.lines)]  # fmt: skip
        back = sum((m.amount for m in amounts), Decimal(0))
        if back != Decimal(self.amount):
            raise ValueError(f"lines: they pay back {back}, not the amount {self.amount}")
        return self


def _distinct(numbers: list[int]) -> None:
    if len(set(numbers)) != len(numbers):
        raise ValueError("lines: a line number is used twice")


def _check_basket(body: PaymentBody) -> None:
    """The lines are the basket the receipt prints: each one's figures, and their nets, are
    what ``domain.basket`` makes of them, and they add up to the amount (before the basket's
    discount: to its ``gross``)."""
    _distinct([line.line_no for line in body.lines])
    try:
        lines = [_basket_line(line, body.currency) for line in body.lines]
        off = Decimal(body.discount.amount) if body.discount is not None else Decimal(0)
        expected = basket.nets(lines, Money.of(off, body.currency))
    except DomainError as error:
        raise ValueError(f"lines: {error}") from None
    for n, (line, net) in enumerate(zip(body.lines, expected, strict=True)):
        if money_of(line.net, body.currency, field=f"lines.{n}.net") != net:
            raise ValueError(f"lines.{n}.net: {line.net} is not {net.amount}")
    totals = sum((line.total.amount for line in lines), Decimal(0))
    if body.discount is not None and Decimal(body.discount.gross) != totals:
        raise ValueError(f"discount.gross: {body.discount.gross} is not the lines' {totals}")
    if sum((net.amount for net in expected), Decimal(0)) != Decimal(body.amount):
        raise ValueError(f"lines: their nets do not add up to the amount {body.amount}")


def _basket_line(line: SaleLineWire, currency: str) -> basket.BasketLine:
    return basket.BasketLine(
        line.line_no, line.sku, line.description, line.unit, Decimal(line.quantity),
        UnitPrice.of(line.unit_price, currency), Money.of(line.discount, currency),
    )  # fmt: skip


class ShiftCloseBody(WireModel):
    shift_id: UuidText
    currency: CurrencyCode
    counted: DecimalText
    denominations: dict[Annotated[str, Field(pattern=r"^\d{1,9}(\.\d{1,4})?$")], StrictInt] = Field(
        max_length=MAX_DENOMINATIONS
    )
    expected_cash: SignedDecimalText
    over_short: SignedDecimalText
    net: SignedDecimalText
    unsynced_at_close: StrictInt = Field(ge=0, le=10**9)
    override: ApprovalWire | None = None

    @model_validator(mode="after")
    def _adds_up(self) -> ShiftCloseBody:
        counted, expected, over_short = (
            money_of(getattr(self, name), self.currency, field=name).amount
            for name in ("counted", "expected_cash", "over_short")
        )
        if any(pieces < 0 for pieces in self.denominations.values()):
            raise ValueError("denominations: a count cannot be negative")
        if counted - expected != over_short:
            raise ValueError(f"over_short: {counted} counted less {expected} is not {over_short}")
        return self


class _Entry(WireModel):
    """One link of a register's chain: the content the hash covers, and the hashes."""

    # "register" is a method of every pydantic model (ABCMeta.register): aliased here.
    register_code: RegisterCode = Field(alias="register")
    seq: StrictInt = Field(ge=1, le=2**63 - 1)
    key: UuidText
    at: InstantText
    prev_hash: HashText
    hash: HashText


class _ReceiptedEntry(_Entry):
    """An entry whose body is a transaction: its receipt is numbered on its own register."""

    body: TransactionBody

    @model_validator(mode="after")
    def _own_receipt(self) -> _ReceiptedEntry:
        number = self.body.receipt.removeprefix(f"{self.register_code}-")
        if number == self.body.receipt or not (number.isascii() and number.isdigit()):
            raise ValueError(f"body.receipt: must be a number of register {self.register_code}")
        return self


class ShiftOpenEntry(_Entry):
    kind: Literal["shift_open"]
    body: ShiftOpenBody


class PaymentEntry(_ReceiptedEntry):
    kind: Literal["payment"]
    body: PaymentBody


class RefundEntry(_ReceiptedEntry):
    kind: Literal["refund"]
    body: RefundBody


class VoidEntry(_ReceiptedEntry):
    kind: Literal["void"]
    body: RefundBody


class ShiftCloseEntry(_Entry):
    kind: Literal["shift_close"]
    body: ShiftCloseBody


class TillShiftOpen(WireModel):
    entry: ShiftOpenEntry


class TillPayment(WireModel):
    entry: PaymentEntry


class TillRefund(WireModel):
    entry: RefundEntry


class TillVoid(WireModel):
    entry: VoidEntry


class TillShiftClose(WireModel):
    entry: ShiftCloseEntry


TillEntry = ShiftOpenEntry | PaymentEntry | RefundEntry | VoidEntry | ShiftCloseEntry

TillWrite = TillShiftOpen | TillPayment | TillRefund | TillVoid | TillShiftClose
#: The payload model of each entry kind: a till write carries one entry of its kind.
PAYLOADS: dict[str, type[TillWrite]] = {
    "shift_open": TillShiftOpen,
    "payment": TillPayment,
    "refund": TillRefund,
    "void": TillVoid,
    "shift_close": TillShiftClose,
}
