"""Headless till commands of ``frontdesk`` (wired in by ``frontdesk.cli``), for scripted tills.

    frontdesk shift open --float 100.00 [--register R] [--json]
    frontdesk shift report [--register R] [--json]                X-report (Z after close)
    frontdesk shift close --count 20=3 --count 0.50=4 [--supervisor NAME] [--json]
    frontdesk pay --customer ID|--walk-in --amount 12.34 --currency GBP --tender cash
                  [--tendered 20.00] [--split card=10.00 --split cash=2.34]
                  [--purpose purchase|account] [--key UUID] [--json]
                  [--discount 10%|2.50 [--supervisor NAME]]   over the limit: a supervisor
    frontdesk pay [--tender cash] [--tendered 20.00] [--split ...] [--supervisor NAME]
                  no --amount: settle the register's basket (``frontdesk basket``, cli_basket.py)
    frontdesk refund RECEIPT --amount 2.00 --supervisor NAME [--tender cash] [--key UUID]
    frontdesk refund RECEIPT --line 1:2 [--line 3:0.5] --supervisor NAME   lines coming back
    frontdesk void RECEIPT --supervisor NAME [--key UUID]

A supervisor's password is read from the first line of stdin. The register code comes from
``--register``, else ``FRONTDESK_REGISTER``, else ``R`` and the start of this desk's id.
Accepted currencies: ``FRONTDESK_TILL_CURRENCIES`` (comma-separated, the first is the shift's;
default GBP); the largest amount: ``FRONTDESK_TILL_LIMIT`` (default 10000); the discount a
cashier may give alone: ``FRONTDESK_TILL_DISCOUNT_LIMIT`` (percent of the sale, default 10).
``pay --json`` prints ``{"id", "receipt", "amount", "currency", "change", "tenders"}``.
``refund`` and ``void`` also take a payment of another till of the branch, once pulled
(``frontdesk sync``). ``shift report`` lists under ``declined`` the refunds and voids the
server declined (another till had paid back first), with its reason.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from frontdesk import cli_basket
from frontdesk.domain.discounts import DiscountKind, DiscountOffer, offer
from frontdesk.domain.errors import DomainError
from frontdesk.domain.money import Money
from frontdesk.domain.till import (
    CashCount,
    Purpose,
    Tender,
    TillInputError,
    TillRules,
    parse_amount,
)
from frontdesk.domain.till_totals import DiscountTotals, ShiftTotals
from frontdesk.services import till
from frontdesk.services.errors import NotLoggedIn
from frontdesk.services.session import logged_in_state
from frontdesk.services.till import scopes
from frontdesk.services.till.ports import Approval, ApprovalScope, TillTransaction

if TYPE_CHECKING:
    from frontdesk.bootstrap import ClientContext
    from frontdesk.config import Settings

T = TypeVar("T")


def add_parsers(sub: Any) -> None:
    shift = sub.add_parser("shift", help="open, report on or close the till's shift")
    actions = shift.add_subparsers(dest="action", required=True)
    opened = _common(actions.add_parser("open", help="start a shift with a float"))
    opened.add_argument("--float", dest="opening_float", required=True, help="e.g. 100.00")
    _common(actions.add_parser("report", help="X-report of the open shift (Z after close)"))
    close = _common(actions.add_parser("close", help="count the drawer and close"))
    close.add_argument("--count", action="append", default=[], help="DENOMINATION=PIECES")
    close.add_argument("--supervisor", help="approve closing with unsynced transactions")
    pay = _common(sub.add_parser("pay", help="take a payment at the till"))
    who = pay.add_mutually_exclusive_group()
    who.add_argument("--customer", help="customer id (with --amount)")
    who.add_argument("--walk-in", action="store_true")
    pay.add_argument("--amount", help="without it: settle the register's basket")
    pay.add_argument("--currency", help="the amount's currency (with --amount)")
    pay.add_argument("--tender", default="cash", choices=["cash", "card", "bank_transfer"])
    pay.add_argument("--tendered", help="cash handed over (change is due on the rest)")
    pay.add_argument("--split", action="append", help="TENDER=AMOUNT, repeat to split")
    pay.add_argument("--purpose", default="purchase", choices=["purchase", "account"])
    pay.add_argument("--key", help="idempotency key: the same key records one payment")
    pay.add_argument("--discount", help="off a purchase: a percent (10%%) or an amount (2.50)")
    pay.add_argument("--supervisor", help="approves a discount over the cashier's limit")
    refund = _common(sub.add_parser("refund", help="refund part or all of a payment"))
    refund.add_argument("receipt")
    back = refund.add_mutually_exclusive_group(required=True)
    back.add_argument("--amount")
    back.add_argument("--line", action="append", help="LINE:QUANTITY coming back, repeat")
    refund.add_argument("--tender", default="cash", choices=["cash", "card", "bank_transfer"])
    refund.add_argument("--reason", default="")
    refund.add_argument("--supervisor", required=True)
    refund.add_argument("--key")
    void = _common(sub.add_parser("void", help="void a whole payment"))
    void.add_argument("receipt")
    void.add_argument("--reason", default="")
    void.add_argument("--supervisor", required=True)
    void.add_argument("--key")


def _common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--register", help="register code (env FRONTDESK_REGISTER)")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    return parser


class _Till:
    """The client, the till's unit of work, this register and its cashier, for one command."""

    def __init__(self, settings: Settings, args: argparse.Namespace) -> None:
        from frontdesk.adapters.cache.till import till_unit_of_work
        from frontdesk.bootstrap import build_client

        self.client: ClientContext = build_client(settings)
        self.uow = till_unit_of_work(self.client.uow)
        self.rules = settings.till_rules
        self.register = args.register or self.client.till_register()
        self.cashier = self._cashier()

    def _cashier(self) -> str:
        try:
            return logged_in_state(self.client.uow).username or "cashier"
        except NotLoggedIn:
            return "cashier"

    def approval(self, supervisor: str, io: Any, scope: ApprovalScope) -> Approval:
        """For the entry ``scope`` describes: online through the server (which issues it
        for that entry), else offline against the supervisor's kept verifier."""
        password = io.stdin.readline().rstrip("\r\n")
        if not password:
            raise till.ApprovalRefused("supervisor: no password on stdin")
        return self.client.supervisor_check(self.uow).approve(supervisor, password, scope=scope)


def shift_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    desk = _Till(settings, args)
    try:
        if args.action == "open":
            opening = till.OpenShift(desk.register, desk.cashier, _float(args, desk.rules))
            shift = till.open_shift(desk.uow, opening, rules=desk.rules)
            _say(io, args, {"shift": shift.id, "register": shift.register,
                            "float": str(shift.opening_float.amount)})  # fmt: skip
            return 0
        if args.action == "report":
            totals = totals_json(till.shift_report(desk.uow, register=desk.register))
            _say(io, args, totals | {"declined": _declined(desk)})
            return 0
        return _close(desk, args, io)
    finally:
        desk.client.close()


def _typed(parse: Callable[[], T]) -> T:
    """What was typed, parsed once; the till's refusal naming the argument if it is wrong."""
    try:
        return parse()
    except DomainError as error:
        raise till.refuse(error) from None


def _float(args: argparse.Namespace, rules: TillRules) -> Money:
    return _typed(lambda: parse_amount(
        args.opening_float, rules.base, field="float", rules=rules, allow_zero=True
    ))  # fmt: skip


def _close(desk: _Till, args: argparse.Namespace, io: Any) -> int:
    counted = _typed(lambda: CashCount.of(_counts(args.count), desk.rules.base))
    closing = scopes.with_key(till.CloseShift(desk.register, counted))
    if args.supervisor:
        approval = desk.approval(args.supervisor, io, scopes.close_scope(closing))
        closing = replace(closing, approval=approval)
    shift, totals = till.close_shift(desk.uow, closing)
    assert shift.counted is not None and shift.over_short is not None
    report = totals_json(totals) | {
        "counted": str(shift.counted.amount),
        "over_short": str(shift.over_short.amount),
        "override_by": shift.override_by,
    }
    _say(io, args, report)
    return 0


def _counts(pairs: list[str]) -> dict[str, int]:
    counted: dict[str, int] = {}
    for pair in pairs:
        denomination, _, pieces = pair.partition("=")
        if not pieces.strip().isdigit():
            raise till.TillRefused(f"count: {pair!r} is not DENOMINATION=PIECES")
        counted[denomination.strip()] = counted.get(denomination.strip(), 0) + int(pieces)
    return counted


def pay_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    desk = _Till(settings, args)
    try:
        if args.amount is None:
            _say(io, args, tx_json(_settle(desk, args, io)))
            return 0
        if args.currency is None or not (args.customer or args.walk_in):
            raise till.TillRefused("amount: --amount needs --currency and --customer or --walk-in")
        payment = scopes.with_key(_typed(lambda: _payment(args, desk)))
        if args.supervisor:
            scope = scopes.payment_scope(payment, desk.rules)
            payment = replace(payment, approval=desk.approval(args.supervisor, io, scope))
        tx = till.record_payment(desk.uow, payment, rules=desk.rules)
    finally:
        desk.client.close()
    _say(io, args, tx_json(tx))
    return 0


def _settle(desk: _Till, args: argparse.Namespace, io: Any) -> TillTransaction:
    """Pay the register's basket: its lines, discounts and customer as the basket has them."""
    if args.discount or args.customer or args.walk_in or args.currency:
        raise till.TillRefused("basket: a basket's discount and customer are set with "
                               "`frontdesk basket`, not on pay")  # fmt: skip
    basket = desk.client.till_basket(desk.register)
    due = basket.due()
    tenders = _typed(lambda: _tenders(args, due, desk.rules))
    supervisor = cli_basket.credentials(args.supervisor, io) if args.supervisor else None
    return basket.settle(tenders, supervisor=supervisor)


def _payment(args: argparse.Namespace, desk: _Till) -> till.RecordPayment:
    rules = desk.rules
    amount = parse_amount(args.amount, rules.currency(args.currency), field="amount", rules=rules)
    discount = _discount(args.discount, amount)
    given = discount.on(amount) if discount else None
    return till.RecordPayment(
        register=desk.register, cashier=desk.cashier, amount=amount,
        tenders=_tenders(args, amount - given.amount if given else amount, rules),
        purpose=Purpose(args.purpose), customer_id=None if args.walk_in else args.customer,
        key=args.key, discount=discount,
    )  # fmt: skip


def _discount(text: str | None, gross: Money) -> DiscountOffer | None:
    if text is None:
        return None
    if text.strip().endswith("%"):
        return offer(text.strip().removesuffix("%"), DiscountKind.PERCENT, gross)
    return offer(text, DiscountKind.AMOUNT, gross)


def _tenders(
    args: argparse.Namespace, due: Money, rules: TillRules
) -> tuple[tuple[Tender, Money], ...]:
    """The tenders given; one tender without an amount takes what is ``due`` in full."""
    given = [tuple(part.partition("=")[::2]) for part in args.split or ()]
    if not given:
        given = [(args.tender, args.tendered)] if args.tendered else [(args.tender, None)]
    return tuple(
        _tender(name, value, due, rules, index) for index, (name, value) in enumerate(given)
    )


def _tender(
    name: str, value: str | None, due: Money, rules: TillRules, index: int
) -> tuple[Tender, Money]:
    try:
        tender = Tender(name)
    except ValueError:
        allowed = ", ".join(t.value for t in Tender)
        raise TillInputError("tender", f"{name!r} is not one of {allowed}") from None
    if value is None:
        return tender, due
    field = "tender amount" if index == 0 else f"tender {index + 1} amount"
    return tender, parse_amount(value, due.currency, field=field, rules=rules)


def refund_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    desk = _Till(settings, args)
    try:
        if args.line:
            _say(io, args, tx_json(_refund_lines(desk, args, io)))
            return 0
        amount = _typed(lambda: _refund_amount(desk, args))
        asked = scopes.with_key(till.Refund(
            payment=args.receipt, amount=amount, cashier=desk.cashier, approval=None,
            tender=Tender(args.tender), reason=args.reason, key=args.key, register=desk.register,
        ))  # fmt: skip
        scope = scopes.refund_scope(desk.uow, asked)
        asked = replace(asked, approval=desk.approval(args.supervisor, io, scope))
        tx = till.refund(desk.uow, asked, rules=desk.rules)
    finally:
        desk.client.close()
    _say(io, args, tx_json(tx))
    return 0


def _refund_lines(desk: _Till, args: argparse.Namespace, io: Any) -> TillTransaction:
    lines = [_line_arg(text) for text in args.line]
    basket = desk.client.till_basket(desk.register)
    supervisor = cli_basket.credentials(args.supervisor, io)
    return basket.refund_lines(args.receipt, lines, tender=Tender(args.tender),
                               reason=args.reason, key=args.key, supervisor=supervisor)  # fmt: skip


def _line_arg(text: str) -> tuple[int, Decimal]:
    number, _, quantity = text.partition(":")
    if not number.strip().isdigit() or not quantity.strip():
        raise till.TillRefused(f"line: {text!r} is not LINE:QUANTITY", code="line_text",
                               field="line", text=text)  # fmt: skip
    return int(number), cli_basket.quantity_arg(quantity)


def _refund_amount(desk: _Till, args: argparse.Namespace) -> Money:
    """The amount in the currency the payment was taken in (else the till's own)."""
    with desk.uow:
        paid = till.find_payment(desk.uow, args.receipt)
    currency = paid.amount.currency if paid is not None else desk.rules.base
    return parse_amount(args.amount, currency, field="amount", rules=desk.rules)


def void_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    desk = _Till(settings, args)
    try:
        asked = scopes.with_key(till.Void(args.receipt, desk.cashier, None, reason=args.reason,
                                          key=args.key, register=desk.register))  # fmt: skip
        scope = scopes.void_scope(desk.uow, asked)
        asked = replace(asked, approval=desk.approval(args.supervisor, io, scope))
        tx = till.void(desk.uow, asked)
    finally:
        desk.client.close()
    _say(io, args, tx_json(tx))
    return 0


def tx_json(tx: TillTransaction) -> dict[str, Any]:
    return _tx_fields(tx) | _lines_json(tx)


def _lines_json(tx: TillTransaction) -> dict[str, Any]:
    if tx.lines:
        return {"lines": [{"line": line.line_no, "sku": line.sku, "quantity": str(line.quantity),
                           "net": str(line.net.amount)} for line in tx.lines]}  # fmt: skip
    if tx.returned:
        return {"lines": [{"line": r.line_no, "sku": r.sku, "quantity": str(r.quantity),
                           "amount": str(r.amount.amount)} for r in tx.returned]}  # fmt: skip
    return {}


def _tx_fields(tx: TillTransaction) -> dict[str, Any]:
    return {
        "id": tx.id,
        "kind": tx.kind,
        "receipt": tx.receipt_no,
        "amount": str(tx.amount.amount),
        "currency": tx.amount.currency.code,
        "change": str(tx.change.amount),
        "tenders": [{"tender": t.tender.value, "amount": str(t.amount.amount)} for t in tx.tenders],
        "links_to": tx.links_to,
    } | _discount_json(tx)


def _discount_json(tx: TillTransaction) -> dict[str, Any]:
    if tx.discount is None:
        return {}
    approval = tx.approval.as_json() if tx.approval else None
    return {"gross": str(tx.gross.amount), "discount": str(tx.discount.amount.amount),
            "approval": approval}  # fmt: skip


def _declined(desk: _Till) -> list[dict[str, str]]:
    """Refunds and voids of the shift the server declined (see ``services.till.branch``)."""
    return [
        {"receipt": tx.receipt_no, "amount": str(tx.amount.amount), "reason": reason}
        for tx, reason in till.declined_refunds(desk.uow, register=desk.register)
    ]


def totals_json(totals: ShiftTotals) -> dict[str, Any]:
    return {
        "currency": totals.currency.code,
        "float": str(totals.opening_float.amount),
        "payments": totals.payments,
        "refunds": totals.refunds,
        "voids": totals.voids,
        "taken": str(totals.taken.amount),
        "refunded": str(totals.refunded.amount),
        "voided": str(totals.voided.amount),
        "net": str(totals.net.amount),
        "by_tender": {name: str(money.amount) for name, money in totals.by_tender.items()},
        "expected_cash": str(totals.expected_cash.amount),
        "discounts": {code: _discounts_json(given) for code, given in totals.discounts.items()},
        # Approved offline: the server records these as unverified, for review.
        "offline_approvals": {
            "count": len(totals.offline_approvals),
            "receipts": list(totals.offline_approvals),
        },
    }


def _discounts_json(given: DiscountTotals) -> dict[str, Any]:
    return {
        "count": given.count,
        "total": str(given.total.amount),
        "approved": given.approved,
        "approved_total": str(given.approved_total.amount),
    }


def _say(io: Any, args: argparse.Namespace, fields: dict[str, Any]) -> None:
    if args.json:
        io.say(json.dumps(fields))
        return
    for name, value in fields.items():
        io.say(f"{name + ':':15} {'-' if value is None else value}")


COMMANDS = {
    "shift": shift_command,
    "pay": pay_command,
    "refund": refund_command,
    "void": void_command,
}
