"""One window per data directory, and the screen pop that reaches it from outside.

A second ``frontdesk`` (or ``frontdesk open …``) on the same data directory does not open a
second window on the same cache: it connects to the running window's ``QLocalServer``, hands
over one line (``raise``, or the canonical ``frontdesk://open?…`` link of its request), waits
for the window's ``ok`` and exits 0. The window comes to the front and shows the customer.

The server name is a hash of the user and the resolved data directory, so two desks with
their own ``--data-dir`` never meet, and neither do two users. A socket file left by a window
that died is removed only after a connection to it failed, never while a window answers.
The window parses every line with the same strict parser as the command line: any local
process may connect, and a line it sends is worth no more than a link from a web page.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QFileOpenEvent, QGuiApplication
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from frontdesk.services.errors import FrontdeskError
from frontdesk.services.screen_pop import (
    PopKind,
    PopRequest,
    PopResult,
    ScreenPopError,
    find_screen_pop,
    parse_open_url,
)
from frontdesk.ui.handover import (  # the fast path a launch tries first shares these
    ANSWER_MS,
    CONNECT_MS,
    MAX_MESSAGE,
    OK,
    RAISE,
    send_line,
    server_name,
)

if TYPE_CHECKING:
    from frontdesk.config import Settings
    from frontdesk.ui.main_window import MainWindow

POP_CHANNEL = "screen-pop"


class WindowNotAnswering(FrontdeskError):
    """A window holds this data directory but did not take the hand-over."""


def hand_over(name: str, message: str, *, timeout_ms: int = ANSWER_MS) -> bool:
    """Give ``message`` to the window listening on ``name``; False if no window listens.

    Raises ``WindowNotAnswering`` if one accepted the connection but never said ``ok``, and
    ``ScreenPopError`` with the window's reason if it refused the message.
    """
    answer = send_line(name, message, timeout_ms=timeout_ms)
    if answer is None:
        return False
    if not answer:
        raise WindowNotAnswering(
            "the Frontdesk window already open on this data directory did not answer;"
            " close it (or end its process) and start again"
        )
    if answer != OK:
        raise ScreenPopError(answer.removeprefix("error: "))
    return True


class InstanceServer(QObject):
    """The running window's end: takes hand-overs and passes each on as a request.

    Until a window takes them (``deliver_to``), requests wait in order: a second launch
    during start-up (cache opening, sign-in) is kept, not lost.

    Signals:
        received(object): a hand-over arrived: a ``PopRequest``, or None to come to the front.
    """

    received = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        # Only this user's processes may connect (on Unix the socket file is mode 0700).
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_server_new_connection)
        self._waiting: list[PopRequest | None] = []
        self._connections: set[_Connection] = set()  # held here, not by Qt alone
        self._target: Callable[[PopRequest | None], None] | None = None

    def listen(self) -> bool:
        """Listen on the name; False if another window holds it (it answered a connection).

        A name whose socket is left over from a dead window is removed and taken.
        """
        # Checked first: with access options Qt binds a fresh socket and renames it over the
        # name, which would silently take it from a window that is still running.
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_MS):
            probe.abort()
            return False
        if self._server.listen(self.name):
            return True
        if self._server.serverError() != QLocalSocket.LocalSocketError.AddressInUseError:
            return False
        QLocalServer.removeServer(self.name)  # nobody answered on it: a dead window's
        return self._server.listen(self.name)

    def close(self) -> None:
        self._server.close()
        for connection in list(self._connections):
            connection.hang_up()

    def error_text(self) -> str:
        return self._server.errorString()

    def enqueue(self, request: PopRequest | None) -> None:
        """Pass on ``request`` as if a launch had handed it over."""
        self._deliver(request)

    def deliver_to(self, target: Callable[[PopRequest | None], None]) -> None:
        """From now on pass each request to ``target``; the waiting ones first."""
        self._target = target
        waiting, self._waiting = self._waiting, []
        for request in waiting:
            target(request)

    @Slot()
    def _on_server_new_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._connections.add(_Connection(socket, self.take_line, self._connections.discard))

    def take_line(self, line: str) -> str:
        """The answer to one line: ``ok`` once queued, else ``error: why``."""
        try:
            request = None if line == RAISE else parse_open_url(line)
        except ScreenPopError as error:
            return f"error: {error}"
        self._deliver(request)
        return OK

    def _deliver(self, request: PopRequest | None) -> None:
        self.received.emit(request)
        if self._target is not None:
            self._target(request)
        else:
            self._waiting.append(request)


class LinkOpenFilter(QObject):
    """Takes the links the OS hands the application itself, as hand-overs.

    macOS does not start a registered URL handler with the link on its command line: it sends
    the running (or just started) application an "open URL" event, which Qt turns into a
    ``QFileOpenEvent``. Such a link goes through the same strict parser as any other; one that
    is not a ``frontdesk://open`` link is refused on stderr and the window stays as it was.
    """

    def __init__(self, server: InstanceServer) -> None:
        super().__init__(server)
        self._server = server

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        link = event.url().toString() if event.url().scheme() else event.file()
        answer = self._server.take_line(link)
        if answer != OK:
            print(f"frontdesk: {answer}", file=sys.stderr)
        return True


class _Connection(QObject):
    """One hand-over: read a line (bounded, within ``ANSWER_MS``), answer it, hang up."""

    def __init__(
        self,
        socket: QLocalSocket,
        take: Callable[[str], str],
        done: Callable[[_Connection], None],
    ) -> None:
        super().__init__()
        self._socket: QLocalSocket | None = socket
        self._take, self._done, self._data = take, done, b""
        socket.readyRead.connect(self._on_socket_ready_read)
        socket.disconnected.connect(self.hang_up)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hang_up)
        self._timer.start(ANSWER_MS)
        if socket.bytesAvailable():
            self._on_socket_ready_read()

    @Slot()
    def _on_socket_ready_read(self) -> None:
        if self._socket is None:
            return
        self._data += bytes(self._socket.readAll().data())
        if b"\n" in self._data:
            line = self._data.partition(b"\n")[0]
            self._answer(self._line_answer(line))
        elif len(self._data) > MAX_MESSAGE:
            self._answer("error: the message is too long")

    def _line_answer(self, line: bytes) -> str:
        if len(line) > MAX_MESSAGE:
            return "error: the message is too long"
        try:
            return self._take(line.decode("utf-8").rstrip("\r"))
        except UnicodeDecodeError:
            return "error: the message is not UTF-8"

    def _answer(self, text: str) -> None:
        if self._socket is None:
            return
        self._socket.readyRead.disconnect(self._on_socket_ready_read)
        self._socket.write(text.encode() + b"\n")
        self._socket.flush()
        self._socket.disconnectFromServer()  # ``disconnected`` follows once it is written

    @Slot()
    def hang_up(self) -> None:
        """Drop the connection (done, timed out, or the window closing); once only."""
        if self._socket is None:
            return
        socket, self._socket = self._socket, None
        self._timer.stop()
        socket.disconnected.disconnect(self.hang_up)
        if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
            socket.abort()
        socket.deleteLater()
        self._done(self)


class ScreenPop(QObject):
    """Brings one window to the front and shows what a request asks for.

    The lookup runs as a background operation (``services.screen_pop.find_screen_pop``);
    a newer request supersedes one still looking. On a locked desk nothing is shown until
    someone signs in: the latest request waits, then pops.

    Signals:
        popped(str): a request's outcome is on screen: its ``PopKind`` value.
    """

    popped = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._held: PopRequest | None = None
        lock = getattr(window, "lock_screen", None)
        if lock is not None:
            lock.unlocked.connect(self._on_lock_unlocked)

    def show(self, request: PopRequest | None) -> None:
        bring_to_front(self._window)
        if request is None:
            return
        if self._locked():
            self._held = request
            return
        window = self._window
        window.ops.submit(
            lambda: find_screen_pop(window.queries, request),
            on_success=self._show_result,
            on_failure=window.statusBar().showMessage,
            channel=POP_CHANNEL,
        )

    def _locked(self) -> bool:
        lock = getattr(self._window, "lock_screen", None)
        return lock is not None and lock.is_locked()

    @Slot(object)
    def _on_lock_unlocked(self, _user: Any) -> None:
        held, self._held = self._held, None
        if held is not None:
            self.show(held)

    def _show_result(self, result: PopResult) -> None:
        window, phone = self._window, result.request.phone or ""
        if result.kind is PopKind.CUSTOMER and result.customer_id is not None:
            window.open_customer(result.customer_id)
        elif result.kind is PopKind.CHOOSE:
            self._show_search(phone, result)
            window.search_panel.results_view.setFocus()
        elif result.kind is PopKind.NEW:
            self._show_search(phone, result)
            if window.write_flows.available():
                window.write_flows.new_customer(phone)
        else:
            text = self.tr("No customer with id or account number %1 in the local cache.")
            window.statusBar().showMessage(text.replace("%1", result.request.customer or ""))
        self.popped.emit(result.kind.value)

    def _show_search(self, phone: str, result: PopResult) -> None:
        """The number in the search box and exactly its owners below, no search of its own."""
        panel = self._window.search_panel
        self._window.reads.cancel_search()
        blocked = panel.search_edit.blockSignals(True)
        panel.search_edit.setText(phone)
        panel.search_edit.blockSignals(blocked)
        panel.show_results(phone, result.matches)


def bring_to_front(window: Any) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    if QGuiApplication.platformName() != "offscreen":  # it has no stacking, only a warning
        window.raise_()
    window.activateWindow()


def run_desk(settings: Settings, argv: Sequence[str], request: PopRequest | None = None) -> int:
    """The window on ``settings.data_dir``, or a hand-over to the one already there.

    ``argv`` is the window's command line (see ``ui.app.run_gui``); ``request`` is what to
    show once the window is up. Returns the exit status.
    """
    if any(arg.partition("=")[0] == "--smoke-screenshot" for arg in argv):
        from frontdesk.ui.app import run_gui

        return run_gui(settings, argv)  # a check of the window, not a desk: never shared
    name, message = server_name(settings.data_dir), RAISE if request is None else request.to_url()
    if hand_over(name, message):
        return 0
    # Imported only when no window answers: a hand-over loads none of the window's code.
    from frontdesk.ui.app import make_application, parse_gui_args, run_gui

    app = make_application(parse_gui_args(argv)[1])  # the server's socket needs the event loop
    server = InstanceServer(name)
    app.installEventFilter(LinkOpenFilter(server))
    if not server.listen():
        if hand_over(name, message):  # another launch won the race to the name
            return 0
        print(
            f"frontdesk: cannot listen for other launches ({server.error_text()});"
            " a second launch will open a second window",
            file=sys.stderr,
        )
    if request is not None:
        server.enqueue(request)

    def on_window(window: MainWindow) -> None:
        window.screen_pop = ScreenPop(window)  # type: ignore[attr-defined]
        server.deliver_to(window.screen_pop.show)  # type: ignore[attr-defined]

    try:
        return run_gui(settings, argv, on_window=on_window)
    finally:
        server.close()
