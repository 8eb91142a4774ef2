"""Long product names in the history's lines, over a real cache filled through the replica:
the whole name in the cell's tooltip, the name elided at its end (a purchase number in its
middle), and the first column widened for the names into the room the last one does not
need, with no column pushed out of sight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QToolTip, QTreeView
from pytestqt.qtbot import QtBot

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import CustomerPublic, PullPage, PurchaseLinePublic, PurchasePublic
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 30_000
T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
LONG = "REGENCY CAKESTAND 3 TIER IN ANTIQUE IVORY WITH GOLD TRIM AND MATCHING SAUCERS FOR SIX"
NAMES = (LONG, "Mug", "WHITE HANGING HEART T-LIGHT HOLDER, LARGE, WITH GIFT BOX")


def _purchase(n: int) -> PurchasePublic:
    lines = [
        PurchaseLinePublic(
            line_no=i + 1,
            sku=f"SKU{n}-{i}",
            description=name,
            quantity=str(i + 1),
            unit_price="2.50",
            line_total=str(Decimal("2.50") * (i + 1)),
        )
        for i, name in enumerate(NAMES)
    ]
    return PurchasePublic(
        id=f"p{n}",
        number=f"N{n:07d}",
        customer_id="c1",
        purchased_at=T0 + timedelta(days=n),
        branch="London, Oxford Street",
        currency="GBP",
        is_return=False,
        original_number=None,
        total=str(sum(Decimal(line.line_total) for line in lines)),
        lines=lines,
        seq=10 + n,
    )


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    ctx = build_client(load_settings(data_dir=tmp_path_factory.mktemp("long") / "desk"))
    ann = CustomerPublic(
        id="c1",
        account_number="A00001",
        full_name="Ann Longnames",
        phones=[],
        emails=[],
        loyalty_card=None,
        branch="London, Oxford Street",
        notes="",
        created_at=T0,
        updated_at=T0,
        seq=1,
    )
    page = PullPage(
        cursor=100, has_more=False, customers=[ann], purchases=[_purchase(n) for n in range(5)]
    )
    with ctx.uow as uow:
        uow.replica.apply(page)
        uow.commit()
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext, width: int) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.resize(width, 800)
    window.show()
    with qtbot.waitSignal(window.lines_shown, timeout=WAIT_MS):  # the newest opens on its lines
        window.open_customer("c1")
    window.customer_tabs.setCurrentWidget(window.history_panel)
    return window


def _line(view: QTreeView, row: int):
    model = view.model()
    return model.index(row, 0, model.index(0, 0))


def _sections(view: QTreeView) -> list[int]:
    return [view.header().sectionSize(c) for c in range(view.header().count())]


@pytest.mark.qt_log_ignore("^This plugin does not support raise\\(\\)$")  # the tooltip, offscreen
def test_hovering_a_long_name_shows_it_whole_in_a_tooltip(qtbot: QtBot, client) -> None:
    view = _window(qtbot, client, 1280).history_panel.history_view
    cell = view.visualRect(_line(view, 0))
    assert view.fontMetrics().horizontalAdvance(LONG) > cell.width()  # it does not fit
    at = cell.center()
    event = QHelpEvent(QEvent.Type.ToolTip, at, view.viewport().mapToGlobal(at))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=WAIT_MS)
    assert QToolTip.text() == f"SKU4-0 · {LONG}"
    QToolTip.hideText()


def test_a_name_is_elided_at_its_end_and_a_purchase_number_in_its_middle(
    qtbot: QtBot, client
) -> None:
    view = _window(qtbot, client, 1280).history_panel.history_view
    modes = {}
    for name, index in (("line", _line(view, 0)), ("purchase", view.model().index(0, 1))):
        option = QStyleOptionViewItem()
        option.textElideMode = view.textElideMode()  # as the view hands it to the delegate
        view.itemDelegate().initStyleOption(option, index)
        modes[name] = option.textElideMode
    assert modes == {
        "line": Qt.TextElideMode.ElideRight,
        "purchase": Qt.TextElideMode.ElideMiddle,
    }


@pytest.mark.parametrize("width", [1280, 1800])
def test_names_widen_the_first_column_with_every_column_in_sight(
    qtbot: QtBot, client, width: int
) -> None:
    view = _window(qtbot, client, width).history_panel.history_view
    header = view.header()
    date = view.model().index(0, 0).data()
    date_width = view.fontMetrics().horizontalAdvance(date)
    assert header.sectionSize(0) > date_width + 3 * view.indentation()  # widened for names
    assert sum(_sections(view)) <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    title = view.model().headerData(5, Qt.Orientation.Horizontal)
    title_width = view.fontMetrics().horizontalAdvance(title)
    assert header.sectionSize(5) >= title_width  # the last column's own title still shows
    wide = view.fontMetrics().horizontalAdvance(NAMES[2]) + 2 * view.indentation()
    if width == 1800:  # room enough: the shorter long name shows whole
        assert header.sectionSize(0) >= wide


def test_a_narrower_window_gives_the_names_less_room_and_keeps_every_column(
    qtbot: QtBot, client
) -> None:
    window = _window(qtbot, client, 1800)
    view = window.history_panel.history_view
    wide = view.header().sectionSize(0)
    window.resize(1200, 800)
    qtbot.waitUntil(lambda: view.header().sectionSize(0) < wide, timeout=WAIT_MS)
    assert sum(_sections(view)) <= view.viewport().width()
    assert not view.horizontalScrollBar().isVisible()
    window.resize(1800, 800)
    qtbot.waitUntil(lambda: view.header().sectionSize(0) == wide, timeout=WAIT_MS)
