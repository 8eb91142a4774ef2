"""What each ``frontdesk-server`` subcommand does (parsing lives in ``cli.py``).

Every command except ``serve`` migrates first, so it works on a fresh database. A bad
file, bad value or unreachable database ends the command with a one-line message on
stderr and exit status 1, never a traceback.
"""

from __future__ import annotations

import argparse
import csv
import lzma
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol, TextIO, TypeVar

from sqlalchemy import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.settings import DB_ENV, Settings

T = TypeVar("T")

APP_FACTORY = "frontdesk.server.app:create_app_from_env"

#: Failures that are the input's or the environment's fault: reported in one line.
_EXPECTED_ERRORS = (OSError, ValueError, csv.Error, lzma.LZMAError, SQLAlchemyError)


class _Report(Protocol):
    def summary(self) -> str: ...


class _Streams:
    def __init__(self, *, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr


def run(args: argparse.Namespace, *, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    """Run the parsed subcommand; returns the process exit status."""
    streams = _Streams(stdin=stdin, stdout=stdout, stderr=stderr)
    command = _COMMANDS[args.command]
    try:
        return command(args, Settings.load(db=args.db), streams)
    except _EXPECTED_ERRORS as exc:
        name = " ".join(filter(None, (args.command, getattr(args, "kind", None))))
        print(f"frontdesk-server {name}: error: {_one_line(exc)}", file=stderr)
        return 1


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, SQLAlchemyError):
        text = f"database error: {getattr(exc, 'orig', None) or exc}"
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def _serve(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    import uvicorn

    _signing_key_ready(settings, streams)
    migrate(settings.database_url)
    # Each worker builds its own app from the environment (uvicorn --factory), so any
    # number of worker processes share one database and nothing else.
    os.environ[DB_ENV] = settings.database_url
    certfile, keyfile = getattr(args, "ssl_certfile", None), getattr(args, "ssl_keyfile", None)
    if bool(certfile) != bool(keyfile):
        raise ValueError("--ssl-certfile and --ssl-keyfile go together")
    scheme = "https" if certfile else "http"
    print(
        f"frontdesk-server: database {_safe(settings.database_url)}; "
        f"serving {scheme}://{args.host}:{args.port} with {args.workers} worker(s)",
        file=streams.stdout,
        flush=True,
    )
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )
    return 0


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _signing_key_ready(settings: Settings, streams: _Streams) -> None:
    """Read the journal signing key, making it first if there is none (and saying so)."""
    from frontdesk.server.till.signing import load_or_create

    path = settings.signing_key_path()
    signer, created = load_or_create(path, database_url=settings.database_url)
    if created:
        print(
            f"frontdesk-server: created a new journal signing key {path} (key id "
            f"{signer.key_id}); keep its public key elsewhere: frontdesk-server signing-key show",
            file=streams.stdout,
            flush=True,
        )


def _migrate(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    _signing_key_ready(settings, streams)
    migrate(settings.database_url)
    print(f"database {_safe(settings.database_url)} is up to date", file=streams.stdout)
    return 0


def _add_user(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.users import add_user

    password = _read_password(streams)
    user = _with_factory(
        settings,
        lambda factory: add_user(
            factory, username=args.name, password=password, role=args.role, branch=args.branch
        ),
    )
    branch = f", branch {user.branch!r}" if user.branch else ""
    print(f"created user {user.username!r} (role {user.role}{branch})", file=streams.stdout)
    return 0


def _read_password(streams: _Streams) -> str:
    password = streams.stdin.readline().rstrip("\r\n")
    if not password:
        raise ValueError("no password on stdin (give it as the first line)")
    return password


def _user(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server import access

    if args.kind == "sessions":
        return _sessions(args, settings, streams)
    password = _read_password(streams) if args.kind == "reset-password" else ""
    changes: dict[str, tuple[Callable[[sessionmaker[Session]], object], str]] = {
        "disable": (lambda f: access.set_disabled(f, args.name, disabled=True), "disabled"),
        "enable": (lambda f: access.set_disabled(f, args.name, disabled=False), "enabled"),
        "set-role": (lambda f: access.set_role(f, args.name, args.role), "now has the role"),
        "signout-everywhere": (
            lambda f: access.signout_everywhere(f, args.name),
            "signed out everywhere",
        ),
        "reset-password": (
            lambda f: access.reset_password(f, args.name, password),
            "has a new password and is signed out everywhere",
        ),
    }
    work, done = changes[args.kind]
    _with_factory(settings, work)
    role = f" {args.role}" if args.kind == "set-role" else ""
    print(f"user {args.name!r} {done}{role}", file=streams.stdout)
    return 0


def _sessions(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.access import live_sessions

    rows = _with_factory(settings, lambda factory: live_sessions(factory, args.name))
    for row in rows:
        device = f"{row.device_id} ({row.device_name})" if row.device_id else "no device"
        used = _when(row.last_used_at) if row.last_used_at else "never refreshed"
        print(f"{device}  created {_when(row.created_at)}  last used {used}", file=streams.stdout)
    print(f"{len(rows)} live session(s) of {args.name!r}", file=streams.stdout)
    return 0


def _device(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.access import list_devices, revoke_device

    if args.kind == "revoke":
        _with_factory(settings, lambda factory: revoke_device(factory, args.device_id))
        print(f"device {args.device_id} revoked", file=streams.stdout)
        return 0
    for d in _with_factory(settings, list_devices):
        seen = _when(d.last_seen) if d.last_seen else "unknown"
        revoked = f"revoked {_when(d.revoked_at)}" if d.revoked_at else "active"
        print(
            f"{d.id}  {d.name or '-'}  branch {d.branch or '-'}  registered by {d.registered_by}"
            f"  last seen {seen}  {revoked}",
            file=streams.stdout,
        )
    return 0


def _register(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.till import registers

    return _with_factory(settings, lambda factory: registers.run(args, factory, streams.stdout))


def _cases(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.cases import cli

    return _with_factory(settings, lambda factory: cli.run(args, factory, streams.stdout))


def _kb(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.knowledge import cli

    return _with_factory(settings, lambda factory: cli.run(args, factory, streams.stdout))


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC"


def _seed_demo(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.seed import seed_demo

    return _report(
        settings,
        streams,
        lambda factory: seed_demo(
            factory,
            customers=args.customers,
            seed=args.seed,
            end=args.history_end,
            knowledge=demo_knowledge(),
        ),
        retrain=True,
    )


#: The real data sets' folder (``../shared/data`` beside the checkout, see bench/cases.py).
SHARED_DATA_ENV = "FRONTDESK_RETAIL_DATA"


def demo_knowledge() -> Path | str:
    """The Debian FAQ of the shared data for the demo's knowledge base, or why there is none."""
    named = os.environ.get(SHARED_DATA_ENV)
    places = [Path(named)] if named else [Path.cwd().parent / "shared" / "data",
                                          Path(__file__).resolve().parents[3].parent / "shared"
                                          / "data"]  # fmt: skip
    for place in places:
        if (place / "kb" / "debian-faq").is_dir():
            return place / "kb" / "debian-faq"
    return (f"skipped: no kb/debian-faq in {places[0]} (set {SHARED_DATA_ENV} to the shared "
            "data folder to import the Debian FAQ)")  # fmt: skip


def _import(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.catalogue import cli as catalogue

    if args.kind in catalogue.KINDS:
        report = _with_factory(settings, lambda factory: catalogue.run_import(factory, args))
        print(catalogue.render(report, as_json=args.json), file=streams.stdout)
        return 0
    if args.kind == "orders":
        from frontdesk.server.orders import cli as orders

        report = _with_factory(settings, lambda factory: orders.run_import(factory, args))
        print(catalogue.render(report, as_json=args.json), file=streams.stdout)
        return 0
    if args.kind == "online-retail":
        from frontdesk.server.importers.online_retail import import_online_retail as importer
    else:
        from frontdesk.server.importers.customers_csv import import_customers_csv as importer
    return _report(settings, streams, lambda factory: importer(factory, args.file), retrain=True)


def _train_crosssell(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.crosssell_jobs import train_crosssell

    return _report(settings, streams, train_crosssell)


def _report(
    settings: Settings,
    streams: _Streams,
    work: Callable[[sessionmaker[Session]], _Report],
    *,
    retrain: bool = False,
) -> int:
    print(_with_factory(settings, work).summary(), file=streams.stdout)
    if retrain:
        _retrain_if_due(settings, streams)
    return 0


def _retrain_if_due(settings: Settings, streams: _Streams) -> None:
    """After new purchases: retrain the cross-sell model once enough of them arrived."""
    from frontdesk.server.crosssell_jobs import retrain_if_due

    threshold = settings.crosssell_retrain_after
    report = _with_factory(settings, lambda factory: retrain_if_due(factory, threshold=threshold))
    if report is not None:
        print(report.summary(), file=streams.stdout)


def _with_factory(settings: Settings, work: Callable[[sessionmaker[Session]], T]) -> T:
    """Migrate, then run ``work`` on a session factory whose engine is disposed after."""
    migrate(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        return work(session_factory(engine))
    finally:
        engine.dispose()


def _verify_journal(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.till.verify import verify_journals

    found = _with_factory(
        settings, lambda factory: verify_journals(factory, args.register, trusted=args.trust)
    )
    out = streams.stdout
    for report in found.reports:
        verdict = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        print(f"{report.register}: {report.checked} entries, {verdict}", file=out)
        for line in (*report.notes, *report.problems):
            print(f"  {line}", file=out)
    for problem in found.problems:
        print(problem, file=out)
    keys = ", ".join(found.key_ids) or "none yet"
    print(f"signature counter {found.counter}; signing keys: {keys}", file=out)
    return 0 if found.ok else 1


def _signing_key(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.till.signing import load, new_key_file

    if args.kind == "new":
        signer = new_key_file(Path(args.out))
        print(f"new journal signing key {args.out}", file=streams.stdout)
    else:
        signer = load(settings.signing_key_path())
        print(f"key file {settings.signing_key_path()}", file=streams.stdout)
    print(f"key id {signer.key_id}", file=streams.stdout)
    print(f"public key (Ed25519, raw, hex) {signer.public_hex}", file=streams.stdout)
    return 0


def _declined_refunds(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    import json

    from frontdesk.server.till.feed import declined

    rows = _with_factory(settings, lambda factory: declined(factory, register=args.register))
    for row in rows:
        line = json.dumps(row) if args.json else _declined_line(row)
        print(line, file=streams.stdout)
    if not args.json:
        print(f"{len(rows)} declined", file=streams.stdout)
    return 0


def _declined_line(row: dict[str, str]) -> str:
    return (
        f"{row['receipt']} {row['kind']} of {row['payment']}: {row['amount']} {row['currency']} "
        f"at {row['occurred_at']} by {row['cashier']} — declined: {row['reason']}"
    )


def _approvals(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.till import approvals

    rows = _with_factory(
        settings,
        lambda factory: approvals.listed(
            factory, unverified=args.unverified, register=args.register
        ),
    )
    for row in rows:
        print(approvals.line(row, as_json=args.json), file=streams.stdout)
    if not args.json:
        which = "unverified approvals" if args.unverified else "approvals"
        print(f"{len(rows)} {which}", file=streams.stdout)
    return 0


def _prune_keys(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from datetime import timedelta

    from frontdesk.server.key_retention import prune_applied_keys

    days = args.older_than_days
    older_than = settings.key_retention if days is None else timedelta(days=days)
    return _report(
        settings, streams, lambda factory: prune_applied_keys(factory, older_than=older_than)
    )


def _export(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.reporting import cli

    return _with_factory(
        settings,
        lambda factory: cli.run(args, factory, stdout=streams.stdout, stderr=streams.stderr),
    )


def _report_command(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.reporting import report_cli

    return _with_factory(
        settings,
        lambda factory: report_cli.run(args, factory, stdout=streams.stdout, stderr=streams.stderr),
    )


def _privacy(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.privacy import cli

    return _with_factory(settings, lambda factory: cli.run(args, factory, stdout=streams.stdout))


def _snapshot(args: argparse.Namespace, settings: Settings, streams: _Streams) -> int:
    from frontdesk.server.snapshot import cli

    return _with_factory(settings, lambda factory: cli.run(args, factory, streams.stdout))


_COMMANDS: dict[str, Callable[[argparse.Namespace, Settings, _Streams], int]] = {
    "serve": _serve,
    "migrate": _migrate,
    "add-user": _add_user,
    "user": _user,
    "device": _device,
    "register": _register,
    "seed-demo": _seed_demo,
    "import": _import,
    "train-crosssell": _train_crosssell,
    "prune-keys": _prune_keys,
    "verify-journal": _verify_journal,
    "declined-refunds": _declined_refunds,
    "signing-key": _signing_key,
    "approvals": _approvals,
    "case-categories": _cases,
    "teams": _cases,
    "service-levels": _cases,
    "cases": _cases,
    "kb": _kb,
    "export": _export,
    "report": _report_command,
    "export-customer": _privacy,
    "erase-customer": _privacy,
    "apply-retention": _privacy,
    "snapshot": _snapshot,
}
