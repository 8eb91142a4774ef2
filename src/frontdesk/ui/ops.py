"""Background operations: run slow work (database, network) off the UI thread.

An operation is a plain callable with no Qt in it; it runs on a worker thread of the
runner's own ``QThreadPool`` and its result comes back to the main thread by signal.
It never touches a widget. Operations submitted on a *channel* supersede each other:
only the result of the newest one on that channel is delivered, so a slow, old search
cannot overwrite the answer to the query the user typed last.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from frontdesk.services.errors import FrontdeskError


class OpSignals(QObject):
    """The channel by which one operation reports back; lives on the main thread.

    Signals:
        succeeded(object): the operation returned this value.
        failed(str): the operation raised; the text says what went wrong.
    """

    succeeded = Signal(object)
    failed = Signal(str)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: OpSignals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        # Worker thread: emitting is thread-safe; delivery is queued to the main thread
        # because the receivers live there.
        try:
            result = self._work()
        except Exception as error:  # any failure must reach the UI as a message, not a crash
            self._signals.failed.emit(describe_error(error))
        else:
            self._signals.succeeded.emit(result)


def describe_error(error: BaseException) -> str:
    """A one-line description of an exception, for the status bar."""
    text = str(error).strip()
    if isinstance(error, FrontdeskError) and text:
        return text  # written for the user already
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class _Pending(QObject):
    """Receives one operation's signals on the main thread and routes them on."""

    def __init__(
        self,
        runner: OpRunner,
        *,
        channel: str | None,
        generation: int,
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None] | None,
    ) -> None:
        super().__init__(runner)
        self._runner = runner
        self._channel = channel
        self._generation = generation
        self._on_success = on_success
        self._on_failure = on_failure

    @Slot(object)
    def _on_op_succeeded(self, result: object) -> None:
        if self._runner.is_current(self._channel, self._generation):
            self._on_success(result)
        else:
            self._runner.superseded.emit(self._channel or "")
        self._runner.finish(self)

    @Slot(str)
    def _on_op_failed(self, message: str) -> None:
        if self._runner.is_current(self._channel, self._generation):
            (self._on_failure or self._runner.failed.emit)(message)
        self._runner.finish(self)


class OpRunner(QObject):
    """Runs operations on a private thread pool and delivers results on the main thread.

    Signals:
        failed(str): an operation without its own failure handler raised.
        superseded(str): a result on this channel arrived after a newer submission and was dropped.
        idle(): the last pending operation has been delivered (results handlers have run).
    """

    failed = Signal(str)
    superseded = Signal(str)
    idle = Signal()

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._generations: dict[str, int] = {}
        self._pending: set[_Pending] = set()

    def submit(
        self,
        work: Callable[[], Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None] | None = None,
        channel: str | None = None,
    ) -> None:
        """Run ``work()`` off the UI thread; call ``on_success(result)`` on the main thread.

        With a ``channel``, this submission supersedes every earlier one on the same channel.
        """
        generation = self.supersede(channel) if channel else 0
        pending = _Pending(
            self,
            channel=channel,
            generation=generation,
            on_success=on_success,
            on_failure=on_failure,
        )
        signals = OpSignals(pending)
        signals.succeeded.connect(pending._on_op_succeeded)
        signals.failed.connect(pending._on_op_failed)
        self._pending.add(pending)
        self._pool.start(_Runnable(work, signals))

    def supersede(self, channel: str) -> int:
        """Make every result still in flight on ``channel`` stale; returns the new generation."""
        self._generations[channel] = self._generations.get(channel, 0) + 1
        return self._generations[channel]

    def is_current(self, channel: str | None, generation: int) -> bool:
        return channel is None or self._generations.get(channel) == generation

    def finish(self, pending: _Pending) -> None:
        self._pending.discard(pending)
        pending.deleteLater()
        if not self._pending:
            self.idle.emit()

    def is_idle(self) -> bool:
        return not self._pending

    def shutdown(self, *, timeout_ms: int = 10_000) -> bool:
        """Stop accepting queued work and wait for running operations; True if all finished."""
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)
