"""The Desk menu shows what the role at the desk may do, and follows each sign-in.

Hand-written fakes for the cache's answer (who is at the desk) and the lock screen's sign-in;
tests/e2e/test_admin_pages_e2e.py runs the same against a real server and cache.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from frontdesk.services.back_office import AbstractBackOffice, DeskBackOffice
from frontdesk.services.desk_login import SignedIn
from frontdesk.ui.main_window import MainWindow
from frontdesk.ui.preferences import Preferences

#: role -> (Till, Cross-sell report, Users and devices) shown and enabled
SHAPES = {
    "agent": (False, False, False),
    "cashier": (True, False, False),
    "supervisor": (True, True, False),
    "admin": (False, True, True),
    "": (True, False, False),  # not known (signed in before roles were kept): as before
}


class FakeBackOffice(AbstractBackOffice):
    def crosssell_acceptance(self):
        return []  # what the pages show is tested against a real server

    users = devices = change_user = revoke_device = crosssell_acceptance


class Desk:
    """Who is at the desk, as the cache would answer; the lock screen's sign-in changes it."""

    def __init__(self, role: str) -> None:
        self.at = SignedIn("someone", role=role or None)

    def at_desk(self) -> SignedIn:
        return self.at

    def sign_in(self, username: str, _password: str) -> SignedIn:
        self.at = SignedIn(username, role=username.split(".")[0])
        return self.at


def _window(qtbot, fake_queries, desk: Desk) -> MainWindow:
    window = MainWindow(fake_queries, preferences=Preferences())
    qtbot.addWidget(window)
    window.set_till(lambda: None)
    window.set_back_office(DeskBackOffice(FakeBackOffice))
    window.set_lock(desk.sign_in, offline_days=7)
    with qtbot.waitSignal(window.role_shaped):
        window.follow_role(desk.at_desk)
    return window


def _shape(window: MainWindow) -> tuple[bool, bool, bool]:
    actions = window.desk_actions
    return tuple(
        a.isVisible() and a.isEnabled()
        for a in (actions.till_action, actions.reports_action, actions.admin_action)
    )


@pytest.mark.parametrize("role", list(SHAPES))
def test_the_desk_menu_shows_what_the_role_may_do(qtbot, fake_queries, role: str) -> None:
    window = _window(qtbot, fake_queries, Desk(role))
    assert _shape(window) == SHAPES[role]
    menu = [a.objectName() for a in window.desk_actions.desk_menu.actions() if a.isVisible()]
    assert "findAction" in menu and "lockAction" in menu  # every role finds customers
    assert ("tillAction" in menu) is SHAPES[role][0]


def test_signing_in_as_someone_else_reshapes_the_menu(qtbot, fake_queries) -> None:
    window = _window(qtbot, fake_queries, Desk("cashier"))
    for user in ("supervisor.sue", "agent.ann", "admin.ada", "cashier.cid"):
        window.lock_screen.lock()
        window.lock_screen.user_edit.setText(user)
        window.lock_screen.password_edit.setText("any password")
        with qtbot.waitSignal(window.role_shaped) as shaped:
            window.lock_screen.submit()
        role = user.split(".")[0]
        assert shaped.args == [role]
        assert _shape(window) == SHAPES[role], user


def test_locking_closes_the_back_office_pages(qtbot, fake_queries) -> None:
    """The next user may not be an admin: nothing of the pages stays open behind the lock."""
    window = _window(qtbot, fake_queries, Desk("admin"))
    window.desk_actions.admin_action.trigger()
    pages = window.findChild(QDialog, "adminPages")
    assert pages is not None and pages.isVisible()
    window.lock_screen.lock()
    assert not pages.isVisible()
