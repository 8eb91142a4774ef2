"""The till's basket from the command line (wired in by ``frontdesk.cli``; ``cli_till`` settles
it with ``pay`` and returns its lines with ``refund --line``).

    frontdesk basket add CODE [--quantity Q]          a barcode or SKU; again adds to its line
    frontdesk basket remove LINE | quantity LINE Q
    frontdesk basket discount (--line N | --basket) VALUE[%] [--supervisor NAME]   0 removes
    frontdesk basket customer ID|-                     attach (or - to detach) a customer
    frontdesk basket show | held | hold [--name N] | recall ID | clear

Each takes ``--register`` and ``--json`` (one object: the basket, or the held list). The
basket is kept in the cache per register, so one command adds and a later one pays. A
supervisor's password is read from the first line of stdin.
"""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from frontdesk.services.till import ApprovalRefused, TillRefused
from frontdesk.services.till.basket import BasketView, HeldBasket, TillBasket, parse_discount_text

if TYPE_CHECKING:
    from frontdesk.config import Settings


def add_parsers(sub: Any) -> None:
    basket = sub.add_parser("basket", help="the till's basket: add, discount, hold, recall")
    actions = basket.add_subparsers(dest="action", required=True)
    add = _common(actions.add_parser("add", help="a product by barcode or SKU"))
    add.add_argument("code")
    add.add_argument("--quantity", default="1", help="pieces, or a weight for kg/g/l/m")
    _common(actions.add_parser("remove", help="drop a line")).add_argument("line", type=int)
    quantity = _common(actions.add_parser("quantity", help="set a line's quantity"))
    quantity.add_argument("line", type=int)
    quantity.add_argument("quantity")
    discount = _common(actions.add_parser("discount", help="a line's or the basket's discount"))
    which = discount.add_mutually_exclusive_group(required=True)
    which.add_argument("--line", type=int)
    which.add_argument("--basket", action="store_true")
    discount.add_argument("value", help="a percent (10%%) or an amount (2.50); 0 removes it")
    discount.add_argument("--supervisor", help="approves a discount over the cashier's limit")
    customer = _common(actions.add_parser("customer", help="attach a customer (- detaches)"))
    customer.add_argument("customer")
    _common(actions.add_parser("show", help="the open basket"))
    _common(actions.add_parser("held", help="the held baskets"))
    hold = _common(actions.add_parser("hold", help="put the open basket aside"))
    hold.add_argument("--name", default="")
    _common(actions.add_parser("recall", help="reopen a held basket")).add_argument("id")
    _common(actions.add_parser("clear", help="drop the open basket"))


def _common(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--register", help="register code (env FRONTDESK_REGISTER)")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    return parser


def basket_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    from frontdesk.bootstrap import build_client

    client = build_client(settings)
    try:
        basket = client.till_basket(args.register)
        if args.action == "held":
            _say(io, args, {"held": [held_json(h) for h in basket.held_baskets()]})
            return 0
        if args.action == "hold":
            _say(io, args, {"held": held_json(basket.hold(args.name))})
            return 0
        _say(io, args, view_json(_act(basket, args, io)))
        return 0
    finally:
        client.close()


def _act(basket: TillBasket, args: argparse.Namespace, io: Any) -> BasketView:
    action = args.action
    if action == "add":
        return basket.add_code(args.code, quantity=quantity_arg(args.quantity))
    if action == "remove":
        return basket.remove(args.line)
    if action == "quantity":
        return basket.set_quantity(args.line, quantity_arg(args.quantity))
    if action == "discount":
        return _discount(basket, args, io)
    if action == "customer":
        return basket.attach_customer(None if args.customer == "-" else args.customer)
    if action == "recall":
        return basket.recall(args.id)
    return basket.clear() if action == "clear" else basket.current()


def _discount(basket: TillBasket, args: argparse.Namespace, io: Any) -> BasketView:
    offer = parse_discount_text(args.value)
    offer = offer if offer is not None and offer.value != 0 else None
    supervisor = credentials(args.supervisor, io) if args.supervisor else None
    if args.basket:
        return basket.discount_basket(offer, supervisor=supervisor)
    return basket.discount_line(args.line, offer, supervisor=supervisor)


def credentials(supervisor: str, io: Any) -> tuple[str, str]:
    """The supervisor's name and the password on the first line of stdin."""
    password = io.stdin.readline().rstrip("\r\n")
    if not password:
        raise ApprovalRefused("supervisor: no password on stdin")
    return supervisor, password


def quantity_arg(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise TillRefused(f"quantity: {text!r} is not a number", code="quantity_text",
                          field="quantity", text=text) from None  # fmt: skip


def view_json(view: BasketView) -> dict[str, Any]:
    totals = view.totals
    lines = [
        {"line": v.line_no, "sku": v.sku, "description": v.description, "unit": v.unit,
         "quantity": str(v.quantity), "unit_price": str(v.unit_price.amount),
         "gross": str(v.gross.amount), "discount": str(v.discount.amount),
         "net": str(v.net.amount)}
        for v in view.lines
    ]  # fmt: skip
    return {
        "id": view.id,
        "register": view.register,
        "currency": view.currency.code,
        "lines": lines,
        "basket_discount_given": _offer(view),
        "gross": str(totals.gross.amount),
        "line_discounts": str(totals.line_discounts.amount),
        "basket_discount": str(totals.basket_discount.amount),
        "amount": str(totals.amount.amount),
        "customer_id": view.customer_id,
        "customer": view.customer_name,
        "needs_approval": view.needs_approval,
        "approved_by": view.approval.supervisor if view.approval else None,
    }


def _offer(view: BasketView) -> str | None:
    if view.discount is None:
        return None
    suffix = "%" if view.discount.kind.value == "percent" else ""
    return f"{view.discount.value}{suffix}"


def held_json(held: HeldBasket) -> dict[str, Any]:
    return {"id": held.id, "name": held.name, "held_at": held.held_at.isoformat(),
            "lines": held.lines, "amount": str(held.amount.amount),
            "currency": held.amount.currency.code, "customer_id": held.customer_id}  # fmt: skip


def _say(io: Any, args: argparse.Namespace, fields: dict[str, Any]) -> None:
    if args.json:
        io.say(json.dumps(fields))
        return
    for name, value in fields.items():
        if isinstance(value, list):
            io.say(f"{name}:")
            for item in value:
                io.say("  " + "  ".join(str(v) for v in item.values()))
            continue
        io.say(f"{name + ':':15} {'-' if value is None else value}")


COMMANDS = {"basket": basket_command}
