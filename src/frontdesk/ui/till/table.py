"""The till window's list of the shift's payments, refunds and voids, newest first.

A refund or void the server declined stays in the list (it is in the register's journal),
in red, marked declined, with the server's reason in its tooltip.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from frontdesk.domain.money import Money
from frontdesk.services.till.desk import ShiftView
from frontdesk.services.till.ports import TillTransaction
from frontdesk.ui.formatting import format_money, to_local_qdatetime

# The form errors' red (ui.widgets.form_errors): a declined refund reads as a problem.
DECLINED_COLOUR = QColor("#d32f2f")
COLUMNS = ("receipt", "time", "kind", "customer", "amount", "tenders", "change", "left")
translate = QCoreApplication.translate  # the window's texts, in its context
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def format_time(moment: datetime) -> str:
    """The time of day only: a shift's transactions share their date."""
    locale = QLocale()
    return locale.toString(to_local_qdatetime(moment).time(), QLocale.FormatType.ShortFormat)


class ShiftTable(QTableWidget):
    """The transactions of the open shift; each row keeps its transaction's id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self._view = ShiftView(None, [], {})
        self.setObjectName("tillTransactions")
        self.setAccessibleName(translate("TillWindow", "Transactions of this shift"))
        self.setHorizontalHeaderLabels([
            translate("TillWindow", "Receipt"), translate("TillWindow", "Time"),
            translate("TillWindow", "Kind"), translate("TillWindow", "Customer"),
            translate("TillWindow", "Amount"), translate("TillWindow", "Tenders"),
            translate("TillWindow", "Change"), translate("TillWindow", "Refundable"),
        ])  # fmt: skip
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("tenders"), QHeaderView.ResizeMode.Stretch)
        # Names can be long: the customer column keeps a set width and elides.
        header.setSectionResizeMode(COLUMNS.index("customer"), QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COLUMNS.index("customer"), 130)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)

    def fill(self, view: ShiftView) -> None:
        self._view = view
        self.setRowCount(len(view.transactions))
        for row, tx in enumerate(reversed(view.transactions)):  # newest first
            for column, text in enumerate(self._cells(tx, view)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the whole text where the column elides it
                item.setData(Qt.ItemDataRole.UserRole, tx.id)
                if COLUMNS[column] in ("amount", "change", "left"):
                    item.setTextAlignment(_RIGHT)
                self.setItem(row, column, item)
            if tx.id in view.declined:
                self._mark_declined(row, view.declined[tx.id])

    def _mark_declined(self, row: int, reason: str) -> None:
        """A refund or void the server found too large: it stays in the journal, shown so."""
        kind = self.item(row, COLUMNS.index("kind"))
        kind.setText(translate("TillWindow", "%1 (declined)").replace("%1", kind.text()))
        left = self.item(row, COLUMNS.index("left"))
        left.setText(translate("TillWindow", "Server declined"))
        tip = translate("TillWindow", "Declined by the server: %1").replace("%1", reason)
        for column in range(len(COLUMNS)):
            item = self.item(row, column)
            item.setToolTip(tip)
            item.setForeground(DECLINED_COLOUR)

    def _cells(self, tx: TillTransaction, view: ShiftView) -> list[str]:
        kinds = {"payment": translate("TillWindow", "Payment"),
                 "refund": translate("TillWindow", "Refund"),
                 "void": translate("TillWindow", "Void")}  # fmt: skip
        kind = kinds.get(tx.kind, tx.kind)
        tenders = tender_text(tx)
        if tx.discount is not None:  # the amount is what was paid; say what came off
            off = translate("TillWindow", "discount %1")
            off = off.replace("%1", format_money(tx.discount.amount))
            tenders += f" · {off}"
        left = view.left_to_refund.get(tx.id)
        return [
            tx.receipt_no, format_time(tx.occurred_at), kind,
            translate("TillWindow", "Walk-in") if tx.customer_id is None else tx.customer_id[:8],
            format_money(tx.amount), tenders,
            format_money(tx.change) if tx.change.amount else "",
            format_money(left) if left is not None else "",
        ]  # fmt: skip

    def selected_id(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return self.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def selected(self) -> TillTransaction | None:
        tx_id = self.selected_id()
        return next((tx for tx in self._view.transactions if tx.id == tx_id), None)

    def left_to_refund(self, tx: TillTransaction | None) -> Money | None:
        """What is left to refund of ``tx`` (None: nothing selected, or not refundable)."""
        return self._view.left_to_refund.get(tx.id) if tx else None

    def select_receipt(self, receipt_no: str) -> None:
        for row in range(self.rowCount()):
            if self.item(row, 0).text() == receipt_no:
                self.selectRow(row)
                return


def tender_name(tender: str) -> str:
    names = {"cash": translate("TillWindow", "Cash"), "card": translate("TillWindow", "Card"),
             "bank_transfer": translate("TillWindow", "Bank transfer")}  # fmt: skip
    return names.get(tender, tender)


def tender_text(tx: TillTransaction) -> str:
    """``Card 10.00 GBP, Cash 5.00 GBP``."""
    return ", ".join(f"{tender_name(t.tender.value)} {format_money(t.amount)}" for t in tx.tenders)
