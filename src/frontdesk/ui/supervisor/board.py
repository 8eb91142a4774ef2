"""Desk > Supervisor's screen… (supervisors, admins): a day's tills per branch and per
person against the same weekday a week before, with over/short and cross-sell; a row
drills down to its receipts, a receipt to its customer's 360; export to XLSX, CSV or PDF,
and the day's month, day by day, to one XLSX workbook (month_export).

Everything is asked from the server as background operations; nothing is kept at the desk,
so the screen works online only and says so when the server cannot be reached.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.supervisor import Board, Line, Receipt, SupervisorBoard, month_span
from frontdesk.ui.supervisor import export
from frontdesk.ui.supervisor.chart import WeekChart
from frontdesk.ui.supervisor.month_export import sheets, write_month
from frontdesk.ui.widgets.form_errors import error_label, show_error
from frontdesk.ui.widgets.text_table import fill_rows, text_table

LINE_COLUMNS = 8


class SupervisorBoardDialog(QDialog):
    """Signals:
    board_shown(): the tables show the server's figures for the chosen day.
    receipts_shown(): the receipts of the chosen row are listed.
    failed(str): the server did not answer; the text says why.
    month_written(str): the month's workbook is at this path.
    customer_requested(str): open this customer's 360 in the main window.
    """

    board_shown = Signal()
    receipts_shown = Signal()
    failed = Signal(str)
    month_written = Signal(str)
    customer_requested = Signal(str)

    def __init__(
        self,
        board: SupervisorBoard,
        *,
        submit: Callable[..., None],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorBoard")
        self._board, self._submit, self._today = board, submit, today
        self.shown: Board | None = None
        self.receipts: list[Receipt] = []
        # A supervisor's first question is how yesterday went: today's tills are still open.
        self._build(today() - timedelta(days=1))
        self._translate()
        self.resize(1400, 760)

    def _build(self, today: date) -> None:
        self.day = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.day.setObjectName("boardDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.branch = QLineEdit(self)
        self.branch.setObjectName("boardBranch")
        self.branch.setClearButtonEnabled(True)
        self.branch.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 32))
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("boardRefresh")
        self.refresh_button.clicked.connect(lambda _checked=False: self.refresh())
        self.branch.returnPressed.connect(self.refresh)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("boardExport")
        self.export_button.clicked.connect(lambda _checked=False: self._ask_export())
        self.month_button = QPushButton(self)
        self.month_button.setObjectName("boardExportMonth")
        self.month_button.clicked.connect(lambda _checked=False: self._ask_month())
        self.day_label, self.branch_label = QLabel(self), QLabel(self)
        self.status = QLabel(self)
        self.status.setObjectName("boardStatus")
        self.error = error_label(self, "boardError")
        self.tabs = QTabWidget(self)
        self.tables = [text_table(self, n, LINE_COLUMNS) for n in ("boardBranches", "boardPeople")]
        for table in self.tables:
            self.tabs.addTab(table, "")
            table.itemActivated.connect(lambda _item, t=table: self._drill(t))
        self.chart = WeekChart(self)
        self.receipt_table = text_table(self, "boardReceipts", 7)
        self.receipt_table.itemActivated.connect(lambda _item: self._open_customer())
        self._lay_out()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        for widget in (self.day_label, self.day, self.branch_label, self.branch,
                       self.refresh_button):  # fmt: skip
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.export_button)
        top.addWidget(self.month_button)
        upper = QSplitter(Qt.Orientation.Horizontal, self)
        upper.addWidget(self.tabs)
        upper.addWidget(self.chart)
        upper.setSizes([1040, 340])
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(upper)
        split.addWidget(self.receipt_table)
        split.setSizes([430, 230])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addWidget(split, 1)

    def _translate(self) -> None:
        self.setWindowTitle(self.tr("Supervisor's screen"))
        self.day_label.setText(self.tr("&Day:"))
        self.day_label.setBuddy(self.day)
        self.branch_label.setText(self.tr("&Branch:"))
        self.branch_label.setBuddy(self.branch)
        self.branch.setPlaceholderText(self.tr("every branch you may see"))
        self.refresh_button.setText(self.tr("Re&fresh"))
        self.export_button.setText(self.tr("E&xport…"))
        self.month_button.setText(self.tr("Export &month…"))
        self.month_button.setToolTip(
            self.tr("Every day of the chosen day's month, per branch and per person, "
                    "as an Excel workbook")
        )  # fmt: skip
        self.tabs.setTabText(0, self.tr("By branch"))
        self.tabs.setTabText(1, self.tr("By person"))
        for table, first in zip(self.tables, (self.tr("Branch"), self.tr("Person")), strict=True):
            table.setHorizontalHeaderLabels([first, *self.line_headers()[1:]])
        self.receipt_table.setHorizontalHeaderLabels(self.receipt_headers())

    def line_headers(self) -> list[str]:
        return [self.tr("Name"), self.tr("Currency"), self.tr("Today"),
                self.tr("A week before"), self.tr("Change"), self.tr("Receipts"),
                self.tr("Over/short"), self.tr("Cross-sell accepted")]  # fmt: skip

    def receipt_headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Kind"), self.tr("Register"), self.tr("Cashier"),
                self.tr("Receipt"), self.tr("Amount"), self.tr("Customer")]  # fmt: skip

    # Asking the server

    def chosen_day(self) -> date:
        return self.day.date().toPython()

    def chosen_branch(self) -> str | None:
        return self.branch.text().strip() or None

    def refresh(self) -> None:
        show_error(self.error, "")
        self.status.setText(self.tr("Asking the server…"))
        day, branch = self.chosen_day(), self.chosen_branch()
        self._submit(lambda: self._board.board(day, branch=branch), on_success=self._show,
                     on_failure=self._fail, channel="supervisor-board")  # fmt: skip

    def _show(self, board: Board) -> None:
        self.shown = board
        for table, lines in zip(self.tables, (board.by_branch, board.by_person), strict=True):
            fill_rows(table, [self.line_cells(line) for line in lines],
                      [line.key for line in lines], numbers=(2, 3, 4, 5, 6, 7))  # fmt: skip
        self.chart.set_lines(board.by_branch, today=self.tr("Today"),
                             last_week=self.tr("A week before"))  # fmt: skip
        day = QLocale().toString(self.day.date(), QLocale.FormatType.LongFormat)
        self.status.setText(
            self.tr("%1 against the same weekday a week before. Double-click a row for its "
                    "receipts, a receipt for its customer.").replace("%1", day)
        )  # fmt: skip
        self.board_shown.emit()

    def line_cells(self, line: Line) -> list[str]:
        locale = QLocale()
        change = "—" if line.change is None else _percent(locale, line.change)
        over = "—" if line.over_short is None else money(locale, line.over_short)
        crosssell = "—" if not line.offered else self.tr("%1 of %2 (%3)").replace(
            "%1", str(line.accepted)).replace("%2", str(line.offered)).replace(
            "%3", _percent(locale, line.acceptance or Decimal(0)))  # fmt: skip
        receipts = locale.toString(line.receipts)
        return [line.key, line.currency, money(locale, line.today),
                money(locale, line.last_week), change, receipts, over, crosssell]  # fmt: skip

    def _drill(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if self.shown is None or row < 0:
            return
        lines = self.shown.by_branch if table is self.tables[0] else self.shown.by_person
        line = lines[row]
        if not line.currency:
            return
        dim = "branch" if table is self.tables[0] else "user"
        cell = {dim: line.key, "currency": line.currency}
        day, branch = self.chosen_day(), self.chosen_branch()
        self._submit(lambda: self._board.receipts(day, branch=branch, cell=cell),
                     on_success=self._show_receipts, on_failure=self._fail,
                     channel="supervisor-receipts")  # fmt: skip

    def _show_receipts(self, receipts: list[Receipt]) -> None:
        self.receipts = receipts
        locale = QLocale()
        rows = [[r.at[11:16], self._kind(r), r.register or "", r.cashier or "", r.receipt_no or "",
                 f"{money(locale, r.amount)} {r.currency}", self._customer(r)]
                for r in receipts]  # fmt: skip
        fill_rows(self.receipt_table, rows, [r.id for r in receipts], numbers=(5,))
        self.receipts_shown.emit()

    def _customer(self, receipt: Receipt) -> str:
        if not receipt.customer_id:
            return self.tr("walk-in")
        if not receipt.customer_name:  # erased, or a server that sends no names
            return receipt.customer_id
        return f"{receipt.customer_name} · {receipt.customer_id}"

    def _kind(self, receipt: Receipt) -> str:
        names = {"payment": self.tr("payment"), "refund": self.tr("refund"),
                 "void": self.tr("void")}  # fmt: skip
        name = names.get(receipt.kind, receipt.kind)
        return name if receipt.accepted else self.tr("%1, declined").replace("%1", name)

    def _open_customer(self) -> None:
        row = self.receipt_table.currentRow()
        if 0 <= row < len(self.receipts) and self.receipts[row].customer_id:
            self.customer_requested.emit(self.receipts[row].customer_id)

    def _fail(self, message: str) -> None:
        self.status.setText("")
        text = self.tr("This screen reads the server and works online only. The server did "
                       "not answer: %1").replace("%1", message)  # fmt: skip
        show_error(self.error, text)
        self.failed.emit(message)

    # Export

    def _ask_export(self) -> None:
        if self.shown is None:
            return
        name = f"supervisor-{self.chosen_day().isoformat()}"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the screen"), name,
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv);;PDF (*.pdf)"),
        )  # fmt: skip
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Write both tables to ``path`` (XLSX, CSV or PDF by its suffix)."""
        assert self.shown is not None
        header, rows = export.table(self, self.shown)
        if path.suffix.lower() == ".pdf":
            export.write_pdf(path, self.windowTitle() + " — " + self.status.text(), header, rows)
            self.status.setText(self.tr("Written: %1").replace("%1", str(path)))
            return
        self._submit(lambda: export.write_file(path, header, rows), on_failure=self._fail,
                     on_success=lambda _none: self.status.setText(
                         self.tr("Written: %1").replace("%1", str(path))))  # fmt: skip

    def _ask_month(self) -> None:
        first, _last = month_span(self.chosen_day(), today=self._today())
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export the month"), f"supervisor-{first:%Y-%m}.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )  # fmt: skip
        if path:
            self.export_month_to(Path(path))

    def export_month_to(self, path: Path) -> None:
        """Ask the server for the chosen day's month and write it to ``path`` as XLSX."""
        path = path.with_suffix(".xlsx")
        first, last = month_span(self.chosen_day(), today=self._today())
        branch, layout, total = self.chosen_branch(), sheets(self), self.tr("Total")
        show_error(self.error, "")
        self.status.setText(self.tr("Asking the server for %1 to %2…").replace(
            "%1", first.isoformat()).replace("%2", last.isoformat()))  # fmt: skip

        def work() -> None:
            write_month(path, self._board.month(first, last, branch=branch), layout, total=total)

        self._submit(work, on_success=lambda _none: self._month_done(path),
                     on_failure=self._fail, channel="supervisor-month")  # fmt: skip

    def _month_done(self, path: Path) -> None:
        self.status.setText(self.tr("Written: %1").replace("%1", str(path)))
        self.month_written.emit(str(path))


def money(locale: QLocale, amount: Decimal) -> str:
    # Decimal all the way: the digits are Python's, only the separators the locale's.
    text = f"{amount.quantize(Decimal('0.01')):,}"
    return text.replace(",", "\0").replace(".", locale.decimalPoint()).replace(
        "\0", locale.groupSeparator())  # fmt: skip


def _percent(locale: QLocale, fraction: Decimal) -> str:
    return money(locale, fraction * 100).rstrip("0").rstrip(locale.decimalPoint()) + " %"
