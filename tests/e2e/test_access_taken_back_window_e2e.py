"""An admin takes a user's access back while their window is open: the desk locks at its next
sync and says why, forgets the stored login and every password verifier it kept, and keeps
every write waiting in the outbox for the next online sign-in.

A real server process, the real keyring, the window's real sync child process and the real
window with its lock screen; ``frontdesk-server user disable`` runs as its own process.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from e2e_support import RunningServer, run_server_command
from test_pull_e2e import PASSWORD

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.writes import record_interaction
from frontdesk.ui.app import _desk_window
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.sync_controller import SyncController

WAIT_MS = 60_000
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture
def client(tmp_path: Path, keyring_env: dict[str, str], monkeypatch) -> Iterator[ClientContext]:
    for name, value in keyring_env.items():  # the sync child inherits this environment
        monkeypatch.setenv(name, value)
    client = build_client(load_settings(data_dir=tmp_path / "desk"))
    yield client
    client.close()


def _cache(client: ClientContext, query: str) -> list[tuple]:
    with closing(sqlite3.connect(client.settings.cache_path)) as connection:
        return connection.execute(query).fetchall()


@pytest.mark.parametrize(
    ("command", "reason"),
    [
        (("user", "disable", "ann"), "this account is disabled"),
        (("user", "signout-everywhere", "ann"), "signed out everywhere"),
    ],
)
def test_the_window_locks_when_access_is_taken_back(
    server: RunningServer, client: ClientContext, qtbot, command, reason
) -> None:
    client.login(server.url, "ann", PASSWORD)
    assert client.credentials.load(server.url, "ann")
    assert _cache(client, "SELECT count(*) FROM desk_logins") == [(1,)]
    controller = SyncController(lambda report: client.window_sync(on_outcome=report))
    window = _desk_window(client, preferences=Preferences(), sync=controller)
    qtbot.addWidget(window)
    with qtbot.waitSignal(controller.outcome_arrived, timeout=WAIT_MS):
        controller.start()
    try:
        assert controller.last is not None and controller.last.error is None
        assert not window.lock_screen.is_locked()

        run_server_command(server.db_url, *command)
        [(customer_id,)] = _cache(client, "SELECT id FROM customers LIMIT 1")
        with qtbot.waitSignal(
            controller.outcome_arrived,
            timeout=WAIT_MS,
            check_params_cb=lambda outcome: outcome.access_revoked,
        ):
            record_interaction(
                client.uow, customer_id=customer_id, channel="call", reason="after", agent="ann"
            )

        assert window.lock_screen.is_locked()
        shown = window.lock_screen.error.text()
        assert "took this desk's access back" in shown and reason in shown
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.resize(1000, 640)
        window.grab().save(str(SHOTS / f"access-taken-back-{command[1]}.png"))
        assert client.credentials.load(server.url, "ann") is None
        assert _cache(client, "SELECT count(*) FROM desk_logins") == [(0,)]
        waiting = "SELECT count(*) FROM outbox WHERE state = 'pending'"
        assert _cache(client, waiting) == [(1,)]  # the write waits for the next sign-in
    finally:
        assert controller.stop()
