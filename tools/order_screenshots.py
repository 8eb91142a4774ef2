"""Screenshots of orders in the window: the 360's Orders tab, the order view of a late order,
the phone-order dialog, in English and Russian at 1280x800, written to
``build/screenshots/`` (or ``--out``).

The desk is the one the window's order tests use (``tests/ui/order_desk.py``): the demo
customers and James O'Connor's orders pulled into a throw-away cache at a fixed Friday, so
the shipped order stays one day late; a phone order taken here waits for the server.
Nothing is copied into ``docs/``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
sys.path.insert(0, str(ROOT / "tools"))
import order_desk  # noqa: E402 (the tests' deterministic desk, after the path)
from case_screenshots import _finish, _settle, _wait  # noqa: E402

from frontdesk.bootstrap import ClientContext, build_client  # noqa: E402
from frontdesk.config import load_settings  # noqa: E402

LANGUAGES = ("en", "ru")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    with tempfile.TemporaryDirectory(prefix="frontdesk-order-shots-") as work:
        client = build_client(load_settings(data_dir=Path(work) / "desk"))
        try:
            order_desk.fill_order_desk(client)
            order_desk.desk_orders(client).place(
                order_desk.CUSTOMER, [("TEA-EG", "0.5")], note="Call before delivery"
            )
            for language in LANGUAGES:
                for name, scene in SCENES.items():
                    path = args.out / f"{name}-{language}.png"
                    scene(client, language, path)
                    print(f"==> {path}", flush=True)
        finally:
            client.close()
    app.processEvents()
    return 0


def _window(client: ClientContext, language: str):
    from frontdesk.services.desk import DeskWrites
    from frontdesk.ui.main_window import build_main_window
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language = language
    window = build_main_window(
        client.queries, preferences=preferences, writes=DeskWrites(client.uow)
    )
    window.set_orders(order_desk.desk_orders(client, language=language))
    window.resize(1280, 800)
    window.show()
    _wait(window.customer_shown, lambda: window.open_customer(order_desk.CUSTOMER))
    _settle(window)
    return window


def orders_tab(client: ClientContext, language: str, path: Path) -> None:
    """The whole window: James O'Connor's Orders tab, the late order marked."""
    window = _window(client, language)
    window.customer_tabs.setCurrentWidget(window.orders_ui.tab)
    _settle(window)
    window.grab().save(str(path))
    _finish(window)


def order_view(client: ClientContext, language: str, path: Path) -> None:
    window = _window(client, language)
    flows = window.orders_ui.flows
    _wait(flows.order_shown, lambda: flows.open_order(order_desk.SHIPPED))
    _settle(window)
    flows.view.grab().save(str(path))
    flows.view.close()
    _finish(window)


def phone_order(client: ClientContext, language: str, path: Path) -> None:
    window = _window(client, language)
    flows = window.orders_ui.flows
    _wait(flows.phone_order_shown, window.orders_ui.new_phone_order)
    dialog = flows.phone_order
    for text, quantity in (("MUG-01", "2"), ("TEA-EG", "0.25")):
        dialog.product_edit.setText(text)
        dialog.quantity_edit.setText(quantity)
        _wait(dialog.products_shown, dialog._on_product_entered)
    dialog.product_edit.setText("mug")
    _wait(dialog.products_shown, dialog._on_product_entered)
    dialog.note_edit.setText("Gift wrap, please")
    _settle(window)
    dialog.grab().save(str(path))
    dialog.close()
    _finish(window)


SCENES: dict[str, Callable[[ClientContext, str, Path], None]] = {
    "orders-tab": orders_tab,
    "order": order_view,
    "phone-order": phone_order,
}


if __name__ == "__main__":
    raise SystemExit(main())
