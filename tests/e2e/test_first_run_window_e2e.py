"""The first run in the window against a real server process: connect, sign in, first pull.

A new desk opens on the setup page; the whole way is driven by keys and clicks: a wrong
password (refused in words, nothing written, another try works), an unreachable server, a
self-signed and a wrongly named certificate (each in words), then the first pull with its
progress, a Cancel in the middle that keeps the cursor, and Continue (after a restart) to
the end. A later start opens locked with the last user's name, and the desk locks itself
when idle. The real keyring, the real cache; nothing mocked.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest
import trustme
from e2e_support import RunningServer, free_port, run_server_command, server_command
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import create_engine, text
from test_pull_e2e import PASSWORD
from test_tls import _wait_listening

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.domain.till import Purpose, Tender
from frontdesk.services import first_run
from frontdesk.ui.app import _desk_window, _run_window
from frontdesk.ui.idle_lock import guard_desk
from frontdesk.ui.main_window import MainWindow
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.setup.window import SetupWindow

WAIT_MS = 30_000
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
OpenClient = Callable[..., ClientContext]


@pytest.fixture
def open_client(tmp_path: Path, keyring_env: dict[str, str], monkeypatch) -> Iterator[OpenClient]:
    """Opens the desk's client over one data directory, as a start of Frontdesk does."""
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    opened: list[ClientContext] = []

    def open_(**env: str) -> ClientContext:
        environ = {"FRONTDESK_PAGE_SIZE": "20", **env}
        client = build_client(load_settings(data_dir=tmp_path / "desk", environ=environ))
        opened.append(client)
        return client

    yield open_
    for client in opened:
        client.close()


def _setup_window(qtbot, client: ClientContext, **kwargs) -> SetupWindow:
    window = SetupWindow(client, **kwargs)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    qtbot.waitExposed(window)
    return window


def _type(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def _check(qtbot, window: SetupWindow, address: str) -> str:
    """Type ``address``, press Check; the words the page says about it."""
    page = window.connect_page
    _type(qtbot, page.address_edit, address)
    qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error.isVisible() or page.finding.isVisible(), timeout=WAIT_MS)
    return page.error.text() if page.error.isVisible() else page.finding.text()


def _save(window: SetupWindow, name: str) -> None:
    """A picture of the window as it is (English), to look at; docs/ keeps a chosen one."""
    QApplication.processEvents()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / name), "PNG")


def _cache(client: ClientContext, query: str) -> list[tuple]:
    with closing(sqlite3.connect(client.settings.cache_path)) as connection:
        return connection.execute(query).fetchall()


def test_first_run_by_keys_wrong_password_then_sign_in_and_pull_opens_the_desk(
    server: RunningServer, open_client: OpenClient, qtbot
) -> None:
    client = open_client()
    assert client.stage() == first_run.CONNECT
    window = _setup_window(qtbot, client)
    page = window.connect_page
    assert page.address_edit.text() == "https://"

    said = _check(qtbot, window, server.url)
    assert "The server answered" in said and "plain http on this computer" in said

    _type(qtbot, page.user_edit, "ann")
    _save(window, "screenshot-setup.png")
    _type(qtbot, page.password_edit, "not the password")
    qtbot.keyClick(page.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(page.error.isVisible, timeout=WAIT_MS)
    assert page.error.text().startswith("The server refused the sign-in")
    assert client.stage() == first_run.CONNECT  # nothing half-written
    assert page.sign_in_button.isEnabled() and page.password_edit.text() == ""

    _type(qtbot, page.password_edit, PASSWORD)
    with qtbot.waitSignal(window.completed, timeout=WAIT_MS):
        qtbot.keyClick(page.password_edit, Qt.Key.Key_Return)

    assert window.pull_page.last is not None and window.pull_page.last.result.customers > 0
    assert window.pull_page.bar.value() == window.pull_page.bar.maximum()
    assert client.stage() == first_run.READY
    status = client.sync_status(online=True)
    assert status["registered"] and status["username"] == "ann"
    assert client.credentials.load(server.url, "ann")
    assert _cache(client, "SELECT count(*) FROM customers")[0][0] > 0


def test_addresses_refused_or_unreachable_are_said_in_words(open_client: OpenClient, qtbot) -> None:
    client = open_client()
    window = _setup_window(qtbot, client)
    page = window.connect_page

    said = _check(qtbot, window, "http://frontdesk.example:8765")
    assert said.startswith("Refused to send anything to http://frontdesk.example:8765")
    assert "FRONTDESK_ALLOW_PLAIN_HTTP=1" in said

    said = _check(qtbot, window, f"http://127.0.0.1:{free_port()}")
    assert said.startswith("Cannot reach the server at http://127.0.0.1:")
    assert page.check_button.isEnabled()

    _type(qtbot, page.user_edit, "ann")
    _type(qtbot, page.password_edit, PASSWORD)
    page.error.clear()
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error.text() != "", timeout=WAIT_MS)
    assert page.error.text().startswith("Cannot reach the server")
    assert client.stage() == first_run.CONNECT


@pytest.fixture
def https_server(tmp_path: Path) -> Iterator[Callable[[trustme.LeafCert], str]]:
    db_url = f"sqlite:///{tmp_path / 'tls.sqlite3'}"
    run_server_command(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    processes: list[subprocess.Popen[bytes]] = []

    def start(leaf: trustme.LeafCert) -> str:
        port = free_port()
        cert, key = tmp_path / f"cert-{port}.pem", tmp_path / f"key-{port}.pem"
        leaf.private_key_and_cert_chain_pem.write_to_path(str(cert))
        leaf.private_key_pem.write_to_path(str(key))
        args = (
            "serve",
            "--port",
            str(port),
            "--ssl-certfile",
            str(cert),
            "--ssl-keyfile",
            str(key),
        )
        log = (tmp_path / f"server-{port}.log").open("wb")
        processes.append(subprocess.Popen(server_command(db_url, *args), stdout=log, stderr=log))
        _wait_listening(port, processes[-1])
        return f"https://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=15)


def test_certificates_self_signed_or_for_another_name_are_said_in_words(
    https_server, open_client: OpenClient, tmp_path: Path, qtbot
) -> None:
    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    trusted_url = https_server(ca.issue_cert("127.0.0.1"))
    other_name_url = https_server(ca.issue_cert("frontdesk.example"))

    window = _setup_window(qtbot, open_client())
    said = _check(qtbot, window, trusted_url)
    assert "not trusted by this computer" in said and "FRONTDESK_CA_BUNDLE" in said
    window.close()

    window = _setup_window(qtbot, open_client(FRONTDESK_CA_BUNDLE=str(ca_file)))
    said = _check(qtbot, window, trusted_url)
    assert "Its certificate is trusted by this computer" in said
    said = _check(qtbot, window, other_name_url)
    assert "issued for another name" in said


@pytest.fixture
def demo_server(tmp_path: Path, start_server) -> RunningServer:
    db_url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    run_server_command(db_url, "seed-demo", "--customers", "300")
    run_server_command(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    return start_server(db_url)


def test_a_cancelled_first_pull_keeps_its_cursor_and_continues_after_a_restart(
    demo_server: RunningServer, open_client: OpenClient, qtbot
) -> None:
    client = open_client()
    window = _setup_window(qtbot, client)
    page, pull = window.connect_page, window.pull_page
    _type(qtbot, page.address_edit, demo_server.url)
    _type(qtbot, page.user_edit, "ann")
    _type(qtbot, page.password_edit, PASSWORD)

    # Cancel from the third page on (on the main thread, as a click would).
    def at_third_page(progress) -> None:  # or the first after it that brought customers
        if progress.result.pages >= 3 and progress.result.customers and not pull._cancel.is_set():
            _save(window, "screenshot-first-pull.png")
            pull.cancel_button.click()

    pull._relay.paged.connect(at_third_page)
    with qtbot.waitSignal(pull.stopped, timeout=WAIT_MS):
        qtbot.keyClick(page.password_edit, Qt.Key.Key_Return)

    assert pull.continue_button.isVisible() and not pull.cancel_button.isVisible()
    assert pull.time_left.text().startswith("Cancelled. What came in is kept")
    assert 0 < pull.bar.value() < pull.bar.maximum()
    assert "Pages done: " in pull.counts.text()
    kept = _cache(client, "SELECT cursor FROM sync_state")[0][0]
    customers_then = _cache(client, "SELECT count(*) FROM customers")[0][0]
    assert kept > 0 and customers_then < 300
    assert client.stage() == first_run.FIRST_PULL
    window.close()
    client.close()

    # The next start of Frontdesk: the pull page, with Continue.
    client = open_client()
    assert client.stage() == first_run.FIRST_PULL
    window = _setup_window(qtbot, client, stage=client.stage())
    pull = window.pull_page
    assert window.stack.currentIndex() == 1 and pull.continue_button.isVisible()
    with qtbot.waitSignal(window.completed, timeout=WAIT_MS):
        qtbot.mouseClick(pull.continue_button, Qt.MouseButton.LeftButton)
    assert pull.last is not None and pull.last.started_at == kept
    assert _cache(client, "SELECT count(*) FROM customers")[0][0] == 300
    assert client.stage() == first_run.READY


def _signed_in_desk(server: RunningServer, open_client: OpenClient) -> ClientContext:
    client = open_client()
    client.login(server.url, "ann", PASSWORD)
    client.first_pull(on_page=lambda _progress: None, cancelled=lambda: False)
    assert client.stage() == first_run.READY
    return client


def test_a_later_start_opens_locked_with_the_last_users_name(
    server: RunningServer, open_client: OpenClient, qtbot
) -> None:
    client = _signed_in_desk(server, open_client)
    seen: list[tuple[bool, str]] = []
    shown: list[MainWindow] = []

    def look_then_quit() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        shown.append(windows[-1])
        screen = windows[-1].lock_screen
        seen.append((screen.is_locked(), screen.user_edit.text()))
        windows[-1].close()
        QApplication.instance().exit(0)

    QTimer.singleShot(0, look_then_quit)
    assert _run_window(QApplication.instance(), client, Preferences()) == 0
    assert seen == [(True, "ann")]
    # Gone for good, as at the end of a real start: it follows the OS theme no more.
    shown[0].deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_desk_locks_itself_when_idle_and_input_keeps_it_open(
    server: RunningServer, open_client: OpenClient, qtbot
) -> None:
    client = _signed_in_desk(server, open_client)
    window = _desk_window(client, preferences=Preferences())
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    assert guard_desk(window.lock_screen, username="ann", locked=False, idle_minutes=0) is None
    idle = guard_desk(window.lock_screen, username="ann", locked=False, idle_minutes=10)
    assert idle is not None and idle.timer.interval() == 600_000
    idle.timer.setInterval(400)
    idle.timer.start()

    for _ in range(4):  # input more often than the interval: the desk stays open
        qtbot.wait(200)
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_A)
    assert not window.lock_screen.is_locked()

    qtbot.waitUntil(window.lock_screen.is_locked, timeout=5_000)
    assert window.lock_screen.user_edit.text() == "ann"
    assert not idle.timer.isActive()  # a locked desk does not count

    qtbot.keyClicks(window.lock_screen.password_edit, PASSWORD)
    with qtbot.waitSignal(window.lock_screen.unlocked, timeout=WAIT_MS):
        qtbot.keyClick(window.lock_screen.password_edit, Qt.Key.Key_Return)
    assert idle.timer.isActive()  # and counts again after the sign-in


def test_a_cashier_sets_up_a_till_desk_and_takes_money(
    server: RunningServer, open_client: OpenClient, qtbot
) -> None:
    """A cashier's fresh desk, without a terminal: the register the admin set up is typed on
    the setup page (a bad code is refused before anything is sent), and after the first pull
    the till takes a payment the server accepts."""
    run_server_command(server.db_url, "add-user", "cat", "--role", "cashier", "--branch",
                       "Leeds", "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_server_command(server.db_url, "register", "add", "SHOPA", "--branch", "Leeds")
    client = open_client()
    window = _setup_window(qtbot, client)
    page = window.connect_page
    _check(qtbot, window, server.url)
    _type(qtbot, page.user_edit, "cat")
    _type(qtbot, page.password_edit, PASSWORD)
    _type(qtbot, page.register_edit, "shop a!")
    qtbot.keyClick(page.register_edit, Qt.Key.Key_Return)
    assert page.error.isVisible() and "A register code is up to 20 letters" in page.error.text()
    assert client.stage() == first_run.CONNECT  # refused before anything was sent
    _type(qtbot, page.register_edit, "shopa")
    with qtbot.waitSignal(window.completed, timeout=WAIT_MS):
        qtbot.keyClick(page.register_edit, Qt.Key.Key_Return)

    assert client.till_register() == "SHOPA"
    assert client.at_desk().role == "cashier"
    till = client.till_desk()
    till.open_shift(Money.of("20.00", "GBP"))
    cash = [(Tender.CASH, Money.of("5.00", "GBP"))]
    paid = till.pay(amount=Money.of("4.20", "GBP"), tenders=cash, customer_id=None,
                    purpose=Purpose.PURCHASE, key=str(uuid.uuid4()))  # fmt: skip
    client.sync()
    engine = create_engine(server.db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT receipt_no, accepted FROM till_payments"))
            assert [tuple(r) for r in rows] == [(paid.receipt_no, True)]
    finally:
        engine.dispose()
