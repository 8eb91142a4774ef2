"""``frontdesk-server snapshot build``: prepare the file a new desk's first pull starts from."""

from __future__ import annotations

import argparse
from typing import TextIO

from sqlalchemy.orm import Session, sessionmaker


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    snapshot = sub.add_parser(
        "snapshot", help="the initial-pull snapshot new desks download before their first pull"
    )
    actions = snapshot.add_subparsers(dest="kind", required=True)
    actions.add_parser(
        "build",
        help="build it from every customer, product, purchase, interaction and the catalogue "
        "as of now, unless nothing changed since the newest; prints it as JSON (keeps the "
        "one before it for desks still downloading it)",
    )


def run(args: argparse.Namespace, factory: sessionmaker[Session], out: TextIO) -> int:
    from frontdesk.server.snapshot.build import build_snapshot

    print(build_snapshot(factory).model_dump_json(), file=out)
    return 0
