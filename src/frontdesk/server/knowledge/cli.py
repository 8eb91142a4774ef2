"""``frontdesk-server kb import DIR`` and ``kb report``: the back office's knowledge base."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.knowledge import report
from frontdesk.server.knowledge.importer import DEFAULT_AUTHOR, import_folder


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    kb = sub.add_parser("kb", help="the knowledge base: import articles and documents, report")
    actions = kb.add_subparsers(dest="kind", required=True)
    imported = actions.add_parser(
        "import",
        help="a folder of Markdown files with front matter, HTML pages, PDFs and images "
        "(idempotent; articles of removed files are archived; see docs/knowledge.md)",
    )
    imported.add_argument("dir")
    imported.add_argument("--author", default=DEFAULT_AUTHOR, help="author of imported pages")
    imported.add_argument("--json", action="store_true", help="the counts as one JSON object")
    shown = actions.add_parser("report", help="feedback per article and language")
    form = shown.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="one JSON object")
    form.add_argument("--csv", action="store_true", help="CSV with a header line")


def run(args: argparse.Namespace, factory: sessionmaker[Session], out: TextIO) -> int:
    if args.kind == "import":
        found = import_folder(factory, args.dir, author=args.author)
        text = json.dumps(found.as_dict(), ensure_ascii=False) if args.json else found.summary()
        print(text, file=out)
        return 0
    with factory() as session:
        made = report.feedback_report(session)
    if args.csv:
        out.write(report.as_csv(made))
    else:
        print(report.as_json(made) if args.json else report.summary(made), file=out)
    return 0
