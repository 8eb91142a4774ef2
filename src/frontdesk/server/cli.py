"""``frontdesk-server``: run, migrate and feed the central server."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from frontdesk import __version__
from frontdesk.protocol import Role


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontdesk-server", description=__doc__)
    parser.add_argument("--version", action="version", version=f"frontdesk-server {__version__}")
    parser.add_argument(
        "--db",
        help="database URL (default: a SQLite file in the server's data directory; "
        "production: postgresql+psycopg://user@host/db). Env: FRONTDESK_SERVER_DB",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP API (migrates the database first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--ssl-certfile", help="PEM certificate (chain) to serve HTTPS with")
    serve.add_argument("--ssl-keyfile", help="PEM private key of --ssl-certfile")

    sub.add_parser("migrate", help="bring the database schema up to date")

    add_user = sub.add_parser("add-user", help="create a user (password read from stdin)")
    add_user.add_argument("name")
    add_user.add_argument("--role", required=True, choices=[r.value for r in Role])
    add_user.add_argument("--branch", default="")
    add_user.add_argument("--password-stdin", action="store_true", required=True)

    _access_parsers(sub)
    from frontdesk.server.till import registers

    registers.add_parsers(sub)
    from frontdesk.server.cases import cli as cases

    cases.add_parsers(sub)
    from frontdesk.server.knowledge import cli as knowledge

    knowledge.add_parsers(sub)
    from frontdesk.server.reporting import cli as reporting

    reporting.add_parsers(sub)
    from frontdesk.server.privacy import cli as privacy

    privacy.add_parsers(sub)
    from frontdesk.server.snapshot import cli as snapshot

    snapshot.add_parsers(sub)

    seed = sub.add_parser("seed-demo", help="generate deterministic demo data")
    seed.add_argument("--customers", type=int, required=True)
    seed.add_argument("--seed", type=int, default=1)
    seed.add_argument(
        "--history-end",
        type=_history_end,
        default=None,
        metavar="WHEN",
        help="when the demo history ends, a day or a moment (default: a fixed day per seed); "
        "make demo gives the present hour, so its orders, stock figures and cases are current",
    )

    imp = sub.add_parser("import", help="import data files")
    imp_sub = imp.add_subparsers(dest="kind", required=True)
    retail = imp_sub.add_parser("online-retail", help="the UCI Online Retail CSV (.csv or .xz)")
    retail.add_argument("file")
    customers = imp_sub.add_parser("customers", help="a customer list CSV (see README)")
    customers.add_argument("file")
    from frontdesk.server.catalogue import cli as catalogue

    catalogue.add_import_parsers(imp_sub)
    from frontdesk.server.orders import cli as orders

    orders.add_import_parser(imp_sub)

    sub.add_parser(
        "train-crosssell",
        help="train the cross-sell model on every purchase; the next sync ships it "
        "(also runs after imports once FRONTDESK_SERVER_CROSSSELL_RETRAIN_AFTER purchases "
        "are new, default 1000; 0 turns that off)",
    )
    verify = sub.add_parser(
        "verify-journal",
        help="check every till register's hash-chained journal (or one: --register R), the "
        "server's signatures, the heads and the payment and refund rows; names each "
        "edited, deleted, reordered, cut-off or re-signed entry; exit 1 if any",
    )
    verify.add_argument("--register", help="only this register")
    verify.add_argument(
        "--trust",
        action="append",
        default=[],
        metavar="PUBLIC_KEY",
        help="a journal signing key's public key (hex, from `signing-key show`) kept away from "
        "the server; given, entries signed by any other key recorded there are problems "
        "(repeat for keys rotated out)",
    )
    declined = sub.add_parser(
        "declined-refunds",
        help="list the till refunds and voids the server declined (more than was left of "
        "the payment when they came), with the reason; for the back office to settle",
    )
    declined.add_argument("--register", help="only this register")
    declined.add_argument("--json", action="store_true", help="one JSON object per line")
    _signing_key_parsers(sub)
    approvals = sub.add_parser(
        "approvals",
        help="list the supervisor approvals till entries carried, with the server's check "
        "(valid: issued and verified here; unverified: given offline at the till)",
    )
    approvals.add_argument(
        "--unverified", action="store_true", help="only the offline approvals, for review"
    )
    approvals.add_argument("--register", help="only this register")
    approvals.add_argument("--json", action="store_true", help="one JSON object per line")
    prune = sub.add_parser(
        "prune-keys",
        help="delete pushed idempotency keys older than the retention "
        "(FRONTDESK_SERVER_KEY_RETENTION_DAYS, default 90; never under 90)",
    )
    prune.add_argument("--older-than-days", type=int, help="override the retention")
    return parser


def _access_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``user ...`` and ``device ...``: each change holds from the next request on."""
    user = sub.add_parser("user", help="take access back or change it (from the next request)")
    actions = user.add_subparsers(dest="kind", required=True)
    for name, text in (
        ("disable", "refuse the user's tokens and logins until enabled again"),
        ("enable", "let a disabled user in again"),
        ("sessions", "list the user's live sessions (device, created, last used)"),
        ("signout-everywhere", "refuse every token the user holds; they sign in again"),
    ):
        actions.add_parser(name, help=text).add_argument("name")
    set_role = actions.add_parser("set-role", help="change the user's role")
    set_role.add_argument("name")
    set_role.add_argument("role", choices=[r.value for r in Role])
    reset = actions.add_parser(
        "reset-password", help="set a new password (read from stdin) and sign out everywhere"
    )
    reset.add_argument("name")
    reset.add_argument("--password-stdin", action="store_true", required=True)
    device = sub.add_parser("device", help="list or revoke workstations")
    device_actions = device.add_subparsers(dest="kind", required=True)
    device_actions.add_parser("list", help="every device: id, name, registered by, last seen")
    revoke = device_actions.add_parser(
        "revoke", help="refuse every token bound to the device and any sign-in there"
    )
    revoke.add_argument("device_id")


def _signing_key_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``signing-key show|new``: the till journal's signing key (a file, never the database)."""
    key = sub.add_parser("signing-key", help="the key the server signs the till journal with")
    actions = key.add_subparsers(dest="kind", required=True)
    actions.add_parser(
        "show",
        help="print the key id and public key of FRONTDESK_SERVER_SIGNING_KEY (default: "
        "signing-key.pem in the data directory), to keep a copy away from the server",
    )
    new = actions.add_parser(
        "new", help="write a new key file (0600); point FRONTDESK_SERVER_SIGNING_KEY at it"
    )
    new.add_argument("--out", required=True, help="the new key file (must not exist)")


def _history_end(text: str) -> datetime:
    """The end of the demo history: a moment (UTC if it names no zone), or a day's 18:00
    UTC, a shop's closing time."""
    try:
        if len(text) == len("YYYY-MM-DD"):
            return datetime.combine(date.fromisoformat(text), time(18, 0), tzinfo=UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is neither a day (YYYY-MM-DD) nor a moment (YYYY-MM-DDTHH:MM)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from frontdesk.server import commands

    return commands.run(args, stdin=sys.stdin, stdout=sys.stdout, stderr=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
