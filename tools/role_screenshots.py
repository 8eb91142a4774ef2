"""The desk as each role sees it: docs/screenshot-cashier.png, -supervisor.png, -admin.png.

A throw-away server is seeded as ``tools/screenshots.py`` does, with a cashier, a supervisor
and an admin; it keeps running while the window asks it for the report and the admin pages.
One desk cache pulls everything, and a few cross-sell outcomes are pushed so the report
has rows. Each role signs in online at the desk in turn (the window reads the role the cache
kept); the cashier's and the supervisor's window is drawn with its Desk menu open (the
supervisor's with the cross-sell report too), the admin pages with their two tabs one above
the other. English and Russian (``-ru``), light theme, offscreen.

    python tools/role_screenshots.py --out docs
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demo
from screenshots import CUSTOMERS, SEED, MemoryCredentials

from frontdesk import bootstrap
from frontdesk.config import load_settings

PASSWORD = "screenshots-only-password"
STAFF = {"cid": "cashier", "sue": "supervisor", "ada": "admin"}
WAIT_MS = 30_000
#: Each language and the end of its file names (English has none).
LANGUAGES = {"en": "", "ru": "-ru"}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs", help="folder for the PNG files")
    out = Path(parser.parse_args(argv).out)
    with tempfile.TemporaryDirectory(prefix="frontdesk-roles-") as work:
        server_db = f"sqlite:///{(Path(work) / 'server.sqlite3').as_posix()}"
        _seed(server_db)
        port = demo._free_port()
        server = demo._start_server(server_db, port=port, log_path=Path(work) / "server.log")
        try:
            demo._wait_healthy(server, port=port, log_path=Path(work) / "server.log")
            _render_all(f"http://127.0.0.1:{port}", Path(work) / "desk", out)
        finally:
            demo._stop(server, "server")
    return 0


def _seed(server_db: str) -> None:
    demo._step("Migrating the server database", demo._server_cmd(server_db, "migrate"))
    demo._step(
        f"Seeding {CUSTOMERS} demo customers",
        demo._server_cmd(
            server_db, "seed-demo", "--customers", str(CUSTOMERS), "--seed", str(SEED)
        ),
    )
    for name, role in STAFF.items():
        demo._step(
            f"Creating the {role} {name!r}",
            demo._server_cmd(
                server_db, "add-user", name, "--role", role, "--branch", "York", "--password-stdin"
            ),
            stdin_text=PASSWORD + "\n",
        )


def _render_all(url: str, data_dir: Path, out: Path) -> None:
    from frontdesk.ui.app import make_application

    make_application(["frontdesk"])
    client = bootstrap.build_client(load_settings(data_dir=data_dir, environ={}))
    client.credentials = MemoryCredentials()
    try:
        client.login(url, "sue", PASSWORD)
        client.sync()
        customer_id = client.queries.first_customer_id()
        _offer_outcomes(client)
        client.sync()
        for user in ("cid", "sue"):
            client.login(url, user, PASSWORD)
            for language in LANGUAGES:
                path = out / f"screenshot-{STAFF[user]}{LANGUAGES[language]}.png"
                _render_desk(client, customer_id, path, language=language)
        _retired_till(url, data_dir.parent / "old-till", client)
        client.login(url, "ada", PASSWORD)
        for language in LANGUAGES:
            _render_admin(client, out / f"screenshot-admin{LANGUAGES[language]}.png",
                          language=language)  # fmt: skip
    finally:
        client.close()


def _retired_till(url: str, data_dir: Path, admin_desk: bootstrap.ClientContext) -> None:
    """A second workstation the cashier signed in on, then revoked: a row of each kind."""
    old = bootstrap.build_client(load_settings(data_dir=data_dir, environ={}))
    old.credentials = MemoryCredentials()
    try:
        old.login(url, "cid", PASSWORD)
        with old.uow:
            device_id = old.uow.workstation.get().device_id
    finally:
        old.close()
    admin_desk.login(url, "ada", PASSWORD)
    admin_desk.back_office().revoke_device(device_id)


def _offer_outcomes(client: bootstrap.ClientContext) -> None:
    """A few offers and what became of them, recorded through the desk's own write path."""
    from frontdesk.services.desk import DeskWrites

    writes = DeskWrites(client.uow)
    for n, match in enumerate(client.queries.search("a", limit=12)):
        for offer in client.queries.recommendations(match.id, k=2):
            writes.crosssell_feedback(match.id, offer, "offered")
            outcome = ("accepted", "declined", "offered")[n % 3]
            if outcome != "offered":
                writes.crosssell_feedback(match.id, offer, outcome)


def _window(client: bootstrap.ClientContext, language: str):
    from frontdesk.ui.app import _desk_window
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language, preferences.theme = language, "light"
    window = _desk_window(client, preferences=preferences)
    window.resize(1280, 800)
    window.show()
    _wait(window.role_shaped)
    return window


def _render_desk(
    client: bootstrap.ClientContext, customer_id: str | None, path: Path, *, language: str
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter

    window = _window(client, language)
    if customer_id:
        window.open_customer(customer_id)
        _wait(window.lines_shown)
    window.search_panel.search_edit.setText("Kon")
    _wait(window.search_panel.model.modelReset)
    report = None
    if window.desk_actions.reports_action.isVisible():
        report = window.back_office.open_report()
        report.resize(540, 330)
        _wait(report.report_shown)
    _settle(window)
    picture = window.grab()
    menu = window.desk_actions.desk_menu
    menu.popup(window.mapToGlobal(QPoint(0, window.menuBar().height())))
    _settle(window)
    at = window.menuBar().geometry().bottomLeft()
    painter = QPainter(picture)
    painter.drawPixmap(at + QPoint(4, 0), menu.grab())
    if report is not None:  # over the search results' empty lower half, framed and titled
        _draw_window(painter, report, QPoint(14, 380))
    painter.end()
    menu.hide()
    _save(picture, path)
    _close(window)


def _draw_window(painter, dialog, at, *, shot=None) -> None:
    """``dialog`` as a framed window with its title, drawn at ``at`` (offscreen has no frames)."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QFont

    shot, title_height = shot or dialog.grab(), 26
    frame = QRect(at.x(), at.y(), shot.width() + 1, shot.height() + title_height + 1)
    painter.fillRect(frame, QColor("#d8dde3"))
    painter.setPen(QColor("#8a939c"))
    painter.drawRect(frame)
    font = QFont(painter.font())
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#202428"))
    painter.drawText(
        frame.adjusted(10, 0, 0, 0).topLeft() + at.__class__(0, 18), dialog.windowTitle()
    )
    painter.drawPixmap(at.x() + 1, at.y() + title_height, shot)


def _render_admin(client: bootstrap.ClientContext, path: Path, *, language: str) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter, QPixmap

    window = _window(client, language)
    pages = window.back_office.open_admin()
    _wait(pages.devices_shown)
    pages.users_table.selectRow(1)
    pages.resize(980, 330)
    _settle(window)
    users = pages.grab()
    pages.tabs.setCurrentIndex(1)
    _settle(window)
    devices = pages.grab()
    gap, title = 12, 26
    picture = QPixmap(users.width() + 2 * gap + 2, users.height() + devices.height() + 3 * gap
                      + 2 * (title + 2))  # fmt: skip
    picture.fill(QColor("#eef0f2"))
    painter = QPainter(picture)
    _draw_window(painter, pages, QPoint(gap, gap), shot=users)
    _draw_window(painter, pages, QPoint(gap, 2 * gap + title + 2 + users.height()), shot=devices)
    painter.end()
    _save(picture, path)
    _close(window)


def _wait(signal) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(WAIT_MS, lambda: loop.exit(1))
    if loop.exec() != 0:
        raise SystemExit("role screenshots: the window did not finish loading")


def _settle(window) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(10):
        QApplication.processEvents()


def _save(picture, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not picture.save(str(path), "PNG"):
        raise SystemExit(f"role screenshots: could not write {path}")
    print(f"==> {path}", flush=True)


def _close(window) -> None:
    from PySide6.QtWidgets import QApplication

    window.ops.shutdown()
    window.close()
    window.deleteLater()
    QApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main())
