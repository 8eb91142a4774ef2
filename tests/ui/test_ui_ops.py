"""Background operations: work off the UI thread, results on it, stale results dropped."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from frontdesk.services.errors import FrontdeskError
from frontdesk.ui.ops import OpRunner

WAIT_MS = 5000


@pytest.fixture
def runner(qtbot: QtBot):
    ops = OpRunner()
    yield ops
    ops.shutdown()


def test_work_runs_off_the_ui_thread_and_the_result_arrives_on_it(
    qtbot: QtBot, runner: OpRunner
) -> None:
    seen: dict[str, int | None] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    def done(result: int) -> None:
        seen["done"] = threading.get_ident()
        seen["result"] = result

    with qtbot.waitSignal(runner.idle, timeout=WAIT_MS):
        runner.submit(work, on_success=done)
    assert seen["result"] == 42
    assert seen["done"] == threading.main_thread().ident
    assert seen["work"] != threading.main_thread().ident


def test_a_failure_reaches_the_handler_as_a_readable_message(
    qtbot: QtBot, runner: OpRunner
) -> None:
    def work() -> None:
        raise FrontdeskError("the local cache is locked by another program")

    with qtbot.waitSignal(runner.failed, timeout=WAIT_MS) as failed:
        runner.submit(work, on_success=lambda _: None)
    assert failed.args == ["the local cache is locked by another program"]


def test_an_unexpected_error_names_its_type(qtbot: QtBot, runner: OpRunner) -> None:
    messages: list[str] = []
    with qtbot.waitSignal(runner.idle, timeout=WAIT_MS):
        runner.submit(lambda: {}["x"], on_success=lambda _: None, on_failure=messages.append)
    assert messages == ["KeyError: 'x'"]


def test_only_the_newest_result_on_a_channel_is_delivered(qtbot: QtBot, runner: OpRunner) -> None:
    gate = threading.Event()
    delivered: list[str] = []

    def slow() -> str:
        gate.wait(WAIT_MS / 1000)
        return "old"

    runner.submit(slow, on_success=delivered.append, channel="search")
    with qtbot.waitSignal(runner.superseded, timeout=WAIT_MS):
        runner.submit(lambda: "new", on_success=delivered.append, channel="search")
        qtbot.waitUntil(lambda: delivered == ["new"], timeout=WAIT_MS)
        gate.set()
    qtbot.waitUntil(runner.is_idle, timeout=WAIT_MS)
    assert delivered == ["new"]


def test_other_channels_are_not_superseded(qtbot: QtBot, runner: OpRunner) -> None:
    delivered: list[str] = []
    with qtbot.waitSignal(runner.idle, timeout=WAIT_MS):
        runner.submit(lambda: "a", on_success=delivered.append, channel="search")
        runner.submit(lambda: "b", on_success=delivered.append, channel="customer")
        runner.submit(lambda: "c", on_success=delivered.append)
    assert sorted(delivered) == ["a", "b", "c"]
