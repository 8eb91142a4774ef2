"""Purchase history over a real cache: the lazy row cache, sorting and filtering by the cache,
totals of what is shown, the QtCharts spend chart, a purchase's lines on expand, and the tree
model checked by qtmodeltester.

One customer has 20,000 purchases (every 25th a return, every 3rd with a second line); rows
are fetched in blocks only as they are looked at, and lines only for a purchase opened."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDateEdit, QTreeView
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from frontdesk.adapters.cache.tables import (
    CachedCustomer,
    CachedProduct,
    CachedPurchase,
    CachedPurchaseLine,
)
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.services.queries import HistoryFilter
from frontdesk.ui.formatting import format_money
from frontdesk.ui.history_model import BLOCK_SIZE, LazyHistoryModel, load_history
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.models import RETURN_COLOR, ROW_ROLE
from frontdesk.ui.theme import apply_theme, dark_palette
from frontdesk.ui.widgets.spend_chart import month_series

WAIT_MS = 30_000  # a 20,000-purchase customer on a loaded two-core machine
COUNT = 20_000
T0 = datetime(2022, 1, 1, 8, 0, tzinfo=UTC)
CATEGORIES = {f"SKU{n}": ("Tea" if n < 5 else "Home") for n in range(20)}


def _purchase(i: int) -> dict:
    is_return = i % 25 == 0
    minor = 100 + (i * 7919) % 90_000
    return {
        "id": f"p{i:05d}",
        "number": f"{100000 + i}" + ("-R" if is_return else ""),
        "customer_id": "big",
        "purchased_at": T0 + timedelta(hours=i),
        "branch": ("Leeds", "York", "Hull")[i % 3],
        "currency": "GBP",
        "is_return": is_return,
        "original_number": f"{100000 + i - 1}" if is_return else None,
        "total_minor": -minor if is_return else minor,
        "seq": i + 10,
    }


#: Every third purchase also has gift wrap: a purchase with more than one line.
WRAP_MINOR = 50


def _lines(i: int) -> list[dict]:
    total = _purchase(i)["total_minor"]
    sign = -1 if i % 25 == 0 else 1
    wrap = sign * WRAP_MINOR if i % 3 == 0 else 0
    first = {
        "purchase_id": f"p{i:05d}",
        "line_no": 1,
        "sku": f"SKU{i % 20}",
        "description": f"Item {i % 20}",
        "quantity_milli": sign * (1 + i % 4) * 1000,
        "unit_price_scaled": 100_000,
        "line_total_minor": total - wrap,
    }
    if not wrap:
        return [first]
    gift = {"line_no": 2, "sku": "WRAP", "description": "Gift wrap", "quantity_milli": sign * 1000}
    return [first, first | gift | {"unit_price_scaled": 50_000, "line_total_minor": wrap}]


def _stored(i: int) -> dict:
    """The purchase as the replica stores it: with the item count of its lines."""
    return _purchase(i) | {
        "item_count": sum(abs(line["quantity_milli"]) // 1000 for line in _lines(i))
    }


PURCHASES = [_stored(i) for i in range(COUNT)]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    ctx = build_client(load_settings(data_dir=tmp_path_factory.mktemp("big") / "desk"))
    now = T0
    with ctx._database.writer() as session, session.begin():
        session.execute(
            insert(CachedCustomer),
            [
                {
                    "id": "big",
                    "account_number": "B-1",
                    "full_name": "Bertha Bigbuyer",
                    "phones": [],
                    "emails": [],
                    "loyalty_card": None,
                    "branch": "Leeds",
                    "notes": "",
                    "created_at": now,
                    "updated_at": now,
                    "seq": 1,
                    "name_fold": "bertha bigbuyer",
                    "emails_fold": "",
                    "phone_digits": "  ",
                }
            ],
        )
        products = [
            {"sku": sku, "name": f"Product {sku}", "category": category}
            | {"unit_price_scaled": 100_000, "currency": "GBP", "seq": 2}
            for sku, category in CATEGORIES.items()
        ]
        session.execute(insert(CachedProduct), products)
        session.execute(insert(CachedPurchase), PURCHASES)
        lines = [line for i in range(COUNT) for line in _lines(i)]
        session.execute(insert(CachedPurchaseLine), lines)
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    with qtbot.waitSignal(window.lines_shown, timeout=WAIT_MS):  # the newest opens on its lines
        window.open_customer("big")
    return window


def _expected(where=lambda p: True) -> list[dict]:
    return [p for p in PURCHASES if where(p)]


def _net(purchases: list[dict]) -> int:
    return sum(p["total_minor"] for p in purchases)


def _focus(qtbot: QtBot, view: QTreeView) -> None:
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=WAIT_MS)


def _cells(model: LazyHistoryModel, row: int, parent: QModelIndex) -> list[str]:
    return [model.index(row, column, parent).data() for column in range(model.columnCount())]


def test_twenty_thousand_purchases_fill_only_the_blocks_looked_at(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    panel = window.history_panel
    model = panel.history_model
    assert model.rowCount() == COUNT
    assert model.loaded_count() == BLOCK_SIZE  # the first block came with the ids
    assert model.lines_loaded() == BLOCK_SIZE  # lines come with their block
    newest = model.index(0, 0).data(ROW_ROLE)
    assert newest.id == f"p{COUNT - 1:05d}"
    target = model.index(12_345, 0)
    with qtbot.waitSignal(panel.block_filled, timeout=WAIT_MS):
        panel.history_view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
    qtbot.waitUntil(lambda: model.row_at(12_345) is not None, timeout=WAIT_MS)
    assert model.row_at(12_345).id == f"p{COUNT - 1 - 12_345:05d}"
    assert model.loaded_count() <= 5 * BLOCK_SIZE  # << 20,000: only what was on screen
    assert model.lines_loaded() == model.loaded_count()  # the lines of the blocks seen only
    totals = panel.totals_label.text()
    returns = COUNT // 25
    assert f"{COUNT - returns:,} purchases, {returns:,} returns" in totals
    net = Money.from_minor(_net(PURCHASES), "GBP")
    assert f"{net.amount:,}" in totals


def test_right_and_left_open_and_close_a_purchase_on_its_lines(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    panel, view = window.history_panel, window.history_panel.history_view
    model = panel.history_model
    newest = model.index(0, 0)
    assert view.isExpanded(newest) and model.rowCount(newest) == 1  # p19999: one line
    _focus(qtbot, view)
    assert view.currentIndex().row() == 0 and not view.currentIndex().parent().isValid()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert not view.isExpanded(newest)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    second = model.index(1, 0)  # p19998: 19998 % 3 == 0, so a gift-wrapped purchase
    assert view.currentIndex().row() == 1 and model.rowCount(second) == 2  # came with the block
    with qtbot.waitSignal(panel.lines_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert shown.args == [f"p{COUNT - 2:05d}"]
    assert view.isExpanded(second)
    item, wrap = _lines(COUNT - 2)
    first = _cells(model, 0, second)
    assert first[:2] == [item["description"], item["sku"]]
    assert first[2].endswith(" GBP each") and first[3] == str(item["quantity_milli"] // 1000)
    assert first[4] == format_money(Money.from_minor(item["line_total_minor"], "GBP"))
    assert _cells(model, 1, second)[:2] == [wrap["description"], wrap["sku"]]
    assert first[5] == ""  # a sale's line is not a return
    qtbot.keyClick(view, Qt.Key.Key_Right)  # into the open purchase: its first line
    assert view.currentIndex().parent() == second and view.currentIndex().row() == 0
    assert panel.current_purchase().id == f"p{COUNT - 2:05d}"
    qtbot.keyClick(view, Qt.Key.Key_Left)  # back up to the purchase
    assert view.currentIndex().row() == 1 and not view.currentIndex().parent().isValid()
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert not view.isExpanded(second)


def test_clicking_the_arrow_opens_a_return_on_its_returned_lines(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    panel, view = window.history_panel, window.history_panel.history_view
    model = panel.history_model
    row = 49  # p19950: a return (every 25th purchase) with gift wrap (every 3rd)
    purchase = model.index(row, 0)
    assert purchase.data(ROW_ROLE).is_return
    view.scrollTo(purchase)
    rect = view.visualRect(purchase)
    assert view.viewport().rect().contains(rect.center())
    arrow = QPoint(rect.left() - view.indentation() // 2, rect.center().y())
    with qtbot.waitSignal(panel.lines_shown, timeout=WAIT_MS):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=arrow)
    assert view.isExpanded(purchase)
    item, wrap = _lines(COUNT - 1 - row)
    for line, expected in enumerate((item, wrap)):
        cells = _cells(model, line, purchase)
        assert cells[3] == str(expected["quantity_milli"] // 1000)
        assert expected["quantity_milli"] < 0
        assert cells[5] == "↩ Returned"
        colour = model.index(line, 0, purchase).data(Qt.ItemDataRole.ForegroundRole).color()
        assert colour == RETURN_COLOR
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=arrow)
    assert not view.isExpanded(purchase)


def test_header_click_sorts_by_total_in_the_cache(qtbot: QtBot, client: ClientContext) -> None:
    window = _window(qtbot, client)
    panel = window.history_panel
    header = panel.history_view.header()
    x = header.sectionViewportPosition(4) + header.sectionSize(4) // 2
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    ordered = sorted(PURCHASES, key=lambda p: (p["total_minor"], p["purchased_at"], p["id"]))
    assert panel.history_model.ids() == [p["id"] for p in ordered]
    assert panel.history_model.index(0, 0).data(ROW_ROLE).is_return  # the biggest refund
    assert panel.history_model.loaded_count() == BLOCK_SIZE
    assert header.sortIndicatorSection() == 4
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert not panel.history_view.isExpanded(panel.history_model.index(0, 0))


def _type_date(qtbot: QtBot, edit: QDateEdit, day: QDate) -> None:
    """As an agent would: Up leaves "Any" for a date, then the digits in the field's order."""
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(edit, Qt.Key.Key_Up)
    digits = "".join(ch for ch in day.toString(edit.displayFormat()) if ch.isdigit())
    qtbot.keyClicks(edit, digits)
    assert edit.date() == day


def test_filters_by_typed_dates_product_and_category_with_totals_and_chart(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    panel = window.history_panel
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        _type_date(qtbot, panel.since_edit, QDate(2022, 3, 2))
        _type_date(qtbot, panel.until_edit, QDate(2022, 3, 31))
    qtbot.waitUntil(lambda: panel.current_filter().until == date(2022, 3, 31), timeout=WAIT_MS)
    march = _expected(lambda p: date(2022, 3, 2) <= p["purchased_at"].date() <= date(2022, 3, 31))
    assert panel.history_model.rowCount() == len(march)
    assert panel.chart.bar_values() == [_net(march)]
    assert panel.chart.month_labels == ["Mar 2022"]
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        qtbot.keyClicks(panel.product_edit, "sku7")
    sku7 = [p for p in march if int(p["id"][1:]) % 20 == 7]
    assert sorted(panel.history_model.ids()) == sorted(p["id"] for p in sku7)
    assert panel.chart.bar_values() == [_net(sku7)]
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.product_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(panel.product_edit, Qt.Key.Key_Delete)
    panel.category_combo.setFocus()
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.category_combo, Qt.Key.Key_Down)  # All -> Home
    assert panel.category_combo.currentText() == "Home"
    home = [p for p in march if int(p["id"][1:]) % 20 >= 5]
    assert panel.history_model.rowCount() == len(home)
    returns = sum(p["is_return"] for p in home)
    assert f"{len(home) - returns:,} purchases, {returns:,} returns" in panel.totals_label.text()
    assert [m for m, _ in panel.chart.series] == [date(2022, 3, 1)]
    assert panel.chart.bar_values() == [_net(home)]


def test_chart_shows_every_month_with_returns_below_the_line(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    chart = window.history_panel.chart
    months = sorted({p["purchased_at"].date().replace(day=1) for p in PURCHASES})
    assert [m for m, _ in chart.series] == months  # Jan 2022 .. Apr 2024, no month missing
    by_month = [
        _net(_expected(lambda p, m=m: p["purchased_at"].date().replace(day=1) == m)) for m in months
    ]
    assert chart.bar_values() == by_month
    assert len(chart.month_labels) <= 8 and chart.month_labels[0] == "Jan 2022"
    assert all(label.endswith(" GBP") for label in chart.value_labels)
    assert chart.chart().title() == "Spend per month (GBP)"
    assert chart.chart().axes()[0].labelsBrush().color() == chart.palette().color(
        QPalette.ColorRole.WindowText
    )


def test_chart_follows_the_dark_theme(qtbot: QtBot, client: ClientContext) -> None:
    window = _window(qtbot, client)
    chart = window.history_panel.chart
    app = QApplication.instance()
    dark = dark_palette()
    before = (QPalette(app.palette()), app.styleSheet())
    try:
        apply_theme(app, "dark")
        qtbot.waitUntil(
            lambda: chart.chart().backgroundBrush().color() == dark.color(QPalette.ColorRole.Base),
            timeout=WAIT_MS,
        )
        assert chart.chart().titleBrush().color() == dark.color(QPalette.ColorRole.WindowText)
        apply_theme(app, "light")
        qtbot.waitUntil(
            lambda: chart.chart().backgroundBrush().color().lightness() > 200, timeout=WAIT_MS
        )
    finally:  # as the other tests found the application
        app.setPalette(before[0])
        app.setStyleSheet(before[1])


def test_monthly_spend_and_totals_come_from_the_cache(client: ClientContext) -> None:
    page = load_history(client.queries, "big", where=HistoryFilter(until=date(2022, 2, 28)))
    early = _expected(lambda p: p["purchased_at"].date() <= date(2022, 2, 28))
    assert len(page.ids) == len(early)
    january = _net([p for p in early if p["purchased_at"].month == 1])
    assert page.months[0].month == date(2022, 1, 1)
    assert page.months[0].spend == Money.from_minor(january, "GBP")
    code, series = month_series(page.months)
    assert code == "GBP" and [m for m, _ in series] == [date(2022, 1, 1), date(2022, 2, 1)]
    assert page.categories == ["Home", "Tea"]


def _model_over(client: ClientContext, ids: list[str], *, with_lines: bool) -> LazyHistoryModel:
    queries = client.queries
    model = LazyHistoryModel()

    def block(start: int, wanted: list[str]) -> None:
        lines = queries.purchase_lines_of("big", wanted) if with_lines else {}
        model.fill(start, queries.purchases_by_id("big", wanted), lines)

    model.block_wanted.connect(block)
    first = ids[:BLOCK_SIZE]
    lines = queries.purchase_lines_of("big", first) if with_lines else {}
    model.set_ids(ids, queries.purchases_by_id("big", first), lines)
    return model


def test_lazy_tree_passes_the_model_tester(qtmodeltester, client: ClientContext) -> None:
    ids = client.queries.purchase_ids("big")[:450]
    model = _model_over(client, ids, with_lines=True)
    asked: list[str] = []
    model.lines_wanted.connect(asked.append)
    model.lines_wanted.connect(
        lambda purchase_id: model.set_lines(purchase_id, client.queries.purchase_lines(purchase_id))
    )
    qtmodeltester.check(model)  # walks every purchase, fetching what a view would
    for row in range(len(ids)):
        model.index(row, 1).data()  # asks for each block once; its lines come with it
    assert model.loaded_count() == len(ids)
    assert model.lines_loaded() == len(ids)
    assert asked and not set(asked) & set(ids[:BLOCK_SIZE])  # the first block had its lines
    assert [model.rowCount(model.index(row, 0)) for row in range(3)] == [1, 2, 1]
    assert model.rowCount(model.index(0, 1)) == 0  # lines hang under the first column only
    qtmodeltester.check(model)
    model.set_ids([])
    qtmodeltester.check(model)


def test_lines_arriving_later_pass_the_model_tester(qtmodeltester, client: ClientContext) -> None:
    ids = client.queries.purchase_ids("big")[:30]
    model = _model_over(client, ids, with_lines=False)
    wanted: list[str] = []
    model.lines_wanted.connect(wanted.append)
    qtmodeltester.check(model)  # asks for every purchase's lines; none has come back yet
    assert sorted(wanted) == sorted(ids)
    assert model.canFetchMore(model.index(0, 0)) is False  # asked once, not again
    answered = wanted[::2]
    for purchase_id in answered:  # answers come back while the tester watches
        model.set_lines(purchase_id, client.queries.purchase_lines(purchase_id))
    assert model.lines_loaded() == len(answered)
    qtmodeltester.check(model)
    late = next(i for i in ids if i not in answered)
    model.set_ids([])
    model.set_lines(late, client.queries.purchase_lines(late))  # from before the reset
    assert model.lines_loaded() == 0
    qtmodeltester.check(model)
