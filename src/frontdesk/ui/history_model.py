"""The purchase history as a lazy tree: purchases with a row cache, their lines on expand.

The model holds the ids of every purchase the filter shows, in the order the cache sorted
them, and only the rows that have been looked at (Anki's browser table, in miniature). A row
not yet fetched asks for its block (``block_wanted``); the panel fetches the block in a
background operation and hands it back with ``fill``. Sorting is the cache's job too: a header
click asks for the ids again in the new order (``sort_requested``) instead of sorting rows in
Python.

A purchase's lines are its children. They come with its block (one more query for the block's
lines), so expanding a purchase that is on screen needs no query and no relayout: QTreeView
lays out every row again, one call into Python per row, whenever children arrive under an item
it has already expanded. A purchase expanded before its block came asks for its own lines
(``canFetchMore``/``fetchMore`` -> ``lines_wanted`` -> ``set_lines``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from frontdesk.services.queries import (
    ALL_PURCHASES,
    HISTORY_SORTS,
    AbstractCustomerQueries,
    HistoryFilter,
    HistoryTotals,
    MonthSpend,
)
from frontdesk.services.read_models import PurchaseLineRow, PurchaseRow
from frontdesk.ui.catalogue.texts import quantity, unit_name
from frontdesk.ui.formatting import format_money, format_unit_price
from frontdesk.ui.models import (
    RETURN_COLOR,
    ROW_ROLE,
    AnyIndex,
    Column,
    ColumnRoles,
    PurchaseHistoryModel,
)

# Rows fetched in one go: a screenful or two, one quick query by primary key.
BLOCK_SIZE = 100
# Internal id of a purchase index; a line's is its purchase's row + 1 (no pointers to keep).
_PURCHASE = 0
_COLUMNS = len(PurchaseHistoryModel.columns)
Lines = Mapping[str, Sequence[PurchaseLineRow]]
_NO_LINES: Lines = MappingProxyType({})
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _each(line: PurchaseLineRow) -> str:
    text = QCoreApplication.translate("LazyHistoryModel", "%1 each")
    return text.replace("%1", format_unit_price(line.unit_price))


def _returned(line: PurchaseLineRow) -> str:
    if line.quantity >= 0:
        return ""
    return QCoreApplication.translate("LazyHistoryModel", "↩ Returned")


def line_quantity(line: PurchaseLineRow) -> str:
    """``2`` for pieces, ``0.455 kg`` for what is measured, as the locale writes numbers."""
    text = quantity(Decimal(line.quantity))
    return text if line.unit == "piece" else f"{text} {unit_name(line.unit)}"


def _unsorted(_line: PurchaseLineRow) -> int:
    return 0  # lines keep their order on the receipt; the header sorts purchases


# How a line shows under its purchase, column by column of the purchase's header:
# product where the date is, SKU under the number, unit price, quantity, line total.
LINE_COLUMNS: tuple[Column[PurchaseLineRow], ...] = (
    Column("", lambda line: line.description, _unsorted),
    Column("", lambda line: line.sku, _unsorted),
    Column("", _each, _unsorted),
    Column("", lambda line: line_quantity(line), _unsorted, _RIGHT),
    Column("", lambda line: format_money(line.total), _unsorted, _RIGHT),
    Column("", _returned, _unsorted),
)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One answer to "show this customer's history like so": made off the UI thread."""

    customer_id: str
    where: HistoryFilter
    sort: str
    descending: bool
    ids: list[str]
    first_rows: list[PurchaseRow]
    first_lines: dict[str, list[PurchaseLineRow]]
    totals: HistoryTotals
    months: list[MonthSpend]
    categories: list[str]
    #: Each id's row: made with the page, so showing it costs the UI thread no pass over ids.
    row_of: dict[str, int] | None = None


def load_history(
    queries: AbstractCustomerQueries,
    customer_id: str,
    *,
    where: HistoryFilter = ALL_PURCHASES,
    sort: str = "date",
    descending: bool = True,
    categories: Sequence[str] | None = None,
) -> HistoryPage:
    """Everything the history panel needs for one filter and order (a background op).

    ``categories`` already known for the customer (a new filter or order of the history
    shown) are kept rather than read again: they do not depend on either.
    """
    ids = queries.purchase_ids(customer_id, where=where, sort=sort, descending=descending)
    first = ids[:BLOCK_SIZE]
    totals, months = queries.history_summary(customer_id, where=where)
    return HistoryPage(
        customer_id=customer_id,
        where=where,
        sort=sort,
        descending=descending,
        ids=ids,
        first_rows=queries.purchases_by_id(customer_id, first),
        first_lines=queries.purchase_lines_of(customer_id, first),
        totals=totals,
        months=months,
        categories=(
            list(categories) if categories is not None else queries.purchase_categories(customer_id)
        ),
        row_of=row_numbers(ids),
    )


def row_numbers(ids: Sequence[str]) -> dict[str, int]:
    """Each purchase id's row in ``ids``."""
    return {purchase_id: row for row, purchase_id in enumerate(ids)}


class LazyHistoryModel(ColumnRoles, QAbstractItemModel):
    """Purchase ids in the cache's order, rows filled in blocks as they are seen, and each
    purchase's lines as its children once it is expanded.

    Signals:
        block_wanted(int, object): rows from this index, for these ids, are wanted
            (asked once per block until ``fill`` answers or the ids change).
        lines_wanted(str): the lines of this purchase id are wanted (asked once).
        lines_inserted(str): the lines asked for by ``lines_wanted`` are now its children.
        sort_requested(str, bool): the view asked for this order (sort key, descending).
    """

    block_wanted = Signal(int, object)
    lines_wanted = Signal(str)
    lines_inserted = Signal(str)
    sort_requested = Signal(str, bool)

    columns = PurchaseHistoryModel.columns
    context = PurchaseHistoryModel.context

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._row_of: dict[str, int] | None = {}  # None: made when first needed
        self._rows: dict[int, PurchaseRow] = {}
        self._asked: set[int] = set()
        self._lines: dict[str, list[PurchaseLineRow]] = {}
        self._childless: set[int] = set()  # rows whose lines came and are none
        self._lines_asked: set[str] = set()
        self._look = PurchaseHistoryModel(self)  # colours and tooltips of a row

    # Filling

    def set_ids(
        self,
        ids: Sequence[str],
        first_rows: Sequence[PurchaseRow] = (),
        first_lines: Lines = _NO_LINES,
        *,
        row_of: dict[str, int] | None = None,
    ) -> None:
        """The purchases ``ids`` in order, the first rows and their lines; ``row_of`` (each
        id's row, made off the UI thread) spares the UI thread a pass over every id."""
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = row_of
        self._rows, self._asked = {}, set()
        self._lines, self._lines_asked, self._childless = {}, set(), set()
        if self._store(0, first_rows):
            for purchase_id in self._ids[: len(first_rows)]:
                if purchase_id in first_lines:
                    self._keep_lines(purchase_id, first_lines[purchase_id])
        self.endResetModel()

    def fill(self, start: int, rows: Sequence[PurchaseRow], lines: Lines = _NO_LINES) -> None:
        """Rows and their lines fetched for the block at ``start`` (ignored if the ids changed
        meanwhile; a purchase left out of ``lines`` fetches its own when expanded)."""
        stored = self._store(start, rows)
        self._asked.discard(start // BLOCK_SIZE)
        if not stored:
            return
        last = start + len(rows) - 1
        self.dataChanged.emit(self.index(start, 0), self.index(last, len(self.columns) - 1))
        for row in rows:
            if row.id in lines and row.id not in self._lines:
                self._insert_lines(row.id, lines[row.id])
                if row.id in self._lines_asked:  # expanded before its block came
                    self._lines_asked.discard(row.id)
                    self.lines_inserted.emit(row.id)

    def _store(self, start: int, rows: Sequence[PurchaseRow]) -> bool:
        if self._ids[start : start + len(rows)] != [row.id for row in rows]:
            return False
        self._rows.update((start + offset, row) for offset, row in enumerate(rows))
        return True

    def set_lines(self, purchase_id: str, lines: Sequence[PurchaseLineRow]) -> None:
        """The lines fetched for a purchase (ignored unless asked for since the last reset)."""
        if purchase_id in self._lines_asked and purchase_id not in self._lines:
            self._lines_asked.discard(purchase_id)
            self._insert_lines(purchase_id, lines)
            self.lines_inserted.emit(purchase_id)

    def _insert_lines(self, purchase_id: str, lines: Sequence[PurchaseLineRow]) -> None:
        parent = self.index(self._row(purchase_id), 0)
        if lines:
            self.beginInsertRows(parent, 0, len(lines) - 1)
        self._keep_lines(purchase_id, lines)
        if lines:
            self.endInsertRows()

    def _keep_lines(self, purchase_id: str, lines: Sequence[PurchaseLineRow]) -> None:
        self._lines[purchase_id] = list(lines)
        if not lines:
            self._childless.add(self._row(purchase_id))

    def loaded_count(self) -> int:
        """How many purchase rows have been fetched (the rest are only ids)."""
        return len(self._rows)

    def loaded_rows(self) -> list[PurchaseRow]:
        """The purchase rows fetched so far, in no particular order."""
        return list(self._rows.values())

    def lines_loaded(self) -> int:
        """How many purchases have their lines in the model."""
        return len(self._lines)

    def purchase_id_of(self, index: AnyIndex) -> str:
        """The id of the purchase at ``index`` (a purchase's row, whether fetched or not)."""
        return self._ids[index.row()]

    def has_lines(self, index: AnyIndex) -> bool:
        """Whether the purchase at ``index`` has its lines in the model (none is fine too)."""
        purchase_id = self._purchase_id(index)
        return purchase_id is not None and purchase_id in self._lines

    def ids(self) -> list[str]:
        return list(self._ids)

    def row_at(self, row: int) -> PurchaseRow | None:
        return self._rows.get(row)

    def purchase_index(self, purchase_id: str) -> QModelIndex:
        row = self._row(purchase_id)
        return QModelIndex() if row is None else self.index(row, 0)

    def line_of(self, index: AnyIndex) -> PurchaseLineRow | None:
        """The line at ``index`` (None on a purchase's own row)."""
        if not index.isValid() or index.internalId() == _PURCHASE:
            return None
        return self._lines[self._ids[index.internalId() - 1]][index.row()]

    def purchase_of(self, index: AnyIndex) -> PurchaseRow | None:
        """The purchase a row or one of its lines belongs to (None if not fetched yet)."""
        if not index.isValid():
            return None
        purchase = index.parent() if index.internalId() != _PURCHASE else index
        return self._rows.get(purchase.row())

    def _row(self, purchase_id: str) -> int | None:
        if self._row_of is None:
            self._row_of = row_numbers(self._ids)
        return self._row_of.get(purchase_id)

    def _want(self, row: int) -> None:
        block = row // BLOCK_SIZE
        if block in self._asked:
            return
        self._asked.add(block)
        start = block * BLOCK_SIZE
        self.block_wanted.emit(start, self._ids[start : start + BLOCK_SIZE])

    def _purchase_id(self, parent: AnyIndex) -> str | None:
        """The purchase id whose lines are the children of ``parent``, if any can be."""
        if not parent.isValid() or parent.internalId() != _PURCHASE or parent.column() != 0:
            return None
        return self._ids[parent.row()]

    # Qt's model interface: structure

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Called for every row on each layout: plain checks, no hasIndex() round trips.
        if parent.isValid():
            return self._line_index(row, column, parent)
        if 0 <= row < len(self._ids) and 0 <= column < _COLUMNS:
            return self.createIndex(row, column, _PURCHASE)
        return QModelIndex()

    def _line_index(self, row: int, column: int, parent: AnyIndex) -> QModelIndex:
        if 0 <= row < self.rowCount(parent) and 0 <= column < _COLUMNS:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: AnyIndex | None = None) -> Any:
        if child is None:  # QObject.parent(): the same name, so answer for it too
            return QObject.parent(self)
        if not child.isValid() or child.internalId() == _PURCHASE:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, _PURCHASE)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        if not parent.isValid():
            return len(self._ids)
        purchase_id = self._purchase_id(parent)
        return len(self._lines.get(purchase_id, ())) if purchase_id is not None else 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.columns)

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        # Asked of every purchase on each layout: as few calls back into Qt as can answer.
        # The root and purchases have internal id 0; the root alone has row -1.
        if parent.internalId() != _PURCHASE:
            return False  # a line
        row = parent.row()
        if row < 0:
            return bool(self._ids)
        # Until its lines come, a purchase may have some: the view draws the expand arrow.
        return row not in self._childless and parent.column() == 0

    def canFetchMore(self, parent: AnyIndex) -> bool:
        purchase_id = self._purchase_id(parent)
        return (
            purchase_id is not None
            and purchase_id not in self._lines
            and purchase_id not in self._lines_asked
        )

    def fetchMore(self, parent: AnyIndex) -> None:
        if self.canFetchMore(parent):
            purchase_id = self._ids[parent.row()]
            self._lines_asked.add(purchase_id)
            self.lines_wanted.emit(purchase_id)

    # flags() is Qt's own (enabled, selectable): the view asks every row for them on each
    # layout, and an override in Python would be a call into Python per row.

    # Qt's model interface: contents

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.model() is not self:
            return None
        if index.internalId() != _PURCHASE:
            return self._line_data(index, role)
        row = self._rows.get(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(index.row())
            return None
        return self.cell(row, index.column(), role)

    def _line_data(self, index: AnyIndex, role: int) -> Any:
        line = self._lines[self._ids[index.internalId() - 1]][index.row()]
        column = LINE_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(line)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == ROW_ROLE:
            return line
        if role == Qt.ItemDataRole.ForegroundRole and line.quantity < 0:
            return QBrush(RETURN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return f"{line.sku} · {line.description}"
        return None

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        return self._look.extra_data(row, column, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(HISTORY_SORTS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.sort_requested.emit(HISTORY_SORTS[column], descending)
