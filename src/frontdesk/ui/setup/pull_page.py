"""The first pull's page: a real progress bar, customers so far, time left, Cancel, Continue.

The pull runs as a background operation on the window's runner; after each committed page
it reports through a relay (a signal queued to the main thread: the operation never
touches a widget). Cancel sets a flag the pull reads between pages, so it stops after the
page in hand with that page and its cursor committed: Continue (or the next start of the
desk) picks up from there.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from frontdesk.sync.pull import PullCancelled, PullProgress
from frontdesk.ui.setup.connect_page import Submit
from frontdesk.ui.setup.wording import Reply, attempt, failure_text
from frontdesk.ui.widgets.form_errors import error_label, show_error

PULL_CHANNEL = "setup-first-pull"
#: Steps of the bar: fine enough for a smooth bar, coarse enough to be an integer.
BAR_STEPS = 1000


class _Relay(QObject):
    """Carries the pull's progress from its worker thread to the page.

    Signals:
        paged(object): a ``PullProgress`` after a committed page.
    """

    paged = Signal(object)


def estimate_left(progress: PullProgress, elapsed_s: float) -> float | None:
    """Seconds left at the pace so far, or None while there is no pace to go by."""
    fraction = progress.fraction
    if fraction is None or fraction <= 0 or elapsed_s <= 0:
        return None
    return elapsed_s * (1 - fraction) / fraction


class FirstPullPage(QWidget):
    """Copies the server's customers to this desk, with progress, Cancel and Continue.

    Signals:
        finished(): the first pull is complete; the desk can open.
        stopped(): the pull stopped (cancelled or failed) with what came in kept.
    """

    finished = Signal()
    stopped = Signal()

    def __init__(self, client: Any, *, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupPullPage")
        self._client, self._submit = client, submit
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._relay.paged.connect(self._on_relay_paged)
        self._started = 0.0
        self.last: PullProgress | None = None
        #: Where the pull goes, for the words of a failure.
        self.server_url = ""
        self._build()
        self._translate()

    def _build(self) -> None:
        self.title, self.hint = QLabel(self), QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.hint.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("setupPullBar")
        self.bar.setRange(0, BAR_STEPS)
        self.counts = QLabel(self)
        self.counts.setObjectName("setupPullCounts")
        self.time_left = QLabel(self)
        self.time_left.setObjectName("setupPullTimeLeft")
        for label in (self.counts, self.time_left):  # Russian runs longer than the panel
            label.setWordWrap(True)
        self.error = error_label(self, "setupPullError")
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("setupPullCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.continue_button = QPushButton(self)
        self.continue_button.setObjectName("setupPullContinue")
        self.continue_button.clicked.connect(self.start)
        self.continue_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.continue_button)
        panel = QVBoxLayout(self)
        panel.setSpacing(12)
        for part in (self.title, self.hint, self.bar, self.counts, self.time_left, self.error):
            panel.addWidget(part)
        panel.addLayout(buttons)

    def _translate(self) -> None:
        self.title.setText(self.tr("Copying the customers to this desk"))
        self.hint.setText(
            self.tr(
                "This happens once. Cancel keeps what has come in: Continue, or the next start "
                "of Frontdesk, goes on from there."
            )
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.continue_button.setText(self.tr("C&ontinue"))
        self.bar.setAccessibleName(self.tr("First pull progress"))
        self._show_counts()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._translate()
        super().changeEvent(event)

    # Running

    def is_running(self) -> bool:
        return self.cancel_button.isVisible() and not self.continue_button.isVisible()

    def start(self) -> None:
        """Start (or continue) the first pull in the background."""
        self._cancel.clear()
        self._started, self.last = time.monotonic(), None
        self._show_running(True)
        show_error(self.error, "")
        self.time_left.setText(self.tr("Estimating the time left…"))
        client, relay, cancel = self._client, self._relay, self._cancel
        self._submit(
            lambda: attempt(
                lambda: client.first_pull(on_page=relay.paged.emit, cancelled=cancel.is_set)
            ),
            on_success=self._on_pull_answered,
            channel=PULL_CHANNEL,
        )

    def cancel(self) -> None:
        """Stop after the page in hand; what came in stays, and the cursor with it."""
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self.time_left.setText(self.tr("Stopping after this page…"))

    def show_interrupted(self) -> None:
        """A pull cut short at an earlier start: say so and offer Continue."""
        self._show_running(False)
        self.time_left.setText(
            self.tr("The first pull stopped before it finished. Continue goes on from there.")
        )
        self.continue_button.setFocus()

    def stop_for_close(self) -> None:
        """The window is closing: stop at the next page without a word."""
        self._cancel.set()

    def _on_relay_paged(self, progress: PullProgress) -> None:
        if progress.download is not None or progress.attaching:
            self._show_snapshot(progress)
            return
        self.last = progress
        fraction = progress.fraction
        if fraction is None:
            self.bar.setRange(0, 0)  # the server gave no head: a busy bar, counts still true
        else:
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(round(fraction * BAR_STEPS))
        self._show_counts()
        if not self._cancel.is_set():
            left = estimate_left(progress, time.monotonic() - self._started)
            self.time_left.setText(self._left_text(left))

    def _show_snapshot(self, progress: PullProgress) -> None:
        """The server's prepared copy: its download by bytes, then a busy bar while it is
        checked and copied (the pages' counts would say nothing true meanwhile)."""
        if progress.attaching:
            self.bar.setRange(0, 0)
            self.counts.setText(self.tr("Checking the file and copying it into this desk…"))
            self.time_left.setText(self.tr("This takes a minute or two, then the desk opens."))
            return
        done, total = progress.download or (0, 0)
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setValue(round((progress.fraction or 0) * BAR_STEPS))
        text = self.tr("Downloading the server's copy of its data: %1 of %2 MB")
        locale = QLocale()
        megabytes = [locale.toString(round(n / 1_000_000)) for n in (done, total)]
        self.counts.setText(text.replace("%1", megabytes[0]).replace("%2", megabytes[1]))

    def _on_pull_answered(self, reply: Reply) -> None:
        if reply.error is None:
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(BAR_STEPS)
            self.finished.emit()
            return
        self._show_running(False)
        if isinstance(reply.error, PullCancelled):
            self.time_left.setText(
                self.tr("Cancelled. What came in is kept; Continue goes on from there.")
            )
        else:
            self.time_left.setText("")
            show_error(self.error, failure_text(reply.error, self.server_url))
        self.continue_button.setFocus()
        self.stopped.emit()

    def _show_running(self, running: bool) -> None:
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        self.continue_button.setVisible(not running)

    # Words

    def _show_counts(self) -> None:
        pages = self.last.result.pages if self.last else 0
        customers = self.last.result.customers if self.last else 0
        text = self.tr("Pages done: %1 · Customers so far: %2")
        locale = QLocale()
        self.counts.setText(
            text.replace("%1", locale.toString(pages)).replace("%2", locale.toString(customers))
        )

    def _left_text(self, seconds: float | None) -> str:
        if seconds is None:
            return self.tr("Estimating the time left…")
        if seconds < 60:
            return self.tr("Less than a minute left")
        minutes = round(seconds / 60)
        return self.tr("About %1 min left").replace("%1", str(minutes))
