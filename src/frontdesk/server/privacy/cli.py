"""``export-customer``, ``erase-customer`` and ``apply-retention``: parsers and commands."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from frontdesk.server.privacy.erase import erase_customer
from frontdesk.server.privacy.retention import apply_retention, periods_from
from frontdesk.server.privacy.subject_access import export_customer

COMMANDS = ("export-customer", "erase-customer", "apply-retention")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    export = sub.add_parser(
        "export-customer", help="write everything held about one customer to a JSON file"
    )
    export.add_argument("customer_id", metavar="ID")
    export.add_argument("--to", required=True, type=Path, metavar="FILE")
    erase = sub.add_parser(
        "erase-customer",
        help="erase a customer's personal data; their transactions keep a pseudonymous id",
    )
    erase.add_argument("customer_id", metavar="ID")
    erase.add_argument("--reason", required=True, help="why (kept in the erasure log)")
    erase.add_argument("--by", required=True, metavar="NAME", help="who asked for it")
    retention = sub.add_parser(
        "apply-retention",
        help="apply FRONTDESK_SERVER_RETENTION_<KIND>_DAYS (docs/privacy.md)",
    )
    retention.add_argument(
        "--dry-run", action="store_true", help="count what would change, change nothing"
    )


def run(args: argparse.Namespace, factory: Any, *, stdout: TextIO) -> int:
    if args.command == "export-customer":
        result: dict[str, Any] = export_customer(factory, args.customer_id, args.to)
    elif args.command == "erase-customer":
        result = erase_customer(factory, args.customer_id, reason=args.reason,
                                by=args.by).as_dict()  # fmt: skip
    else:
        periods = periods_from()
        changed = apply_retention(factory, periods, dry_run=args.dry_run)
        result = {"periods_days": periods, "changed": changed, "dry_run": args.dry_run}
    print(json.dumps(result, sort_keys=True), file=stdout)
    return 0
