"""The till window's box for opening a shift (the starting float and "Open shift"), its header.

Shown while the register has no open shift. The float is checked at its field, and the shift
opened in a background operation; a refusal is shown at the field.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from frontdesk.services.till.desk import TillDesk
from frontdesk.services.till.ports import ShiftRecord
from frontdesk.ui.formatting import format_datetime, format_money
from frontdesk.ui.till.dialogs import caption
from frontdesk.ui.till.fields import MoneyField
from frontdesk.ui.till.refusals import Refusal, attempt

translate = QCoreApplication.translate
Submit = Callable[..., None]


class ShiftBox(QGroupBox):
    """Opens the register's shift with a starting float.

    Args:
        desk: the register's till.
        submit: runs a background operation (``OpRunner.submit``).
        parent: the window.

    Signals:
        shift_opened(): the shift is open.
        refused(str): the till refused to open it; the message is shown at the float.
    """

    shift_opened = Signal()
    refused = Signal(str)

    def __init__(self, desk: TillDesk, *, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(translate("TillWindow", "Open a shift"), parent)
        self.setObjectName("shiftBox")
        self._desk, self._submit = desk, submit
        self.float_field = MoneyField(
            self, "openingFloat", accessible=translate("TillWindow", "Starting float")
        )
        self.open_button = QPushButton(translate("TillWindow", "&Open shift"), self)
        self.open_button.setObjectName("openShift")
        self.open_button.clicked.connect(self.open_shift)
        self.float_field.edit.returnPressed.connect(self.open_shift)
        self._lay_out()

    def _lay_out(self) -> None:
        edit = self.float_field.edit
        row = QHBoxLayout()
        row.addWidget(caption(self, translate("TillWindow", "Starting &float"), edit))
        row.addWidget(edit, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.float_field.error)

    def open_shift(self) -> None:
        amount = self.float_field.check(self._desk.rules, allow_zero=True)
        if amount is None:
            return
        desk = self._desk
        self._submit(attempt(lambda: desk.open_shift(amount)), on_success=self._on_shift_opened)

    def _on_shift_opened(self, result: ShiftRecord | Refusal) -> None:
        if isinstance(result, Refusal):
            self.float_field.fail(result.message.removeprefix("float:").strip())
            self.refused.emit(result.message)
            return
        self.float_field.clear()
        self.shift_opened.emit()


def header_text(desk: TillDesk, shift: ShiftRecord | None) -> str:
    """The till window's header: the register, the cashier, and the shift if one is open."""
    who = translate("TillWindow", "Register %1 · cashier %2").replace("%1", desk.register)
    who = who.replace("%2", desk.cashier)
    if shift is None:
        state = translate("TillWindow", "no open shift")
    else:
        state = (
            translate("TillWindow", "shift open since %1, float %2")
            .replace("%1", format_datetime(shift.opened_at))
            .replace("%2", format_money(shift.opening_float))
        )
    return f"<b>{who}</b> — {state}"
