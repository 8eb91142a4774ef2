"""The Products page over a real cache, driven by keys: F4, a scanner's digits and Enter,
words with a typo, the category filter, the list, the card's links, Esc back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from catalogue_shop import DRILL_CODE, shop_cache, shop_catalogue
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from pytestqt.qtbot import QtBot
from ui_drive import activate, type_text
from ui_fakes import FakeCustomerQueries

from frontdesk.services.catalogue.ports import ProductSummary
from frontdesk.ui.catalogue.results_model import PAGE, ProductResultsModel
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, fake_queries: FakeCustomerQueries):
    database = shop_cache(tmp_path)
    window = build_main_window(fake_queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_catalogue(shop_catalogue(database))
    window.show()
    activate(qtbot, window)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    yield window
    window.ops.shutdown()
    database.dispose()


def _open_products(qtbot: QtBot, window: MainWindow):
    qtbot.keyClick(window, Qt.Key.Key_F4)
    panel = window.product_flows.panel
    assert window.pages.currentWidget() is panel and panel.search_box.hasFocus()
    return panel


def test_a_scanners_digits_and_enter_open_the_card(qtbot: QtBot, window: MainWindow) -> None:
    panel = _open_products(qtbot, window)
    with qtbot.waitSignal(window.product_flows.card_shown, timeout=WAIT_MS) as shown:
        type_text(qtbot, panel.search_box, DRILL_CODE)
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert shown.args == ["DR-100"]
    card = panel.card
    assert card.name_label.text() == "Cordless Hammer Drill 18 V"
    assert card.price_label.text() == "12,990.00 RUB each at Арбат"
    stock = card.stock_label.text()
    assert "12 pcs at Арбат" in stock and "40 incoming on" in stock and "old figure" in stock
    assert panel.search_box.hasFocus() and panel.search_box.selectedText() == DRILL_CODE
    also = card.also_list
    assert also.item(0).data(Qt.ItemDataRole.UserRole) == "BT-020"  # its buyers' spare battery
    with qtbot.waitSignal(window.product_flows.card_shown, timeout=WAIT_MS) as shown:
        also.setFocus()
        qtbot.keyClick(also, Qt.Key.Key_Return)
    assert shown.args == ["BT-020"]


def test_misspelt_words_then_the_list_by_keys(qtbot: QtBot, window: MainWindow) -> None:
    panel = _open_products(qtbot, window)
    with qtbot.waitSignal(window.product_flows.card_shown, timeout=WAIT_MS) as shown:
        type_text(qtbot, panel.search_box, "hamer dril")
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Return)
    assert shown.args == ["DR-100"] and panel.table.hasFocus()  # words: the list takes the keys
    assert panel.model.total == 1


def test_the_category_filter_keeps_a_subtree(qtbot: QtBot, window: MainWindow) -> None:
    panel = _open_products(qtbot, window)
    box = panel.category_box
    assert [box.itemText(i) for i in range(box.count())] == [
        "All categories", "Garden", "Tools", "    Drills", "    Saws"]  # fmt: skip
    with qtbot.waitSignal(window.product_flows.answer_shown, timeout=WAIT_MS) as answer:
        box.setCurrentIndex(box.findData("tools"))
    assert answer.args == [4]
    rows = {panel.model.sku_at(r) for r in range(panel.model.rowCount())}
    assert rows == {"DR-100", "DR-090", "BT-020", "SW-200"}


def test_down_and_enter_on_the_list_and_the_replacement_link(qtbot: QtBot, window) -> None:
    panel = _open_products(qtbot, window)
    with qtbot.waitSignal(window.product_flows.answer_shown, timeout=WAIT_MS):
        type_text(qtbot, panel.search_box, "compact")
    with qtbot.waitSignal(window.product_flows.card_shown, timeout=WAIT_MS) as shown:
        qtbot.keyClick(panel.search_box, Qt.Key.Key_Down)
    assert shown.args == ["DR-090"] and panel.table.hasFocus()
    assert "Discontinued" in panel.card.status_label.text()
    with qtbot.waitSignal(window.product_flows.card_shown, timeout=WAIT_MS) as shown:
        panel.card.status_label.linkActivated.emit("product:DR-100")
    assert shown.args == ["DR-100"]


def test_a_literature_link_opens_in_the_browser(qtbot: QtBot, window: MainWindow) -> None:
    browser = _Browser()
    QDesktopServices.setUrlHandler("https", browser, "open")
    try:
        panel = _open_products(qtbot, window)
        with qtbot.waitSignal(window.product_flows.card_shown, timeout=WAIT_MS):
            window.product_flows.open_product("DR-100")
        link = "https://example.com/manuals/dr-100.pdf"
        assert link in panel.card.literature_label.text()
        panel.card.literature_label.linkActivated.emit(link)
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert browser.opened == [link]


class _Browser(QObject):
    """Where the system's browser would get the URLs (QDesktopServices' handler)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_esc_goes_back_to_the_customer(qtbot: QtBot, window: MainWindow) -> None:
    _open_products(qtbot, window)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.content


def test_the_lazy_list_passes_the_model_tester(qtmodeltester, qtbot: QtBot) -> None:
    model = ProductResultsModel()
    skus = [f"S-{i:03d}" for i in range(PAGE + 7)]
    lines = [ProductSummary(sku, f"Product {sku}", "Tools", "piece", "active") for sku in skus]
    model.show_answer(skus, lines[:PAGE])
    with qtbot.waitSignal(model.page_wanted) as wanted:
        model.fetchMore()
    assert wanted.args == [skus[PAGE:]] and not model.canFetchMore()
    model.add_lines(lines[:3])  # an earlier answer's page: not the one asked for
    assert model.rowCount() == PAGE
    model.add_lines(lines[PAGE:])
    assert model.rowCount() == PAGE + 7 and model.sku_at(PAGE + 6) == "S-056"
    qtmodeltester.check(model)


def test_no_english_is_left_on_the_russian_page(qtbot: QtBot, tmp_path: Path) -> None:
    from catalogue_shop import shop_page
    from ui_walk import shown_texts

    from frontdesk.ui.preferences import Preferences

    database = shop_cache(tmp_path)
    preferences = Preferences()
    preferences.language = "ru"
    window = build_main_window(FakeCustomerQueries.with_demo_data(), preferences=preferences)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    flows = window.set_catalogue(shop_catalogue(database))
    window.show()
    window.show_products()
    with qtbot.waitSignal(flows.card_shown, timeout=WAIT_MS):
        flows.panel.code_entered.emit(DRILL_CODE, None)
    qtbot.waitUntil(window.ops.is_idle, timeout=WAIT_MS)
    page = shop_page()
    data = {p.sku for p in page.products} | {"RUB", "F4", "Enter", "Esc", "PDF", "KB"}
    for product in page.products:
        data |= set(product.attributes) | set(product.attributes.values())
        data |= {link.title for link in product.literature}
    latin = set()
    for where, text in shown_texts(flows.panel):
        for piece in sorted(data, key=len, reverse=True):  # whole titles before words
            text = text.replace(piece, "")
        latin |= {f"{where}: {word}" for word in re.findall(r"[A-Za-z][A-Za-z'-]+", text)}
    window.ops.shutdown()
    database.dispose()
    assert latin == set()
