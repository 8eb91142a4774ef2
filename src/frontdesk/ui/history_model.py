"""The purchase history as a lazy row cache (Anki's browser table, in miniature).

The model holds the ids of every purchase the filter shows, in the order the cache sorted
them, and only the rows that have been looked at. A row not yet fetched asks for its block
(``block_wanted``); the panel fetches the block in a background operation and hands it back
with ``fill``. Sorting is the cache's job too: a header click asks for the ids again in the
new order (``sort_requested``) instead of sorting every row in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal

from frontdesk.services.queries import (
    ALL_PURCHASES,
    HISTORY_SORTS,
    AbstractCustomerQueries,
    HistoryFilter,
    HistoryTotals,
    MonthSpend,
)
from frontdesk.services.read_models import PurchaseRow
from frontdesk.ui.models import AnyIndex, ColumnTableModel, PurchaseHistoryModel

#: Rows fetched in one go: a screenful or two, one quick query by primary key.
BLOCK_SIZE = 100


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """One answer to "show this customer's history like so": made off the UI thread."""

    customer_id: str
    where: HistoryFilter
    sort: str
    descending: bool
    ids: list[str]
    first_rows: list[PurchaseRow]
    totals: HistoryTotals
    months: list[MonthSpend]
    categories: list[str]


def load_history(
    queries: AbstractCustomerQueries,
    customer_id: str,
    *,
    where: HistoryFilter = ALL_PURCHASES,
    sort: str = "date",
    descending: bool = True,
) -> HistoryPage:
    """Everything the history panel needs for one filter and order (a background op)."""
    ids = queries.purchase_ids(customer_id, where=where, sort=sort, descending=descending)
    return HistoryPage(
        customer_id=customer_id,
        where=where,
        sort=sort,
        descending=descending,
        ids=ids,
        first_rows=queries.purchases_by_id(customer_id, ids[:BLOCK_SIZE]),
        totals=queries.history_totals(customer_id, where=where),
        months=queries.monthly_spend(customer_id, where=where),
        categories=queries.purchase_categories(customer_id),
    )


class LazyHistoryModel(ColumnTableModel):
    """Purchase ids in the cache's order, with their rows filled in blocks as they are seen.

    Signals:
        block_wanted(int, object): rows from this index, for these ids, are wanted
            (asked once per block until ``fill`` answers or the ids change).
        sort_requested(str, bool): the view asked for this order (sort key, descending).
    """

    block_wanted = Signal(int, object)
    sort_requested = Signal(str, bool)

    columns = PurchaseHistoryModel.columns
    context = PurchaseHistoryModel.context

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: list[str] = []
        self._rows: dict[int, PurchaseRow] = {}
        self._asked: set[int] = set()
        self._look = PurchaseHistoryModel(self)  # colours and tooltips of a row

    # Filling

    def set_ids(self, ids: Sequence[str], first_rows: Sequence[PurchaseRow] = ()) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._rows, self._asked = {}, set()
        self._store(0, first_rows)
        self.endResetModel()

    def fill(self, start: int, rows: Sequence[PurchaseRow]) -> None:
        """Rows fetched for the block at ``start`` (ignored if the ids changed meanwhile)."""
        stored = self._store(start, rows)
        self._asked.discard(start // BLOCK_SIZE)
        if stored:
            last = start + len(rows) - 1
            self.dataChanged.emit(self.index(start, 0), self.index(last, len(self.columns) - 1))

    def _store(self, start: int, rows: Sequence[PurchaseRow]) -> bool:
        if self._ids[start : start + len(rows)] != [row.id for row in rows]:
            return False
        self._rows.update((start + offset, row) for offset, row in enumerate(rows))
        return True

    def loaded_count(self) -> int:
        """How many rows have been fetched (the rest are only ids)."""
        return len(self._rows)

    def ids(self) -> list[str]:
        return list(self._ids)

    def row_at(self, row: int) -> PurchaseRow | None:
        return self._rows.get(row)

    def _want(self, row: int) -> None:
        block = row // BLOCK_SIZE
        if block in self._asked:
            return
        self._asked.add(block)
        start = block * BLOCK_SIZE
        self.block_wanted.emit(start, self._ids[start : start + BLOCK_SIZE])

    # Qt's model interface

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows.get(index.row())
        if row is None:
            if role == Qt.ItemDataRole.DisplayRole:
                self._want(index.row())
            return None
        return self.cell(row, index.column(), role)

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        return self._look.extra_data(row, column, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(HISTORY_SORTS):
            descending = order == Qt.SortOrder.DescendingOrder
            self.sort_requested.emit(HISTORY_SORTS[column], descending)
