"""``frontdesk-server export``: the parser and the command."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from frontdesk.server.reporting.export import FORMATS, ExportError, compact_folder, export


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "export",
        help="write the transaction feed as Parquet (or CSV) by kind and day (docs/feed.md)",
    )
    parser.add_argument("--to", required=True, type=Path, metavar="DIR")
    parser.add_argument(
        "--since", type=_cursor, default=None, metavar="CURSOR",
        help="the feed position to start after: 0, or where an earlier export into DIR "
        "ended (default: where the last one ended)",
    )  # fmt: skip
    parser.add_argument("--format", choices=FORMATS, default="parquet")
    parser.add_argument(
        "--compact", action="store_true",
        help="export nothing; merge each day's Parquet files in DIR into one (docs/feed.md)",
    )  # fmt: skip
    from frontdesk.server.reporting import report_cli

    report_cli.add_parser(sub)


def _cursor(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a feed position (a whole number)")
    return int(text)


def run(args: argparse.Namespace, factory: Any, *, stdout: TextIO, stderr: TextIO) -> int:
    try:
        if args.compact:
            report = compact_folder(args.to)
        else:
            report = export(factory, args.to, since=args.since, fmt=args.format)
    except ExportError as error:
        print(f"export: {error}", file=stderr)
        return 2
    print(json.dumps(report.as_dict(), sort_keys=True), file=stdout)
    return 0
