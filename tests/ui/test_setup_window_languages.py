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
