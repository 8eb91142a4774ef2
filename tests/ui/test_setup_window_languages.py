"""The setup window speaks the chosen language: every page's words come from the .qm files."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

from frontdesk.sync.pull import PullProgress, PullResult
from frontdesk.ui.appearance import TRANSLATIONS
from frontdesk.ui.setup.window import SetupWindow
from frontdesk.ui.setup.wording import plain_http_refusal

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def test_setup_pages_in_russian(qtbot) -> None:
    TRANSLATIONS.apply("ru")
    try:
        client = SimpleNamespace(settings=SimpleNamespace(allow_plain_http=False))
        window = SetupWindow(client)
        qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
        assert window.connect_page.title.text() == "Подключение рабочего места"
        assert window.connect_page.check_button.text() == "&Проверить"
        assert window.pull_page.cancel_button.text() == "Отмена"
        assert window.windowTitle() == "Frontdesk: подключение рабочего места"
        assert plain_http_refusal("http://hq", allowed=False).startswith("Ничего не отправлено")
        # Pictures to look at (docs/screenshot-*-ru.png are chosen from these).
        SHOTS.mkdir(parents=True, exist_ok=True)
        window.resize(900, 600)
        window.show()
        qtbot.waitExposed(window)
        window.connect_page.address_edit.setText("https://frontdesk.example.ru")
        window.connect_page.user_edit.setText("anna")
        assert window.grab().save(str(SHOTS / "setup-ru.png"))
        window.stack.setCurrentIndex(1)
        window.pull_page._started = time.monotonic() - 40
        done = PullResult(pages=16, customers=1_200, products=300, purchases=5_100, cursor=6_600)
        window.pull_page._on_relay_paged(PullProgress(done, started_at=0, head=40_000))
        assert "1" in window.pull_page.counts.text()
        assert window.grab().save(str(SHOTS / "first-pull-ru.png"))
    finally:
        TRANSLATIONS.apply("en")


def test_the_first_pull_says_what_it_does_with_the_server_s_snapshot(qtbot) -> None:
    """Bytes while the snapshot downloads, then a busy bar and plain words while it is
    checked and copied; the page counts come back with the pages after it."""
    TRANSLATIONS.apply("ru")
    try:
        client = SimpleNamespace(settings=SimpleNamespace(allow_plain_http=False))
        window = SetupWindow(client)
        qtbot.addWidget(window, before_close_func=lambda w: w.ops.shutdown())
        window.resize(900, 600)
        window.show()
        window.stack.setCurrentIndex(1)
        page = window.pull_page
        nothing = PullResult(pages=0, customers=0, products=0, purchases=0, cursor=0)
        page._on_relay_paged(PullProgress(nothing, 0, None, download=(95_700_000, 191_400_000)))
        assert page.counts.text() == "Загрузка копии данных с сервера: 96 из 191 МБ"
        assert (page.bar.maximum(), page.bar.value()) == (1000, 500)
        page._on_relay_paged(PullProgress(nothing, 0, None, attaching=True))
        assert page.bar.maximum() == 0  # busy: the copy has no steps to count
        assert page.counts.text().startswith("Проверка файла")
        assert "минуту-другую" in page.time_left.text()
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SHOTS / "first-pull-snapshot-ru.png"))
        done = PullResult(pages=1, customers=12, products=0, purchases=40, cursor=9_000)
        page._on_relay_paged(PullProgress(done, started_at=0, head=9_000))
        assert page.bar.maximum() == 1000 and "12" in page.counts.text()
    finally:
        TRANSLATIONS.apply("en")
