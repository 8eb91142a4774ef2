"""``frontdesk``: the window with no subcommand; headless subcommands for scripts and tests.

    frontdesk [--data-dir DIR] [--smoke-screenshot FILE.png]     the window (one per data dir)
    frontdesk open --phone N | --customer ID | LINK              screen pop (cli_open.py)
    frontdesk login --server URL --user NAME --password-stdin
    frontdesk sync [--status [--json]] [--retry-failed]          push the outbox, then pull
    frontdesk interaction add / customer edit                    local writes (cli_sync.py)
    frontdesk case open|comment|assign|status|list [--json]      cases (cli_cases.py)
    frontdesk product search TEXT | show SKU|BARCODE [--json]    products (cli_catalogue.py)
    frontdesk order find|show|place|cancel [--json]               orders (cli_orders.py)
    frontdesk kb search QUERY|- | show ID [--json]               knowledge base (cli_kb.py)
    frontdesk basket add|remove|discount|show|hold|recall ...    till basket (cli_basket.py)
    frontdesk lookup QUERY [--json]                              search the cache
    frontdesk lookup --json -                                    one query per stdin line
    frontdesk status [--json]                                    login and cache state
    frontdesk recommend CUSTOMER [--json] [--limit K] [--record-offered]  cross-sell offers
    frontdesk feedback CUSTOMER SKU accepted|declined            what became of an offer
    frontdesk logout

Exit codes: 0 success, 1 failure (one line on stderr, never a traceback; ``lookup`` with no
match also exits 1, like grep), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from frontdesk import (
    __version__,
    cli_basket,
    cli_cases,
    cli_catalogue,
    cli_kb,
    cli_open,
    cli_orders,
    cli_sync,
    cli_till,
)
from frontdesk.config import ConfigError, Settings, load_settings
from frontdesk.domain.money import UnitPrice
from frontdesk.services.crosssell_feedback import record_feedback
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.queries import AbstractCustomerQueries
from frontdesk.services.read_models import CustomerMatch, PurchaseRow, RecommendationRow

if TYPE_CHECKING:
    from frontdesk.bootstrap import ClientContext

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Feedback is accepted for a product among this many of the customer's current offers.
FEEDBACK_WINDOW = 20


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontdesk",
        description="Frontdesk workstation. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"frontdesk {__version__}")
    parser.add_argument("--data-dir", help="where the local cache lives (env FRONTDESK_DATA_DIR)")
    parser.add_argument(
        "--smoke-screenshot",
        metavar="FILE.png",
        help="open the window on the first customer, save a screenshot, exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    login = sub.add_parser("login", help="log in to a central server")
    login.add_argument("--server", required=True, help="e.g. https://frontdesk.example:8765")
    login.add_argument("--user", required=True)
    login.add_argument(
        "--password-stdin", action="store_true", required=True, help="read the password from stdin"
    )
    cli_sync.add_parsers(sub)  # sync, interaction add, customer edit
    cli_till.add_parsers(sub)  # shift, pay, refund, void
    cli_basket.add_parsers(sub)  # basket add|remove|quantity|discount|customer|show|hold|recall
    cli_open.add_parsers(sub)  # open: screen pop
    cli_cases.add_parsers(sub)  # case open|comment|assign|status|list
    cli_catalogue.add_parsers(sub)  # product search|show
    cli_orders.add_parsers(sub)  # order find|show|place|cancel
    cli_kb.add_parsers(sub)  # kb search|show
    sub.add_parser("logout", help="forget the login here and revoke it on the server")
    lookup = sub.add_parser("lookup", help="find customers in the cache")
    lookup.add_argument("query", help="what to look for; - reads one query per line of stdin")
    lookup.add_argument("--json", action="store_true", help="one JSON object per line per match")
    lookup.add_argument("--limit", type=int, default=20)
    status = sub.add_parser("status", help="who is logged in and how far the cache has synced")
    status.add_argument("--json", action="store_true")
    recommend = sub.add_parser("recommend", help="products to offer a customer, with reasons")
    recommend.add_argument("customer", help="customer id or exact account number")
    recommend.add_argument("--json", action="store_true", help="one JSON object per line")
    recommend.add_argument("--limit", type=int, default=5)
    recommend.add_argument(
        "--record-offered", action="store_true", help="queue 'offered' feedback for each offer"
    )
    feedback = sub.add_parser("feedback", help="record what the customer said to an offer")
    feedback.add_argument("customer", help="customer id or exact account number")
    feedback.add_argument("sku", help="the offered product")
    feedback.add_argument("outcome", choices=["accepted", "declined", "offered"])
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    args_list = cli_open.with_open_command(list(sys.argv[1:] if argv is None else argv))
    parser = _parser()
    args = parser.parse_args(args_list)
    err = stderr or sys.stderr
    if args.command and args.smoke_screenshot:
        parser.error("--smoke-screenshot opens the window; it takes no command")
    try:
        settings = load_settings(data_dir=args.data_dir)
        if args.command is None:
            return _run_gui(settings, args_list)
        io = _IO(stdin or sys.stdin, stdout or sys.stdout, err)
        return _COMMANDS[args.command](args, settings, io)
    except (FrontdeskError, ConfigError) as error:
        print(f"frontdesk: {error}", file=err)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("frontdesk: interrupted", file=err)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's own flush at exit
        # from failing again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


class _IO:
    def __init__(self, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr

    def say(self, text: str) -> None:
        print(text, file=self.stdout)


def _run_gui(settings: Settings, args_list: list[str]) -> int:
    # Imported here so the headless commands never load Qt. One window per data directory:
    # a second launch raises the first (ui/single_instance.py).
    from frontdesk.ui.single_instance import run_desk

    return run_desk(settings, [sys.argv[0] if sys.argv else "frontdesk", *args_list])


def _client(settings: Settings) -> ClientContext:
    from frontdesk.bootstrap import build_client

    return build_client(settings)


def _login(args: argparse.Namespace, settings: Settings, io: _IO) -> int:
    password = io.stdin.readline().rstrip("\r\n")
    if not password:
        print("frontdesk: no password on stdin (--password-stdin)", file=io.stderr)
        return EXIT_USAGE
    client = _client(settings)
    try:
        user = client.login(args.server, args.user, password)
        where = client.queries.sync_status().server_url
    finally:
        client.close()
    branch = f", branch {user.branch}" if user.branch else ""
    io.say(f"Logged in to {where} as {user.username} (role {user.role.value}{branch}).")
    return EXIT_OK


def _logout(args: argparse.Namespace, settings: Settings, io: _IO) -> int:
    client = _client(settings)
    try:
        told = client.logout()
    finally:
        client.close()
    io.say("Logged out." if told else "Logged out here; the server could not be told.")
    return EXIT_OK


def _lookup(args: argparse.Namespace, settings: Settings, io: _IO) -> int:
    if args.query == "-":
        return _lookup_lines(args, settings, io)
    client = _client(settings)
    try:
        matches = client.queries.search(args.query, limit=args.limit)
        if args.json:
            for match in matches:
                io.say(json.dumps(customer_json(client.queries, match), ensure_ascii=False))
        elif matches:
            _print_table(io, matches)
    finally:
        client.close()
    if not matches:
        print(f"frontdesk: no customer matches {args.query!r}", file=io.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _lookup_lines(args: argparse.Namespace, settings: Settings, io: _IO) -> int:
    """One JSON line per query line, in order, flushed at once (a caller may wait on it)."""
    client = _client(settings)
    try:
        for line in io.stdin:
            query = line.rstrip("\r\n")
            matches = client.queries.search(query, limit=args.limit)
            results = [match_json(match) for match in matches]
            io.say(json.dumps({"query": query, "matches": results}, ensure_ascii=False))
            io.stdout.flush()
    finally:
        client.close()
    return EXIT_OK


def match_json(match: CustomerMatch) -> dict[str, Any]:
    """One match of ``lookup --json -``: what matched and where, for highlighting."""
    return {
        "id": match.id,
        "account_number": match.account_number,
        "name": match.display_name,
        "phone": match.phone,
        "email": match.email,
        "branch": match.branch,
        "matched_field": match.matched_field,
        "span": list(match.span) if match.span else None,
    }


def _status(args: argparse.Namespace, settings: Settings, io: _IO) -> int:
    client = _client(settings)
    try:
        status = client.queries.sync_status()
    finally:
        client.close()
    fields = {
        "data_dir": str(settings.data_dir),
        "server_url": status.server_url,
        "username": status.username,
        "cursor": status.cursor,
        "last_pull_at": status.last_pull_at.isoformat() if status.last_pull_at else None,
        "customers": status.customers,
        "purchases": status.purchases,
    }
    if args.json:
        io.say(json.dumps(fields))
    else:
        for name, value in fields.items():
            io.say(f"{name + ':':14} {'-' if value is None else value}")
    return EXIT_OK


def _recommend(args: argparse.Namespace, settings: Settings, io: _IO) -> int:
    client = _client(settings)
    try:
        customer_id = _customer_id(client.queries, args.customer)
        if customer_id is None:
            print(f"frontdesk: no customer {args.customer!r} in the local cache", file=io.stderr)
            return EXIT_FAILED
        offers = client.queries.recommendations(customer_id, k=max(args.limit, 1))
        if args.record_offered:
            record_feedback(client.uow, customer_id=customer_id, offers=offers, outcome="offered")
    finally:
        client.close()
    for rank, offer in enumerate(offers, start=1):
        io.say(
            json.dumps(recommendation_json(rank, offer), ensure_ascii=False)
            if args.json
            else f"{rank}. {offer.name} [{offer.sku}]: {offer.reason}"
        )
    return EXIT_OK


def _feedback(args: argparse.Namespace, settings: Settings, io: _IO) -> int:
    client = _client(settings)
    try:
        customer_id = _customer_id(client.queries, args.customer)
        if customer_id is None:
            print(f"frontdesk: no customer {args.customer!r} in the local cache", file=io.stderr)
            return EXIT_FAILED
        offered = client.queries.recommendations(customer_id, k=FEEDBACK_WINDOW)
        offers = [offer for offer in offered if offer.sku == args.sku]
        if not offers:
            print(f"frontdesk: {args.sku} is not among this customer's offers", file=io.stderr)
            return EXIT_FAILED
        entry = record_feedback(
            client.uow, customer_id=customer_id, offers=offers, outcome=args.outcome
        )[0]
    finally:
        client.close()
    io.say(entry.key)
    return EXIT_OK


def _customer_id(queries: AbstractCustomerQueries, text: str) -> str | None:
    if queries.profile(text) is not None:
        return text
    matches = queries.search(text, limit=5)
    exact = [m for m in matches if m.account_number == text]
    return exact[0].id if exact else None


def recommendation_json(rank: int, offer: RecommendationRow) -> dict[str, Any]:
    """One line of ``recommend --json``."""
    return {
        "rank": rank,
        "sku": offer.sku,
        "name": offer.name,
        "reason": offer.reason,
        "because_of": list(offer.because_of),
        "because_of_skus": list(offer.because_of_skus),
        "kind": offer.kind,
        "model_version": offer.model_version,
    }


_COMMANDS: dict[str, Callable[[argparse.Namespace, Settings, _IO], int]] = {
    "login": _login,
    **cli_sync.COMMANDS,
    **cli_till.COMMANDS,
    **cli_basket.COMMANDS,
    **cli_open.COMMANDS,
    **cli_cases.COMMANDS,
    **cli_catalogue.COMMANDS,
    **cli_orders.COMMANDS,
    **cli_kb.COMMANDS,
    "logout": _logout,
    "lookup": _lookup,
    "status": _status,
    "recommend": _recommend,
    "feedback": _feedback,
}


def customer_json(queries: AbstractCustomerQueries, match: CustomerMatch) -> dict[str, Any]:
    """A match with the customer's profile fields and every purchase, for ``lookup --json``."""
    profile = queries.profile(match.id)
    return {
        "id": match.id,
        "account_number": match.account_number,
        "name": match.display_name,
        "phones": list(profile.phones) if profile else [],
        "emails": list(profile.emails) if profile else [],
        "loyalty_card": profile.loyalty_card if profile else None,
        "branch": match.branch,
        "matched_field": match.matched_field,
        "purchases": [_purchase_json(queries, p) for p in queries.purchases(match.id)],
    }


def _purchase_json(queries: AbstractCustomerQueries, purchase: PurchaseRow) -> dict[str, Any]:
    return {
        "number": purchase.number,
        "purchased_at": purchase.purchased_at.isoformat(),
        "total": str(purchase.total.amount),
        "currency": purchase.total.currency.code,
        "is_return": purchase.is_return,
        "original_number": purchase.original_number,
        "items": [
            {
                "sku": line.sku,
                "description": line.description,
                "quantity": str(line.quantity),
                "unit": line.unit,
                "unit_price": price_text(line.unit_price),
                "total": str(line.total.amount),
            }
            for line in queries.purchase_lines(purchase.id)
        ],
    }


def price_text(price: UnitPrice) -> str:
    """A unit price with the currency's minor digits and any finer ones it has: 2.10, 0.125."""
    normal = price.amount.normalize()
    exponent = normal.as_tuple().exponent
    minor = price.currency.minor_units
    short = isinstance(exponent, int) and -exponent < minor
    return f"{normal.quantize(price.currency.quantum) if short else normal:f}"


def _print_table(io: _IO, matches: list[CustomerMatch]) -> None:
    rows = [("ACCOUNT", "NAME", "PHONE", "EMAIL", "BRANCH", "MATCHED")]
    rows += [
        (m.account_number, m.display_name, m.phone, m.email, m.branch, m.matched_field)
        for m in matches
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        io.say(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
