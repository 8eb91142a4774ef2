"""``frontdesk find TEXT [--json]``: the desk's one search box, headless (wired in by ``cli``).

Prints what the window's search box lists for ``TEXT``: customers, the branch's receipts,
orders, cases and products, grouped, the kind the query's shape names first. ``--json``
prints one object (``query``, ``guessed``, ``groups`` of ``kind`` and ``hits``). Nothing
found exits 1, like ``lookup``.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from frontdesk.services.omnibox import found_json

if TYPE_CHECKING:
    from frontdesk.config import Settings

EXIT_OK, EXIT_NOTHING = 0, 1


def add_parsers(sub: Any) -> None:
    find = sub.add_parser("find", help="customers, receipts, orders, cases and products at once")
    find.add_argument("text", help="a name, phone, receipt, order or case number, SKU, barcode")
    find.add_argument("--json", action="store_true", help="machine-readable output")


def find_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    from frontdesk.bootstrap import build_client

    client = build_client(settings)
    try:
        found = client.omnibox().find(args.text)
    finally:
        client.close()
    if args.json:
        io.say(json.dumps(found_json(found), ensure_ascii=False))
    else:
        for group in found.groups:
            io.say(f"{group.kind.value}s:")
            for hit in group.hits:
                io.say(f"  {hit.key}\t{hit.title}\t{hit.detail}".rstrip())
    return EXIT_OK if found.groups else EXIT_NOTHING


COMMANDS = {"find": find_command}
