"""Orders in the window over a real cache, driven by keys: the 360's Orders tab with its late
mark, the order view and its where-is-it line, a cancellation request, the phone-order
dialog (barcode, words, quantity, Ctrl+Enter), the order search, order events on the
timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from case_desk import CUSTOMER
from order_desk import MUG_BARCODE, PICKING, SHIPPED, TRACKING, desk_orders, fill_order_desk
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_drive import open_by_keys, type_text

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.orders.order_view import CancelDialog

WAIT_MS = 10_000
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_order_desk(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_orders(desk_orders(client))
    window.show()
    return window


def _outbox(client: ClientContext) -> list[tuple[str, dict]]:
    with client.uow as uow:
        return [(e.kind, e.payload) for e in uow.outbox.pending(limit=100)]


def _open_customer(qtbot: QtBot, window: MainWindow) -> None:
    open_by_keys(qtbot, window, CUSTOMER)
    tab = window.orders_ui.tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=WAIT_MS)


def _focused(qtbot: QtBot, dialog, widget) -> None:
    """The dialog opened and active, the keyboard in ``widget``."""
    dialog.activateWindow()
    qtbot.waitUntil(widget.hasFocus, timeout=WAIT_MS)


def _cells(model, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_orders_tab_lists_the_customers_orders_newest_first_with_a_late_mark(
    qtbot, window, qtmodeltester
) -> None:
    _open_customer(qtbot, window)
    tab = window.orders_ui.tab
    qtmodeltester.check(tab.model)
    assert [tab.model.index(r, 0).data() for r in range(3)] == [PICKING, SHIPPED, "WEB-099001"]
    shipped = _cells(tab.model, 1)
    assert shipped[2] == "Shipped" and shipped[3] == "23.00 GBP"
    assert shipped[5] == "⚠ 1 day late"  # in words and with a sign, not in colour alone
    assert _cells(tab.model, 0)[5] == "" and _cells(tab.model, 2)[5] == ""
    assert tab.summary.text() == "Orders: 3 · 1 late ⚠"
    # Alt+R brings the tab forward; Enter on the late order opens it.
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert window.customer_tabs.currentWidget() is tab
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.orders_ui.flows.order_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert shown.args == [SHIPPED]
    view = window.orders_ui.flows.view
    assert view.where_label.text() == (
        f"Shipped with DPD on 3 Dec, tracking {TRACKING}, promised 5 Dec — ⚠ 1 day late"
    )
    assert [view.lines.index(r, 0).data() for r in range(2)] == ["MUG-01", "TEA-EG"]
    assert view.lines.index(1, 2).data() == "0.25"
    assert view.events.rowCount() == 4
    assert not view.cancel_button.isEnabled()  # shipped: only a return now


def test_a_cancellation_is_requested_by_keys(qtbot, window, client) -> None:
    with qtbot.waitSignal(window.orders_ui.flows.order_shown, timeout=WAIT_MS):
        window.orders_ui.flows.open_order(PICKING)
    view = window.orders_ui.flows.view
    assert view.cancel_button.isEnabled()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=WAIT_MS)
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Request ca&ncellation
    # A mnemonic clicks the button after its animation.
    qtbot.waitUntil(lambda: view.findChild(CancelDialog) is not None, timeout=WAIT_MS)
    asked = view.findChild(CancelDialog)
    qtbot.waitUntil(asked.reason_edit.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(asked.reason_edit, Qt.Key.Key_Return)  # no reason: said so, not sent
    assert asked.error_label.isVisible() and _outbox(client) == []
    type_text(qtbot, asked.reason_edit, "Found it cheaper")
    with qtbot.waitSignal(window.orders_ui.flows.order_shown, timeout=WAIT_MS):
        qtbot.keyClick(asked.reason_edit, Qt.Key.Key_Return)
    [(kind, payload)] = _outbox(client)
    assert kind == "order.cancel_request" and payload["reason"] == "Found it cheaper"
    again = window.orders_ui.flows.view
    assert not again.cancel_button.isEnabled()
    assert again.events.index(again.events.rowCount() - 1, 1).data() == "Cancellation requested"
    assert again.events.index(again.events.rowCount() - 1, 3).data().startswith("Not sent yet")


def test_a_phone_order_is_taken_by_keys(qtbot, window, client) -> None:
    _open_customer(qtbot, window)
    flows = window.orders_ui.flows
    with qtbot.waitSignal(flows.phone_order_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = flows.phone_order
    edit, quantity = dialog.product_edit, dialog.quantity_edit
    _focused(qtbot, dialog, edit)
    # A scanner types the barcode and Enter.
    with qtbot.waitSignal(dialog.products_shown, timeout=WAIT_MS):
        type_text(qtbot, edit, MUG_BARCODE + "\r")
    # A SKU with a weight: Tab to Qty, 0.5, Enter.
    type_text(qtbot, edit, "TEA-EG")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert quantity.hasFocus()
    qtbot.keyClick(quantity, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, quantity, "0.5")
    with qtbot.waitSignal(dialog.products_shown, timeout=WAIT_MS):
        qtbot.keyClick(quantity, Qt.Key.Key_Return)
    # Words of a name: two mugs; the second, picked from the list, is on a line already.
    assert edit.hasFocus()
    type_text(qtbot, edit, "mug")
    with qtbot.waitSignal(dialog.products_shown, timeout=WAIT_MS):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.choices.isVisible() and dialog.choices.hasFocus()
    assert dialog.choices.item(1).text() == "MUG-01 · Stoneware mug · 8.50 GBP"
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.choices, Qt.Key.Key_Return)
    assert [(line.sku, str(line.quantity)) for line in dialog.lines()] == [
        ("MUG-01", "2"), ("TEA-EG", "0.5")]  # fmt: skip
    assert dialog.total_label.text() == "Total: 29.00 GBP"
    # Delete removes the line picked.
    dialog.lines_view.setFocus()
    dialog.lines_view.setCurrentIndex(dialog.model.index(1, 0))
    qtbot.keyClick(dialog.lines_view, Qt.Key.Key_Delete)
    assert dialog.total_label.text() == "Total: 17.00 GBP"
    with qtbot.waitSignal(flows.order_written, timeout=WAIT_MS):
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [(kind, payload)] = _outbox(client)
    assert kind == "order.place" and payload["number"] == "D7-O00001"
    assert payload["customer_id"] == CUSTOMER and payload["total"] == "17"
    tab = window.orders_ui.tab
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=WAIT_MS)
    assert _cells(tab.model, 0)[0] == "D7-O00001"
    assert _cells(tab.model, 0)[2] == "Waiting for the server"


def test_a_bad_quantity_or_an_unknown_product_is_said_in_the_dialog(qtbot, window) -> None:
    _open_customer(qtbot, window)
    flows = window.orders_ui.flows
    with qtbot.waitSignal(flows.phone_order_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = flows.phone_order
    _focused(qtbot, dialog, dialog.product_edit)
    dialog.quantity_edit.setText("0")
    type_text(qtbot, dialog.product_edit, "MUG-01\r")
    assert dialog.error_label.text() == "Quantity: must be more than 0, got 0"
    assert dialog.quantity_edit.hasFocus() and dialog.lines() == []
    dialog.quantity_edit.setText("1")
    dialog.product_edit.setText("NO-SUCH")
    with qtbot.waitSignal(dialog.products_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.product_edit, Qt.Key.Key_Return)
    assert "No product “NO-SUCH”" in dialog.error_label.text()
    assert not dialog.take_button.isEnabled()


def test_a_line_over_the_branchs_stock_is_warned_of_and_kept(qtbot, window) -> None:
    """The desk's figure may be old, so the line stays; the agent hears it may be refused."""
    _open_customer(qtbot, window)
    flows = window.orders_ui.flows
    with qtbot.waitSignal(flows.phone_order_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = flows.phone_order
    _focused(qtbot, dialog, dialog.product_edit)
    dialog.quantity_edit.setText("3")
    dialog.product_edit.setText("VASE-BL")
    with qtbot.waitSignal(dialog.products_shown, timeout=WAIT_MS):
        qtbot.keyClick(dialog.product_edit, Qt.Key.Key_Return)
    assert [(line.sku, str(line.quantity)) for line in dialog.lines()] == [("VASE-BL", "3")]
    assert dialog.error_label.text() == (
        "Only 1 of VASE-BL at this branch by the last stock figure: the server may refuse "
        "the order.")  # fmt: skip
    assert dialog.take_button.isEnabled()


def test_an_order_is_found_by_its_tracking_number_from_the_main_window(qtbot, window) -> None:
    flows = window.orders_ui.flows
    with qtbot.waitSignal(flows.search_shown, timeout=WAIT_MS):
        qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    search = flows.search
    _focused(qtbot, search, search.edit)
    with qtbot.waitSignal(search.found, timeout=WAIT_MS) as found:
        type_text(qtbot, search.edit, "1z999 aa1 0123 456 784\r")
    assert found.args == [1] and search.summary.text().startswith("Found by tracking number.")
    assert search.view.hasFocus()
    with qtbot.waitSignal(flows.order_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(search.view, Qt.Key.Key_Return)
    assert shown.args == [SHIPPED]


def test_order_events_are_on_the_timeline_and_open_their_order(qtbot, window) -> None:
    _open_customer(qtbot, window)
    timeline = window.timeline_panel
    model = timeline.model
    rows = [r for r in range(model.rowCount()) if model.event_at(r).is_order]
    assert [model.index(r, 1).data() for r in rows[:2]] == ["Order being picked", "Order placed"]
    assert model.index(rows[0], 2).data() == PICKING
    timeline.view.setCurrentIndex(model.index(rows[0], 0))
    with qtbot.waitSignal(window.orders_ui.flows.order_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(timeline.view, Qt.Key.Key_Return)
    assert shown.args == [PICKING]
