"""Purchase history over a real cache: the lazy row cache, sorting and filtering by the cache,
totals of what is shown, the monthly spend chart, and the model checked by qtmodeltester.

One customer has 20,000 purchases (every 25th a return); rows are fetched in blocks only as
they are looked at."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView
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
from frontdesk.ui.history_model import BLOCK_SIZE, LazyHistoryModel, load_history
from frontdesk.ui.main_window import MainWindow, build_main_window
from frontdesk.ui.models import ROW_ROLE
from frontdesk.ui.widgets.spend_chart import month_series

WAIT_MS = 15_000
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


def _line(i: int) -> dict:
    sku = f"SKU{i % 20}"
    return {
        "purchase_id": f"p{i:05d}",
        "line_no": 1,
        "sku": sku,
        "description": f"Item {i % 20}",
        "quantity": -(1 + i % 4) if i % 25 == 0 else 1 + i % 4,
        "unit_price_scaled": 100_000,
        "line_total_minor": _purchase(i)["total_minor"],
    }


PURCHASES = [_purchase(i) for i in range(COUNT)]


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
        session.execute(insert(CachedPurchaseLine), [_line(i) for i in range(COUNT)])
    yield ctx
    ctx.close()


def _window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS):
        window.open_customer("big")
    return window


def _expected(where=lambda p: True) -> list[dict]:
    return [p for p in PURCHASES if where(p)]


def test_twenty_thousand_purchases_fill_only_the_blocks_looked_at(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    panel = window.history_panel
    model = panel.history_model
    assert model.rowCount() == COUNT
    assert model.loaded_count() == BLOCK_SIZE  # the first block came with the ids
    newest = model.index(0, 0).data(ROW_ROLE)
    assert newest.id == f"p{COUNT - 1:05d}"
    target = model.index(12_345, 0)
    with qtbot.waitSignal(panel.block_filled, timeout=WAIT_MS):
        panel.history_view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
    qtbot.waitUntil(lambda: model.row_at(12_345) is not None, timeout=WAIT_MS)
    assert model.row_at(12_345).id == f"p{COUNT - 1 - 12_345:05d}"
    assert model.loaded_count() <= 5 * BLOCK_SIZE  # << 20,000: only what was on screen
    totals = panel.totals_label.text()
    returns = COUNT // 25
    assert f"{COUNT - returns:,} purchases, {returns:,} returns" in totals
    net = Money.from_minor(sum(p["total_minor"] for p in PURCHASES), "GBP")
    assert f"{net.amount:,}" in totals


def test_header_click_sorts_by_total_in_the_cache(qtbot: QtBot, client: ClientContext) -> None:
    window = _window(qtbot, client)
    panel = window.history_panel
    header = panel.history_view.horizontalHeader()
    x = header.sectionViewportPosition(4) + header.sectionSize(4) // 2
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    ordered = sorted(PURCHASES, key=lambda p: (p["total_minor"], p["purchased_at"], p["id"]))
    assert panel.history_model.ids() == [p["id"] for p in ordered]
    assert panel.history_model.index(0, 0).data(ROW_ROLE).is_return  # the biggest refund
    assert panel.history_model.loaded_count() == BLOCK_SIZE


def test_filters_by_dates_product_and_category_with_their_totals(
    qtbot: QtBot, client: ClientContext
) -> None:
    window = _window(qtbot, client)
    panel = window.history_panel
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        panel.since_edit.setDate(QDate(2022, 3, 1))
        panel.until_edit.setDate(QDate(2022, 3, 31))
    march = _expected(lambda p: p["purchased_at"].date().replace(day=1) == date(2022, 3, 1))
    assert panel.history_model.rowCount() == len(march)
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        qtbot.keyClicks(panel.product_edit, "sku7")
    sku7 = [p for p in march if int(p["id"][1:]) % 20 == 7]
    assert sorted(panel.history_model.ids()) == sorted(p["id"] for p in sku7)
    panel.product_edit.clear()
    qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS).wait()
    panel.category_combo.setFocus()
    with qtbot.waitSignal(panel.history_shown, timeout=WAIT_MS):
        qtbot.keyClick(panel.category_combo, Qt.Key.Key_Down)  # All -> Home
    assert panel.category_combo.currentText() == "Home"
    home = [p for p in march if int(p["id"][1:]) % 20 >= 5]
    assert panel.history_model.rowCount() == len(home)
    returns = sum(p["is_return"] for p in home)
    assert f"{len(home) - returns:,} purchases, {returns:,} returns" in panel.totals_label.text()
    assert [m for m, _ in panel.chart.series] == [date(2022, 3, 1)]


def test_monthly_spend_and_totals_come_from_the_cache(client: ClientContext) -> None:
    page = load_history(client.queries, "big", where=HistoryFilter(until=date(2022, 2, 28)))
    early = _expected(lambda p: p["purchased_at"].date() <= date(2022, 2, 28))
    assert len(page.ids) == len(early)
    january = sum(p["total_minor"] for p in early if p["purchased_at"].month == 1)
    assert page.months[0].month == date(2022, 1, 1)
    assert page.months[0].spend == Money.from_minor(january, "GBP")
    code, series = month_series(page.months)
    assert code == "GBP" and [m for m, _ in series] == [date(2022, 1, 1), date(2022, 2, 1)]
    assert page.categories == ["Home", "Tea"]


def test_lazy_model_passes_the_model_tester(qtmodeltester, client: ClientContext) -> None:
    model = LazyHistoryModel()
    ids = client.queries.purchase_ids("big")[:450]
    model.block_wanted.connect(
        lambda start, wanted: model.fill(start, client.queries.purchases_by_id("big", wanted))
    )
    model.set_ids(ids, client.queries.purchases_by_id("big", ids[:BLOCK_SIZE]))
    qtmodeltester.check(model)
    for row in range(len(ids)):
        model.index(row, 1).data()  # asks for each block once
    assert model.loaded_count() == len(ids)
    assert all(model.index(row, 1).data() for row in range(len(ids)))
    qtmodeltester.check(model)
    model.set_ids([])
    qtmodeltester.check(model)
