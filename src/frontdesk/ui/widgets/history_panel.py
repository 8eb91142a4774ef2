"""Purchase history of the open customer: filters, a lazily filled tree sorted by the cache,
totals of what is shown, spend per month, and each purchase's lines when it is expanded.

The lines are the purchase's children in the tree rather than a second table: they show where
the agent is looking, several purchases can be compared open side by side, and Right/Left
(or the arrow) open and close them. Each purchase's lines are one small query, run in the
background the first time it is expanded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services.queries import HISTORY_SORTS, AbstractCustomerQueries, HistoryFilter
from frontdesk.services.read_models import PurchaseLineRow, PurchaseRow
from frontdesk.ui.formatting import format_count, format_money
from frontdesk.ui.history_model import HistoryPage, LazyHistoryModel, load_history
from frontdesk.ui.widgets.history_columns import HistoryColumns
from frontdesk.ui.widgets.history_table import HistoryTable
from frontdesk.ui.widgets.spend_chart import SpendChart

_DATE_COLUMN = 0
HISTORY_CHANNEL = "history"
# The earliest day a filter can name; shown as "Any" (no lower or upper bound).
_NO_DATE = QDate(1990, 1, 1)
FILTER_DEBOUNCE_MS = 250

Submit = Callable[..., None]


def _section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class _DateEdit(QDateEdit):
    """A date field that Tab leaves (QDateEdit would walk its day, month, year sections)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class HistoryPanel(QWidget):
    """Filters, the history tree with each purchase's lines, totals and the spend chart.

    Signals:
        history_shown(): the tree, totals and chart show the current filter and order.
        block_filled(int): rows from this index were fetched and are on screen.
        lines_shown(str): the lines of this purchase id are in the tree under it.
    """

    history_shown = Signal()
    block_filled = Signal(int)
    lines_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._queries: AbstractCustomerQueries | None = None
        self._submit: Submit | None = None
        self._page: HistoryPage | None = None
        self.history_model = LazyHistoryModel(self)
        self.history_model.block_wanted.connect(self._on_history_model_block_wanted)
        self.history_model.sort_requested.connect(self._on_history_model_sort_requested)
        self.history_model.lines_wanted.connect(self._on_history_model_lines_wanted)
        self.history_model.lines_inserted.connect(self._on_history_model_lines_inserted)
        self.history_title = _section_title(self.tr("Purchase history"))
        self._build_filters()
        self.totals_label = QLabel(self)
        self.totals_label.setObjectName("historyTotals")
        self.totals_label.setAccessibleName(self.tr("Totals of the purchases shown"))
        self.chart = SpendChart(self)
        self.history_view = self._make_history_view()
        # Header and a row or two: room for the filters, totals and chart in a small window.
        self.history_view.setMinimumHeight(self.history_view.fontMetrics().height() * 3)
        self._lay_out()
        # The tree first (where Tab from the search goes), then the filters.
        chain = (self.history_view, self.since_edit, self.until_edit, self.product_edit)
        for before, after in zip(chain, (*chain[1:], self.category_combo), strict=True):
            QWidget.setTabOrder(before, after)

    def bind(self, queries: AbstractCustomerQueries, submit: Submit) -> None:
        """Where rows come from: ``submit`` is ``OpRunner.submit`` (background operations)."""
        self._queries, self._submit = queries, submit

    # Construction

    def _build_filters(self) -> None:
        self.since_edit = self._date_edit("historySince", self.tr("Purchases from"))
        self.until_edit = self._date_edit("historyUntil", self.tr("Purchases until"))
        self.product_edit = QLineEdit(self)
        self.product_edit.setObjectName("historyProduct")
        self.product_edit.setAccessibleName(self.tr("Product filter"))
        self.product_edit.setPlaceholderText(self.tr("SKU or product name"))
        self.product_edit.setClearButtonEnabled(True)
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("historyCategory")
        self.category_combo.setAccessibleName(self.tr("Category filter"))
        self.category_combo.addItem(self.tr("All categories"), "")
        # Sized to its longest category, the combo took the filter row's room from the
        # captions at 1,280 pixels ("To" came out as "Tc"); its list still shows whole names.
        self.category_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_combo.setMinimumContentsLength(14)
        self._debounce = QTimer(self, singleShot=True, interval=FILTER_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._reload)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self._debounce.start)
        self.product_edit.textChanged.connect(self._debounce.start)
        self.category_combo.activated.connect(self._reload)

    def _date_edit(self, name: str, accessible: str) -> QDateEdit:
        edit = _DateEdit(self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(_NO_DATE)
        edit.setSpecialValueText(self.tr("Any"))  # shown at the minimum: no bound
        edit.setDate(_NO_DATE)
        inner = edit.findChild(QLineEdit)  # takes focus itself: screen readers name it too
        if inner is not None:
            inner.setAccessibleName(accessible)
        return edit

    def _make_history_view(self) -> HistoryTable:
        view = HistoryTable(self, name="historyView", accessible=self.tr("Purchase history"))
        view.setModel(self.history_model)
        # Purchase numbers differ at the end ("...-09" vs "...-09-R"): keep both ends visible.
        view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.columns = HistoryColumns(view, self.history_model)
        view.header().setSortIndicator(_DATE_COLUMN, Qt.SortOrder.DescendingOrder)
        view.setSortingEnabled(True)
        view.expanded.connect(self._on_history_view_expanded)
        return view

    def _filter_bar(self) -> QWidget:
        bar = QWidget(self)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(0, 0, 0, 0)
        captions = (
            (self.tr("&From"), self.since_edit),
            (self.tr("&Until"), self.until_edit),
            (self.tr("&Product"), self.product_edit),
            (self.tr("Cate&gory"), self.category_combo),
        )
        for caption, field in captions:
            label = QLabel(caption, bar)
            label.setBuddy(field)
            layout.addWidget(label)
            layout.addWidget(field, 1 if field is self.product_edit else 0)
        return bar

    def _lay_out(self) -> None:
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 4, 0, 0)
        top_layout.setSpacing(4)
        self.history_title.setBuddy(self.history_view)
        top_layout.addWidget(self.history_title)
        top_layout.addWidget(self._filter_bar())
        top_layout.addWidget(self.history_view, 1)
        top_layout.addWidget(self.totals_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("historySplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # What the window shows

    def show_history(self, page: HistoryPage) -> None:
        """Show a freshly opened customer's history (filters back to "everything")."""
        for edit in (self.since_edit, self.until_edit, self.product_edit, self.category_combo):
            edit.blockSignals(True)
        self.since_edit.setDate(_NO_DATE)
        self.until_edit.setDate(_NO_DATE)
        self.product_edit.clear()
        self._set_categories(page.categories)
        for edit in (self.since_edit, self.until_edit, self.product_edit, self.category_combo):
            edit.blockSignals(False)
        self._show_page(page)
        if page.ids:  # a freshly opened customer: the latest purchase opened, as on a receipt
            self.history_view.expand(self.history_model.index(0, 0))

    def _show_page(self, page: HistoryPage) -> None:
        self._page = page
        self.history_model.set_ids(page.ids, page.first_rows, page.first_lines,
                                   row_of=page.row_of)  # fmt: skip
        header = self.history_view.header()
        header.blockSignals(True)  # the indicator follows the page; no new sort request
        order = Qt.SortOrder.DescendingOrder if page.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(_sort_column(page.sort), order)
        header.blockSignals(False)
        self.history_title.setText(
            self.tr("Purchase history (%1)").replace("%1", format_count(len(page.ids)))
        )
        self.totals_label.setText(self._totals_text(page))
        self.chart.set_months(page.months)
        if page.first_rows:
            self.columns.fit_to(page.first_rows)
            self.history_view.setCurrentIndex(self.history_model.index(0, 0))
        self.history_shown.emit()

    def _totals_text(self, page: HistoryPage) -> str:
        totals = page.totals
        spend = " · ".join(format_money(money) for money in totals.spend) or "—"
        return (
            self.tr("Shown: %1 purchases, %2 returns · net %3")
            .replace("%1", format_count(totals.purchases))
            .replace("%2", format_count(totals.returns))
            .replace("%3", spend)
        )

    def _set_categories(self, categories: Sequence[str]) -> None:
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("All categories"), "")
        # Sized to its longest category, the combo took the filter row's room from the
        # captions at 1,280 pixels ("To" came out as "Tc"); its list still shows whole names.
        self.category_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_combo.setMinimumContentsLength(14)
        for category in categories:
            self.category_combo.addItem(category, category)

    def select_purchase(self, purchase_id: str) -> bool:
        """Make this purchase of the customer shown the current row, its lines open
        (``lines_shown`` says when they are on screen); False if it is not in the history."""
        view = self.history_view
        index = self.history_model.purchase_index(purchase_id)
        if not index.isValid():
            return False
        view.setCurrentIndex(index)
        view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        was_open = view.isExpanded(index)
        view.expand(index)  # its lines show when they come (at once if they are here)
        if was_open or (self.history_model.has_lines(index) and not view.isExpanded(index)):
            self.lines_shown.emit(purchase_id)  # open already, or none to open
        return True

    def current_purchase(self) -> PurchaseRow | None:
        """The purchase of the current row, or of the current line (None before it loads)."""
        return self.history_model.purchase_of(self.history_view.currentIndex())

    def current_filter(self) -> HistoryFilter:
        return HistoryFilter(
            since=_day(self.since_edit.date()),
            until=_day(self.until_edit.date()),
            product=self.product_edit.text().strip(),
            category=self.category_combo.currentData() or "",
        )

    # Loading (background operations through the window's runner)

    def _reload(self, *_args: Any) -> None:
        if self._page is not None:
            self._load(replace(self._page, where=self.current_filter()))

    def _load(self, want: HistoryPage) -> None:
        if self._queries is None or self._submit is None:
            return
        queries = self._queries
        self._submit(
            lambda: load_history(
                queries,
                want.customer_id,
                where=want.where,
                sort=want.sort,
                descending=want.descending,
                categories=want.categories,
            ),
            on_success=self._show_page,
            channel=HISTORY_CHANNEL,
        )

    @Slot(int, object)
    def _on_history_model_block_wanted(self, start: int, ids: list[str]) -> None:
        if self._queries is None or self._submit is None or self._page is None:
            return
        queries, customer_id = self._queries, self._page.customer_id
        self._submit(
            lambda: (
                queries.purchases_by_id(customer_id, ids),
                queries.purchase_lines_of(customer_id, ids),
            ),
            on_success=lambda block: self._on_block_loaded(start, *block),
        )

    def _on_block_loaded(
        self, start: int, rows: list[PurchaseRow], lines: dict[str, list[PurchaseLineRow]]
    ) -> None:
        self.history_model.fill(start, rows, lines)
        self.block_filled.emit(start)

    @Slot(str)
    def _on_history_model_lines_wanted(self, purchase_id: str) -> None:
        if self._queries is None or self._submit is None:
            return
        queries = self._queries
        self._submit(
            lambda: queries.purchase_lines(purchase_id),
            on_success=lambda lines: self.history_model.set_lines(purchase_id, lines),
        )

    @Slot(QModelIndex)
    def _on_history_view_expanded(self, index: QModelIndex) -> None:
        if self.history_model.has_lines(index):  # came with its block: on screen already
            self._on_history_model_lines_inserted(self.history_model.purchase_id_of(index))

    @Slot(str)
    def _on_history_model_lines_inserted(self, purchase_id: str) -> None:
        self.columns.fit_lines(purchase_id)
        self.lines_shown.emit(purchase_id)

    @Slot(str, bool)
    def _on_history_model_sort_requested(self, sort: str, descending: bool) -> None:
        if self._page is not None:
            self._load(replace(self._page, sort=sort, descending=descending))


def _day(value: QDate) -> date | None:
    return None if value == _NO_DATE else date(value.year(), value.month(), value.day())


def _sort_column(sort: str) -> int:
    return HISTORY_SORTS.index(sort)
