"""The product list: a search's SKUs, their lines loaded a page at a time as the list scrolls.

The model keeps the answer's SKUs (cheap: the index gives them) and the lines loaded so far;
Qt asks ``canFetchMore``/``fetchMore`` as the view nears the end, and the model then asks for
the next page by signal. The page's lines come back from a background operation
(``ProductFlows``) through ``add_lines``: painting never waits for the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from frontdesk.services.catalogue.ports import ProductSummary
from frontdesk.ui.catalogue import texts

PAGE = 50
HEADERS = (
    QT_TRANSLATE_NOOP("Products", "SKU"),
    QT_TRANSLATE_NOOP("Products", "Name"),
    QT_TRANSLATE_NOOP("Products", "Category"),
    QT_TRANSLATE_NOOP("Products", "Status"),
)
SKU_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


class ProductResultsModel(QAbstractTableModel):
    """A search's products, one a row: SKU, name, category, status.

    Signals:
        page_wanted(object): load the lines of these SKUs (a list) and give them to
            ``add_lines``; asked once at a time.
    """

    page_wanted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._skus: list[str] = []
        self._lines: list[ProductSummary] = []
        self._next = 0  # the first SKU not yet asked for
        self._asked: set[str] = set()  # the page asked for and not yet arrived

    def show_answer(self, skus: Sequence[str], first: Sequence[ProductSummary]) -> None:
        """A new answer: its SKUs and the lines of its first page."""
        self.beginResetModel()
        self._skus, self._lines = list(skus), list(first)
        self._next, self._asked = min(len(first), len(skus)), set()
        self.endResetModel()

    def add_lines(self, lines: Sequence[ProductSummary]) -> None:
        """The page asked for by ``page_wanted`` (a line gone from the cache is skipped)."""
        if not self._asked or any(line.sku not in self._asked for line in lines):
            return  # a page of an earlier answer, arriving after a new search
        self._asked = set()
        if not lines:
            return
        start = len(self._lines)
        self.beginInsertRows(QModelIndex(), start, start + len(lines) - 1)
        self._lines.extend(lines)
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._asked and self._next < len(self._skus)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        page = self._skus[self._next : self._next + PAGE]
        self._next += len(page)
        self._asked = set(page)
        self.page_wanted.emit(page)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (line.sku, line.name, line.category, texts.status_name(line.status))[
                index.column()
            ]
        if role == SKU_ROLE:
            return line.sku
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return texts.tr(HEADERS[section]) if 0 <= section < len(HEADERS) else None
        return None

    def sku_at(self, row: int) -> str | None:
        return self._lines[row].sku if 0 <= row < len(self._lines) else None

    @property
    def total(self) -> int:
        """How many products the answer has (loaded or not)."""
        return len(self._skus)
