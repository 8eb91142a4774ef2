"""``frontdesk-server case-categories``, ``teams``, ``service-levels`` and ``cases``: the
back office's lists for cases (JSON files, see ``server.cases.reference``) and the report."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TextIO

from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cases import reference
from frontdesk.server.cases.report import cases_report, summary
from frontdesk.server.db import utcnow

COMMANDS = ("case-categories", "teams", "service-levels", "cases")


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    for name, text, listable in (
        ("case-categories", "the categories a case is filed under", True),
        ("teams", "teams, their branch and members (their desks pull their queue)", True),
        ("service-levels", "response and resolution times; business hours and holidays", False),
    ):
        command = sub.add_parser(name, help=f"import or list {text}")
        actions = command.add_subparsers(dest="kind", required=True)
        imported = actions.add_parser(
            "import", help="upsert the entries of a JSON file (all or nothing; see README)"
        )
        imported.add_argument("file")
        if listable:
            listing = actions.add_parser("list", help="every entry")
            listing.add_argument("--json", action="store_true", help="one JSON object per line")
    cases = sub.add_parser("cases", help="reports on cases")
    actions = cases.add_subparsers(dest="kind", required=True)
    report = actions.add_parser(
        "report",
        help="cases opened in a period: opened, closed, breached, median minutes to first "
        "response and to resolution, in total and by team, category, agent and day",
    )
    report.add_argument("--since", type=date.fromisoformat, help="first day (YYYY-MM-DD, UTC)")
    report.add_argument("--until", type=date.fromisoformat, help="day after the last (UTC)")
    report.add_argument("--json", action="store_true", help="one JSON object")


_IMPORTERS = {
    "case-categories": reference.import_categories,
    "teams": reference.import_teams,
    "service-levels": reference.import_service_levels,
}
_LISTS = {"case-categories": reference.category_lines, "teams": reference.team_lines}


def run(args: argparse.Namespace, factory: sessionmaker[Session], out: TextIO) -> int:
    if args.command == "cases":
        found = cases_report(factory, since=args.since, until=args.until, now=utcnow())
        print(json.dumps(found, ensure_ascii=False) if args.json else summary(found), file=out)
        return 0
    if args.kind == "import":
        print(_IMPORTERS[args.command](factory, args.file).summary(), file=out)
        return 0
    for line in _LISTS[args.command](factory):
        print(json.dumps(line, ensure_ascii=False) if args.json else _text(line), file=out)
    return 0


def _text(line: dict[str, object]) -> str:
    return "  ".join(
        ", ".join(map(str, v)) if isinstance(v, list) else str(v) for v in line.values()
    )
