"""Purchase history of the open customer, sortable, with the lines of the selected purchase."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.read_models import PurchaseLineRow, PurchaseRow
from frontdesk.ui.models import (
    PurchaseHistoryModel,
    PurchaseLinesModel,
    RowSortProxy,
    RowTableModel,
)
from frontdesk.ui.widgets.tables import fit_columns, make_table

_DATE_COLUMN = 0
_DESCRIPTION_COLUMN = 2


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class HistoryPanel(QWidget):
    """The history table (sortable by any column) above the lines of the selected purchase.

    Signals:
        purchase_selected(object): the selected purchase changed to this ``PurchaseRow``.
    """

    purchase_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history_model = PurchaseHistoryModel(self)
        self.history_proxy = RowSortProxy(self)
        self.history_proxy.setSourceModel(self.history_model)
        self.lines_model = PurchaseLinesModel(self)
        self.history_title = _section_title(self.tr("Purchase history"))
        self.lines_title = _section_title(self.tr("Lines"))
        self.history_view = self._make_history_view()
        self.lines_view = make_table(self, name="linesView", accessible=self.tr("Purchase lines"))
        self.lines_view.setModel(self.lines_model)
        self.lines_view.horizontalHeader().setStretchLastSection(False)
        self.lines_view.horizontalHeader().setSectionResizeMode(
            _DESCRIPTION_COLUMN, QHeaderView.ResizeMode.Stretch
        )
        self._lay_out()

    def _make_history_view(self) -> QTableView:
        view = make_table(self, name="historyView", accessible=self.tr("Purchase history"))
        view.setModel(self.history_proxy)
        # Purchase numbers differ at the end ("...-09" vs "...-09-R"): keep both ends visible.
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        view.setSortingEnabled(True)
        view.sortByColumn(_DATE_COLUMN, Qt.SortOrder.DescendingOrder)
        view.selectionModel().selectionChanged.connect(self._on_history_selection_changed)
        return view

    def _lay_out(self) -> None:
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("historySplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._boxed(self.history_title, self.history_view))
        splitter.addWidget(self._boxed(self.lines_title, self.lines_view))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    def _boxed(self, title: QLabel, view: QTableView) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        title.setBuddy(view)
        layout.addWidget(title)
        layout.addWidget(view)
        return box

    def show_purchases(self, purchases: Sequence[PurchaseRow]) -> None:
        """Fill the history (newest first unless the user sorted otherwise); select the top row."""
        self.lines_model.set_rows([])
        self.history_model.set_rows(purchases)
        self.history_title.setText(
            self.tr("Purchase history (%1)").replace("%1", str(len(purchases)))
        )
        self.lines_title.setText(self.tr("Lines"))
        _fit_columns(self.history_view, self.history_model)
        if purchases:
            self.history_view.selectRow(0)

    def show_lines(self, purchase: PurchaseRow, lines: Sequence[PurchaseLineRow]) -> None:
        self.lines_model.set_rows(lines)
        self.lines_title.setText(self.tr("Lines of %1").replace("%1", purchase.number))
        _fit_columns(self.lines_view, self.lines_model)

    def current_purchase(self) -> PurchaseRow | None:
        index = self.history_view.currentIndex()
        if not index.isValid():
            return None
        return self.history_model.row_at(self.history_proxy.mapToSource(index).row())

    @Slot(QItemSelection, QItemSelection)
    def _on_history_selection_changed(self, selected: QItemSelection, _old: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            source = self.history_proxy.mapToSource(indexes[0])
            self.purchase_selected.emit(self.history_model.row_at(source.row()))


def _fit_columns(view: QTableView, model: RowTableModel) -> None:
    if model.rowCount():
        fit_columns(view, view.resizeColumnsToContents)
