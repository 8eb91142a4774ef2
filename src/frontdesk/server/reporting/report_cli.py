"""``frontdesk-server report NAME --from DAY --to DAY [--branch B] [--by DIMS]
--json|--csv|--xlsx FILE``, and ``--drill DIM=VALUE,...`` for the rows behind a cell."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from frontdesk.server.reporting import engine, output
from frontdesk.server.reporting.catalogue import REPORTS
from frontdesk.server.reporting.relations import Window


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "report",
        help="a report over the exported feed and today's rows",
        description="Reports: " + "; ".join(f"{r.name}: {r.title}" for r in REPORTS.values()),
    )
    parser.add_argument("name", choices=list(REPORTS))
    parser.add_argument("--from", dest="first", required=True, type=_day, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="last", required=True, type=_day, metavar="YYYY-MM-DD")
    parser.add_argument("--branch", default=None)
    parser.add_argument(
        "--by",
        type=_names,
        default=None,
        metavar="DIM,DIM",
        help="the dimensions to group by (default: the report's own)",
    )
    parser.add_argument(
        "--drill",
        type=_cell,
        default=None,
        metavar="DIM=VALUE,...",
        help="print the transactions behind one cell instead (JSON)",
    )
    parser.add_argument(
        "--feed",
        type=Path,
        default=None,
        metavar="DIR",
        help="the export folder (default: FRONTDESK_SERVER_FEED_DIR)",
    )
    out = parser.add_mutually_exclusive_group()
    for fmt in output.FORMATS:
        out.add_argument(f"--{fmt}", dest=fmt, type=Path, metavar="FILE")


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None


def _names(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _cell(text: str) -> dict[str, str | None]:
    cell: dict[str, str | None] = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise argparse.ArgumentTypeError(f"{part!r}: expected DIM=VALUE")
        cell[name.strip()] = None if value == "<null>" else value
    return cell


def run(args: argparse.Namespace, factory: Any, *, stdout: TextIO, stderr: TextIO) -> int:
    try:
        window = Window(args.first, args.last, args.branch)
        with factory() as session:
            if args.drill is not None:
                return _drill(session, args, window, stdout)
            result = engine.run(session, args.name, window=window, by=args.by, folder=args.feed)
    except (engine.ReportError, ValueError) as error:
        print(f"report: {error}", file=stderr)
        return 2
    target = next(((fmt, getattr(args, fmt)) for fmt in output.FORMATS if getattr(args, fmt)), None)
    if target is None:
        print(json.dumps(output.as_json(result), ensure_ascii=False), file=stdout)
    else:
        output.write(result, target[1], target[0])
        print(f"{args.name}: {len(result.rows)} rows written to {target[1]}", file=stdout)
    return 0


def _drill(session: Any, args: argparse.Namespace, window: Window, stdout: TextIO) -> int:
    found = engine.drill(session, args.name, window=window, cell=args.drill, folder=args.feed)
    rows = [dict(zip(found.columns, map(output.wire, r), strict=True)) for r in found.rows]
    print(json.dumps({"total": found.total, "rows": rows}, ensure_ascii=False), file=stdout)
    return 0
