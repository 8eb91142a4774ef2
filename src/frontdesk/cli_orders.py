"""Headless order commands of ``frontdesk`` (wired in by ``frontdesk.cli``).

    frontdesk order find TEXT [--fetch] [--json]
    frontdesk order show NUMBER [--fetch] [--json]
    frontdesk order place --customer ID --line SKU:QTY [--line SKU:QTY ...] [--note TEXT]
                          [--json]
    frontdesk order cancel NUMBER --reason TEXT [--json]

``find`` takes an order number, a tracking number or the customer's phone number, and prints
one line per order (``--json``: one object per line; none found exits 0). ``--fetch`` asks
the server for a number this desk does not hold. ``show`` prints the order, where it is, its
lines and events. ``place`` takes a phone order (offline too: the server confirms or refuses
it after the next sync; a SKU may also be a scanned barcode); ``cancel`` asks for a
cancellation. Money in JSON is decimal text with its currency, never a float.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from frontdesk.domain.errors import DomainError
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.orders.writes import UnknownOrder

if TYPE_CHECKING:
    from frontdesk.config import Settings
    from frontdesk.services.orders.desk import DeskOrders
    from frontdesk.services.orders.ports import OrderEvent, OrderRecord
    from frontdesk.services.orders.read_model import ListedOrder, OrderView

EXIT_OK = 0


class OrderRefused(FrontdeskError):
    """A value the order cannot take, with the field it belongs to."""


def add_parsers(sub: Any) -> None:
    order = sub.add_parser("order", help="find orders, show one, take a phone order, cancel")
    actions = order.add_subparsers(dest="action", required=True)
    find = actions.add_parser("find", help="by order number, tracking number or phone")
    find.add_argument("text")
    find.add_argument("--fetch", action="store_true", help="ask the server for the number")
    show = actions.add_parser("show", help="an order: where it is, its lines and events")
    show.add_argument("number")
    show.add_argument("--fetch", action="store_true", help="ask the server for it first")
    place = actions.add_parser("place", help="take a phone order (works offline)")
    place.add_argument("--customer", required=True, help="customer id")
    place.add_argument(
        "--line",
        action="append",
        required=True,
        metavar="SKU:QTY",
        help="a product (SKU or barcode) and its quantity; repeat per line",
    )
    place.add_argument("--note", default="")
    cancel = actions.add_parser("cancel", help="ask for an order's cancellation")
    cancel.add_argument("number")
    cancel.add_argument("--reason", required=True)
    for parser in (find, show, place, cancel):
        parser.add_argument("--json", action="store_true", help="machine-readable output")


def order_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    from frontdesk.bootstrap import build_client

    client = build_client(settings)
    try:
        return _ACTIONS[args.action](args, client.orders(), io)
    except DomainError as error:
        raise OrderRefused(str(error)) from None
    finally:
        client.close()


def _find(args: argparse.Namespace, desk: DeskOrders, io: Any) -> int:
    found = list(desk.find(args.text).orders)
    if not found and args.fetch:
        fetched = desk.fetch_number(args.text)
        found = [] if fetched is None else [_as_listed(fetched)]
    for item in found:
        io.say(json.dumps(listed_json(item), ensure_ascii=False) if args.json else _line(item))
    return EXIT_OK


def _show(args: argparse.Namespace, desk: DeskOrders, io: Any) -> int:
    view = desk.fetch_number(args.number) if args.fetch else desk.view(args.number)
    if view is None:
        raise UnknownOrder(f"no order {args.number.strip()} at this desk (sync, or --fetch)")
    if args.json:
        io.say(json.dumps(view_json(view), ensure_ascii=False))
        return EXIT_OK
    order = view.order
    io.say(f"{order.number}\t{order.status}\t{order.total.amount} {order.total.currency.code}")
    io.say(f"  {view.where.text()}")
    for line in order.lines:
        io.say(f"  {line.line_no}\t{line.sku}\t{line.quantity}\t{line.unit_price.amount}\t"
               f"{line.line_total.amount}\t{line.description}")  # fmt: skip
    for event in view.events:
        pending = " (not sent yet)" if event.pending else ""
        io.say(f"  {event.at:%Y-%m-%d %H:%M}\t{event.author}\t{event.kind}\t"
               f"{event.status or ''}\t{event.detail}{pending}")  # fmt: skip
    return EXIT_OK


def _place(args: argparse.Namespace, desk: DeskOrders, io: Any) -> int:
    order = desk.place(args.customer, [_sku_quantity(text) for text in args.line], note=args.note)
    words = (f"Took phone order {order.number} for {order.total.amount} "
             f"{order.total.currency.code}; the server confirms it at the next sync.")  # fmt: skip
    io.say(json.dumps(order_json(order), ensure_ascii=False) if args.json else words)
    return EXIT_OK


def _cancel(args: argparse.Namespace, desk: DeskOrders, io: Any) -> int:
    event = desk.request_cancellation(args.number, args.reason)
    words = f"Asked to cancel order {args.number.strip()}; the back office decides."
    io.say(json.dumps({**event_json(event), "number": args.number.strip()}, ensure_ascii=False)
           if args.json else words)  # fmt: skip
    return EXIT_OK


def _sku_quantity(text: str) -> tuple[str, str]:
    sku, colon, quantity = text.rpartition(":")
    if not colon or not sku.strip():
        raise OrderRefused(f"--line {text!r}: write it SKU:QUANTITY, e.g. MUG-01:2")
    return sku.strip(), quantity


def _as_listed(view: OrderView) -> ListedOrder:
    from frontdesk.services.orders.read_model import ListedOrder

    return ListedOrder(view.order, view.where.days_late)


def _line(item: ListedOrder) -> str:
    order = item.order
    promised = f"{order.promised_on:%Y-%m-%d}" if order.promised_on else "-"
    late = f"LATE {item.days_late}d" if item.late else ""
    return (f"{order.number}\t{order.status}\t{order.total.amount} {order.total.currency.code}"
            f"\t{promised}\t{late}\t{order.customer_id or ''}").rstrip()  # fmt: skip


def order_json(order: OrderRecord) -> dict[str, Any]:
    return {
        "id": order.id, "number": order.number, "channel": order.channel,
        "customer_id": order.customer_id, "branch": order.branch, "status": order.status,
        "payment_state": order.payment_state, "total": str(order.total.amount),
        "currency": order.total.currency.code,
        "promised_on": order.promised_on.isoformat() if order.promised_on else None,
        "carrier": order.carrier, "tracking_number": order.tracking_number,
        "placed_at": order.placed_at.isoformat(), "refused_reason": order.refused_reason,
        "waiting_for_server": order.waiting_for_server,
        "lines": [{"line_no": line.line_no, "sku": line.sku, "description": line.description,
                   "quantity": str(line.quantity), "unit_price": str(line.unit_price.amount),
                   "line_total": str(line.line_total.amount)} for line in order.lines],
    }  # fmt: skip


def listed_json(item: ListedOrder) -> dict[str, Any]:
    printed = order_json(item.order)
    del printed["lines"]
    return {**printed, "late": item.late, "days_late": item.days_late}


def event_json(event: OrderEvent) -> dict[str, Any]:
    return {"id": event.id, "kind": event.kind, "status": event.status, "detail": event.detail,
            "by": event.author, "at": event.at.isoformat(), "pending": event.pending}  # fmt: skip


def view_json(view: OrderView) -> dict[str, Any]:
    return {**order_json(view.order), "late": view.late, "days_late": view.where.days_late,
            "where": view.where.text(), "cancel_requested": view.cancel_requested,
            "events": [event_json(event) for event in view.events]}  # fmt: skip


_ACTIONS = {"find": _find, "show": _show, "place": _place, "cancel": _cancel}
COMMANDS = {"order": order_command}
