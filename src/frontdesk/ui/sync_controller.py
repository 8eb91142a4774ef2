"""The window's side of background sync: runs the Qt-free ``SyncWorker``, relays its outcomes.

The worker runs on its own thread (never the UI thread); each outcome it reports is emitted
from that thread on a private signal and delivered, queued, on the main thread, where the
status bar and the offline banner read it. "Sync now" only wakes the worker.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot

from frontdesk.sync.worker import SyncOutcome


class _Worker(Protocol):
    def start(self) -> None: ...
    def stop(self, *, timeout_s: float = ...) -> bool: ...
    def request_sync(self) -> None: ...
    def notify_write(self) -> None: ...


WorkerFactory = Callable[[Callable[[SyncOutcome], None]], _Worker]


class SyncController(QObject):
    """Owns the desk's sync worker; its outcomes arrive here on the main thread.

    Args:
        make_worker: builds the worker given the callback it reports outcomes to
            (``lambda report: client.window_sync(on_outcome=report)``).

    Signals:
        outcome_arrived(object): the worker finished a run (a ``SyncOutcome``).
        online_changed(bool): the server became reachable (True) or unreachable (False).
    """

    outcome_arrived = Signal(object)
    online_changed = Signal(bool)
    _reported = Signal(object)  # emitted on the worker thread

    def __init__(self, make_worker: WorkerFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last: SyncOutcome | None = None
        self._reported.connect(self._on_worker_reported)
        self._worker = make_worker(self._reported.emit)
        self._running = False

    @property
    def online(self) -> bool | None:
        """None until the first run has reported."""
        return None if self.last is None else self.last.online

    def start(self) -> None:
        if not self._running:
            self._running = True
            self._worker.start()

    def stop(self) -> bool:
        """Let the current run finish and end the worker; True if it ended in time."""
        if not self._running:
            return True
        self._running = False
        return self._worker.stop()

    @Slot()
    def sync_now(self) -> None:
        self._worker.request_sync()

    def notify_write(self) -> None:
        self._worker.notify_write()

    @Slot(object)
    def _on_worker_reported(self, outcome: SyncOutcome) -> None:
        was = self.online
        self.last = outcome
        self.outcome_arrived.emit(outcome)
        if was != outcome.online:
            self.online_changed.emit(outcome.online)
