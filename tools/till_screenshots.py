"""Screenshots of the till's basket at 1280x800, in English and Russian: three lines (a loaf
with a line discount, cheddar by weight, oat milk), a basket discount, a customer attached
by card with the offers and the knowledge base's articles for the basket's products beside
it; the line receipt of that sale on the 80 mm roll;
and the refund of one line by its receipt. Written to ``build/screenshots/`` (or ``--out``);
``--docs DIR`` also copies them there as ``screenshot-*.png``.

The shop is the one the basket's tests use (``tests/ui/till_shop.py``), in a throw-away cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
import till_shop  # noqa: E402 (the tests' shop, after the path)

LANGUAGES = ("en", "ru")
CUSTOMER = "c-2"
TIMEOUT_S = 30


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--docs", type=Path, help="also copy them here as screenshot-*.png")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    for language in LANGUAGES:
        with tempfile.TemporaryDirectory(prefix="frontdesk-till-shots-") as work:
            for path in _shoot(app, Path(work), language, args.out):
                print(f"==> {path}", flush=True)
                if args.docs:
                    shutil.copyfile(path, args.docs / f"screenshot-{path.name}")
    return 0


def _shoot(app, work: Path, language: str, out: Path) -> list[Path]:
    from frontdesk.bootstrap import build_client
    from frontdesk.config import load_settings
    from frontdesk.ui.appearance import TRANSLATIONS

    TRANSLATIONS.apply(language)
    client = build_client(load_settings(data_dir=work / "desk"))
    try:
        till_shop.fill_shop(client)
        _fill_basket(client, language)
        return _scenes(app, client, language, out)
    finally:
        client.close()
        TRANSLATIONS.apply("en")


def _fill_basket(client, language: str) -> None:
    from frontdesk.domain.discounts import DiscountKind, DiscountOffer
    from frontdesk.domain.money import Money

    client.till_desk(register="SHOP1").open_shift(Money.of("50", "GBP"))
    basket = client.till_basket(register="SHOP1", language=language)
    basket.add_code(till_shop.BREAD, quantity=Decimal(2))
    basket.add_code(till_shop.CHEESE, quantity=Decimal("0.350"))
    basket.add_code(till_shop.MILK)
    basket.discount_line(1, DiscountOffer(DiscountKind.PERCENT, Decimal(10)))
    basket.discount_basket(DiscountOffer(DiscountKind.AMOUNT, Decimal("0.50")))
    basket.attach_customer(CUSTOMER)


def _scenes(app, client, language: str, out: Path) -> list[Path]:
    from frontdesk.ui.knowledge.reader_flows import KbWriter
    from frontdesk.ui.knowledge.suggestions import KbSuggester
    from frontdesk.ui.ops import OpRunner
    from frontdesk.ui.till import TillWindow

    printed: list = []
    ops = OpRunner()
    writer = KbWriter(uow=client.uow.fresh, role=lambda: "cashier")
    articles = KbSuggester(client.knowledge(language=language), submit=ops.submit, writer=writer)
    till = TillWindow(client.till_desk(register="SHOP1"),
                      printer=lambda receipt, _parent: printed.append(receipt),
                      basket=client.till_basket(register="SHOP1", language=language),
                      knowledge=articles)  # fmt: skip
    till.resize(1280, 800)
    till.show()
    _settle(app, till)
    _wait(app, lambda: till.basket_ui.offers.offers() != [])
    _wait(app, lambda: till.basket_ui.articles.hits() != [] and ops.is_idle())
    basket_shot = out / f"till-basket-{language}.png"
    till.grab().save(str(basket_shot))
    receipt_shot = _pay_and_print(app, till, printed, out / f"receipt-lines-{language}.png")
    refund_shot = _refund_dialog(app, till, out / f"till-line-refund-{language}.png")
    till.close()
    ops.shutdown()
    return [basket_shot, receipt_shot, refund_shot]


def _pay_and_print(app, till, printed: list, path: Path) -> Path:
    cash = till.payment_box.tenders["cash"].edit
    cash.setText("20")
    till.payment_box.submit()
    _wait(app, lambda: len(till.desk.view().transactions) == 1)
    _settle(app, till)
    till.table.selectRow(0)
    till.print_selected()
    _wait(app, lambda: bool(printed))
    _receipt_image(printed[-1]).save(str(path))
    return path


def _receipt_image(receipt):
    from PySide6.QtGui import QColor, QImage, QPainter

    from frontdesk.ui.receipts import MARGIN_MM, MM_PER_PT, ROLL_WIDTH_MM, receipt_document

    document = receipt_document(receipt)
    width = (ROLL_WIDTH_MM - 2 * MARGIN_MM) / MM_PER_PT
    document.setTextWidth(width)
    scale, margin = 3, 12
    image = QImage(int((width + 2 * margin) * scale),
                   int((document.size().height() + 2 * margin) * scale),
                   QImage.Format.Format_RGB32)  # fmt: skip
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    painter.translate(margin, margin)
    document.drawContents(painter)
    painter.end()
    return image


def _refund_dialog(app, till, path: Path) -> Path:
    dialog = till.refund_by_receipt()
    dialog.receipt_edit.setText(till.desk.view().transactions[0].receipt_no)
    dialog.find()
    _wait(app, lambda: dialog.return_lines.rowCount() == 3)
    dialog.return_lines.setCurrentCell(1, 5)
    dialog.return_lines.toggle_current()
    _settle(app, till)
    dialog.reason_edit.setText("—")
    app.processEvents()
    dialog.grab().save(str(path))
    dialog.reject()
    return path


def _settle(app, till) -> None:
    _wait(app, till.ops.is_idle)


def _wait(app, done) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the till did not get there in time")
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


if __name__ == "__main__":
    raise SystemExit(main())
