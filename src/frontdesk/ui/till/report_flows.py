"""The till's X-report and the closing of the shift (its Z-report), from the till window.

The totals are read, and the shift closed (a supervisor's approval if the count is off), in
background operations; the report comes back as text for the window's report view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from frontdesk.services.till.desk import TillDesk
from frontdesk.ui.till.dialogs import CloseDialog, CloseRequest
from frontdesk.ui.till.refusals import Refusal, attempt
from frontdesk.ui.till.reports import report_text

translate = QCoreApplication.translate
Submit = Callable[..., None]


def report_view(parent: QWidget) -> QPlainTextEdit:
    """Where the window shows the reports: read-only, in a fixed font so the columns line up."""
    view = QPlainTextEdit(parent)
    view.setObjectName("reportView")
    view.setAccessibleName(translate("TillWindow", "Shift report"))
    view.setReadOnly(True)
    view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    return view


class ReportFlows(QObject):
    """X-reports and closing the shift for one till window.

    Args:
        desk: the register's till.
        submit: runs a background operation (``OpRunner.submit``).
        open_dialog: opens a dialog over the window (which keeps it as its current dialog).
        parent: the window.

    Signals:
        report_ready(str, str): an X (``x``) or Z (``z``, the shift is closed) report's text.
        refused(str): closing was refused; the message is shown in the dialog.
        failed(str): the totals could not be read; the text says why.
    """

    report_ready = Signal(str, str)
    refused = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        desk: TillDesk,
        *,
        submit: Submit,
        open_dialog: Callable[[QDialog], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._desk, self._submit, self._open_dialog = desk, submit, open_dialog
        self._parent = parent

    def x_report(self) -> None:
        self._submit(attempt(self._desk.report), on_success=self._on_x_report)

    def close_shift(self) -> None:
        self._submit(attempt(self._desk.report), on_success=self._on_close_totals)

    def _on_x_report(self, result: Any) -> None:
        if isinstance(result, Refusal):
            self.failed.emit(result.message)
            return
        self.report_ready.emit("x", report_text(result, register=self._desk.register))

    def _on_close_totals(self, result: Any) -> None:
        if isinstance(result, Refusal):
            self.failed.emit(result.message)
            return
        dialog = CloseDialog(result, self._parent)
        dialog.submitted.connect(lambda asked: self._on_close_submitted(dialog, asked))
        self._open_dialog(dialog)

    def _on_close_submitted(self, dialog: CloseDialog, asked: CloseRequest) -> None:
        desk = self._desk

        def work() -> Any:
            signed = (asked.supervisor, asked.password or "") if asked.supervisor else None
            return desk.close(asked.counted, signed)

        self._submit(attempt(work), on_success=lambda result: self._on_closed(dialog, result))

    def _on_closed(self, dialog: CloseDialog, result: Any) -> None:
        if isinstance(result, Refusal):
            if result.kind == "unsynced":
                dialog.ask_override(result.message)
            else:
                dialog.show_error(result.message, supervisor=result.kind == "approval")
            self.refused.emit(result.message)
            return
        shift, totals = result
        dialog.accept()
        text = report_text(totals, register=self._desk.register, closed=shift)
        self.report_ready.emit("z", text)
