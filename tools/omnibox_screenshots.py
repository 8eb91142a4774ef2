"""Screenshots of the desk's one search box listing several kinds at once, in English and
Russian at 1280x800: ``docs/screenshot-omnibox-{en,ru}.png`` (or under ``--out``).

The desk is the one the window's order tests use (``tests/ui/order_desk.py``): the demo
customers, James O'Connor's cases and orders, products with a barcode, and one payment taken
at the till, in a throw-away cache. The query is typed into the box as an agent would.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
sys.path.insert(0, str(ROOT / "tools"))
import case_desk  # noqa: E402 (the tests' deterministic desk, after the path)
import order_desk  # noqa: E402
from case_screenshots import _finish, _settle, _wait  # noqa: E402

from frontdesk.bootstrap import ClientContext, build_client  # noqa: E402
from frontdesk.config import load_settings  # noqa: E402
from frontdesk.domain.money import Money  # noqa: E402
from frontdesk.domain.till import Purpose, Tender  # noqa: E402

LANGUAGES = ("en", "ru")
QUERY = "mug"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--query", default=QUERY, help="what is typed into the box")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    with tempfile.TemporaryDirectory(prefix="frontdesk-omnibox-shots-") as work:
        client = build_client(load_settings(data_dir=Path(work) / "desk"))
        try:
            order_desk.fill_order_desk(client)
            _pay(client)
            for language in LANGUAGES:
                path = args.out / f"screenshot-omnibox-{language}.png"
                shoot(client, language, path, query=args.query)
                print(f"==> {path}", flush=True)
        finally:
            client.close()
    app.processEvents()
    return 0


def _pay(client: ClientContext) -> None:
    desk = client.till_desk(register="SHOP1")
    desk.open_shift(Money.of("50", "GBP"))
    desk.pay(amount=Money.of("17.00", "GBP"), tenders=[(Tender.CARD, Money.of("17.00", "GBP"))],
             customer_id=case_desk.CUSTOMER, purpose=Purpose.PURCHASE,
             key="00000000-0000-4000-8000-00000000c0de")  # fmt: skip


def shoot(client: ClientContext, language: str, path: Path, *, query: str) -> None:
    from frontdesk.services.desk import DeskWrites
    from frontdesk.ui.main_window import build_main_window
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language = language
    window = build_main_window(client.queries, preferences=preferences,
                               writes=DeskWrites(client.uow))  # fmt: skip
    window.set_cases(case_desk.desk_cases(client))
    window.set_orders(order_desk.desk_orders(client, language=language))
    window.set_catalogue(client.catalogue(language=language))
    window.give_search(receipt=client.find_receipt)
    window.resize(1280, 800)
    window.show()
    _wait(window.customer_shown, lambda: window.open_customer(order_desk.CUSTOMER))
    panel = window.search_panel
    _wait(panel.model.modelReset, lambda: panel.search_edit.setText(query))
    panel.search_edit.setFocus()
    _settle(window)
    window.grab().save(str(path))
    _finish(window)


if __name__ == "__main__":
    raise SystemExit(main())
