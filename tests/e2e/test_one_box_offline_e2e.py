"""One box, an unplugged desk, keys only: a customer typed in the wrong layout, then a
receipt of the branch's till, an order and a product.

A real server process holds the demo customers and catalogue; the back office prepares the
initial-pull snapshot (``frontdesk-server snapshot build``), a cashier at till SHOP1 of the
branch scans two products into a basket for a customer, takes the payment and syncs; the back
office places an order for the same customer. The agent's new desk signs in and syncs: its
first pull starts from the snapshot, and brings the till's sale as one of the customer's
purchases (an agent's desk is sent no till transactions). The server stops. In the desk's
window the agent presses Ctrl+F and types the customer's surname with the keyboard still in
the Latin layout, and Enter opens that customer; then the receipt number, in lower case, and
Enter open the customer on that purchase with its lines; the order number and a product's
SKU, each in lower case, each with Enter, open the order and the product card.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import requests
from e2e_support import free_port, run_server_command
from PySide6.QtCore import Qt
from test_cases_e2e import PASSWORD, Server, login, ok
from test_kb_window_e2e import _type, _window

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.domain.keyboard import swap_layout
from frontdesk.ui.appearance import TRANSLATIONS

BRANCH = "Москва, Арбат"
ORDER = "WEB-E2E-0042"
PRODUCT = "FD-01011"
BASKET = ("FD-01011", "FD-02021")
WAIT_MS = 20_000
HOUR = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    for user, role in (("ann", "agent"), ("cat", "cashier"), ("backoffice", "admin")):
        run_server_command(db_url, "add-user", user, "--role", role, "--branch", BRANCH,
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_server_command(db_url, "register", "add", "SHOP1", "--branch", BRANCH)
    run_server_command(db_url, "seed-demo", "--customers", "40", "--history-end",
                       HOUR.isoformat())  # fmt: skip
    running = Server(db_url, free_port(), tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def _customer(server: Server) -> tuple[str, str]:
    """A customer of the branch whose surname is Cyrillic: (id, surname)."""
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as conn:
        rows = conn.execute(
            "SELECT id, full_name FROM customers WHERE branch = ? ORDER BY account_number",
            (BRANCH,),
        ).fetchall()
    return next((i, name.split()[0]) for i, name in rows if "а" <= name[0].lower() <= "я")


def _place_order(server: Server, customer: str) -> None:
    office = requests.Session()
    signed = office.post(f"{server.url}/api/v1/auth/login", timeout=10,
                         json={"username": "backoffice", "password": PASSWORD})  # fmt: skip
    signed.raise_for_status()
    office.headers["Authorization"] = f"Bearer {signed.json()['access_token']}"
    body = {
        "number": ORDER, "channel": "web", "customer_id": customer, "branch": BRANCH,
        "currency": "RUB", "total": "4679.00", "promised_on": HOUR.date().isoformat(),
        "placed_at": HOUR.isoformat(),
        "lines": [{"line_no": 1, "sku": PRODUCT, "description": "Navy stoneware mug",
                   "quantity": "1", "unit_price": "4679.00", "line_total": "4679.00"}],
    }  # fmt: skip
    created = office.post(f"{server.url}/api/v1/orders", json=body, timeout=10)
    assert created.status_code == 201, created.text


def _till_sale(server: Server, till: Path, customer: str) -> dict:
    """Two products scanned into SHOP1's basket for ``customer``, paid by card, synced."""
    login(till, server, "cat")
    at_till = ("--register", "SHOP1", "--json")
    ok(till, "shift", "open", "--float", "0", *at_till)
    for sku in BASKET:
        ok(till, "basket", "add", sku, *at_till)
    ok(till, "basket", "customer", customer, *at_till)
    paid = json.loads(ok(till, "pay", "--tender", "card", *at_till))
    assert [line["sku"] for line in paid["lines"]] == list(BASKET)
    ok(till, "sync")
    return paid


def _purchase_id(desk: Path, number: str) -> str:
    (cache,) = desk.rglob("cache.sqlite3")
    with sqlite3.connect(cache) as conn:
        (found,) = conn.execute("SELECT id FROM purchases WHERE number = ?", (number,))
    return found[0]


def _snapshot_floor(desk: Path) -> int:
    (cache,) = desk.rglob("cache.sqlite3")
    with sqlite3.connect(cache) as conn:
        return conn.execute("SELECT snapshot_floor FROM sync_state").fetchone()[0]


def _find(qtbot, window, text: str, signal) -> list:
    """Ctrl+F, the query typed over whatever the box held, Enter: what ``signal`` said."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    box = window.search_panel.search_edit
    assert box.hasFocus()
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    _type(qtbot, box, text)
    with qtbot.waitSignal(signal, timeout=WAIT_MS) as heard:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    return heard.args


def test_an_unplugged_agent_finds_everything_from_one_box_by_keys(
    qtbot, server: Server, tmp_path: Path, monkeypatch, keyring_env
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FRONTDESK_TILL_CURRENCIES", "RUB")
    customer, surname = _customer(server)
    assert json.loads(run_server_command(server.db_url, "snapshot", "build"))["cursor"] > 0
    paid = _till_sale(server, tmp_path / "till", customer)
    receipt = paid["receipt"]
    _place_order(server, customer)
    desk = tmp_path / "ann"
    login(desk, server, "ann")
    assert _snapshot_floor(desk) > 0  # the first pull started from the snapshot
    purchase = _purchase_id(desk, receipt)  # the till's sale, as the customer's purchase
    server.stop()

    client: ClientContext = build_client(load_settings(data_dir=desk))
    try:
        window = _window(qtbot, client, "en")
        slipped = swap_layout(surname.lower())
        assert slipped.isascii()  # typed on the Latin layout: "cjkjdmtdf" for "соловьёва"
        assert _find(qtbot, window, slipped, window.customer_shown) == [customer]
        flows = window.omnibox_flows
        assert _find(qtbot, window, receipt.lower(), flows.purchase_shown) == [purchase]
        panel = window.history_panel
        assert window.customers.profile.id == customer
        assert panel.current_purchase().number == receipt
        assert panel.current_purchase().total.amount == Decimal(paid["amount"])
        lines = panel.history_model.rowCount(panel.history_model.purchase_index(purchase))
        assert lines == len(BASKET) and panel.history_view.hasFocus()
        orders = window.orders_ui.flows
        assert _find(qtbot, window, ORDER.lower(), orders.order_shown) == [ORDER]
        qtbot.keyClick(orders.view, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not orders.view.isVisible(), timeout=WAIT_MS)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
        shown = _find(qtbot, window, PRODUCT.lower(), window.product_flows.card_shown)
        assert shown == [PRODUCT]
        qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
        window.ops.shutdown()
        window.close()
    finally:
        TRANSLATIONS.apply("en")
        client.close()
