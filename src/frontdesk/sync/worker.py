"""The sync worker: one background thread that pushes and pulls for a running desk.

It wakes for three reasons, coalesced (ten writes while a push runs make one more push):

- a new local write (``notify_write``): push at once, so online a write reaches the server
  within a second;
- the timer: a full push-then-pull every ``interval_s``, or sooner after a failure, with
  exponential backoff and jitter (``Backoff``);
- on demand (``request_sync``, the window's "Sync now"): a full push-then-pull at once.

After every run it reports a ``SyncOutcome`` (online or not, the error, the desk's sync status)
through ``on_outcome``, called on the worker thread. No Qt here: the window relays the outcome
to its main thread (``ui/sync_controller.py``); tests drive the worker with plain callables.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from frontdesk.services.errors import (
    AccessRevoked,
    FrontdeskError,
    NotLoggedIn,
    ServerUnreachable,
)
from frontdesk.sync.push import Backoff

WRITE, TIMER, DEMAND, START = "write", "timer", "demand", "start"
DEFAULT_INTERVAL_S = 60.0


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What one run of the worker found.

    Attributes:
        online: the server answered (False: unreachable, or this desk is not logged in).
        error: the run's error message, None when it succeeded.
        reasons: why the run happened (``write``, ``timer``, ``demand``, ``start``).
        status: the desk's sync status (``sync.service.sync_status``: waiting, failed,
            last successful sync, last error...), read after the run.
        access_revoked: an admin took the login's access back; the window locks.
    """

    online: bool
    error: str | None
    reasons: frozenset[str]
    status: dict[str, Any] = field(default_factory=dict)
    access_revoked: bool = False


class SyncWorker:
    """Pushes on each local write, syncs on a timer and on demand, on its own thread.

    Args:
        push: push every pending outbox item (raises FrontdeskError on failure).
        sync: push, then pull every change (raises FrontdeskError on failure).
        status: the desk's sync status as a dict, given whether the server answered
            (read after each run).
        on_outcome: receives each run's ``SyncOutcome``, on the worker thread.
        interval_s: seconds between full syncs while all is well.
        backoff: how long to wait before retrying after the n-th failure in a row.
    """

    def __init__(
        self,
        *,
        push: Callable[[], object],
        sync: Callable[[], object],
        status: Callable[[bool], dict[str, Any]],
        on_outcome: Callable[[SyncOutcome], None],
        interval_s: float = DEFAULT_INTERVAL_S,
        backoff: Backoff | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._push, self._sync, self._status = push, sync, status
        self._on_outcome = on_outcome
        self._interval_s = interval_s
        self._backoff = backoff or Backoff(base_s=1.0, cap_s=interval_s)
        self._rng = rng or random.Random()
        self._wake = threading.Condition()
        self._reasons: set[str] = {START}
        self._stopping = False
        self._failures = 0
        self._thread = threading.Thread(target=self._loop, name="frontdesk-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, *, timeout_s: float = 10.0) -> bool:
        """Ask the thread to finish after its current run; True if it did within the time."""
        with self._wake:
            self._stopping = True
            self._wake.notify()
        if self._thread.is_alive():
            self._thread.join(timeout_s)
        return not self._thread.is_alive()

    def notify_write(self) -> None:
        """A local write committed: push it now (coalesced with any push already due)."""
        self._request(WRITE)

    def request_sync(self) -> None:
        """Push, then pull, now (the window's "Sync now")."""
        self._request(DEMAND)

    def _request(self, reason: str) -> None:
        with self._wake:
            self._reasons.add(reason)
            self._wake.notify()

    def _loop(self) -> None:
        while (reasons := self._next_reasons()) is not None:
            self._on_outcome(self._run(reasons))

    def _next_reasons(self) -> frozenset[str] | None:
        """Wait for a request or the timer; None once stopping."""
        with self._wake:
            if not self._reasons and not self._stopping:
                self._wake.wait(self._delay())
            if self._stopping:
                return None
            reasons = frozenset(self._reasons or {TIMER})
            self._reasons.clear()
            return reasons

    def _delay(self) -> float:
        if self._failures:
            return self._backoff.delay(self._failures, rng=self._rng)
        return self._interval_s

    def _run(self, reasons: frozenset[str]) -> SyncOutcome:
        work = self._push if reasons == {WRITE} else self._sync
        try:
            work()
        except FrontdeskError as error:
            self._failures += 1
            online = not isinstance(error, ServerUnreachable | NotLoggedIn)
            outcome = self._outcome(online=online, error=str(error), reasons=reasons)
            return replace(outcome, access_revoked=isinstance(error, AccessRevoked))
        except Exception as error:  # a bug must not end the thread that carries the writes
            self._failures += 1
            message = f"{type(error).__name__}: {error}"
            return self._outcome(online=False, error=message, reasons=reasons)
        self._failures = 0
        return self._outcome(online=True, error=None, reasons=reasons)

    def _outcome(self, *, online: bool, error: str | None, reasons: frozenset[str]) -> SyncOutcome:
        try:
            status = self._status(online)
        except Exception as status_error:  # the status is for show; the run's outcome stands
            status = {"status_error": str(status_error)}
        return SyncOutcome(online=online, error=error, reasons=reasons, status=status)
