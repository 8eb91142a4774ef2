"""Articles beside the till's basket, on a real desk cache: two products scanned that one
article is about put it first; a change of quantity asks nothing again; Ctrl+K and Enter
open it in its own window, and the opening is in the outbox as 'shown' at the till; the
Russian till suggests the Russian version."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from till_shop import BREAD, CHEESE, MILK, WAIT_MS, article_id, fill_shop, open_till, scan
from ui_drive import activate

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.ui.i18n import Translations
from frontdesk.ui.knowledge.reader_flows import KbWriter
from frontdesk.ui.knowledge.suggestions import KbSuggester
from frontdesk.ui.ops import OpRunner

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def client(tmp_path: Path):
    ctx = build_client(load_settings(data_dir=tmp_path / "desk"))
    fill_shop(ctx)
    yield ctx
    ctx.close()


@pytest.fixture
def ops():
    runner = OpRunner(max_threads=2)
    yield runner
    runner.shutdown()


def _suggester(client, ops: OpRunner, *, language: str = "en") -> KbSuggester:
    writer = KbWriter(uow=client.uow.fresh, role=lambda: "cashier")
    return KbSuggester(client.knowledge(language=language), submit=ops.submit, writer=writer)


def _scan(qtbot: QtBot, till, suggester: KbSuggester, code: str) -> list:
    with qtbot.waitSignal(suggester.suggestions_shown, timeout=WAIT_MS) as shown:
        scan(qtbot, code)
    assert shown.args[0] == "till"
    return [hit.article_id for hit in till.basket_ui.articles.hits()]


def _feedback(client) -> list[dict]:
    with client.uow.fresh() as uow:
        return [e.payload for e in uow.outbox.pending_of_kind("kb.feedback")]


def test_two_products_of_one_article_suggest_it_and_enter_opens_it(
    qtbot: QtBot, client, ops: OpRunner, printed
) -> None:
    suggester = _suggester(client, ops)
    till = open_till(qtbot, client, printed, knowledge=suggester)
    activate(qtbot, till)
    articles = till.basket_ui.articles
    assert articles.hits() == [] and articles.empty.isVisible()
    assert _scan(qtbot, till, suggester, BREAD) == [article_id("keep-bread-cheese", "en")]
    both = _scan(qtbot, till, suggester, CHEESE)
    # linked to both products first, then the one linked to the cheddar alone
    assert both == [article_id("keep-bread-cheese", "en"), article_id("cheese-board", "en")]
    assert articles.suggestions.isVisible() and not articles.empty.isVisible()
    _same_products_ask_nothing(qtbot, till, suggester)
    qtbot.keyClick(till, Qt.Key.Key_K, CTRL)
    assert articles.suggestions.list.hasFocus()
    qtbot.keyClick(articles.suggestions.list, Qt.Key.Key_Return)
    window = articles.window_open
    assert window is not None
    with qtbot.waitSignal(window.flows.written, timeout=WAIT_MS,
                          check_params_cb=lambda verdict: verdict == "shown"):  # fmt: skip
        pass
    assert window.isVisible() and window.reader.article_view.article.title == (
        "Keeping sourdough and cheddar fresh")  # fmt: skip
    shown = _feedback(client)
    assert [(f["article_id"], f["verdict"], f["context"]) for f in shown] == [
        (article_id("keep-bread-cheese", "en"), "shown", "till")]  # fmt: skip
    window.close()
    qtbot.waitUntil(ops.is_idle, timeout=WAIT_MS)


def _same_products_ask_nothing(qtbot: QtBot, till, suggester: KbSuggester) -> None:
    """Another loaf is the same products: the basket changes, its articles are not asked."""
    asked: list = []
    suggester.suggestions_shown.connect(lambda *args: asked.append(args))
    with qtbot.waitSignal(till.basket_ui.flows.basket_shown, timeout=WAIT_MS):
        scan(qtbot, BREAD)
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    assert till.basket_ui.flows.view.lines[0].quantity == Decimal(2)
    assert asked == []


def test_a_click_opens_the_russian_version_at_a_russian_till(
    qtbot: QtBot, client, ops: OpRunner, printed
) -> None:
    translations = Translations()
    assert translations.apply("ru")
    try:
        suggester = _suggester(client, ops, language="ru")
        till = open_till(qtbot, client, printed, knowledge=suggester)
        activate(qtbot, till)
        assert till.basket_ui.articles.title() == "Статьи к покупке"
        assert _scan(qtbot, till, suggester, MILK) == [article_id("oat-milk", "ru")]
        articles = till.basket_ui.articles
        rect = articles.suggestions.list.visualRect(articles.suggestions.model.index(0))
        qtbot.mouseClick(articles.suggestions.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=rect.center())  # fmt: skip
        window = articles.window_open
        qtbot.waitUntil(lambda: window.reader.article_view.article is not None, timeout=WAIT_MS)
        assert window.reader.article_view.article.lang == "ru"
        qtbot.waitUntil(lambda: len(_feedback(client)) == 1, timeout=WAIT_MS)
        window.close()
    finally:
        translations.apply("en")
