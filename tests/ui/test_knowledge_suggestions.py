"""Suggested articles in the window over a real desk cache with customers, purchases and
cases: the open customer's Articles tab lists the articles of the products they bought (and
no other), Alt+A and Enter read one on the Knowledge page; a real case's window lists its
category's article first, then one its words find, and an article opened there is noted as
used in that case, all through the outbox."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from case_desk import CUSTOMER, NOW, OVERDUE_CASE, desk_cases, fill_case_desk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from ui_drive import activate, open_by_keys

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import PullPage
from frontdesk.protocol.knowledge import KbArticlePublic
from frontdesk.ui.knowledge.reader_flows import KbWriter
from frontdesk.ui.knowledge.suggestions import ArticleWindow, SuggestionsBox
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000
ALT = Qt.KeyboardModifier.AltModifier
AT = datetime(2024, 11, 1, tzinfo=UTC)


def _id(key: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"suggest/{key}"))


def _article(key: str, title: str, body: str, seq: int, **fields) -> KbArticlePublic:
    values = dict(
        id=_id(key), translation_group=_id("group-" + key), lang="en", title=title, body_md=body,
        category="faq", tags=[], product_skus=[], case_categories=[], audience="all", version=1,
        author="docs", status="published", source=f"suggest/{key}", updated_at=AT, documents=[],
        seq=seq,
    )  # fmt: skip
    return KbArticlePublic(**{**values, **fields})


def _bought(fake, customer_id: str) -> list[str]:
    return sorted({line.sku for purchase in fake.purchases(customer_id)
                   for line in fake.purchase_lines(purchase.id)})  # fmt: skip


def _articles(bought: list[str]) -> PullPage:
    """One article about a product the customer bought, one for the billing category, one
    its words find, one about a product nobody here bought."""
    rows = [
        _article("care", "Looking after what you bought", "Wipe it with a soft cloth.", 6001,
                 product_skus=[bought[0]]),
        _article("double", "Refunding a card payment taken two times", "Refund the second "
                 "payment from the till's journal.", 6002, case_categories=["billing"]),
        _article("twice", "Why was I charged twice for one order?", "A pending hold looks like "
                 "a second charge; it drops off within days.", 6003),
        _article("milk", "Keeping oat milk", "Five days in the fridge.", 6004,
                 product_skus=["OM-003"]),
    ]  # fmt: skip
    return PullPage(cursor=6100, has_more=False, kb_articles=rows)


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fake = fill_case_desk(ctx)
    with ctx.uow as uow:
        uow.replica.apply(_articles(_bought(fake, CUSTOMER)))
        uow.commit()
    yield ctx
    ctx.close()


@pytest.fixture
def window(qtbot: QtBot, client: ClientContext) -> MainWindow:
    window = build_main_window(client.queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client), clock=lambda: NOW)
    writer = KbWriter(uow=client.uow.fresh, role=lambda: "agent")
    window.set_knowledge(client.knowledge(), writer=writer)
    window.show()
    activate(qtbot, window)
    return window


def _feedback(client: ClientContext) -> list[tuple[str, str, str | None, str | None]]:
    with client.uow.fresh() as uow:
        sent = [entry.payload for entry in uow.outbox.pending_of_kind("kb.feedback")]
    return [(f["article_id"], f["verdict"], f["context"], f["case_id"]) for f in sent]


def test_the_customers_articles_tab_lists_their_products_articles_and_opens_by_keys(
    qtbot: QtBot, window: MainWindow, client: ClientContext
) -> None:
    ui = window.knowledge_ui
    shown = qtbot.waitSignal(ui.suggestions_shown, timeout=WAIT_MS,
                             check_params_cb=lambda context, _n: context == "customer")  # fmt: skip
    with shown:
        open_by_keys(qtbot, window, CUSTOMER)
    assert [hit.article_id for hit in ui.tab.model.hits] == [_id("care")]
    assert ui.tab.heading.text() == "Suggested articles"
    qtbot.keyClick(window, Qt.Key.Key_A, ALT)
    assert window.customer_tabs.currentWidget() is ui.tab
    ui.tab.list.setFocus()
    ui.tab.list.setCurrentIndex(ui.tab.model.index(0))
    with qtbot.waitSignal(ui.reader.article_shown, timeout=WAIT_MS):
        qtbot.keyClick(ui.tab.list, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is ui.panel
    assert ui.panel.reader.article_view.title_label.text() == "Looking after what you bought"
    qtbot.waitUntil(lambda: _feedback(client) != [], timeout=WAIT_MS)
    assert _feedback(client) == [(_id("care"), "shown", "customer", None)]


def test_a_case_window_suggests_its_categorys_article_first_and_notes_it_used(
    qtbot: QtBot, window: MainWindow, client: ClientContext
) -> None:
    ui = window.knowledge_ui
    with qtbot.waitSignals([window.case_flows.case_shown, ui.suggestions_shown], timeout=WAIT_MS,
                           check_params_cbs=[None, lambda c, _n: c == "case"]):  # fmt: skip
        view = window.case_flows.open_case(OVERDUE_CASE)  # "Charged twice for one order"
    box = view.findChild(SuggestionsBox)
    assert box is not None and box.isVisible()
    found = [hit.article_id for hit in box.model.hits]
    assert found[:2] == [_id("double"), _id("twice")]
    assert _id("milk") not in found and _id("care") not in found
    box.list.setFocus()
    box.list.setCurrentIndex(box.model.index(0))
    qtbot.keyClick(box.list, Qt.Key.Key_Return)
    article = view.findChild(ArticleWindow)
    assert article is not None
    qtbot.waitUntil(lambda: article.reader.article_view.article is not None, timeout=WAIT_MS)
    used = article.reader.article_view.used_button
    assert used.isVisible()
    with qtbot.waitSignal(article.flows.written, timeout=WAIT_MS,
                          check_params_cb=lambda verdict: verdict == "used_in_case"):  # fmt: skip
        used.click()
    assert _feedback(client) == [(_id("double"), "shown", "case", None),
                                 (_id("double"), "used_in_case", "case", OVERDUE_CASE)]  # fmt: skip
    article.close()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_each_alt_key_is_its_own_by_the_customer_the_article_and_a_cases_article(
    qtbot: QtBot, client: ClientContext, language: str
) -> None:
    """The Articles tab's among the customer's page's; the reader's buttons (a supervisor's
    correction too) among the menu bar's; those of an article opened from a case."""
    from frontdesk.ui.appearance import TRANSLATIONS
    from frontdesk.ui.knowledge.reader_flows import Opening

    window = _window_in(qtbot, client, language)
    ui = window.knowledge_ui
    try:
        with qtbot.waitSignal(window.customer_shown, timeout=WAIT_MS):
            window.open_customer(CUSTOMER)
        tabs = window.customer_tabs
        key = _mnemonic(tabs.tabText(tabs.indexOf(ui.tab)))
        assert key is not None and _mnemonics(window).count(key) == 1, _mnemonics(window)
        with qtbot.waitSignal(ui.reader.article_shown, timeout=WAIT_MS):
            ui.open_article(_id("double"), Opening("search"))
        assert ui.panel.reader.article_view.correct_button.isVisible()
        keys = _mnemonics(window)
        assert len(keys) >= 6 and len(set(keys)) == len(keys), keys
        article = ui.open_in_window(_id("double"), Opening("case", case_id=OVERDUE_CASE),
                                    parent=window)  # fmt: skip
        qtbot.waitUntil(lambda: article.reader.article_view.used_button.isVisible(),
                        timeout=WAIT_MS)  # fmt: skip
        keys = _mnemonics(article)
        assert len(keys) >= 6 and len(set(keys)) == len(keys), keys
        article.close()
    finally:
        TRANSLATIONS.apply("en")


def _window_in(qtbot: QtBot, client: ClientContext, language: str) -> MainWindow:
    """A supervisor's window in ``language`` (the reader's every button shows)."""
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language = language
    window = build_main_window(client.queries, preferences=preferences)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.set_cases(desk_cases(client), clock=lambda: NOW)
    window.set_orders(client.orders(language=language))
    writer = KbWriter(uow=client.uow.fresh, role=lambda: "supervisor")
    window.set_knowledge(client.knowledge(language=language), writer=writer)
    window.show()
    return window


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&(\w)", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def _mnemonics(window: QWidget) -> list[str]:
    """The Alt+letter keys on show: buttons, labels of fields, tabs, the menu bar's menus."""
    mine = [w for w in window.findChildren(QWidget) if w.isVisible() and w.window() is window]
    texts = [w.text() for w in mine if isinstance(w, QAbstractButton)]
    texts += [w.text() for w in mine if isinstance(w, QLabel) and w.buddy() is not None]
    for tabs in (w for w in mine if isinstance(w, QTabWidget)):
        texts += [tabs.tabText(n) for n in range(tabs.count())]
    if isinstance(window, QMainWindow):
        texts += [action.text() for action in window.menuBar().actions()]
    return [key for key in map(_mnemonic, texts) if key is not None]
