"""Headless sync and local-write commands of ``frontdesk`` (wired in by ``frontdesk.cli``).

    frontdesk sync                       push the outbox, then pull changes
    frontdesk sync --status [--json]     online/offline, waiting, failed, conflicts (customer
                                         edits, cases), last sync, last error
    frontdesk sync --retry-failed        put failed items back in the queue, then sync
    frontdesk interaction add --customer ID --channel call|visit|email --reason TEXT
                              [--notes TEXT] [--outcome TEXT] [--follow-up YYYY-MM-DD]
    frontdesk customer edit ID [--name N] [--phone P ...] [--email E ...] [--notes T] [--card C]
    frontdesk unlock [--user NAME] --password-stdin
                                         unlock the desk offline (NAME's, else the last
                                         online login's password, within
                                         FRONTDESK_OFFLINE_UNLOCK_DAYS of their online login)

Writes work offline: they go to the cache and the outbox, and the next ``sync`` carries them.
``interaction add`` prints the new interaction's id (its idempotency key) on stdout.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from frontdesk.services import writes
from frontdesk.services.errors import NotLoggedIn
from frontdesk.services.session import logged_in_state
from frontdesk.services.transport import ALLOW_SETTING, plain_http_off_machine
from frontdesk.sync import service as sync_service

if TYPE_CHECKING:
    from frontdesk.bootstrap import ClientContext
    from frontdesk.config import Settings


def add_parsers(sub: Any) -> None:
    sync = sub.add_parser("sync", help="push local writes, then pull changes from the server")
    sync.add_argument("--status", action="store_true", help="show the sync state, sync nothing")
    sync.add_argument("--json", action="store_true", help="with --status: one JSON object")
    sync.add_argument("--retry-failed", action="store_true", help="requeue failed items first")
    sync.add_argument(
        "--as-window",
        action="store_true",
        help="sync as the window does: in a child process, in the window's page size",
    )
    interaction = sub.add_parser("interaction", help="log a call, visit or e-mail")
    add = interaction.add_subparsers(dest="action", required=True).add_parser("add")
    add.add_argument("--customer", required=True, help="customer id")
    add.add_argument("--channel", required=True, choices=["call", "visit", "email"])
    add.add_argument("--reason", required=True)
    add.add_argument("--notes", default="")
    add.add_argument("--outcome", default="")
    add.add_argument("--follow-up", type=date.fromisoformat, help="YYYY-MM-DD")
    customer = sub.add_parser("customer", help="edit a customer's details")
    edit = customer.add_subparsers(dest="action", required=True).add_parser("edit")
    edit.add_argument("customer", help="customer id")
    edit.add_argument("--name")
    edit.add_argument("--phone", action="append", help="repeat for several; replaces all")
    edit.add_argument("--email", action="append", help="repeat for several; replaces all")
    edit.add_argument("--notes")
    edit.add_argument("--card", help="loyalty card number ('' removes it)")
    unlock = sub.add_parser("unlock", help="unlock the desk offline after an online login")
    unlock.add_argument(
        "--password-stdin", action="store_true", required=True, help="read the password from stdin"
    )
    unlock.add_argument("--user", help="who unlocks (default: the last user who logged in online)")


def _client(settings: Settings) -> ClientContext:
    from frontdesk.bootstrap import build_client

    return build_client(settings)


def sync_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    client = _client(settings)
    try:
        if args.status:
            return _status(client, args, io)
        if args.retry_failed:
            _retry_failed(client)
        if args.as_window:
            return _sync_as_window(client, io)
        report = sync_service.sync_now(
            central_factory=client.central,
            credentials=client.credentials,
            uow=client.uow,
            page_size=settings.page_size,
            snapshot_dir=client.snapshot_dir,
        )
        prefetched = client.prefetch_documents()
        versions = sync_service.sync_status(client.uow, central=None, online=True)
    finally:
        client.close()
    pulled, pushed = report.pulled, report.pushed
    io.say(
        f"Pulled {pulled.pages} pages: {pulled.customers} customers, {pulled.products} "
        f"products, {pulled.purchases} purchases. Cursor: {pulled.cursor}."
    )
    io.say(f"Pushed {pushed.sent} items in {pushed.batches} batches; {pushed.failed} failed.")
    if prefetched and (prefetched.fetched or prefetched.failed):
        io.say(f"Fetched {prefetched.fetched} knowledge-base documents ahead; "
               f"{prefetched.failed} failed.")  # fmt: skip
    if pushed.held_back:
        io.say(_held_back_words(pushed.held_back, versions))
    elif versions["update"] == "available":
        io.say(f"Frontdesk {versions['server_current_version']} is available{_at(versions)}.")
    return 1 if pushed.failed or pushed.held_back else 0


def _held_back_words(held: int, status: dict[str, Any]) -> str:
    return (
        f"Held back {held} items: this desk ({status['desk_version']}) is older than the server "
        f"accepts ({status['server_minimum_version']} or newer). They are kept here and sent "
        f"once Frontdesk is updated{_at(status)}."
    )


def _at(status: dict[str, Any]) -> str:
    return f": {status['download_url']}" if status["download_url"] else ""


def _sync_as_window(client: ClientContext, io: Any) -> int:
    """One run of the window's sync (``frontdesk.sync_process``); its errors are raised here."""
    from frontdesk.bootstrap import build_client
    from frontdesk.sync_process import SyncProcess

    process = SyncProcess(
        client.settings, page_size=client.window_page_size, open_client=build_client
    )
    try:
        process.sync()
    finally:
        process.close()
    status = client.sync_status(online=True)
    io.say(
        f"Synced in a child process, as the window does. Cursor: {status['cursor']}; "
        f"{status['waiting']} waiting, {status['failed']} failed."
    )
    return 1 if status["failed"] else 0


def _retry_failed(client: ClientContext) -> None:
    with client.uow:
        client.uow.outbox.retry_failed()
        client.uow.commit()


def _status(client: ClientContext, args: argparse.Namespace, io: Any) -> int:
    try:
        server_url = logged_in_state(client.uow).server_url
    except NotLoggedIn:
        server_url = None
    central = client.central(server_url) if server_url else None
    status = sync_service.sync_status(client.uow, central=central)
    status["plain_http"] = plain_http_off_machine(server_url)
    if args.json:
        io.say(json.dumps(status))
        return 0
    if status["plain_http"]:
        io.say(_plain_http_warning(server_url or "", allowed=client.settings.allow_plain_http))
    for name, value in status.items():
        if name != "failed_items":
            io.say(f"{name + ':':22} {'-' if value is None else value}")
    for item in status["failed_items"]:
        io.say(f"failed #{item['seq']} {item['kind']} {item['key']}: {item['error']}")
    return 0


def _plain_http_warning(server_url: str, *, allowed: bool) -> str:
    if allowed:
        return f"warning: {server_url} is plain http: unencrypted ({ALLOW_SETTING}=1)"
    return f"warning: {server_url} is plain http: refused unless {ALLOW_SETTING}=1"


def interaction_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    client = _client(settings)
    try:
        agent = logged_in_state(client.uow).username or ""
        interaction = writes.record_interaction(
            client.uow,
            customer_id=args.customer,
            channel=args.channel,
            reason=args.reason,
            agent=agent,
            notes=args.notes,
            outcome=args.outcome,
            follow_up=args.follow_up,
        )
    finally:
        client.close()
    io.say(interaction.id)
    return 0


def customer_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    changes = _edit_changes(args)
    if not changes:
        print("frontdesk: nothing to change (give --name, --phone, ...)", file=io.stderr)
        return 2
    client = _client(settings)
    try:
        entry = writes.edit_customer(client.uow, customer_id=args.customer, changes=changes)
    finally:
        client.close()
    io.say(entry.key if entry else "No change.")
    return 0


def _edit_changes(args: argparse.Namespace) -> dict[str, Any]:
    given = {
        "full_name": args.name,
        "phones": args.phone,
        "emails": args.email,
        "notes": args.notes,
        "loyalty_card": args.card,
    }
    return {name: value for name, value in given.items() if value is not None}


def unlock_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    password = io.stdin.readline().rstrip("\r\n")
    if not password:
        print("frontdesk: no password on stdin (--password-stdin)", file=io.stderr)
        return 2
    client = _client(settings)
    try:
        unlocked = client.unlock(password, username=args.user)
    finally:
        client.close()
    io.say(
        f"Unlocked offline as {unlocked.username} ({unlocked.server_url}) until "
        f"{unlocked.valid_until:%Y-%m-%d %H:%M} UTC."
    )
    return 0


COMMANDS = {
    "sync": sync_command,
    "unlock": unlock_command,
    "interaction": interaction_command,
    "customer": customer_command,
}
