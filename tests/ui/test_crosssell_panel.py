"""The cross-sell panel under the profile card: offers for the open customer, with reasons."""

from __future__ import annotations

import base64
import threading
from datetime import UTC, datetime
from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_drive import open_by_keys
from ui_fakes import FakeCustomerQueries, demo_pull_page

from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.crosssell import Purchase, train
from frontdesk.protocol import CrossSellModelPublic, PullPage
from frontdesk.ui.crosssell_reasons import reason_text
from frontdesk.ui.main_window import MainWindow, build_main_window

WAIT_MS = 10_000


def _open(qtbot: QtBot, window: MainWindow, customer_id: str) -> None:
    open_by_keys(qtbot, window, customer_id, also=[window.recommendations_shown])


def _window(qtbot: QtBot, queries) -> MainWindow:
    window = build_main_window(queries)
    qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
    window.show()
    return window


def test_panel_shows_the_opened_customers_offers_with_reasons(
    qtbot: QtBot, fake_queries: FakeCustomerQueries
) -> None:
    window = _window(qtbot, fake_queries)
    twin = FakeCustomerQueries.with_demo_data()  # asked here, so the window's fake sees only it
    first, second = list(fake_queries.profiles)[:2]
    for customer_id in (first, second):
        _open(qtbot, window, customer_id)
        expected = twin.recommendations(customer_id, k=5)
        assert expected, "the fake must have something to offer"
        texts = window.crosssell_panel.offer_texts()
        assert len(texts) == len(expected)
        for text, offer in zip(texts, expected, strict=True):
            assert offer.name in text and offer.sku in text
            assert f"who bought {offer.because_of[0]}" in text
        assert not window.crosssell_panel.message_label.isVisible()
    assert "recommendations" not in fake_queries.ran_on(threading.get_ident())
    assert [name for name, _ in fake_queries.threads].count("recommendations") == 2


def test_panel_says_when_there_is_no_model_yet(
    qtbot: QtBot, fake_queries: FakeCustomerQueries
) -> None:
    fake_queries.crosssell_version = None
    window = _window(qtbot, fake_queries)
    _open(qtbot, window, next(iter(fake_queries.profiles)))
    assert window.crosssell_panel.offer_texts() == []
    assert window.crosssell_panel.message_label.isVisible()
    assert window.crosssell_panel.message_label.text().startswith("No suggestions yet")


def test_panel_on_a_real_cache_names_the_customers_own_products(
    qtbot: QtBot, tmp_path: Path
) -> None:
    fake = FakeCustomerQueries.with_demo_data()
    client = build_client(load_settings(data_dir=tmp_path / "desk"))
    try:
        with client.uow as uow:
            uow.replica.apply(demo_pull_page(fake, cursor=77))
            uow.replica.apply(_model_page(fake, cursor=78))
            uow.commit()
        window = _window(qtbot, client.queries)
        customer_id = next(iter(fake.profiles))
        _open(qtbot, window, customer_id)
        own = {line.sku for row in fake.history[customer_id] for line in fake.lines[row.id]}
        offers = client.queries.recommendations(customer_id, k=5)
        texts = window.crosssell_panel.offer_texts()
        assert len(texts) == len(offers) == 5
        for text, offer in zip(texts, offers, strict=True):
            assert offer.sku not in own and offer.sku in text
            assert reason_text(offer)[1:] in text  # the desk words it per language
            assert set(offer.because_of_skus) <= own
        window.ops.shutdown()
    finally:
        client.close()


def _model_page(fake: FakeCustomerQueries, *, cursor: int) -> PullPage:
    """A model trained on the fake's purchases, as the server would ship it."""
    purchases = [
        Purchase(cid, line.sku, row.purchased_at)
        for cid, rows in fake.history.items()
        for row in rows
        if not row.is_return
        for line in fake.lines[row.id]
    ]
    names = {line.sku: line.description for lines in fake.lines.values() for line in lines}
    blob = train(purchases, names=names).to_bytes()
    model = CrossSellModelPublic(
        version=1,
        trained_at=datetime(2024, 11, 28, tzinfo=UTC),
        blob=base64.b64encode(blob).decode(),
        seq=cursor,
    )
    return PullPage(cursor=cursor, has_more=False, crosssell_model=model)
