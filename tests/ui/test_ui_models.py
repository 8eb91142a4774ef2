"""The item models pass Qt's model tester and sort by exact values, not by display text."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from ui_fakes import FakeCustomerQueries

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.read_models import PurchaseLineRow, PurchaseRow
from frontdesk.ui.history_model import LazyHistoryModel
from frontdesk.ui.models import (
    ROW_ROLE,
    PurchaseHistoryModel,
    RowSortProxy,
    SearchResultsModel,
)


def test_search_results_model_passes_the_model_tester(qtmodeltester, fake_queries) -> None:
    model = SearchResultsModel()
    model.set_rows(fake_queries.search("o"))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() > 3
    assert model.index(0, 0).data() == "Ирина Сергеевна Волкова"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Phone"


def test_empty_models_pass_the_model_tester(qtmodeltester) -> None:
    for model in (SearchResultsModel(), PurchaseHistoryModel(), LazyHistoryModel()):
        qtmodeltester.check(model, force_py=True)


def test_history_proxy_passes_the_model_tester_while_sorted(qtmodeltester, fake_queries) -> None:
    model = PurchaseHistoryModel()
    model.set_rows(fake_queries.purchases("c-2"))
    proxy = RowSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(4, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(proxy, force_py=True)


def test_lines_under_a_purchase_show_exact_prices_totals_and_returns(qtmodeltester) -> None:
    price = UnitPrice.of("1.695", "GBP")  # a sub-penny unit price, as in the retail data
    lines = [
        PurchaseLineRow(1, "84879", "ASSORTED COLOUR BIRD ORNAMENT", 3, price, price.line_total(3)),
        PurchaseLineRow(
            2, "84879", "ASSORTED COLOUR BIRD ORNAMENT", -1, price, price.line_total(-1)
        ),
    ]
    purchase = PurchaseRow(
        "p-1",
        "536365",
        datetime(2010, 12, 1, 8, 26, tzinfo=UTC),
        "London",
        False,
        None,
        4,
        Money.of("3.39", "GBP"),
    )
    model = LazyHistoryModel()
    model.lines_wanted.connect(lambda purchase_id: model.set_lines(purchase_id, lines))
    model.set_ids([purchase.id], [purchase])
    qtmodeltester.check(model, force_py=True)  # fetches the purchase's lines as it walks
    parent = model.index(0, 0)
    assert [model.index(0, c, parent).data() for c in range(6)] == [
        "ASSORTED COLOUR BIRD ORNAMENT",
        "84879",
        "1.695 GBP each",
        "3",
        "5.09 GBP",
        "",
    ]
    returned = [model.index(1, c, parent).data() for c in range(6)]
    assert returned[3:] == ["-1", "-1.70 GBP", "↩ Returned"]
    assert model.index(1, 4, parent).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(0, 4, parent).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 0, parent).data(ROW_ROLE) == lines[1]


def test_money_sorts_by_amount_not_by_text(fake_queries: FakeCustomerQueries) -> None:
    model = PurchaseHistoryModel()
    model.set_rows(fake_queries.purchases("c-1"))  # RUB totals in the thousands
    proxy = RowSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(4, Qt.SortOrder.DescendingOrder)
    amounts = [proxy.index(r, 4).data(ROW_ROLE).total.amount for r in range(proxy.rowCount())]
    texts = [proxy.index(r, 4).data() for r in range(proxy.rowCount())]
    assert amounts == sorted(amounts, reverse=True)
    assert texts != sorted(texts, reverse=True)  # text order would have been wrong


def test_invoice_numbers_sort_numerically() -> None:
    when = datetime(2024, 1, 1, tzinfo=UTC)
    rows = [
        PurchaseRow(n, n, when, "", False, None, 1, Money.of(1, "GBP"))
        for n in ("10", "9", "C11", "A-7")
    ]
    model = PurchaseHistoryModel()
    model.set_rows(rows)
    proxy = RowSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 1).data() for r in range(4)] == ["9", "10", "C11", "A-7"]


def test_a_purchase_without_lines_loses_its_arrow_until_the_ids_change(qtmodeltester) -> None:
    when = datetime(2024, 1, 1, tzinfo=UTC)
    rows = [
        PurchaseRow(f"p{n}", f"{n}", when, "", False, None, 0, Money.of(0, "GBP")) for n in (1, 2)
    ]
    model = LazyHistoryModel()
    model.set_ids(["p1", "p2"], rows, {"p1": []})  # p1's lines came: none; p2's are not known
    assert [model.hasChildren(model.index(row, 0)) for row in (0, 1)] == [False, True]
    assert not model.hasChildren(model.index(1, 2))  # lines hang under the first column only
    answer = model.lines_wanted.connect(lambda purchase_id: model.set_lines(purchase_id, []))
    qtmodeltester.check(model, force_py=True)  # asks for p2's lines: none either
    assert [model.hasChildren(model.index(row, 0)) for row in (0, 1)] == [False, False]
    model.lines_wanted.disconnect(answer)  # the tester asks again after the reset: no answer
    model.set_ids(["p2", "p1"])  # a new order: nothing known about either yet
    assert [model.hasChildren(model.index(row, 0)) for row in (0, 1)] == [True, True]
    assert model.hasChildren() and not LazyHistoryModel().hasChildren()
