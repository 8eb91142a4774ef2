"""The lock screen by keys: Desk > Lock hides the customer, and a user who signed in online
here lately unlocks it with their password while the server cannot be reached.

A real cache, the real argon2id verifier, the real HTTP client against a loopback port that
nothing listens on (so "unreachable" is the real thing). Only the earlier online logins,
which put the verifiers in the cache, go through a hand-written server.
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_window_on_cache import fill_cache
from ui_walk import clipped_labels, shown_texts

from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import Role, TokenPair, UserPublic
from frontdesk.services.desk import DeskWrites
from frontdesk.services.desk_login import login_at_desk
from frontdesk.services.ports import AbstractCentral, AbstractCredentials
from frontdesk.ui.lock_screen import LockScreen
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.preferences import Preferences

WAIT_MS = 20_000
PASSWORDS = {"ann": "ann's long passphrase", "bob": "bob's other passphrase"}
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


class EarlierServer(AbstractCentral):
    """The server as it answered the earlier online logins (it is down now)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def login(self, username, password, *, device_id=None, device_name=""):
        return TokenPair(
            access_token="a" * 32,
            refresh_token="r" * 32,
            expires_in=900,
            user=UserPublic(username=username, role=Role.CASHIER, branch="Leeds"),
            device_id=device_id,
        )

    def refresh(self, refresh_token):
        raise NotImplementedError

    def logout(self, refresh_token):
        pass

    def pull(self, cursor, *, limit, access_token):
        raise NotImplementedError


class MemoryCredentials(AbstractCredentials):
    def store(self, server_url, username, refresh_token):
        pass

    def load(self, server_url, username):
        return None

    def delete(self, server_url, username):
        pass


def _dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture
def client(tmp_path: Path):
    environ = {"FRONTDESK_OFFLINE_UNLOCK_DAYS": "7", "FRONTDESK_CONNECT_TIMEOUT": "2"}
    ctx = build_client(load_settings(data_dir=tmp_path / "desk", environ=environ))
    url = _dead_url()
    login_at_desk(  # ann signed in online here before; bob never did
        url,
        "ann",
        PASSWORDS["ann"],
        central_factory=EarlierServer,
        credentials=MemoryCredentials(),
        uow=ctx.uow,
        verifier=Argon2Verifier(),
    )
    fill_cache(ctx)
    with ctx.uow as uow:  # the cache's server is the one that is down now
        uow.sync_state.set_login(url, "ann")
        uow.commit()
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext, *, language: str = "en") -> MainWindow:
    preferences = Preferences()
    preferences.language = language
    window = build_main_window(
        client.queries, writes=DeskWrites(client.uow), preferences=preferences
    )
    window.set_lock(client.sign_in, offline_days=client.offline_unlock_days)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS):
        window.open_customer("c-2")
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


def _lock(qtbot: QtBot, window: MainWindow) -> LockScreen:
    with qtbot.waitSignal(window.lock_screen.locked, timeout=WAIT_MS):
        qtbot.keyClick(
            window,
            Qt.Key.Key_L,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    return window.lock_screen


def _sign_in(qtbot: QtBot, screen: LockScreen, user: str, password: str, *, signal) -> list:
    screen.user_edit.clear()
    screen.user_edit.setFocus()
    qtbot.keyClicks(screen.user_edit, user)
    qtbot.keyClick(screen.user_edit, Qt.Key.Key_Return)
    assert screen.password_edit.hasFocus()
    with qtbot.waitSignal(signal, timeout=WAIT_MS) as blocker:
        qtbot.keyClicks(screen.password_edit, password)
        qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    return blocker.args


def _settled(qtbot: QtBot, screen: LockScreen) -> None:
    """The layout has made room for the message just shown."""
    error = screen.error
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=WAIT_MS)


def test_lock_hides_the_customer_until_a_recent_user_unlocks_offline(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    screen = _lock(qtbot, window)
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert not window.centralWidget().isVisible() and not window.profile_card.isVisible()
    assert not window.desk_actions.find_action.isEnabled() and not window.menuBar().isEnabled()
    assert screen.user_edit.hasFocus()

    (said,) = _sign_in(qtbot, screen, "bob", PASSWORDS["bob"], signal=screen.refused)
    assert said == (
        "The server cannot be reached. Offline sign-in is available only for users who "
        "signed in on this desk in the last 7 days."
    )
    assert screen.error.isVisible() and screen.error.text() == said
    (said,) = _sign_in(qtbot, screen, "ann", "not her password", signal=screen.refused)
    assert "not the one ann last signed in with here" in said
    assert screen.password_edit.text() == "" and screen.is_locked()

    (user,) = _sign_in(qtbot, screen, "ann", PASSWORDS["ann"], signal=screen.unlocked)
    assert user == "ann"
    assert not screen.isVisible() and window.profile_card.isVisible()
    assert (
        window.desk_actions.find_action.isEnabled() and window.desk_actions.lock_action.isEnabled()
    )
    assert window.statusBar().currentMessage().startswith("Signed in offline until ")
    with client.uow as uow:
        assert uow.workstation.get().desk_user == "ann"  # her next writes are hers


def test_lock_screen_renders_over_the_whole_window(qtbot: QtBot, client: ClientContext) -> None:
    window = _window(qtbot, client)
    screen = _lock(qtbot, window)
    _sign_in(qtbot, screen, "bob", PASSWORDS["bob"], signal=screen.refused)
    SHOTS.mkdir(parents=True, exist_ok=True)
    _settled(qtbot, screen)
    image = window.grab()
    image.save(str(SHOTS / "lock-screen-en.png"))
    # Nothing of the customer shows: the window's pixels are the lock screen's.
    assert image.toImage() == screen.grab().toImage()


def test_the_lock_screen_in_russian_has_no_english_left(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client, language="ru")
    assert window.desk_actions.lock_action.text() == "&Заблокировать"
    screen = _lock(qtbot, window)
    _sign_in(qtbot, screen, "bob", PASSWORDS["bob"], signal=screen.refused)
    latin = re.compile(r"[A-Za-z]{2,}")
    english = [
        f"{where}: {text!r}"
        for where, text in shown_texts(screen)
        if latin.search(text.replace("bob", ""))
    ]
    assert english == []
    assert "7" in screen.error.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    _settled(qtbot, screen)
    window.grab().save(str(SHOTS / "lock-screen-ru.png"))
    assert clipped_labels(screen) == []
