"""The window a desk opens on until it is connected and loaded: setup, then the first pull.

``run_first_run`` is what start-up calls: a ready desk skips it; a new desk shows the setup
page, one whose first pull was cut short shows the pull page with Continue. It returns once
the desk is loaded (the desk window opens next) or the person closed the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QFrame, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from frontdesk.services import first_run
from frontdesk.ui.ops import OpRunner
from frontdesk.ui.setup.connect_page import ConnectPage
from frontdesk.ui.setup.pull_page import FirstPullPage

#: The pages' panel width: the wrapped texts ask for the height they need.
PANEL_WIDTH = 560


class SetupWindow(QMainWindow):
    """Connect (address, Check, sign-in), then the first pull; ``completed`` when loaded.

    Signals:
        completed(): the desk is connected and its first pull is done.
        closed(): the window was closed before that.
    """

    completed = Signal()
    closed = Signal()

    def __init__(self, client: Any, *, stage: str = first_run.CONNECT) -> None:
        super().__init__()
        self.setObjectName("setupWindow")
        self.ops = OpRunner(self)
        self.connect_page = ConnectPage(client, submit=self.ops.submit)
        self.pull_page = FirstPullPage(client, submit=self.ops.submit)
        self.connect_page.signed_in.connect(self._on_connect_page_signed_in)
        self.pull_page.finished.connect(self._on_pull_page_finished)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(_panel(self.connect_page))
        self.stack.addWidget(_panel(self.pull_page))
        self.setCentralWidget(self.stack)
        self.resize(900, 600)
        self._done = False
        self._translate()
        if stage == first_run.FIRST_PULL:
            self.pull_page.server_url = _server_url(client)
            self._show_pull(start=False)

    def _translate(self) -> None:
        self.setWindowTitle(self.tr("Frontdesk: connect this desk"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    def _show_pull(self, *, start: bool) -> None:
        self.stack.setCurrentIndex(1)
        if start:
            self.pull_page.start()
        else:
            self.pull_page.show_interrupted()

    def _on_connect_page_signed_in(self, _username: str) -> None:
        self.pull_page.server_url = self.connect_page.address()
        self._show_pull(start=True)

    def _on_pull_page_finished(self) -> None:
        self._done = True
        self.completed.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The pull stops at its next page with everything before it committed.
        self.pull_page.stop_for_close()
        self.ops.shutdown()
        if not self._done:
            self.closed.emit()
        super().closeEvent(event)


def _panel(page: QWidget) -> QWidget:
    """``page`` in a fixed-width framed box, centred in the window."""
    box = QFrame()
    box.setObjectName("setupPanel")
    box.setFrameShape(QFrame.Shape.StyledPanel)
    box.setFixedWidth(PANEL_WIDTH)
    inner = QVBoxLayout(box)
    inner.setContentsMargins(24, 20, 24, 20)
    inner.addWidget(page)
    holder = QWidget()
    outer = QVBoxLayout(holder)
    outer.addWidget(box, 0, Qt.AlignmentFlag.AlignCenter)
    return holder


def _server_url(client: Any) -> str:
    return client.sync_status(online=False).get("server_url") or ""


def run_first_run(client: Any) -> bool | None:
    """Show the setup window if this desk needs it and wait: True when it connected and
    loaded here, False when there was nothing to do, None when the window was closed."""
    stage = client.stage()
    if stage == first_run.READY:
        return False
    window = SetupWindow(client, stage=stage)
    loop = QEventLoop()
    window.completed.connect(lambda: loop.exit(0))
    window.closed.connect(lambda: loop.exit(1))
    window.show()
    finished = loop.exec() == 0
    window.hide()
    window.ops.shutdown()
    window.deleteLater()
    return True if finished else None
