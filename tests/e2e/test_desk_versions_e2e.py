"""The desk version rules against a real server process on loopback (issue "Updates").

One server for the module, started with ``FRONTDESK_SERVER_DESK_*`` set: a minimum one
minor version above this checkout's (0.2.0 for 0.1.0), a current one two above, a download
address. So the server refuses this desk's pushes: a raw push naming the desk's version
gets 426 with the versions; the desk (the real cache, keyring, window and the window's sync
child process) records a contact and a customer edit, holds both back with its outbox
intact and says so; the server restarted with the minimum lowered to the desk's version
takes them, each exactly once, and the window then announces the current version with its
download link. Nothing sleeps: outcomes are awaited by signal.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
import sqlite3
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
import requests
from e2e_support import free_port, run_server_command, server_command, wait_healthy
from packaging.version import Version
from test_pull_e2e import FIRST_FILE, PASSWORD

from frontdesk import __version__, cli
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.writes import edit_customer, record_interaction
from frontdesk.ui.about_dialog import AboutDialog
from frontdesk.ui.app import _desk_window
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.sync_controller import SyncController

WAIT_MS = 60_000
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
DESK = __version__
_major, _minor = Version(DESK).release[:2]
MINIMUM, CURRENT = f"{_major}.{_minor + 1}.0", f"{_major}.{_minor + 2}.0"
DOWNLOAD = "https://downloads.example.com/frontdesk/"
LINK = f'<a href="{DOWNLOAD}">{DOWNLOAD}</a>'


class VersionedServer:
    """``frontdesk-server serve`` on one loopback port, (re)started with a desk minimum."""

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, free_port()
        self.db_url = f"sqlite:///{root / 'central.sqlite3'}"
        self.url = f"http://127.0.0.1:{self.port}"
        self.minimum: str | None = None
        self.process: subprocess.Popen[bytes] | None = None

    def env(self, minimum: str | None = MINIMUM) -> dict[str, str]:
        return {
            **os.environ,
            # Its own data directory (the signing key) across restarts, whichever test asks.
            "FRONTDESK_SERVER_DATA_DIR": str(self.root / "data"),
            "FRONTDESK_SERVER_DESK_CURRENT_VERSION": CURRENT,
            "FRONTDESK_SERVER_DESK_MINIMUM_VERSION": minimum or "",
            "FRONTDESK_SERVER_DESK_DOWNLOAD_URL": DOWNLOAD,
        }

    def start(self, *, minimum: str | None) -> None:
        """Serve with ``minimum`` (None: every desk); a no-op when it already does."""
        if self.process is not None and self.process.poll() is None:
            if self.minimum == minimum:
                return
            self.stop()
        log = self.root / "server.log"
        command = server_command(
            self.db_url, "serve", "--host", "127.0.0.1", "--port", str(self.port)
        )
        self.process = subprocess.Popen(
            command, stdout=log.open("ab"), stderr=subprocess.STDOUT, env=self.env(minimum)
        )
        wait_healthy(self.url, self.process, log)
        self.minimum = minimum

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def rows(self, query: str, *params: object) -> list[tuple]:
        with closing(sqlite3.connect(self.root / "central.sqlite3")) as connection:
            return connection.execute(query, params).fetchall()


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VersionedServer]:
    server = VersionedServer(tmp_path_factory.mktemp("central"))
    retail = server.root / "retail.csv"
    retail.write_text(FIRST_FILE)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("FRONTDESK_SERVER_DATA_DIR", str(server.root / "data"))
        run_server_command(server.db_url, "import", "online-retail", str(retail))
        run_server_command(
            server.db_url, "add-user", "ann", "--role", "agent", "--password-stdin",
            stdin=PASSWORD + "\n",
        )  # fmt: skip
    server.start(minimum=MINIMUM)
    yield server
    server.stop()


@pytest.fixture
def client(tmp_path: Path, keyring_env: dict[str, str], monkeypatch) -> Iterator[ClientContext]:
    for name, value in keyring_env.items():  # the window's sync child inherits this
        monkeypatch.setenv(name, value)
    desk = build_client(load_settings(data_dir=tmp_path / "desk"))
    yield desk
    desk.close()


def _outbox(client: ClientContext) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(client.settings.cache_path)) as connection:
        return connection.execute("SELECT key, state FROM outbox ORDER BY seq").fetchall()


def test_a_raw_push_naming_an_old_desk_version_gets_426(central: VersionedServer) -> None:
    central.start(minimum=MINIMUM)
    old = {"User-Agent": f"frontdesk/{DESK}"}
    device = str(uuid.uuid4())
    body = {"username": "ann", "password": PASSWORD, "device_id": device}
    login = requests.post(f"{central.url}/api/v1/auth/login", json=body, headers=old, timeout=10)
    assert login.status_code == 200  # an old desk still signs in
    [(customer_id,)] = central.rows("SELECT id FROM customers ORDER BY id LIMIT 1")
    key = str(uuid.uuid4())
    item = {
        "key": key, "kind": "interaction.record", "seq": 1, "created_at": "2024-03-01T09:30:00Z",
        "payload": {"customer_id": customer_id, "channel": "call",
                    "occurred_at": "2024-03-01T09:30:00Z", "reason": "card"},
    }  # fmt: skip
    token = {"Authorization": f"Bearer {login.json()['access_token']}"}

    refused = requests.post(
        f"{central.url}/api/v1/sync/push",
        json={"device_id": device, "items": [item]},
        headers={**old, **token},
        timeout=10,
    )

    assert refused.status_code == 426
    answer = refused.json()
    assert {k: answer[k] for k in ("desk_version", "minimum", "current", "download_url")} == {
        "desk_version": DESK, "minimum": MINIMUM, "current": CURRENT, "download_url": DOWNLOAD,
    }  # fmt: skip
    assert answer["detail"].startswith(f"Frontdesk {DESK} is older than the server takes pushes")
    assert central.rows("SELECT count(*) FROM applied_items WHERE key = ?", key) == [(0,)]
    assert central.rows("SELECT count(*) FROM interactions WHERE id = ?", key) == [(0,)]
    published = requests.get(f"{central.url}/api/v1/desk/version", timeout=10).json()
    assert published == {"current": CURRENT, "minimum": MINIMUM, "download_url": DOWNLOAD}


def test_an_old_desk_keeps_its_work_until_the_server_takes_it(
    central: VersionedServer, client: ClientContext, qtbot
) -> None:
    central.start(minimum=MINIMUM)
    client.login(central.url, "ann", PASSWORD)
    client.sync()  # the first pull: the desk has customers to work on
    [(customer_id,)] = central.rows("SELECT id FROM customers ORDER BY id LIMIT 1")
    contact = record_interaction(
        client.uow, customer_id=customer_id, channel="call", reason="card", agent="ann"
    )
    edit = edit_customer(client.uow, customer_id=customer_id, changes={"notes": "kept on desk"})
    assert edit is not None
    keys = [contact.id, edit.key]

    # `frontdesk sync`: pulls, sends nothing, says why, exits 1.
    said = io.StringIO()
    assert cli.main(["--data-dir", str(client.settings.data_dir), "sync"], stdout=said) == 1
    assert (
        f"Held back 2 items: this desk ({DESK}) is older than the server accepts ({MINIMUM} or "
        f"newer). They are kept here and sent once Frontdesk is updated: {DOWNLOAD}."
    ) in said.getvalue()

    controller = SyncController(lambda report: client.window_sync(on_outcome=report))
    window = _desk_window(client, preferences=Preferences(), sync=controller)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(controller.outcome_arrived, timeout=WAIT_MS):
        controller.start()
    try:
        outcome = controller.last
        assert outcome is not None and outcome.error is None and outcome.online
        assert outcome.status["update"] == "required" and outcome.status["waiting"] == 2
        notice = window.update_notice
        assert notice.isVisible()
        assert notice.message.text() == (
            f"This desk ({DESK}) is older than the server accepts ({MINIMUM} or newer). Your work "
            f"is kept on this desk and is sent once Frontdesk is updated: {LINK}"
        )
        _shoot(qtbot, window, "update-required.png")
        assert _outbox(client) == [(key, "pending") for key in keys]
        held = "SELECT count(*) FROM applied_items WHERE key IN (?, ?)"
        assert central.rows(held, *keys) == [(0,)]
        notes = "SELECT notes FROM customers WHERE id = ?"
        assert central.rows(notes, customer_id) != [("kept on desk",)]

        central.start(minimum=DESK)  # the minimum lowered: the same desk may push
        with qtbot.waitSignal(
            controller.outcome_arrived,
            timeout=WAIT_MS,
            check_params_cb=lambda done: done.error is None and done.status["waiting"] == 0,
        ):
            controller.sync_now()
        assert _outbox(client) == [(key, "sent") for key in keys]
        assert central.rows(held, *keys) == [(2,)]
        assert central.rows("SELECT count(*) FROM interactions WHERE id = ?", keys[0]) == [(1,)]
        assert central.rows(notes, customer_id) == [("kept on desk",)]

        # The newer version stays announced, with its link, in the real window.
        assert notice.isVisible() and controller.last.status["update"] == "available"
        assert notice.message.text() == f"Frontdesk {CURRENT} is available: {LINK}"
        _shoot(qtbot, window, "update-available.png")
        window.desk_actions.about_action.trigger()
        about = window.findChild(AboutDialog)
        assert about is not None
        assert (about.server_label.text(), about.minimum_label.text()) == (CURRENT, DESK)
        about.accept()

        with qtbot.waitSignal(controller.outcome_arrived, timeout=WAIT_MS):
            controller.sync_now()  # once more: nothing is sent twice
        assert central.rows(held, *keys) == [(2,)]
    finally:
        assert controller.stop()


def _shoot(qtbot, window, name: str) -> None:
    """Save the window once the strip and the status bar have settled after the outcome."""
    counts = window.sync_status_view.counts_label
    qtbot.waitUntil(
        lambda: window.update_notice.fits() and counts.width() >= counts.sizeHint().width(),
        timeout=WAIT_MS,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / name))
