"""The window's background sync against a real server process on loopback.

The offline banner shows when the server stops and hides when it is back; a write made
at the desk while online is on the server within one second. Outcomes are awaited with
``qtbot.waitSignal``; nothing sleeps.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_support import free_port, run_server_command, server_command, wait_healthy
from sqlalchemy import create_engine, text
from test_pull_e2e import FIRST_FILE, PASSWORD

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.services.writes import record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import Backoff, push_all
from frontdesk.sync.service import sync_status, workstation_transport
from frontdesk.sync.worker import WRITE, SyncOutcome, SyncWorker
from frontdesk.ui.main_window import build_main_window
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.sync_controller import SyncController

WAIT_MS = 15_000


class Server:
    """``frontdesk-server serve`` on one fixed loopback port, stopped and started at will."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.db_url, self.log, self.port = db_url, log, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        command = server_command(
            self.db_url, "serve", "--host", "127.0.0.1", "--port", str(self.port)
        )
        self.process = subprocess.Popen(
            command, stdout=self.log.open("ab"), stderr=subprocess.STDOUT
        )
        wait_healthy(self.url, self.process, self.log)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    retail = tmp_path / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(db_url, "import", "online-retail", str(retail))
    run_server_command(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    running = Server(db_url, tmp_path / "server.log")
    running.start()
    yield running
    running.stop()


@pytest.fixture
def desk(server: Server, tmp_path: Path, qtbot) -> Iterator[tuple]:
    """A pulled cache, a window over it, and its sync controller (started)."""
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    uow = SqlAlchemyUnitOfWork(database.writer)
    central = CentralClient(server.url, timeouts=(1.0, 10.0))
    transport = workstation_transport(central, uow, "ann", PASSWORD)
    pull_all(transport, uow)

    def make_worker(report) -> SyncWorker:
        worker = SyncWorker(
            push=lambda: push_all(transport, uow),
            sync=lambda: (push_all(transport, uow), pull_all(transport, uow)),
            status=lambda online: sync_status(uow, central=None, online=online),
            on_outcome=report,
            interval_s=3600.0,
            backoff=Backoff(base_s=0.05, cap_s=0.2),
        )
        uow.add_write_listener(worker.notify_write)
        return worker

    controller = SyncController(make_worker)
    window = build_main_window(
        SqlAlchemyCustomerQueries(database.reader), preferences=Preferences(), sync=controller
    )
    qtbot.addWidget(window, before_close_func=lambda w: (controller.stop(), w.ops.shutdown()))
    window.show()
    with qtbot.waitSignal(controller.online_changed, timeout=WAIT_MS) as first:
        controller.start()
    assert first.args == [True]
    yield window, controller, uow, database
    controller.stop()
    database.dispose()
    central.close()


def _customer_id(database) -> str:
    with database.engine.connect() as connection:
        return connection.execute(
            text("SELECT id FROM customers WHERE account_number = '12347'")
        ).scalar_one()


def _on_server(db_url: str, interaction_id: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(
                text("SELECT count(*) FROM interactions WHERE id = :id"), {"id": interaction_id}
            ).scalar_one()
    finally:
        engine.dispose()


def test_banner_shows_while_the_server_is_down_and_hides_when_it_is_back(
    server, desk, qtbot
) -> None:
    window, controller, uow, database = desk
    assert not window.offline_banner.isVisible()
    assert window.sync_status_view.state_label.text() == "Online"
    server.stop()
    with qtbot.waitSignal(controller.online_changed, timeout=WAIT_MS) as went:
        record_interaction(
            uow, customer_id=_customer_id(database), channel="call", reason="down", agent="ann"
        )
    assert went.args == [False]
    assert window.offline_banner.isVisible()
    assert "1 change(s) wait here" in window.offline_banner.message.text()
    assert window.sync_status_view.state_label.text() == "Offline"
    assert window.sync_status_view.counts_label.text() == "1 waiting · 0 failed"
    with qtbot.waitSignal(controller.online_changed, timeout=WAIT_MS) as back:
        server.start()  # the worker's backoff timer finds it again
    assert back.args == [True]
    assert not window.offline_banner.isVisible()
    qtbot.waitUntil(lambda: controller.last.status.get("waiting") == 0, timeout=WAIT_MS)
    assert window.sync_status_view.counts_label.text() == "0 waiting · 0 failed"


def _pushed_write(outcome: SyncOutcome) -> bool:
    return WRITE in outcome.reasons and outcome.error is None


def test_a_write_reaches_the_server_within_one_second(server, desk, qtbot) -> None:
    _window, controller, uow, database = desk
    customer_id = _customer_id(database)
    for attempt in range(3):
        started = time.monotonic()
        with qtbot.waitSignal(
            controller.outcome_arrived, timeout=1000, check_params_cb=_pushed_write
        ):
            interaction = record_interaction(
                uow, customer_id=customer_id, channel="visit", reason=f"now {attempt}", agent="ann"
            )
        assert time.monotonic() - started < 1.0
        assert _on_server(server.db_url, interaction.id) == 1
