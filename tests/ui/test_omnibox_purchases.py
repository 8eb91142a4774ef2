"""A receipt number found in the purchases every desk pulls: an agent's desk has no till
transactions, but every basket sale of any till is a purchase under its receipt number (and
an imported invoice is one under its own). The box finds it in one indexed read; Enter opens
a customer's purchase in their 360 with its lines, a walk-in's as a receipt to read."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from case_desk import CUSTOMER, desk_cases
from order_desk import NOW, desk_orders, fill_order_desk
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event
from ui_drive import activate, type_text

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.domain.query_kinds import Kind, guess_kind
from frontdesk.domain.till import Purpose, Tender
from frontdesk.protocol import PullPage, PurchaseLinePublic, PurchasePublic
from frontdesk.services.omnibox import Omnibox
from frontdesk.services.read_models import NumberedPurchase
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000
SOLD = "SHOPC-00000003"  # another till's basket sale to James O'Connor
WALK_IN = "SHOPC-00000004"  # and one to a walk-in
INVOICE = "590001"  # an imported invoice of James O'Connor's
OWN = "SHOP1-00000001"  # this desk's own till payment, also pulled as a purchase
BACK = "SHOPC-00000005"  # a return of a customer this desk has not got


def _line(n: int, sku: str, name: str, qty: str, price: str, total: str) -> PurchaseLinePublic:
    return PurchaseLinePublic(line_no=n, sku=sku, description=name, quantity=qty,
                              unit_price=price, line_total=total)  # fmt: skip


def _purchase(n: int, number: str, customer: str | None, lines: list, total: str):
    back = total.startswith("-")
    return PurchasePublic(
        id=f"00000000-0000-4000-8000-0000000005{n:02d}", number=number, customer_id=customer,
        purchased_at=NOW + timedelta(minutes=n), branch="London", currency="GBP",
        is_return=back, original_number=SOLD if back else None, total=total, lines=lines,
        seq=9100 + n,
    )  # fmt: skip


PURCHASES = [
    _purchase(1, SOLD, CUSTOMER, [_line(1, "MUG-01", "Stoneware mug", "2", "8.50", "17.00"),
                                  _line(2, "MUG-02", "Enamel camping mug", "1", "6.00", "6.00")],
              "23.00"),
    _purchase(2, WALK_IN, None, [_line(1, "TEA-EG", "Earl Grey tea", "1", "24.00", "24.00")],
              "24.00"),
    _purchase(3, INVOICE, CUSTOMER, [_line(1, "MUG-02", "Enamel camping mug", "3", "6.00",
                                           "18.00")], "18.00"),
    _purchase(4, OWN, CUSTOMER, [_line(1, "MUG-01", "Stoneware mug", "1", "8.50", "8.50")],
              "8.50"),
    _purchase(5, BACK, "c-999", [_line(1, "MUG-02", "Enamel camping mug", "-1", "6.00",
                                       "-6.00")], "-6.00"),
]  # fmt: skip


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_order_desk(ctx)
    with ctx.uow as uow:
        uow.replica.apply(PullPage(cursor=9200, has_more=False, purchases=PURCHASES))
        uow.commit()
    yield ctx
    ctx.close()


def _pay(client: ClientContext) -> str:
    desk = client.till_desk(register="SHOP1")
    desk.open_shift(Money.of("50", "GBP"))
    paid = desk.pay(amount=Money.of("12.50", "GBP"), tenders=[(Tender.CASH, Money.of("20",
                    "GBP"))], customer_id=CUSTOMER, purpose=Purpose.PURCHASE,
                    key="00000000-0000-4000-8000-0000000000b1")  # fmt: skip
    return paid.receipt_no


def _agent_box(client: ClientContext) -> Omnibox:
    """An agent's box: no till of its own, so no till transactions to ask."""
    return Omnibox(client.queries, cases=desk_cases(client), orders=desk_orders(client),
                   catalogue=client.catalogue())  # fmt: skip


# The service


def test_a_receipt_number_typed_in_lower_case_finds_its_purchase_first(client) -> None:
    found = _agent_box(client).find(SOLD.lower())
    assert found.guessed is Kind.RECEIPT and found.groups[0].kind is Kind.RECEIPT
    (hit,) = found.of(Kind.RECEIPT)
    assert (hit.key, hit.detail) == (SOLD, "sale · 23.00 GBP · James O'Connor")
    assert isinstance(hit.item, NumberedPurchase) and hit.item.customer_id == CUSTOMER


def test_a_walk_in_s_purchase_says_so(client) -> None:
    (hit,) = _agent_box(client).find(WALK_IN).of(Kind.RECEIPT)
    assert hit.detail == "sale · 24.00 GBP · walk-in"
    assert hit.item.customer_id is None and not hit.item.known_customer


def test_a_return_of_a_customer_this_desk_has_not_got_says_so(client) -> None:
    (hit,) = _agent_box(client).find(BACK).of(Kind.RECEIPT)
    assert hit.detail == "return · -6.00 GBP · a customer not at this desk"
    assert not hit.item.known_customer


def test_an_invoice_number_is_found_after_the_customers_and_steals_no_phone(client) -> None:
    assert guess_kind(INVOICE) is None  # plain digits: no receipt's shape
    found = _agent_box(client).find(INVOICE)
    assert [hit.key for hit in found.of(Kind.RECEIPT)] == [INVOICE]
    phone = _agent_box(client).find("447700900123")
    assert phone.groups[0].kind is Kind.CUSTOMER and phone.groups[0].hits[0].key == CUSTOMER


def test_the_till_s_own_transaction_still_comes_first(client) -> None:
    assert _pay(client) == OWN
    box = _agent_box(client)
    box.receipt = client.find_receipt
    (hit,) = box.find(OWN.lower()).of(Kind.RECEIPT)
    assert hit.detail == "payment · 12.50 GBP"  # the till's record, with its tenders


def test_words_without_a_digit_never_ask_the_purchases(client) -> None:
    assert _agent_box(client).find("James").of(Kind.RECEIPT) == ()
    assert _agent_box(client).find("SHOPC-00000099").of(Kind.RECEIPT) == ()


def test_the_number_is_one_seek_on_its_index(client) -> None:
    """Bounded at any size: each spelling is a search of ix_purchases_number, not a scan."""
    seen: list[tuple[str, tuple]] = []
    engine = client._database.reader.kw["bind"]

    def keep(_conn, _cursor, statement, parameters, _context, _many) -> None:
        if "FROM purchases" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        client.queries.purchases_numbered(SOLD.lower())
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    ((statement, parameters),) = seen
    (cache,) = Path(client.settings.data_dir).rglob("cache.sqlite3")
    with sqlite3.connect(cache) as conn:
        plan = conn.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
    steps = " | ".join(row[-1] for row in plan)
    assert "purchases USING INDEX ix_purchases_number" in steps, steps
    assert "SCAN purchases" not in steps, steps


# The window, by keys


@pytest.fixture
def window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client))
    window.set_orders(desk_orders(client))
    window.set_catalogue(client.catalogue())
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    return window


def _type_and_enter(qtbot: QtBot, window: MainWindow, text: str, signal) -> list:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.search_panel.search_edit
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, edit, text)
    with qtbot.waitSignal(signal, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    return blocker.args


def _shot(widget, name: str) -> None:
    out = Path(__file__).parent.parent.parent / "build" / "shots"
    out.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(out / name))


def test_a_customer_s_receipt_opens_their_360_on_that_purchase_with_its_lines(
    qtbot, window
) -> None:
    flows = window.omnibox_flows
    shown = _type_and_enter(qtbot, window, SOLD.lower(), flows.purchase_shown)
    assert shown == [PURCHASES[0].id]
    assert window.customers.profile.id == CUSTOMER
    panel = window.history_panel
    assert window.customer_tabs.currentWidget() is panel
    view, model = panel.history_view, panel.history_model
    assert panel.current_purchase().number == SOLD
    assert view.isExpanded(view.currentIndex())
    lines = model.rowCount(model.purchase_index(PURCHASES[0].id))
    assert lines == 2 and view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the keys go on in the history: its first line
    assert model.line_of(view.currentIndex()).description == "Stoneware mug"
    _shot(window, "omnibox-purchase-360.png")


def test_the_same_receipt_again_selects_it_once_more(qtbot, window) -> None:
    flows = window.omnibox_flows
    _type_and_enter(qtbot, window, SOLD, flows.purchase_shown)
    view = window.history_panel.history_view
    view.setCurrentIndex(window.history_panel.history_model.index(1, 0))
    assert _type_and_enter(qtbot, window, SOLD, flows.purchase_shown) == [PURCHASES[0].id]
    assert window.history_panel.current_purchase().number == SOLD


def test_a_walk_in_s_receipt_opens_read_only_with_its_lines(qtbot, window) -> None:
    flows = window.omnibox_flows
    customer_before = window.customers.profile
    _type_and_enter(qtbot, window, WALK_IN.lower(), window.customers.hit_chosen)
    qtbot.waitUntil(lambda: flows.receipt_dialog is not None, timeout=WAIT_MS)
    dialog = flows.receipt_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert dialog.windowTitle() == f"Receipt {WALK_IN}"
    text = dialog.browser.toPlainText()
    assert "Earl Grey tea" in text and "Walk-in" in text and "24.00" in text
    assert dialog.browser.isReadOnly()
    assert window.customers.profile is customer_before  # no customer opened
    _shot(dialog, "omnibox-walk-in-receipt.png")
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_a_return_of_a_customer_not_here_opens_as_a_refund_to_read(qtbot, window) -> None:
    flows = window.omnibox_flows
    _type_and_enter(qtbot, window, BACK, window.customers.hit_chosen)
    qtbot.waitUntil(lambda: flows.receipt_dialog is not None, timeout=WAIT_MS)
    text = flows.receipt_dialog.browser.toPlainText()
    assert text.startswith("Refund") and "A customer not at this desk" in text
    assert "-6.00 GBP" in text and window.customers.profile is None


def test_the_results_list_says_whose_and_which_till(qtbot, window) -> None:
    panel = window.search_panel
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(panel.model.modelReset, timeout=WAIT_MS):
        type_text(qtbot, panel.search_edit, SOLD.lower())
    model = panel.model
    assert model.grouped and model.index(0, 0).data() == "Receipts (1)"
    row = model.first_selectable()
    cells = [model.index(row, column).data() for column in range(4)]
    assert cells[0].startswith("Sale, ") and cells[0].endswith("James O'Connor")
    assert cells[1:] == [SOLD, "23.00 GBP", "SHOPC"]
    _shot(window, "omnibox-purchase-list.png")
