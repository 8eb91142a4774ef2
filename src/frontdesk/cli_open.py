"""``frontdesk open``: show a customer in the desk's window (wired in by ``frontdesk.cli``).

    frontdesk open --phone "+7 916 123-45-67"       the caller: one match opens, none offers
                                                    the new-customer form, several are listed
    frontdesk open --customer ID|ACCOUNT
    frontdesk open "frontdesk://open?phone=…"       the link form (also ``?customer=…``)
    frontdesk "frontdesk://open?phone=…"            the same, as an OS URL handler starts it

A window already open on the data directory is brought to the front and shows the customer
(this process exits 0 at once); otherwise this process becomes the window. Plain
``frontdesk`` also goes through here, so a second launch raises the first window.
A bad number, id or link exits 2 with what is wrong.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from frontdesk.services.screen_pop import PopRequest, ScreenPopError, parse_open_url

if TYPE_CHECKING:
    from frontdesk.config import Settings

EXIT_USAGE = 2
#: Options of ``frontdesk`` itself that take a value (so the value is not the link).
_VALUED = frozenset({"--data-dir", "--smoke-screenshot"})


def add_parsers(sub: Any) -> None:
    opened = sub.add_parser("open", help="show a customer in the window (screen pop)")
    opened.add_argument("url", nargs="?", help="a frontdesk://open?phone=… or ?customer=… link")
    opened.add_argument("--phone", help="the caller's number, in any usual form")
    opened.add_argument("--customer", help="customer id or exact account number")


def with_open_command(argv: list[str]) -> list[str]:
    """``argv`` with ``open`` put before a link given as the first (or only) argument.

    An OS URL handler starts ``frontdesk LINK``; anything with ``://`` or ``frontdesk:``
    where a command goes is taken as a link, so a wrong one gets the link's own error.
    """
    skip = False
    for index, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            if "://" in arg or arg.lower().startswith("frontdesk:"):
                return [*argv[:index], "open", *argv[index:]]
            return argv
    return argv


def request_from_args(args: argparse.Namespace) -> PopRequest:
    """The one request ``open``'s arguments make; ``ScreenPopError`` if not exactly one."""
    given = [value for value in (args.url, args.phone, args.customer) if value is not None]
    if len(given) != 1:
        raise ScreenPopError("open takes one of: a frontdesk:// link, --phone N, --customer ID")
    if args.url is not None:
        return parse_open_url(args.url)
    return PopRequest(phone=args.phone, customer=args.customer)


def run_window(settings: Settings, request: PopRequest | None = None) -> int:
    """The window (or a hand-over to the one already open), showing ``request`` if any."""
    from frontdesk.ui.single_instance import run_desk

    return run_desk(settings, [sys.argv[0] if sys.argv else "frontdesk"], request)


def _open(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    try:
        request = request_from_args(args)
    except ScreenPopError as error:
        print(f"frontdesk open: {error}", file=io.stderr)
        return EXIT_USAGE
    return run_window(settings, request)


COMMANDS = {"open": _open}
