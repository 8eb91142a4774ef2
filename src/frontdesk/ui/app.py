"""The GUI entry point: the application object, the main window on the cache, smoke screenshots.

``frontdesk`` (no subcommand) calls ``run_gui(settings, argv)``. With
``--smoke-screenshot FILE.png`` it renders the main window with the first customer open,
writes the PNG and exits 0, which tests and packaging checks use to prove the GUI starts.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QEventLoop,
    QLocale,
    QMessageLogContext,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from frontdesk import bootstrap
from frontdesk.config import Settings, resource_path
from frontdesk.services import first_run
from frontdesk.services.conflicts import DeskConflicts
from frontdesk.services.desk import DeskWrites
from frontdesk.services.errors import FrontdeskError
from frontdesk.services.till.basket import TillBasket
from frontdesk.ui.appearance import Appearance
from frontdesk.ui.idle_lock import guard_desk
from frontdesk.ui.knowledge.reader_flows import KbWriter
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.preferences import Preferences
from frontdesk.ui.setup.window import SetupWindow, run_first_run
from frontdesk.ui.sync_controller import SyncController

APP_NAME = "Frontdesk"
ICON_FILES = ("icons/frontdesk.svg", "icons/frontdesk.png")
#: How long a smoke screenshot lets queued layout work finish before it grabs the window.
SETTLE_MS = 300
#: A smoke run that has not rendered within this time has hung; it fails instead.
SMOKE_TIMEOUT_MS = 30_000


def parse_gui_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    """The GUI's own options, and Qt's argv: the program name and what is left for Qt.

    ``argv`` is a command line with or without the program name first (``sys.argv`` style
    or just the options); ``--data-dir`` is accepted and ignored (``settings`` carry it).
    """
    args = list(argv)
    has_program = bool(args) and not args[0].startswith("-")
    program = args.pop(0) if has_program else "frontdesk"
    parser = argparse.ArgumentParser(prog="frontdesk", add_help=False)
    parser.add_argument("--smoke-screenshot", type=Path, metavar="FILE.png")
    parser.add_argument("--data-dir")
    options, rest = parser.parse_known_args(args)
    return options, [program, *rest]


def app_icon() -> QIcon:
    for name in ICON_FILES:
        try:
            icon = QIcon(str(resource_path(name)))
        except FileNotFoundError:
            continue
        if not icon.isNull():
            return icon
    return QIcon()


_OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def _silence_offscreen_noise() -> None:
    # The offscreen platform (smoke screenshots, CI) warns about every top-level window
    # with a minimum size; the warning says nothing about Frontdesk. Anything else passes on.
    previous = None

    def handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message == _OFFSCREEN_NOISE:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def make_application(qt_argv: Sequence[str] = ("frontdesk",)) -> QApplication:
    """The process's QApplication (created once), named, with the icon and a usable locale."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(qt_argv))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())
    if app.platformName() == "offscreen" and existing is None:
        _silence_offscreen_noise()
    if QLocale().language() == QLocale.Language.C:
        # A bare POSIX locale has no grouping or month names; English (UK) reads naturally.
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return app


def run_gui(
    settings: Settings,
    argv: Sequence[str] = (),
    *,
    on_window: Callable[[MainWindow], None] | None = None,
) -> int:
    """Run the workstation window on the cache in ``settings.data_dir``; the exit status.

    Args:
        settings: the client settings (``frontdesk.config.load_settings``).
        argv: the command line, with or without the program name first:
            ``--smoke-screenshot FILE.png``, ``--data-dir`` (ignored) and any Qt options.
        on_window: called with the desk's window once it is shown (``ui.single_instance``
            hands it the launches and screen pops that come after).
    """
    options, qt_argv = parse_gui_args(argv)
    app = make_application(qt_argv)
    try:
        # Opening and migrating the cache happens before any window exists: nothing to freeze.
        client = bootstrap.build_client(settings)
    except FrontdeskError as error:
        return _report_start_failure(str(error), interactive=options.smoke_screenshot is None)
    try:
        if options.smoke_screenshot is not None:
            if client.stage() == first_run.CONNECT:  # a fresh desk: what its user sees first
                return _save_setup(client, options.smoke_screenshot)
            # Only the smoke run opens a customer by itself: at a real desk the window starts
            # empty rather than showing whoever bought last to whoever sits down. Its settings
            # stay in memory: checks never touch the agent's own.
            window = _desk_window(client, preferences=Preferences(), open_first=True)
            return smoke_screenshot(window, options.smoke_screenshot)
        preferences = Preferences.for_data_dir(settings.data_dir)
        return _run_window(app, client, preferences, on_window=on_window)
    finally:
        client.close()


def _desk_window(
    client: bootstrap.ClientContext,
    *,
    preferences: Preferences,
    open_first: bool = False,
    sync: SyncController | None = None,
) -> MainWindow:
    window = build_main_window(
        client.queries,
        open_first=open_first,
        preferences=preferences,
        # Its own unit of work: background ops must not share the sync worker's.
        writes=DeskWrites(client.uow),
        sync=sync,
        conflicts=None if sync is None else DeskConflicts(client.uow.fresh),
        data_dir=client.settings.data_dir,
    )
    window.set_till(client.till_desk, basket=lambda desk: TillBasket(
        desk, client.catalogue(language=window.appearance.language)))  # fmt: skip
    window.set_lock(client.sign_in, offline_days=client.offline_unlock_days)
    window.set_back_office(client.back_office())
    window.set_cases(client.cases())
    window.set_catalogue(client.catalogue())
    window.set_orders(client.orders(language=window.appearance.language))
    writer = KbWriter(uow=client.uow.fresh, role=window.desk_role)
    window.set_knowledge(client.knowledge(language=window.appearance.language), writer=writer)
    window.give_search(receipt=client.find_receipt)
    window.follow_role(client.at_desk)  # the menus show what the signed-in role may do
    return window


def _run_window(
    app: QApplication,
    client: bootstrap.ClientContext,
    preferences: Preferences,
    *,
    on_window: Callable[[MainWindow], None] | None = None,
) -> int:
    """Show the window with background sync running; stop the sync before the cache closes.

    A desk not yet connected (or loaded) opens on the setup window first and then on the
    desk itself; a later start opens on the sign-in screen. Either way the desk locks
    itself after ``FRONTDESK_IDLE_LOCK_MINUTES`` without input.
    """
    # The setup window speaks the agent's language. No parent: it goes with this line, so it
    # does not follow the OS theme beside the window's own (which would fight over it).
    Appearance(preferences).apply_saved()
    set_up_now = run_first_run(client)
    if set_up_now is None:
        return 0  # closed before the desk was connected: nothing more to show
    controller = SyncController(lambda report: client.window_sync(on_outcome=report))
    window = _desk_window(client, preferences=preferences, sync=controller)
    guard_desk(  # the idle lock lives as long as the lock screen it locks
        window.lock_screen,
        username=client.last_user(),
        locked=not set_up_now,
        idle_minutes=client.settings.idle_lock_minutes,
    )
    controller.start()
    prepare_interpreter_for_window()
    window.show()
    if on_window is not None:
        on_window(window)
    try:
        return app.exec()
    finally:
        controller.stop()


def prepare_interpreter_for_window() -> None:
    """Keep what startup built out of every later full garbage collection.

    Qt's wrappers, SQLAlchemy's and pydantic's schemas and the window are about 150,000
    objects that live as long as the process. A full collection would walk them all while
    holding the GIL (a frozen window) whenever allocation counts said so. Collected once
    here (so no garbage is frozen with them) and then frozen, they are never walked again:
    a full collection costs only what the desk allocated since.
    """
    gc.collect()
    gc.freeze()


def _report_start_failure(message: str, *, interactive: bool) -> int:
    print(f"frontdesk: {message}", file=sys.stderr)
    if interactive:
        QMessageBox.critical(None, APP_NAME, message)
    return 1


def smoke_screenshot(window: MainWindow, path: Path, *, timeout_ms: int = SMOKE_TIMEOUT_MS) -> int:
    """Show ``window``, wait until its pending loads are on screen, save it as PNG; exit status.

    The window should come from ``build_main_window(..., open_first=True)``, so the first
    customer's profile, history and lines are what gets rendered. An empty cache still
    renders (the empty window) and succeeds; a failed or hung load does not.
    """
    errors: list[str] = []
    window.ops.failed.connect(errors.append)
    window.show()
    if not _wait_until_idle(window, timeout_ms):
        errors.append(f"the window did not finish loading within {timeout_ms} ms")
    window.ops.shutdown()
    if errors:
        window.close()
        print(f"frontdesk: smoke screenshot failed: {'; '.join(errors)}", file=sys.stderr)
        return 1
    return _save_grab(window, path)


def _wait_until_idle(window: MainWindow, timeout_ms: int) -> bool:
    if window.ops.is_idle():
        return True
    loop = QEventLoop()
    window.ops.idle.connect(loop.quit)
    QTimer.singleShot(timeout_ms, lambda: loop.exit(1))
    return loop.exec() == 0


def _save_setup(client: bootstrap.ClientContext, path: Path) -> int:
    """The setup page a desk with no server opens on, saved as PNG: a check of a fresh
    install (the bundle's) that needs no server."""
    window = SetupWindow(client)
    window.resize(900, 600)
    window.show()
    QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = window.grab().save(str(path), "PNG")
    window.ops.shutdown()
    window.close()
    if not saved:
        print(f"frontdesk: could not write {path}", file=sys.stderr)
        return 1
    return 0


def _save_grab(window: MainWindow, path: Path) -> int:
    # Let the last layout changes settle before grabbing: the spend chart lays its axes out
    # on a queued event after its size changes, so one pass of the loop is not enough.
    settle = QEventLoop()
    QTimer.singleShot(SETTLE_MS, settle.quit)
    settle.exec()
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = window.grab().save(str(path), "PNG")
    window.close()
    if not saved:
        print(f"frontdesk: could not write {path}", file=sys.stderr)
        return 1
    if window.profile_card.name_label.text() == "":
        print("frontdesk: the cache has no customers yet; wrote the empty window", file=sys.stderr)
    return 0
