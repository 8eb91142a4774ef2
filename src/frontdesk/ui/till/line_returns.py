"""The lines of a paid receipt to pick from for a return: what was sold of each, what came
back already, what is left, and how much comes back now (typed in the Return column).

Keys: the arrows move between lines; typing a number (or F2) edits the line's Return; Space
returns all that is left of the line, or nothing if it was chosen. What the return pays
back is the till's to say (``TillBasket.refund_amount``): the table only says which lines
and how much, and whether each figure fits what is left (whole pieces, at most 3 decimals).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from frontdesk.domain.basket import COUNTED_UNITS
from frontdesk.services.till.returns import RefundableLine
from frontdesk.ui.catalogue.texts import quantity as format_quantity
from frontdesk.ui.catalogue.texts import unit_name
from frontdesk.ui.formatting import format_money

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RETURN_COLUMN = 5
_HEADERS = ("No.", "Product", "Sold", "Returned", "Left", "Return", "Net")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReturnLines", text)


class ReturnLinesTable(QTableWidget):
    """A paid receipt's lines; the Return column takes the quantity coming back.

    Signals:
        asked_changed(): the lines or quantities asked for changed.
    """

    asked_changed = Signal()

    def __init__(self, parent: object = None) -> None:
        super().__init__(0, len(_HEADERS), parent)  # type: ignore[arg-type]
        self.setObjectName("returnLines")
        self.setAccessibleName(_tr("Lines to return"))
        self.setHorizontalHeaderLabels([_tr(text) for text in _HEADERS])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked)  # fmt: skip
        self.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere in the till
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        for column in range(len(_HEADERS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lines: tuple[RefundableLine, ...] = ()
        self.itemChanged.connect(self._on_item_changed)

    def show_lines(self, lines: tuple[RefundableLine, ...]) -> None:
        self.blockSignals(True)
        try:
            self.lines = lines
            self.setRowCount(len(lines))
            for row, line in enumerate(lines):
                self._fill(row, line)
        finally:
            self.blockSignals(False)
        if lines:
            self.setCurrentCell(0, RETURN_COLUMN)
        self.asked_changed.emit()

    def _fill(self, row: int, line: RefundableLine) -> None:
        unit = unit_name(line.unit)
        texts = (str(line.line_no), line.description,
                 f"{format_quantity(line.sold)} {unit}", f"{format_quantity(line.returned)} {unit}",
                 f"{format_quantity(line.left)} {unit}", "", format_money(line.net))  # fmt: skip
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if column == RETURN_COLUMN and line.left > 0:
                flags |= Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
            if column != 1:
                item.setTextAlignment(_RIGHT)
            self.setItem(row, column, item)

    def asked(self) -> list[tuple[int, Decimal]]:
        """(line number, quantity) for each line with a quantity that fits; ``ValueError``
        naming the line whose figure does not."""
        asked = []
        for row, line in enumerate(self.lines):
            item = self.item(row, RETURN_COLUMN)
            text = item.text().strip() if item is not None else ""
            if text:
                asked.append((line.line_no, self._quantity(line, text)))
        return asked

    @staticmethod
    def _quantity(line: RefundableLine, text: str) -> Decimal:
        try:
            value = Decimal(text.replace(",", ".").replace("\u00a0", ""))
        except InvalidOperation:
            value = Decimal(-1)
        whole = line.unit not in COUNTED_UNITS or value == value.to_integral_value()
        fits = value.is_finite() and 0 < value <= line.left and value == round(value, 3)
        if not (fits and whole):
            text = _tr("Line %1: return between 0 and the %2 left (whole pieces; at most "
                       "3 decimals for a weight).")  # fmt: skip
            left = f"{format_quantity(line.left)} {unit_name(line.unit)}"
            raise ValueError(text.replace("%1", str(line.line_no)).replace("%2", left))
        return value

    def toggle_current(self) -> None:
        row = self.currentRow()
        if not 0 <= row < len(self.lines) or self.lines[row].left <= 0:
            return
        item = self.item(row, RETURN_COLUMN)
        if item is not None:
            chosen = bool(item.text().strip())
            item.setText("" if chosen else format_quantity(self.lines[row].left))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.state() != self.State.EditingState:
            self.toggle_current()
            return
        if event.text().isdigit() and self.currentColumn() != RETURN_COLUMN:
            self.setCurrentCell(self.currentRow(), RETURN_COLUMN)  # a figure is a Return
        super().keyPressEvent(event)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == RETURN_COLUMN:
            self.asked_changed.emit()
