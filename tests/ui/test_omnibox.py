"""One search box for every kind, over a real desk cache, driven by keys: a receipt number,
an order number, a case number, a barcode and a name each open their own view; a query that
finds several kinds lists them under headings, the arrows stepping over the headings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from case_desk import CUSTOMER, OVERDUE_CASE, desk_cases
from order_desk import MUG_BARCODE, NOW, SHIPPED, TRACKING, desk_orders, fill_order_desk
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_drive import activate, type_text

from frontdesk import cli
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.domain.query_kinds import Kind
from frontdesk.domain.till import Purpose, Tender
from frontdesk.services.omnibox import Omnibox
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.omnibox_flows import ReceiptDialog

WAIT_MS = 10_000
RECEIPT = "SHOP1-00000001"


def _pay(client: ClientContext) -> str:
    desk = client.till_desk(register="SHOP1")
    desk.open_shift(Money.of("50", "GBP"))
    paid = desk.pay(amount=Money.of("12.50", "GBP"), tenders=[(Tender.CASH, Money.of("20",
                    "GBP"))], customer_id=CUSTOMER, purpose=Purpose.PURCHASE,
                    key="00000000-0000-4000-8000-0000000000b1")  # fmt: skip
    return paid.receipt_no


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_order_desk(ctx)
    assert _pay(ctx) == RECEIPT
    yield ctx
    ctx.close()


def _omnibox(client: ClientContext) -> Omnibox:
    return Omnibox(client.queries, cases=desk_cases(client), orders=desk_orders(client),
                   catalogue=client.catalogue(), receipt=client.find_receipt)  # fmt: skip


@pytest.fixture
def window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client))
    window.set_orders(desk_orders(client))
    window.set_catalogue(client.catalogue())
    window.give_search(receipt=client.find_receipt)
    window.show()
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


def _kinds(found) -> list[Kind]:
    return [group.kind for group in found.groups]


# The service: each number's kind first, one point read


@pytest.mark.parametrize(
    ("query", "kind", "key"),
    [
        (RECEIPT.lower(), Kind.RECEIPT, RECEIPT),
        (SHIPPED, Kind.ORDER, SHIPPED),
        ("d3-12", Kind.CASE, OVERDUE_CASE),
        (MUG_BARCODE, Kind.PRODUCT, "MUG-01"),
        ("MUG-01", Kind.PRODUCT, "MUG-01"),
        ("mug-01", Kind.PRODUCT, "MUG-01"),
        ("MUG01", Kind.PRODUCT, "MUG-01"),
    ],
)
def test_a_number_finds_its_kind_first(client, query: str, kind: Kind, key: str) -> None:
    found = _omnibox(client).find(query)
    assert found.guessed is kind
    assert _kinds(found)[0] is kind
    assert found.groups[0].hits[0].key == key


def test_a_name_finds_customers_first_and_words_find_products_and_cases(client) -> None:
    found = _omnibox(client).find("James O'Connor")
    assert _kinds(found) == [Kind.CUSTOMER] and found.guessed is None
    mug = _omnibox(client).find("mug")
    assert Kind.PRODUCT in _kinds(mug) and Kind.CASE in _kinds(mug)
    assert {hit.key for hit in mug.of(Kind.PRODUCT)} >= {"MUG-01", "MUG-02"}
    assert [hit.title for hit in mug.of(Kind.CASE)] == ["D3-00013"]


def test_a_tracking_number_read_out_with_spaces_finds_its_order(client) -> None:
    spaced = " ".join(TRACKING[i : i + 4] for i in range(0, len(TRACKING), 4)).lower()
    assert [hit.key for hit in _omnibox(client).find(spaced).of(Kind.ORDER)] == [SHIPPED]


def test_an_unknown_receipt_or_a_mistyped_barcode_finds_no_such_thing(client) -> None:
    assert _omnibox(client).find("SHOP1-00000099").of(Kind.RECEIPT) == ()
    wrong = MUG_BARCODE[:-1] + str((int(MUG_BARCODE[-1]) + 1) % 10)
    found = _omnibox(client).find(wrong)
    assert found.guessed is None and found.of(Kind.PRODUCT) == ()


def test_find_json_lists_the_groups_in_the_box_s_order(client, capsys) -> None:
    data_dir = str(client.settings.data_dir)
    assert cli.main(["--data-dir", data_dir, "find", RECEIPT, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert printed["guessed"] == "receipt"
    assert printed["groups"][0] == {
        "kind": "receipt",
        "hits": [
            {"kind": "receipt", "key": RECEIPT, "title": RECEIPT, "detail": "payment · 12.50 GBP"}
        ],
    }
    assert cli.main(["--data-dir", data_dir, "find", "zzqx-nothing"]) == 1


# The window, by keys


def _type_and_enter(qtbot: QtBot, window: MainWindow, text: str, signal) -> list:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.search_panel.search_edit
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, text)
    with qtbot.waitSignal(signal, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    return blocker.args


def test_a_receipt_number_and_enter_open_the_receipt(qtbot, window) -> None:
    flows = window.omnibox_flows
    with qtbot.waitSignal(window.customers.hit_chosen, timeout=WAIT_MS):
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        type_text(qtbot, window.search_panel.search_edit, RECEIPT.lower())
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    dialog = flows.receipt_dialog
    assert isinstance(dialog, ReceiptDialog) and dialog.isVisible()
    assert dialog.windowTitle() == f"Receipt {RECEIPT}"
    assert "12.50" in dialog.browser.toPlainText()
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_an_order_number_and_enter_open_the_order(qtbot, window) -> None:
    shown = _type_and_enter(qtbot, window, SHIPPED.lower(), window.orders_ui.flows.order_shown)
    assert shown == [SHIPPED]


def test_a_case_number_and_enter_open_the_case(qtbot, window) -> None:
    _type_and_enter(qtbot, window, "d3-12", window.case_flows.case_shown)
    assert window.case_flows.view.windowTitle() == "Case D3-00012"


def test_a_barcode_and_enter_open_the_product_card(qtbot, window) -> None:
    shown = _type_and_enter(qtbot, window, MUG_BARCODE, window.product_flows.card_shown)
    assert shown == ["MUG-01"]
    assert window.pages.currentWidget() is window.product_flows.panel


def test_a_name_and_enter_open_the_customer(qtbot, window) -> None:
    assert _type_and_enter(qtbot, window, "James O'Connor", window.customer_shown) == [CUSTOMER]


def test_several_kinds_are_grouped_and_the_arrows_step_over_the_headings(
    qtbot, window, qtmodeltester
) -> None:
    panel = window.search_panel
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(panel.model.modelReset, timeout=WAIT_MS):
        type_text(qtbot, panel.search_edit, "mug")
    qtmodeltester.check(panel.model)
    model, view = panel.model, panel.results_view
    headings = [row for row in range(model.rowCount()) if model.hit(row) is None]
    assert model.grouped and headings[0] == 0 and not view.horizontalHeader().isVisible()
    assert model.index(0, 0).data() == "Products (2)"
    assert panel.summary_label.text() == "Found: products: 2 · cases: 1"
    assert view.currentIndex().row() == 1  # the first hit, not the heading
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)  # over the Cases heading
    assert view.currentIndex().row() == headings[1] + 1
    assert model.hit(view.currentIndex().row()).kind is Kind.CASE
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)  # the last: stays
    assert view.currentIndex().row() == headings[1] + 1
    with qtbot.waitSignal(window.case_flows.case_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert window.case_flows.view.windowTitle() == "Case D3-00013"


def _pull_other_till(client: ClientContext) -> None:
    """A refund taken at till SHOPB of the branch, as a sync brings it."""
    from frontdesk.protocol import PullPage, TillTenderPublic, TillTransactionPublic

    row = TillTransactionPublic(
        id="00000000-0000-4000-8000-0000000000c1", kind="refund", register_code="SHOPB",
        receipt_no="SHOPB-00000007", links_to=None, currency="GBP", amount="4.00",
        change="0.00", tenders=[TillTenderPublic(tender="cash", amount="4.00")],
        customer_id=None, purpose="purchase", cashier="dan",
        occurred_at=NOW, accepted=True, seq=9001,
    )  # fmt: skip
    with client.uow as uow:
        uow.replica.apply(PullPage(cursor=9001, has_more=False, till_transactions=[row]))
        uow.commit()


def test_a_receipt_of_another_till_of_the_branch_is_found_and_shown_read_only(
    qtbot, window, client
) -> None:
    _pull_other_till(client)
    found = _omnibox(client).find("shopb-00000007")
    assert [hit.key for hit in found.of(Kind.RECEIPT)] == ["SHOPB-00000007"]
    assert found.groups[0].hits[0].detail == "refund · 4.00 GBP"
    with qtbot.waitSignal(window.customers.hit_chosen, timeout=WAIT_MS):
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        type_text(qtbot, window.search_panel.search_edit, "SHOPB-00000007")
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    assert window.omnibox_flows.receipt_dialog.windowTitle() == "Receipt SHOPB-00000007"


@pytest.mark.qt_log_ignore("^This plugin does not support raise\\(\\)$")  # the till, offscreen
def test_a_receipt_of_the_open_till_is_picked_in_the_till_window(qtbot, window, client) -> None:
    from frontdesk.ui.till import open_till_window

    till = open_till_window(window, client.till_desk(register="SHOP1"))
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: till.table.rowCount() > 0, timeout=WAIT_MS)
    till.table.clearSelection()
    with qtbot.waitSignal(window.customers.hit_chosen, timeout=WAIT_MS):
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        type_text(qtbot, window.search_panel.search_edit, RECEIPT)
        qtbot.keyClick(window.search_panel.search_edit, Qt.Key.Key_Return)
    assert till.selected() is not None and till.selected().receipt_no == RECEIPT
    assert window.omnibox_flows.receipt_dialog is None  # no second view of it
    till.ops.shutdown()
    till.close()
