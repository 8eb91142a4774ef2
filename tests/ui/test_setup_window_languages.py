"""The setup window speaks the chosen language: every page's words come from the .qm files."""

from __future__ import annotations

from types import SimpleNamespace

from frontdesk.ui.appearance import TRANSLATIONS
from frontdesk.ui.setup.window import SetupWindow
from frontdesk.ui.setup.wording import plain_http_refusal


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
    finally:
        TRANSLATIONS.apply("en")
