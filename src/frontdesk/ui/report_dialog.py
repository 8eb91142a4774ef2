"""Desk > Cross-sell report… (supervisors, admins): the server's acceptance report, read-only.

The report is asked from the server (``GET /reports/crosssell-acceptance``) as a background
operation each time the dialog opens or Refresh is pressed; nothing of it is cached here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.protocol import AcceptanceRow, CrossSellAcceptanceReport
from frontdesk.services.back_office import DeskBackOffice
from frontdesk.ui.widgets.form_errors import error_label, show_error
from frontdesk.ui.widgets.text_table import fill_rows, text_table


class CrossSellReportDialog(QDialog):
    """Offers made, accepted and declined, by product, agent and branch.

    Signals:
        report_shown(): the tables show the server's latest report.
        failed(str): the server did not answer with the report; the text says why.
    """

    report_shown = Signal()
    failed = Signal(str)

    def __init__(
        self,
        back_office: DeskBackOffice,
        *,
        submit: Callable[..., None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self._office, self._submit = back_office, submit
        self.tabs = QTabWidget(self)
        self.tables = [text_table(self, f"report{n}", 5) for n in ("Product", "Agent", "Branch")]
        for table in self.tables:
            self.tabs.addTab(table, "")
        self.total = QLabel(self)
        self.total.setObjectName("reportTotal")
        self.error = error_label(self, "reportError")
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(self.total)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.refresh_button)
        layout.addLayout(bottom)
        self._translate()
        self.resize(720, 420)

    def _translate(self) -> None:
        self.setWindowTitle(self.tr("Cross-sell report"))
        for index, text in enumerate((self.tr("By product"), self.tr("By agent"),
                                      self.tr("By branch"))):  # fmt: skip
            self.tabs.setTabText(index, text)
        headers = [self.tr("Name"), self.tr("Offered"), self.tr("Accepted"),
                   self.tr("Declined"), self.tr("Accepted, %")]  # fmt: skip
        for table in self.tables:
            table.setHorizontalHeaderLabels(headers)
        self.refresh_button.setText(self.tr("Re&fresh"))

    def refresh(self) -> None:
        show_error(self.error, "")
        self.total.setText(self.tr("Asking the server…"))
        self._submit(self._office.crosssell_acceptance, on_success=self._show,
                     on_failure=self._fail, channel="crosssell-report")  # fmt: skip

    def _show(self, report: CrossSellAcceptanceReport) -> None:
        total = report.total
        text = self.tr("%1 offers made: %2 accepted, %3 declined (%4).")
        for n, value in enumerate((total.offered, total.accepted, total.declined), start=1):
            text = text.replace(f"%{n}", QLocale().toString(value))
        self.total.setText(text.replace("%4", self._rate(total)))
        for table, rows in zip(self.tables, (report.by_product, report.by_agent,
                                             report.by_branch), strict=True):  # fmt: skip
            fill_rows(
                table,
                [self._cells(row) for row in rows],
                [row.key for row in rows],
                numbers=(1, 2, 3, 4),
            )
        self.report_shown.emit()

    def _cells(self, row: AcceptanceRow) -> list[str]:
        locale = QLocale()
        counts = [locale.toString(n) for n in (row.offered, row.accepted, row.declined)]
        return [row.name or row.key, *counts, self._rate(row)]

    def _rate(self, row: AcceptanceRow) -> str:
        if row.acceptance_rate is None:
            return "—"
        return QLocale().toString(row.acceptance_rate * 100, "f", 1) + " %"

    def _fail(self, message: str) -> None:
        self.total.setText("")
        show_error(
            self.error, self.tr("The server did not send the report: %1").replace("%1", message)
        )
        self.failed.emit(message)
