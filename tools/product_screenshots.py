"""Screenshots of the Products page at 1280x800, in English and Russian: words typed with a
typo and the first product's card (price, stock per branch with a stale figure, literature,
what its buyers also bought), and a scanned barcode's card. Written to
``build/screenshots/`` (or ``--out``); ``--docs DIR`` also copies them there as
``screenshot-products-*.png`` and ``screenshot-product-scan-*.png``.

The shop is the one the page's tests use (``tests/ui/catalogue_shop.py``): five products, a
small category tree, prices, stock and a cross-sell model pulled into a throw-away cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
import catalogue_shop  # noqa: E402 (the tests' shop, after the path)
from ui_fakes import FakeCustomerQueries  # noqa: E402

LANGUAGES = ("en", "ru")
WORDS = {"en": "hamer dril", "ru": "дрел"}
TIMEOUT_MS = 30_000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--docs", type=Path, help="also copy them here as screenshot-*.png")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    with tempfile.TemporaryDirectory(prefix="frontdesk-product-shots-") as work:
        database = catalogue_shop.shop_cache(Path(work))
        try:
            for language in LANGUAGES:
                for name, scene in SCENES.items():
                    path = args.out / f"{name}-{language}.png"
                    scene(database, language, path)
                    print(f"==> {path}", flush=True)
                    if args.docs:
                        shutil.copyfile(path, args.docs / f"screenshot-{path.name}")
        finally:
            database.dispose()
    app.processEvents()
    return 0


def _window(database, language: str):
    from frontdesk.ui.main_window import build_main_window
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language = language
    window = build_main_window(FakeCustomerQueries.with_demo_data(), preferences=preferences)
    window.set_catalogue(catalogue_shop.shop_catalogue(database))
    window.resize(1280, 800)
    window.show()
    window.show_products()
    _settle(window)
    return window


def _wait(signal, start: Callable[[], object]) -> object:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    result = start()
    loop.exec()
    return result


def _settle(window) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()
    if not window.ops.is_idle():
        _wait(window.ops.idle, lambda: None)


def _finish(window) -> None:
    window.ops.shutdown()
    window.close()
    window.deleteLater()


def products(database, language: str, path: Path) -> None:
    """Words with a typo, Enter: the list takes the keys and its first product's card shows."""
    window = _window(database, language)
    panel, flows = window.product_flows.panel, window.product_flows
    panel.search_box.setText(WORDS[language])
    _wait(flows.card_shown, lambda: panel.code_entered.emit(WORDS[language], None))
    _settle(window)
    window.grab().save(str(path))
    _finish(window)


def product_scan(database, language: str, path: Path) -> None:
    """A scanner's digits and Enter: the card at once, the box ready for the next scan."""
    window = _window(database, language)
    panel, flows = window.product_flows.panel, window.product_flows
    code = catalogue_shop.DRILL_CODE
    panel.search_box.setText(code)
    _wait(flows.card_shown, lambda: panel.code_entered.emit(code, None))
    _settle(window)
    window.grab().save(str(path))
    _finish(window)


SCENES = {"products": products, "product-scan": product_scan}

if __name__ == "__main__":
    sys.exit(main())
