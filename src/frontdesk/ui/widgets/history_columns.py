"""Column widths of the history tree: fitted to the first block of purchases, and the first
column widened for the product names of the purchases open, as far as the view's width allows.

A line's product name sits in the first column, under its purchase's date, and is usually
much longer. The column grows for the names shown into the room the other columns leave
(the last one keeps what its own title and texts need), follows the view's width when the
window or a splitter is resized, and never pushes a column out of sight. A name that still
does not fit is elided at its end and is whole in its tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyledItemDelegate, QStyleOptionViewItem

from frontdesk.services.read_models import PurchaseRow
from frontdesk.ui.history_model import LazyHistoryModel
from frontdesk.ui.models import AnyIndex
from frontdesk.ui.widgets.tables import fit_columns

_DATE_COLUMN = 0
#: Data role of the flat history's rows: True on a line (``history_table.LINE_ROLE``).
LINE_ROLE = Qt.ItemDataRole.UserRole + 7


class LineElideDelegate(QStyledItemDelegate):
    """Elides a purchase's cells in the view's way (in the middle: purchase numbers differ at
    the end) but a line's at the end: a product name says most in its first words."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        if index.parent().isValid() or index.data(LINE_ROLE):
            option.textElideMode = Qt.TextElideMode.ElideRight


class HistoryColumns(QObject):
    """Fits the history tree's columns (unless the agent has sized them)."""

    def __init__(self, view: QAbstractItemView, model: LazyHistoryModel) -> None:
        super().__init__(view)
        self._view, self._model = view, model
        self._date_width = 0  # the first column as fitted to the purchases' dates
        self._names_width = 0  # what the product names of the purchases open need
        view.setItemDelegate(LineElideDelegate(view))
        view.viewport().installEventFilter(self)

    def fit_to(self, rows: Sequence[PurchaseRow]) -> None:
        """A new page: every column but the last fitted to its first block."""
        self._names_width = 0
        fit_columns(self._view, lambda: self._fit_to(rows))

    def fit_lines(self, purchase_id: str) -> None:
        """The lines of this purchase are on screen: room for their names if there is any."""
        model = self._model
        parent = model.purchase_index(purchase_id)
        texts = [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]
        wanted = self._text_width(texts) + 2 * self._view.indentation()
        self._names_width = max(self._names_width, wanted)
        fit_columns(self._view, self._fit_names)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._names_width:
            fit_columns(self._view, self._fit_names)  # the room for the names changed
        return False

    def _fit_to(self, rows: Sequence[PurchaseRow]) -> None:
        # Measured on the first block, not by Qt: resizeColumnsToContents reads every row
        # of a hidden view (here: fetches them all) and up to 1,000 of a visible one.
        header = self._view.header()
        for column, spec in enumerate(self._model.columns[:-1]):
            texts = [self._model.headerData(column, Qt.Orientation.Horizontal)]
            width = self._text_width(texts + [spec.text(row) for row in rows])
            if column == _DATE_COLUMN:  # the expand arrow and a line's indent come first
                width += self._view.indentation()
                self._date_width = width
            header.resizeSection(column, max(width, header.sectionSizeFromContents(column).width()))

    def _fit_names(self) -> None:
        header = self._view.header()
        last = header.count() - 1
        needs = max(self._last_column_needs(), header.minimumSectionSize())
        others = sum(header.sectionSize(column) for column in range(1, last))
        room = self._room() - others - needs
        width = max(self._date_width, min(self._names_width, room))
        if width != header.sectionSize(_DATE_COLUMN):
            header.resizeSection(last, needs)  # the least it stretches to, not Qt's default
            header.resizeSection(_DATE_COLUMN, width)

    def _room(self) -> int:
        """The width the columns may take: the view's less its frame and a vertical scroll
        bar, shown or not, so a scroll bar coming and going does not refit the columns (and
        the refit bring it back)."""
        view = self._view
        return view.width() - 2 * view.frameWidth() - view.verticalScrollBar().sizeHint().width()

    def _last_column_needs(self) -> int:
        """The width of the last column's title and of its texts in the rows fetched."""
        model = self._model
        column = model.columns[-1]
        texts = [model.headerData(len(model.columns) - 1, Qt.Orientation.Horizontal)]
        texts += [column.text(row) for row in model.loaded_rows() if row.is_return]
        return self._text_width(texts)

    def _text_width(self, texts: Sequence[str]) -> int:
        metrics = self._view.fontMetrics()
        widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
        return widest + metrics.horizontalAdvance("M") * 2
