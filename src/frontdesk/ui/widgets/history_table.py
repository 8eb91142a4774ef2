"""The purchase history as a flat virtual table: purchases, and under each one opened its lines.

A tree view lays out every row of its model on each reset, one call into Python per row (the
model's ``index`` and ``hasChildren``): 100,000 purchases kept the UI thread busy for half a
second on each new sort or filter. A table asks nothing per row until it paints one, so a sort
or a filter costs a model reset and the screenful painted, at any size of history.

``FlatHistoryModel`` shows the lazy tree (``LazyHistoryModel``, which stays the one holder of
ids, rows and lines, and what tests and the window ask about purchases and lines) as rows:
each purchase, then the lines of those opened. ``HistoryTable`` speaks of the tree's indexes
(``expand``, ``isExpanded``, ``currentIndex``) so the panel and the window need not know the
flat rows; Right/Left (or a click on the arrow, or a double click) open and close a purchase,
as in a tree.
"""

from __future__ import annotations

import bisect
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from frontdesk.ui.history_model import LazyHistoryModel
from frontdesk.ui.models import AnyIndex
from frontdesk.ui.widgets.history_columns import LINE_ROLE
from frontdesk.ui.widgets.tables import read_only_rows, watch_column_sizes

_OPEN, _CLOSED, _INDENT = "▾ ", "▸ ", "    "


class FlatHistoryModel(QAbstractTableModel):
    """The rows of ``tree``: each purchase, followed by the lines of those open.

    ``open_rows`` are the purchase rows opened, in order; a purchase opened before its lines
    came shows them when they come.
    """

    def __init__(self, tree: LazyHistoryModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tree = tree
        self._open: list[int] = []  # purchase rows opened, sorted
        self._shown: dict[int, int] = {}  # lines shown under each open purchase
        tree.modelAboutToBeReset.connect(self.beginResetModel)
        tree.modelReset.connect(self._on_tree_model_reset)
        tree.dataChanged.connect(self._on_tree_data_changed)
        tree.rowsInserted.connect(self._on_tree_rows_inserted)

    # Where a row is

    def locate(self, row: int) -> tuple[int, int]:
        """The purchase row of flat ``row`` and its line there (-1: the purchase itself)."""
        shift = 0
        for purchase in self._open:
            start = purchase + shift
            if row <= start:
                break
            if row <= start + self._shown[purchase]:
                return purchase, row - start - 1
            shift += self._shown[purchase]
        return row - shift, -1

    def flat_row(self, purchase: int, line: int = -1) -> int:
        before = bisect.bisect_left(self._open, purchase)
        return purchase + sum(self._shown[p] for p in self._open[:before]) + line + 1

    def to_tree(self, index: AnyIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        purchase, line = self.locate(index.row())
        if line < 0:
            return self.tree.index(purchase, index.column())
        return self.tree.index(line, index.column(), self.tree.index(purchase, 0))

    def from_tree(self, index: AnyIndex) -> QModelIndex:
        if not index.isValid():
            return QModelIndex()
        parent = index.parent()
        if not parent.isValid():
            return self.index(self.flat_row(index.row()), index.column())
        if parent.row() not in self._shown:
            return QModelIndex()  # a line of a purchase not open: not on screen
        return self.index(self.flat_row(parent.row(), index.row()), index.column())

    def is_open(self, purchase: int) -> bool:
        return purchase in self._shown

    # Opening and closing

    def open(self, purchase: int) -> None:
        if purchase in self._shown:
            return
        bisect.insort(self._open, purchase)
        self._shown[purchase] = 0
        self._show_lines(purchase)

    def close(self, purchase: int) -> None:
        if purchase not in self._shown:
            return
        count, first = self._shown[purchase], self.flat_row(purchase) + 1
        if count:  # the lines go first; the arrow turns after, as a change of its own
            self.beginRemoveRows(QModelIndex(), first, first + count - 1)
            self._shown[purchase] = 0
            self.endRemoveRows()
        self._open.remove(purchase)
        del self._shown[purchase]
        self._changed_row(first - 1)

    def _show_lines(self, purchase: int) -> None:
        count = self.tree.rowCount(self.tree.index(purchase, 0)) - self._shown[purchase]
        first = self.flat_row(purchase) + 1 + self._shown[purchase]
        if count > 0:
            self.beginInsertRows(QModelIndex(), first, first + count - 1)
            self._shown[purchase] += count
            self.endInsertRows()
        self._changed_row(self.flat_row(purchase))

    def _changed_row(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, 0))  # its arrow turned

    # Following the tree

    def _on_tree_model_reset(self) -> None:
        self._open, self._shown = [], {}
        self.endResetModel()

    def _on_tree_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = ()) -> None:
        if top.parent().isValid():
            return
        first, last = self.flat_row(top.row()), self.flat_row(bottom.row())
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    def _on_tree_rows_inserted(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if parent.isValid() and parent.row() in self._shown:
            self._show_lines(parent.row())  # opened before its lines came

    # Qt's model interface (flags() is Qt's own: no call into Python per row)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        if parent.isValid():
            return 0
        return self.tree.rowCount() + sum(self._shown.values())

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.tree.columnCount()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        return self.tree.headerData(section, orientation, role or Qt.ItemDataRole.DisplayRole)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        purchase, line = self.locate(index.row())
        if role == LINE_ROLE:
            return line >= 0
        tree = self.tree
        source = tree.index(purchase, index.column())
        if line >= 0:
            source = tree.index(line, index.column(), tree.index(purchase, 0))
        value = tree.data(source, role)
        if role != Qt.ItemDataRole.DisplayRole or index.column() != 0 or value is None:
            return value
        return f"{_INDENT}{value}" if line >= 0 else f"{self._arrow(source)}{value}"

    def _arrow(self, purchase: QModelIndex) -> str:
        if purchase.row() in self._shown:
            return _OPEN
        return _CLOSED if self.tree.hasChildren(purchase) else _INDENT

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.tree.sort(column, order)  # the cache sorts: the tree asks for the ids again


class HistoryTable(QTableView):
    """A table over a ``LazyHistoryModel`` that opens purchases on their lines like a tree.

    Indexes given to and returned by ``expand``, ``collapse``, ``isExpanded``,
    ``currentIndex``, ``setCurrentIndex``, ``scrollTo`` and ``visualRect`` are the tree
    model's, and ``model()`` is the tree model (``flat`` the one Qt draws).

    Signals:
        expanded(QModelIndex): this purchase (a tree index) was opened.
        collapsed(QModelIndex): this purchase was closed.
    """

    expanded = Signal(QModelIndex)
    collapsed = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None, *, name: str, accessible: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAccessibleName(accessible)
        read_only_rows(self)
        # One row height for all: the header need not ask the rows for theirs. As compact as
        # the tree it replaced: the history shares its room with the card and the chart.
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.setShowGrid(False)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        watch_column_sizes(self)
        self.flat: FlatHistoryModel | None = None
        self.doubleClicked.connect(self._on_double_clicked)

    def setModel(self, model: Any) -> None:
        """Show ``model`` (a ``LazyHistoryModel``) through a flat model of its own."""
        self.flat = FlatHistoryModel(model, self)
        super().setModel(self.flat)

    def model(self) -> Any:
        """The tree model (Qt itself draws from the flat one)."""
        return self.flat.tree if self.flat is not None else super().model()

    def header(self) -> QHeaderView:
        return self.horizontalHeader()

    def indentation(self) -> int:
        return self.fontMetrics().horizontalAdvance(_INDENT)

    # Opening and closing, in the tree's indexes

    def isExpanded(self, index: AnyIndex) -> bool:
        return self.flat is not None and index.isValid() and self.flat.is_open(index.row())

    def expand(self, index: AnyIndex) -> None:
        tree = self.flat.tree if self.flat is not None else None
        if tree is None or not index.isValid() or index.parent().isValid():
            return
        purchase = tree.index(index.row(), 0)
        if self.flat.is_open(purchase.row()) or not tree.hasChildren(purchase):
            return
        self.flat.open(purchase.row())
        if tree.canFetchMore(purchase):
            tree.fetchMore(purchase)  # its lines come later, and show when they do
        self.expanded.emit(purchase)

    def collapse(self, index: AnyIndex) -> None:
        if self.isExpanded(index) and not index.parent().isValid():
            self.flat.close(index.row())
            self.collapsed.emit(self.flat.tree.index(index.row(), 0))

    def setExpanded(self, index: AnyIndex, expanded: bool) -> None:
        (self.expand if expanded else self.collapse)(index)

    # The current row, in the tree's indexes

    def currentIndex(self) -> QModelIndex:
        current = super().currentIndex()
        return self.flat.to_tree(current) if self.flat is not None else current

    def setCurrentIndex(self, index: AnyIndex) -> None:
        super().setCurrentIndex(self._flat_index(index))

    def scrollTo(
        self,
        index: AnyIndex,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        super().scrollTo(self._flat_index(index), hint)

    def visualRect(self, index: AnyIndex) -> QRect:
        """A tree index's text, as a tree draws it: a purchase's date after its arrow."""
        flat = self._flat_index(index)
        rect = super().visualRect(flat)
        if flat is not index and index.column() == 0 and rect.isValid():
            rect.setLeft(rect.left() + self.indentation())
        return rect

    def _flat_index(self, index: AnyIndex) -> QModelIndex:
        model = index.model() if index.isValid() else None
        if self.flat is not None and model is self.flat.tree:
            return self.flat.from_tree(QModelIndex(index))
        return QModelIndex(index) if isinstance(index, QPersistentModelIndex) else index

    # Keys and the mouse, as in a tree

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Plus) and self._step_in():
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Minus) and self._step_out():
            return
        super().keyPressEvent(event)

    def _step_in(self) -> bool:
        current = self.currentIndex()
        if not current.isValid() or current.parent().isValid():
            return False
        if not self.isExpanded(current):
            self.expand(current)
            return True
        first_line = self.flat.tree.index(
            0, current.column(), self.flat.tree.index(current.row(), 0)
        )
        if first_line.isValid():
            self.setCurrentIndex(first_line)
        return True

    def _step_out(self) -> bool:
        current = self.currentIndex()
        if not current.isValid():
            return False
        parent = current.parent()
        if parent.isValid():  # a line: up to its purchase
            self.setCurrentIndex(self.flat.tree.index(parent.row(), current.column()))
        elif self.isExpanded(current):
            self.collapse(current)
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        arrow = self.fontMetrics().horizontalAdvance(_CLOSED) + 6
        on_arrow = index.isValid() and index.column() == 0 and (
            event.position().x() - self.columnViewportPosition(0) <= arrow
        )  # fmt: skip
        super().mousePressEvent(event)
        if on_arrow:
            self._toggle(self.flat.to_tree(index))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if self.flat is not None:
            self._toggle(self.flat.to_tree(index))

    def _toggle(self, index: QModelIndex) -> None:
        if index.isValid() and not index.parent().isValid():
            self.setExpanded(index, not self.isExpanded(index))
