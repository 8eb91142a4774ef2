"""The Qt binding keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 returns ``None`` (and ``True``/``False``) from wrapped C++ calls
without taking a reference: each void call, such as ``QLabel.setText``, leaves ``None`` one
reference short, and after a few hundred thousand calls, an hour or two at a busy desk, the
interpreter aborts with "Fatal Python error: none_dealloc". Python 3.12 made these objects
immortal, so it is harmless there. pyproject.toml excludes that release; this test fails on
any binding that has the same defect.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

CALLS = 1_000
#: References handed back after a faulty binding took them, so the run can end and report.
_REPAID: list[object] = []


class _Emitter(QObject):
    fired = Signal()


def _references_lost(call, singleton: object) -> int:
    call()  # first call: caches, signatures
    before = sys.getrefcount(singleton)
    for _ in range(CALLS):
        call()
    lost = before - sys.getrefcount(singleton)
    _REPAID.extend([singleton] * max(lost, 0))
    return lost


def test_void_calls_keep_none_referenced(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    app = QApplication.instance()

    assert _references_lost(lambda: label.setText("y"), None) < CALLS // 10
    assert _references_lost(app.processEvents, None) < CALLS // 10


def test_signal_emit_keeps_booleans_referenced(qtbot: QtBot) -> None:
    emitter = _Emitter()
    emitter.fired.connect(lambda: None)

    lost = _references_lost(emitter.fired.emit, True) + _references_lost(emitter.fired.emit, False)
    assert lost < CALLS // 10
