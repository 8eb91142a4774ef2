"""The history's flat virtual table: purchases and the lines of those opened as rows, so a
new sort or filter of any size costs the UI thread a reset and a screenful, not a pass over
every purchase in Python (which a tree view's layout makes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.read_models import PurchaseLineRow, PurchaseRow
from frontdesk.ui.history_model import LazyHistoryModel, row_numbers
from frontdesk.ui.widgets.history_columns import LINE_ROLE
from frontdesk.ui.widgets.history_table import FlatHistoryModel, HistoryTable

T0 = datetime(2024, 1, 1, tzinfo=UTC)
PRICE = UnitPrice.of("2.50", "GBP")


def _row(n: int) -> PurchaseRow:
    return PurchaseRow(f"p{n}", f"{100000 + n}", T0 + timedelta(hours=n), "Leeds", False, None,
                       2, Money.from_minor(250 * (n % 3 + 1), "GBP"))  # fmt: skip


def _lines(n: int, count: int) -> list[PurchaseLineRow]:
    return [PurchaseLineRow(k, f"SKU{n}-{k}", f"Item {n}.{k}", 1, PRICE, PRICE.line_total(1))
            for k in range(1, count + 1)]  # fmt: skip


def _tree(count: int, *, lines: int = 2) -> LazyHistoryModel:
    rows = {f"p{n}": _row(n) for n in range(count)}
    tree = LazyHistoryModel()
    tree.block_wanted.connect(lambda start, ids: tree.fill(
        start, [rows[i] for i in ids], {i: _lines(int(i[1:]), lines) for i in ids}))  # fmt: skip
    tree.rows_for_test = rows  # type: ignore[attr-defined]
    return tree


def _show(tree: LazyHistoryModel, ids: list[str], *, row_of: bool = True) -> None:
    first = ids[:100]
    rows = tree.rows_for_test  # type: ignore[attr-defined]
    tree.set_ids(ids, [rows[i] for i in first], {i: _lines(int(i[1:]), 2) for i in first},
                 row_of=row_numbers(ids) if row_of else None)  # fmt: skip


def test_open_purchases_show_their_lines_under_them_and_pass_the_model_tester(
    qtmodeltester,
) -> None:
    tree = _tree(6)
    flat = FlatHistoryModel(tree)
    _show(tree, [f"p{n}" for n in range(6)])
    qtmodeltester.check(flat, force_py=True)  # and it watches every change below
    flat.open(1)
    flat.open(4)
    assert flat.rowCount() == 6 + 2 + 2
    cells = [flat.index(r, 0).data() for r in range(flat.rowCount())]
    assert cells[1].startswith("▾ ") and cells[0].startswith("▸ ")
    assert cells[2:4] == ["    Item 1.1", "    Item 1.2"]
    assert [flat.locate(r) for r in (5, 6, 7, 8, 9)] == [(3, -1), (4, -1), (4, 0), (4, 1), (5, -1)]
    assert flat.index(7, 1).data() == "SKU4-1"
    assert flat.index(7, 0).data(LINE_ROLE) is True and flat.index(6, 0).data(LINE_ROLE) is False
    # Each flat row and the tree index it shows map onto each other.
    for row in range(flat.rowCount()):
        assert flat.from_tree(flat.to_tree(flat.index(row, 2))).row() == row
    flat.close(1)
    assert flat.rowCount() == 8 and flat.locate(5) == (4, 0)


def test_a_purchase_opened_before_its_lines_came_shows_them_when_they_come(qtmodeltester) -> None:
    tree = LazyHistoryModel()
    flat = FlatHistoryModel(tree)
    tree.set_ids(["p1", "p2"], [_row(1), _row(2)], {})  # rows, but no lines yet
    asked: list[str] = []
    tree.lines_wanted.connect(asked.append)
    flat.open(1)
    tree.fetchMore(tree.index(1, 0))
    assert asked == ["p2"] and flat.rowCount() == 2
    tree.set_lines("p2", _lines(2, 3))
    assert flat.rowCount() == 5 and flat.index(2, 0).data() == "    Item 2.1"
    qtmodeltester.check(flat, force_py=True)


def test_a_sort_or_filter_of_100k_purchases_asks_python_for_a_screenful_only(qtbot: QtBot) -> None:
    view = HistoryTable(None, name="historyView", accessible="History")
    qtbot.addWidget(view)
    tree = _tree(100_000)
    tree.setParent(view)
    view.setModel(tree)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    ids = list(tree.rows_for_test)  # type: ignore[attr-defined]
    calls = {"index": 0, "data": 0, "hasChildren": 0}
    for name in calls:
        original = getattr(LazyHistoryModel, name)

        def counted(self, *args, _name=name, _original=original):
            calls[_name] += 1
            return _original(self, *args)

        setattr(tree, name, counted.__get__(tree))
    for order in (ids[::-1], ids[::2]):  # a new sort, then a filter
        for name in calls:
            calls[name] = 0
        _show(tree, order)
        view.viewport().repaint()
        QApplication.processEvents()
        # A tree view would ask every one of the 100,000 (or 50,000) rows; a table asks only
        # for the rows it paints.
        assert 0 < max(calls.values()) < 5_000, calls
    assert view.model() is tree and tree.rowCount() == 50_000


def test_right_and_left_open_a_purchase_step_into_its_lines_and_back(qtbot: QtBot) -> None:
    view = HistoryTable(None, name="historyView", accessible="History")
    qtbot.addWidget(view)
    tree = _tree(30)
    tree.setParent(view)
    view.setModel(tree)
    view.show()
    _show(tree, [f"p{n}" for n in range(30)])
    view.setFocus()
    view.setCurrentIndex(tree.index(2, 0))
    with qtbot.waitSignal(view.expanded):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.isExpanded(tree.index(2, 0)) and view.flat.rowCount() == 32
    qtbot.keyClick(view, Qt.Key.Key_Right)  # into its first line
    assert tree.line_of(view.currentIndex()).sku == "SKU2-1"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert tree.line_of(view.currentIndex()).sku == "SKU2-2"
    qtbot.keyClick(view, Qt.Key.Key_Left)  # back to its purchase
    assert view.currentIndex() == tree.index(2, 0)
    with qtbot.waitSignal(view.collapsed):
        qtbot.keyClick(view, Qt.Key.Key_Left)
    assert not view.isExpanded(tree.index(2, 0)) and view.flat.rowCount() == 30
    # A new order of the ids closes every purchase, as a tree's reset does.
    view.expand(tree.index(0, 0))
    _show(tree, [f"p{n}" for n in range(29, -1, -1)])
    assert not view.isExpanded(tree.index(0, 0)) and view.flat.rowCount() == 30
