"""The desk shaped by role, against a real server process: the admin pages list users and
devices, disable a user and revoke a device (the server refuses them from then on); another
user signing in on the lock screen of a shared till re-shapes the menus and leaves the
outbox as it was; the supervisor's cross-sell report comes from the server.

A real server process, the real keyring, the real cache and the real window.
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
from frontdesk.services.errors import AuthFailed
from frontdesk.services.writes import record_interaction
from frontdesk.ui.app import _desk_window
from frontdesk.ui.main_window import MainWindow
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.report_dialog import CrossSellReportDialog

WAIT_MS = 30_000
STAFF = {"ada": "admin", "cid": "cashier", "sue": "supervisor"}  # and ann, an agent


@pytest.fixture
def staffed(server: RunningServer) -> RunningServer:
    for name, role in STAFF.items():
        run_server_command(server.db_url, "add-user", name, "--role", role, "--branch", "York",
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    return server


@pytest.fixture
def desks(tmp_path: Path, keyring_env: dict[str, str], monkeypatch) -> Iterator[list]:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    made: list[ClientContext] = []

    def desk(name: str) -> ClientContext:
        made.append(build_client(load_settings(data_dir=tmp_path / name)))
        return made[-1]

    yield desk
    for client in made:
        client.close()


def _window(qtbot, client: ClientContext, role: str) -> MainWindow:
    window = _desk_window(client, preferences=Preferences())
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.role_shaped, timeout=WAIT_MS) as shaped:
        window.follow_role(client.at_desk)
    assert shaped.args == [role]
    return window


def _shown(window: MainWindow) -> dict[str, bool]:
    actions = window.desk_actions
    return {name: action.isVisible() and action.isEnabled() for name, action in
            (("till", actions.till_action), ("reports", actions.reports_action),
             ("admin", actions.admin_action), ("find", actions.find_action))}  # fmt: skip


def _select(table, key: str) -> None:
    from PySide6.QtCore import Qt

    rows = [r for r in range(table.rowCount())
            if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == key]  # fmt: skip
    assert rows, f"{key} is not in {table.objectName()}"
    table.selectRow(rows[0])


def test_an_admin_disables_a_user_and_revokes_a_device_from_the_window(
    staffed: RunningServer, desks, qtbot
) -> None:
    till = desks("till")
    till.login(staffed.url, "cid", PASSWORD)
    with till.uow:
        till_device = till.uow.workstation.get().device_id
    office = desks("office")
    office.login(staffed.url, "ada", PASSWORD)
    window = _window(qtbot, office, "admin")
    assert _shown(window) == {"till": False, "reports": True, "admin": True, "find": True}

    pages = window.back_office.open_admin()
    qtbot.waitUntil(lambda: len(pages.devices) == 2 or bool(pages.error.text()), timeout=WAIT_MS)
    assert not pages.error.text(), pages.error.text()
    assert [(u.username, u.role.value, u.disabled) for u in pages.users] == [
        ("ada", "admin", False), ("ann", "agent", False), ("cid", "cashier", False),
        ("sue", "supervisor", False)]  # fmt: skip
    asked: list[str] = []
    pages.confirm = lambda _parent, text: asked.append(text) or True

    _select(pages.users_table, "cid")
    with qtbot.waitSignal(pages.devices_shown, timeout=WAIT_MS):  # the last of the refresh
        pages.disable_button.click()
    assert "Disable cid?" in asked[-1]
    assert {u.username: u.disabled for u in pages.users}["cid"] is True
    assert pages.users_table.item(2, 3).text() == "disabled"
    with pytest.raises(AuthFailed, match="disabled"):
        till.login(staffed.url, "cid", PASSWORD)

    _select(pages.users_table, "cid")
    with qtbot.waitSignal(pages.devices_shown, timeout=WAIT_MS):
        pages.enable_button.click()
    _select(pages.devices_table, till_device)
    with qtbot.waitSignal(pages.devices_shown, timeout=WAIT_MS):
        pages.revoke_button.click()
    assert "Revoke the device" in asked[-1]
    revoked = {d.id: d.revoked_at for d in pages.devices}
    assert revoked[till_device] is not None
    assert (
        "revoked on"
        in pages.devices_table.item([d.id for d in pages.devices].index(till_device), 4).text()
    )
    with pytest.raises(AuthFailed, match="revoked"):
        till.login(staffed.url, "cid", PASSWORD)  # cid again, on the revoked till

    pages.ask_password = lambda _parent, _prompt: "short"
    _select(pages.users_table, "sue")
    with qtbot.waitSignal(pages.failed, timeout=WAIT_MS) as failed:
        pages.reset_button.click()
    assert "password must be at least" in failed.args[0]
    assert "password must be at least" in pages.error.text()


def test_an_agent_who_reaches_the_admin_pages_is_told_the_server_said_no(
    staffed: RunningServer, desks, qtbot
) -> None:
    desk = desks("agent")
    desk.login(staffed.url, "ann", PASSWORD)
    window = _window(qtbot, desk, "agent")
    assert _shown(window) == {"till": False, "reports": False, "admin": False, "find": True}
    pages = window.back_office.open_admin()  # no menu shows it: a tampered desk, say
    with qtbot.waitSignal(pages.failed, timeout=WAIT_MS) as failed:
        pass
    assert "needs the role admin; ann is agent" in failed.args[0]


def test_another_user_signing_in_at_a_shared_till_reshapes_the_menus_and_keeps_the_queue(
    staffed: RunningServer, desks, qtbot
) -> None:
    till = desks("till")
    till.login(staffed.url, "cid", PASSWORD)
    till.sync()
    window = _window(qtbot, till, "cashier")
    assert _shown(window) == {"till": True, "reports": False, "admin": False, "find": True}
    with closing(sqlite3.connect(till.settings.cache_path)) as cache:
        (customer_id,) = cache.execute("SELECT id FROM customers LIMIT 1").fetchone()
    record_interaction(till.uow, customer_id=customer_id, channel="visit", reason="cid's",
                       agent="cid")  # fmt: skip
    queued = "SELECT key, author, state FROM outbox ORDER BY seq"
    with closing(sqlite3.connect(till.settings.cache_path)) as cache:
        before = cache.execute(queued).fetchall()
    assert [(author, state) for _key, author, state in before] == [("cid", "pending")]

    for user, role, shown in (
        ("sue", "supervisor", {"till": True, "reports": True, "admin": False, "find": True}),
        ("ann", "agent", {"till": False, "reports": False, "admin": False, "find": True}),
    ):
        window.lock_screen.lock()
        window.lock_screen.user_edit.setText(user)
        window.lock_screen.password_edit.setText(PASSWORD)
        with qtbot.waitSignal(window.role_shaped, timeout=WAIT_MS) as shaped:
            window.lock_screen.submit()
        assert shaped.args == [role]
        assert _shown(window) == shown, user
    with closing(sqlite3.connect(till.settings.cache_path)) as cache:
        assert cache.execute(queued).fetchall() == before  # the queue is cid's, untouched


def test_a_supervisor_reads_the_crosssell_report(staffed: RunningServer, desks, qtbot) -> None:
    desk = desks("branch")
    desk.login(staffed.url, "sue", PASSWORD)
    window = _window(qtbot, desk, "supervisor")
    window.desk_actions.reports_action.trigger()
    dialog = window.findChild(CrossSellReportDialog, "reportDialog")
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: "offers made" in dialog.total.text(), timeout=WAIT_MS)
    assert dialog.total.text().startswith("0 offers made")
