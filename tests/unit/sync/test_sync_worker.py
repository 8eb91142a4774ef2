"""The sync worker on plain callables: what wakes it, what it runs, what it reports."""

from __future__ import annotations

import queue
import threading

import pytest

from frontdesk.services.errors import AuthFailed, NotLoggedIn, ServerUnreachable
from frontdesk.sync.push import Backoff
from frontdesk.sync.worker import DEMAND, START, WRITE, SyncOutcome, SyncWorker

WAIT_S = 5.0


class FakeDesk:
    """Counts pushes and syncs; ``fail_with`` makes the next runs raise; ``gate`` holds a run."""

    def __init__(self) -> None:
        self.pushes = 0
        self.syncs = 0
        self.fail_with: Exception | None = None
        self.gate = threading.Event()
        self.gate.set()
        self.entered = threading.Event()
        self.outcomes: queue.Queue[SyncOutcome] = queue.Queue()

    def push(self) -> None:
        self.entered.set()
        self.gate.wait(WAIT_S)
        self.pushes += 1
        self._maybe_fail()

    def sync(self) -> None:
        self.gate.wait(WAIT_S)
        self.syncs += 1
        self._maybe_fail()

    def _maybe_fail(self) -> None:
        if self.fail_with is not None:
            raise self.fail_with

    def status(self, online: bool) -> dict[str, object]:
        return {"online": online, "pushes": self.pushes}

    def next_outcome(self) -> SyncOutcome:
        return self.outcomes.get(timeout=WAIT_S)


@pytest.fixture
def desk():
    return FakeDesk()


def _worker(desk: FakeDesk, **options: object) -> SyncWorker:
    options.setdefault("interval_s", 3600.0)
    worker = SyncWorker(
        push=desk.push,
        sync=desk.sync,
        status=desk.status,
        on_outcome=desk.outcomes.put,
        **options,  # type: ignore[arg-type]
    )
    worker.start()
    return worker


def test_starts_with_a_full_sync_then_a_write_only_pushes(desk) -> None:
    worker = _worker(desk)
    first = desk.next_outcome()
    assert first.reasons == {START} and first.online and first.error is None
    worker.notify_write()
    second = desk.next_outcome()
    assert second.reasons == {WRITE}
    assert (desk.syncs, desk.pushes) == (1, 1)
    assert second.status == {"online": True, "pushes": 1}
    assert worker.stop()


def test_writes_during_a_run_coalesce_into_one_more_push(desk) -> None:
    worker = _worker(desk)
    desk.next_outcome()
    desk.gate.clear()
    worker.notify_write()  # this push blocks on the gate...
    assert desk.entered.wait(WAIT_S)
    for _ in range(10):  # ...while ten more writes arrive
        worker.notify_write()
    desk.gate.set()
    assert desk.next_outcome().reasons == {WRITE}
    assert desk.next_outcome().reasons == {WRITE}
    assert desk.outcomes.empty()
    assert desk.pushes == 2
    assert worker.stop()


def test_sync_now_pulls_too(desk) -> None:
    worker = _worker(desk)
    desk.next_outcome()
    worker.request_sync()
    assert desk.next_outcome().reasons == {DEMAND}
    assert desk.syncs == 2
    assert worker.stop()


def test_unreachable_server_is_offline_and_retried_with_backoff(desk) -> None:
    desk.fail_with = ServerUnreachable("connection refused")
    worker = _worker(desk, backoff=Backoff(base_s=0.01, cap_s=0.02))
    first = desk.next_outcome()
    assert not first.online and first.error == "connection refused"
    retried = desk.next_outcome()  # the timer, much sooner than the hour-long interval
    assert not retried.online
    desk.fail_with = None
    back = desk.next_outcome()
    while back.error is not None:
        back = desk.next_outcome()
    assert back.online
    assert worker.stop()


@pytest.mark.parametrize(
    ("error", "online"),
    [(AuthFailed("token revoked"), True), (NotLoggedIn("log in first"), False)],
)
def test_other_failures_say_whether_the_server_answered(desk, error, online) -> None:
    desk.fail_with = error
    worker = _worker(desk)
    outcome = desk.next_outcome()
    assert (outcome.online, outcome.error) == (online, str(error))
    assert worker.stop()


def test_a_bug_in_a_run_is_reported_and_the_worker_keeps_going(desk) -> None:
    desk.fail_with = KeyError("boom")
    worker = _worker(desk)
    assert desk.next_outcome().error == "KeyError: 'boom'"
    desk.fail_with = None
    worker.request_sync()
    assert desk.next_outcome().error is None
    assert worker.stop()
