"""Two desks edit one customer against a real server process on loopback.

Different fields merge with no conflict. The same field keeps the value that reached the
server first; the later desk's push comes back with the conflict, its window shows it on
the profile and counts it in the status bar (and ``frontdesk sync --status --json`` counts
it too); "Use mine" sends that desk's value again and the server ends up with it. Outcomes
are awaited with signals and conditions; nothing sleeps.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e_support import run_server_command
from PySide6.QtCore import Qt
from sqlalchemy import create_engine, text
from test_pull_e2e import FIRST_FILE, PASSWORD
from test_sync_window_e2e import Server

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.config import CACHE_FILE
from frontdesk.services.conflicts import DeskConflicts, count_open
from frontdesk.services.desk import DeskWrites
from frontdesk.services.outbox import SENT
from frontdesk.services.writes import edit_customer
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import Backoff, push_all
from frontdesk.sync.service import sync_status, workstation_transport
from frontdesk.sync.worker import SyncWorker
from frontdesk.ui.main_window import build_main_window
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.sync_controller import SyncController

#: Generous: the suite shares two cores with other work, and nothing here waits idly.
WAIT_MS = 30_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("central")
    db_url = f"sqlite:///{root / 'central.sqlite3'}"
    retail = root / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(db_url, "import", "online-retail", str(retail))
    for user in ("ann", "bob"):
        run_server_command(
            db_url, "add-user", user, "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
        )
    running = Server(db_url, root / "server.log")
    running.start()
    yield running
    running.stop()


class Desk:
    """One workstation's cache, logged in as ``user``, registered and pulled."""

    def __init__(self, server: Server, data_dir: Path, user: str) -> None:
        self.data_dir = data_dir
        self.database = open_cache(data_dir / CACHE_FILE)
        self.uow = SqlAlchemyUnitOfWork(self.database.writer)
        self.central = CentralClient(server.url, timeouts=(1.0, 10.0))
        with self.uow:
            self.uow.sync_state.set_login(server.url, user)
            self.uow.commit()
        self.transport = workstation_transport(self.central, self.uow, user, PASSWORD)
        pull_all(self.transport, self.uow)

    def sync(self) -> None:
        push_all(self.transport, self.uow)
        pull_all(self.transport, self.uow)

    def customer_id(self, account: str) -> str:
        with self.database.engine.connect() as connection:
            return connection.execute(
                text("SELECT id FROM customers WHERE account_number = :a"), {"a": account}
            ).scalar_one()

    def fields(self, customer_id: str) -> dict[str, Any]:
        with self.uow as uow:
            found = uow.local.customer_fields(customer_id)
        assert found is not None
        return found

    def sent_results(self) -> list[dict[str, Any]]:
        with self.database.engine.connect() as connection:
            rows = connection.execute(
                text("SELECT result FROM outbox WHERE state = :s ORDER BY seq"), {"s": SENT}
            ).scalars()
            return [json.loads(row) for row in rows]

    def status_json(self) -> dict[str, Any]:
        """``frontdesk sync --status --json`` on this desk's data directory."""
        command = ["sync", "--status", "--json"]
        done = subprocess.run(
            [sys.executable, "-m", "frontdesk", "--data-dir", str(self.data_dir), *command],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def close(self) -> None:
        self.database.dispose()
        self.central.close()


@pytest.fixture
def desks(server: Server, tmp_path: Path) -> Iterator[tuple[Desk, Desk]]:
    first, second = Desk(server, tmp_path / "a", "ann"), Desk(server, tmp_path / "b", "bob")
    yield first, second
    first.close()
    second.close()


def _on_server(db_url: str, customer_id: str) -> dict[str, Any]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(
                text("SELECT phones, emails, notes FROM customers WHERE id = :id"),
                {"id": customer_id},
            ).one()
    finally:
        engine.dispose()
    phones, emails, notes = row
    return {"phones": json.loads(phones), "emails": json.loads(emails), "notes": notes}


def test_edits_of_different_fields_merge_with_no_conflict(server: Server, desks) -> None:
    ann, bob = desks
    customer = ann.customer_id("17850")
    edit_customer(ann.uow, customer_id=customer, changes={"notes": "Prefers e-mail"})
    edit_customer(bob.uow, customer_id=customer, changes={"emails": ["bob.side@example.com"]})
    ann.sync()
    bob.sync()  # pushed from the same starting point as ann's
    ann.sync()
    assert _on_server(server.db_url, customer) == {
        "phones": [],
        "emails": ["bob.side@example.com"],
        "notes": "Prefers e-mail",
    }
    for desk in (ann, bob):
        assert desk.fields(customer)["notes"] == "Prefers e-mail"
        assert desk.fields(customer)["emails"] == ["bob.side@example.com"]
        assert count_open(desk.uow) == 0
    (bob_result,) = bob.sent_results()
    assert (bob_result["applied"], bob_result["conflicts"]) == (["emails"], [])


@pytest.fixture
def bob_window(desks, qtbot):
    """Bob's window over his cache, with background sync and conflict notices."""
    _ann, bob = desks

    def make_worker(report) -> SyncWorker:
        worker = SyncWorker(
            push=lambda: push_all(bob.transport, bob.uow),
            sync=lambda: (push_all(bob.transport, bob.uow), pull_all(bob.transport, bob.uow)),
            status=lambda online: sync_status(bob.uow, central=None, online=online),
            on_outcome=report,
            interval_s=3600.0,
            backoff=Backoff(base_s=0.05, cap_s=0.2),
        )
        bob.uow.add_write_listener(worker.notify_write)
        return worker

    controller = SyncController(make_worker)
    window = build_main_window(
        SqlAlchemyCustomerQueries(bob.database.reader),
        preferences=Preferences(),
        writes=DeskWrites(bob.uow.fresh()),
        sync=controller,
        conflicts=DeskConflicts(bob.uow.fresh),
    )
    flows = window.conflict_flows
    assert flows is not None
    qtbot.addWidget(window, before_close_func=lambda w: (controller.stop(), w.ops.shutdown()))
    window.show()
    with qtbot.waitSignal(controller.online_changed, timeout=WAIT_MS):
        controller.start()
    yield window, controller, flows
    controller.stop()


def test_the_later_desk_sees_the_conflict_and_use_mine_wins_on_the_server(
    server: Server, desks, bob_window, qtbot
) -> None:
    ann, bob = desks
    window, _controller, flows = bob_window
    customer = bob.customer_id("12347")
    with qtbot.waitSignal(flows.conflicts_shown, timeout=WAIT_MS):
        window.open_customer(customer)
    assert not window.profile_card.conflict_panel.isVisible()

    edit_customer(ann.uow, customer_id=customer, changes={"phones": ["+354 555 0101"]})
    ann.sync()  # ann's change reaches the server first
    # Bob changes the same field from the value he had; his desk pushes it at once.
    window.write_flows.writes.edit_customer(customer, {"phones": ["+354 555 0202"]})
    panel = window.profile_card.conflict_panel
    qtbot.waitUntil(lambda: len(panel.notices) == 1, timeout=WAIT_MS)

    (notice,) = panel.notices.values()
    assert notice.message.text() == (
        "Your change to Phones was not applied: another desk changed it first. "
        "Kept: +3545550101. Yours: +3545550202."
    )
    assert flows.count_label.text() == "1 conflict(s) to resolve"
    assert window.profile_card.value_text("phones") == "+3545550101"
    assert _on_server(server.db_url, customer)["phones"] == ["+3545550101"]
    assert bob.status_json()["conflicts"] == 1
    *_, lost = bob.sent_results()  # the acknowledgement the push stored with the item
    assert lost["conflicts"] == [
        {"field": "phones", "kept": ["+3545550101"], "yours": ["+3545550202"]}
    ]

    with qtbot.waitSignal(flows.conflict_resolved, timeout=WAIT_MS):
        qtbot.mouseClick(notice.use_mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: _on_server(server.db_url, customer)["phones"] == ["+3545550202"], timeout=WAIT_MS
    )
    qtbot.waitUntil(
        lambda: not (panel.isVisible() or flows.count_label.isVisible()), timeout=WAIT_MS
    )
    assert panel.notices == {}
    assert window.profile_card.value_text("phones") == "+3545550202"
    assert bob.status_json()["conflicts"] == 0
    *_, resent = bob.sent_results()
    assert (resent["applied"], resent["conflicts"]) == (["phones"], [])
    ann.sync()
    assert ann.fields(customer)["phones"] == ["+3545550202"]
    assert count_open(ann.uow) == 0  # the desk that won first has nothing to settle
