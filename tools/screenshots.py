"""``make screenshots``: the main window with a customer open, in English and Russian, light, dark.

Deterministic data, no placeholder rows: a throw-away SQLite server is migrated and seeded with
``frontdesk-server seed-demo --customers 200 --seed 7`` (which also trains the cross-sell model),
served on a loopback port just long enough for a throw-away desk cache to log in and pull
everything through the real client (the refresh token is held in memory, not in a keyring).
The desk logs two contacts with that customer through its own write path (they wait in the
outbox, as an agent's do until the next sync). Then, offscreen and in this process, the window
opens the same customer in every language and theme and is saved twice, with the History tab
as ``<out>/main-<language>-<theme>.png`` and with the Timeline tab as
``<out>/timeline-<language>-<theme>.png``; ``--docs`` copies the set to
``docs/screenshot-*.png`` for the README.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demo

from frontdesk import bootstrap
from frontdesk.config import load_settings
from frontdesk.services import session
from frontdesk.services.ports import AbstractCredentials
from frontdesk.sync.service import pull_now

USER, PASSWORD = "screens", "screenshots-only-password"
CUSTOMERS, SEED = 200, 7
LANGUAGES = ("en", "ru")
THEMES = ("light", "dark")
RENDER_TIMEOUT_MS = 30_000


class MemoryCredentials(AbstractCredentials):
    """The refresh token for one run, kept in memory: a throw-away desk needs no keyring."""

    def __init__(self) -> None:
        self._tokens: dict[tuple[str, str], str] = {}

    def store(self, server_url: str, username: str, refresh_token: str) -> None:
        self._tokens[(server_url, username)] = refresh_token

    def load(self, server_url: str, username: str) -> str | None:
        return self._tokens.get((server_url, username))

    def delete(self, server_url: str, username: str) -> None:
        self._tokens.pop((server_url, username), None)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="frontdesk-shots-") as work:
        try:
            client = _synced_desk(Path(work))
        except demo.DemoError as error:
            print(f"screenshots: {error}", file=sys.stderr)
            return 1
        try:
            shots = _render_all(client, Path(args.out))
        finally:
            client.close()
    if args.docs:
        _copy_to_docs(shots, Path(args.docs))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="screenshots", help="folder for the PNG files")
    parser.add_argument("--docs", help="also copy the set here as screenshot-main-*.png")
    return parser


def _synced_desk(work: Path) -> bootstrap.ClientContext:
    server_db = f"sqlite:///{(work / 'server.sqlite3').as_posix()}"
    demo._step("Migrating the server database", demo._server_cmd(server_db, "migrate"))
    demo._step(
        f"Seeding {CUSTOMERS} demo customers (seed {SEED})",
        demo._server_cmd(
            server_db, "seed-demo", "--customers", str(CUSTOMERS), "--seed", str(SEED)
        ),
    )
    demo._step(
        f"Creating user {USER!r}",
        demo._server_cmd(server_db, "add-user", USER, "--role", "agent", "--password-stdin"),
        stdin_text=PASSWORD + "\n",
    )
    port = demo._free_port()
    server = demo._start_server(server_db, port=port, log_path=work / "server.log")
    try:
        demo._wait_healthy(server, port=port, log_path=work / "server.log")
        return _pull(work / "desk", f"http://127.0.0.1:{port}")
    finally:
        demo._stop(server, "server")


def _pull(data_dir: Path, url: str) -> bootstrap.ClientContext:
    print(f"==> Pulling everything into a desk cache from {url}", flush=True)
    client = bootstrap.build_client(load_settings(data_dir=data_dir, environ={}))
    client.credentials = MemoryCredentials()
    with client.uow:
        device_id = client.uow.workstation.get().device_id
    session.login(
        url,
        USER,
        PASSWORD,
        central_factory=client.central,
        credentials=client.credentials,
        uow=client.uow,
        device=(device_id, "screenshots"),
    )
    result = pull_now(
        central_factory=client.central, credentials=client.credentials, uow=client.uow
    )
    print(f"    {result}", flush=True)
    return client


def _render_all(client: bootstrap.ClientContext, out: Path) -> list[Path]:
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    customer_id = client.queries.first_customer_id()
    if customer_id is None:
        raise SystemExit("screenshots: the seeded cache has no customer with purchases")
    _log_contacts(client, customer_id)
    shots = []
    for language in LANGUAGES:
        for theme in THEMES:
            paths = [out / f"{tab}-{language}-{theme}.png" for tab in ("main", "timeline")]
            _render(client, customer_id, language=language, theme=theme, paths=paths)
            print(*(f"==> {path}" for path in paths), sep="\n", flush=True)
            shots.extend(paths)
    app.processEvents()
    return shots


def _log_contacts(client: bootstrap.ClientContext, customer_id: str) -> None:
    from datetime import UTC, datetime, timedelta

    from frontdesk.services.desk import DeskWrites

    writes = DeskWrites(client.uow)
    writes.log_contact(
        customer_id,
        channel="call",
        reason="Asked where her last order is",
        notes="Parcel held at the depot; she will collect it on Saturday.",
        outcome="Collection arranged",
        follow_up=(datetime.now(UTC) + timedelta(days=3)).date(),
    )
    writes.log_contact(
        customer_id,
        channel="email",
        reason="Loyalty card request",
        outcome="Card form sent",
    )


def _render(
    client: bootstrap.ClientContext,
    customer_id: str,
    *,
    language: str,
    theme: str,
    paths: list[Path],
) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from frontdesk.services.desk import DeskWrites
    from frontdesk.ui.main_window import build_main_window
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()  # in memory: the agent's own settings stay untouched
    preferences.language, preferences.theme = language, theme
    # With the desk's writes: Log contact, Edit and feedback buttons, as an agent sees them.
    window = build_main_window(
        client.queries, preferences=preferences, writes=DeskWrites(client.uow)
    )
    profile = client.queries.profile(customer_id)
    assert profile is not None
    window.show()
    loop = QEventLoop()
    shown: set[str] = set()

    def done(name: str) -> None:
        shown.add(name)
        if {"lines", "offers", "search"} <= shown:
            loop.quit()

    window.lines_shown.connect(lambda _id: done("lines"))
    window.recommendations_shown.connect(lambda _id: done("offers"))
    window.search_panel.model.modelReset.connect(lambda: done("search"))
    window.search_panel.search_edit.setText(profile.display_name.split()[0])
    window.open_customer(customer_id)
    QTimer.singleShot(RENDER_TIMEOUT_MS, lambda: loop.exit(1))
    if loop.exec() != 0:
        raise SystemExit(f"screenshots: {paths[0].name} did not finish loading")
    _settle(window)
    main, timeline = paths
    _save(window, main)
    window.customer_tabs.setCurrentWidget(window.timeline_panel)
    _settle(window)
    _save(window, timeline)
    window.ops.shutdown()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


def _save(window, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        raise SystemExit(f"screenshots: could not write {path}")


def _settle(window) -> None:
    from PySide6.QtWidgets import QApplication

    window.ops.shutdown()  # nothing still in flight may change the picture after the grab
    for _ in range(5):
        QApplication.processEvents()


def _copy_to_docs(shots: list[Path], docs: Path) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    for shot in shots:
        target = docs / f"screenshot-{shot.name}"
        shutil.copyfile(shot, target)
        print(f"==> copied to {target}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
