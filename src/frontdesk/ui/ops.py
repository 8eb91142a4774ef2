"""Background operations: run slow work (database, network) off the UI thread.

An operation is a plain callable with no Qt in it; it runs on a worker thread of the
runner's own ``QThreadPool`` and its result comes back to the main thread by signal.
It never touches a widget. Operations submitted on a *channel* supersede each other:
only the result of the newest one on that channel is delivered, so a slow, old search
cannot overwrite the answer to the query the user typed last.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from frontdesk.services.errors import FrontdeskError


class _Relay(QObject):
    """Carries results from worker threads to the main thread; lives as long as its runner.

    Signals:
        succeeded(int, object): operation ``op_id`` returned this value.
        failed(int, str): operation ``op_id`` raised; the text says what went wrong.
    """

    succeeded = Signal(int, object)
    failed = Signal(int, str)


class _Runnable(QRunnable):
    def __init__(self, op_id: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._op_id = op_id
        self._work = work
        self._relay = relay

    def run(self) -> None:
        # Worker thread: emitting is thread-safe, and delivery is queued to the main thread
        # because the relay lives there. Nothing here touches a widget.
        try:
            result = self._work()
        except Exception as error:  # any failure must reach the UI as a message, not a crash
            self._relay.failed.emit(self._op_id, describe_error(error))
        else:
            self._relay.succeeded.emit(self._op_id, result)


def describe_error(error: BaseException) -> str:
    """A one-line description of an exception, for the status bar."""
    text = str(error).strip()
    if isinstance(error, FrontdeskError) and text:
        return text  # written for the user already
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


@dataclass(frozen=True, slots=True)
class _Pending:
    channel: str | None
    generation: int
    on_success: Callable[[Any], None]
    on_failure: Callable[[str], None] | None


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
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._on_relay_succeeded)
        self._relay.failed.connect(self._on_relay_failed)
        self._generations: dict[str, int] = {}
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)

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
        op_id = next(self._ids)
        self._pending[op_id] = _Pending(channel, generation, on_success, on_failure)
        self._pool.start(_Runnable(op_id, work, self._relay))

    def supersede(self, channel: str) -> int:
        """Make every result still in flight on ``channel`` stale; returns the new generation."""
        self._generations[channel] = self._generations.get(channel, 0) + 1
        return self._generations[channel]

    def is_idle(self) -> bool:
        return not self._pending

    def shutdown(self, *, timeout_ms: int = 10_000) -> bool:
        """Drop queued work and wait for running operations; True if all finished."""
        self._pool.clear()
        return self._pool.waitForDone(timeout_ms)

    def _is_current(self, pending: _Pending) -> bool:
        channel = pending.channel
        return channel is None or self._generations.get(channel) == pending.generation

    @Slot(int, object)
    def _on_relay_succeeded(self, op_id: int, result: object) -> None:
        pending = self._pending[op_id]
        try:
            if self._is_current(pending):
                pending.on_success(result)
            else:
                self.superseded.emit(pending.channel or "")
        finally:
            self._finish(op_id)

    @Slot(int, str)
    def _on_relay_failed(self, op_id: int, message: str) -> None:
        pending = self._pending[op_id]
        try:
            if self._is_current(pending):
                (pending.on_failure or self.failed.emit)(message)
        finally:
            self._finish(op_id)

    def _finish(self, op_id: int) -> None:
        # Handlers run first: one that submits a follow-up keeps the runner busy, so
        # ``idle`` means everything asked for, including follow-ups, is on screen.
        del self._pending[op_id]
        if not self._pending:
            self.idle.emit()
