"""A branch shop in a real desk cache, for the till window's basket tests and screenshots.

Groceries with barcodes (a loaf and oat milk by the piece, cheddar by the kilogram), the
demo customers' own products, all priced in GBP for every branch, a cross-sell model in
which the shop's buyers buy the groceries with the demo products, and sue, a supervisor
who signed in online at this desk earlier (her approvals here are checked offline).
"""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from test_window_on_cache import fill_cache
from ui_fakes import KeptLogin

from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.crosssell.training import train
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.domain.money import Money
from frontdesk.protocol import CrossSellModelPublic, ProductPublic, PullPage
from frontdesk.protocol.catalogue import PricePublic
from frontdesk.protocol.knowledge import KbArticlePublic
from frontdesk.services.till.ports import SupervisorVerifier
from frontdesk.ui.till import TillWindow

WAIT_MS = 10_000
PASSWORD = "correct horse battery"
NOW = datetime.now(UTC).replace(microsecond=0)


def ean(payload: str) -> str:
    return payload + str(check_digit(payload))


BREAD, CHEESE, MILK = ean("501234500001"), ean("501234500002"), ean("501234500003")
#: (sku, English, Russian, unit, GBP price, barcode)
GROCERIES = (
    ("BR-001", "Sourdough loaf", "Хлеб на закваске", "piece", "1.20", BREAD),
    ("CH-002", "Cheddar, mature", "Чеддер выдержанный", "kg", "12.40", CHEESE),
    ("OM-003", "Oat milk 1 l", "Овсяное молоко 1 л", "piece", "0.95", MILK),
    ("BU-004", "Butter 250 g", "Масло сливочное 250 г", "piece", "2.10", ean("501234500004")),
    ("EG-005", "Free-range eggs, 6", "Яйца фермерские, 6 шт.", "pack", "1.85", ean("501234500005")),
    ("JM-006", "Strawberry jam", "Клубничный джем", "piece", "2.40", ean("501234500006")),
)
#: The demo customers' GBP products (``ui_fakes``), sold here too: what the offers name.
DEMO = (
    ("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "2.55"),
    ("71053", "WHITE METAL LANTERN", "3.39"),
    ("84406B", "CREAM CUPID HEARTS COAT HANGER", "2.75"),
    ("22752", "SET 7 BABUSHKA NESTING BOXES", "7.65"),
    ("21730", "GLASS STAR FROSTED T-LIGHT HOLDER", "4.25"),
    ("22633", "HAND WARMER UNION JACK", "1.85"),
    ("84879", "ASSORTED COLOUR BIRD ORNAMENT", "1.695"),
)


def shop_page() -> PullPage:
    products, prices = [], []
    rows = [(s, en, ru, u, p, [c]) for s, en, ru, u, p, c in GROCERIES] + [
        (s, name, name, "piece", price, []) for s, name, price in DEMO
    ]
    for seq, (sku, en, ru, unit, price, codes) in enumerate(rows, start=10):
        products.append(ProductPublic(sku=sku, name=en, category="shop", unit_price=price,
                                      currency="GBP", names={"en": en, "ru": ru}, unit=unit,
                                      barcodes=codes, seq=seq))  # fmt: skip
        prices.append(PricePublic(id=f"p-{sku}", sku=sku, currency="GBP", unit_price=price,
                                  branch=None, valid_from=date(2020, 1, 1), valid_until=None,
                                  seq=100 + seq))  # fmt: skip
    return PullPage(cursor=400, has_more=False, products=products, prices=prices,
                    crosssell_model=crosssell_model())  # fmt: skip


def crosssell_model() -> CrossSellModelPublic:
    """The demo products' buyers buy cheddar and bread with them; some oat milk, butter,
    eggs and jam."""
    bought = []
    for n in range(40):
        at = NOW - timedelta(days=n % 20)
        basket = [DEMO[n % len(DEMO)][0], DEMO[(n + 1) % len(DEMO)][0], "CH-002", "BR-001"]
        basket += ["OM-003"] if n % 3 == 0 else []
        basket += ["BU-004"] if n % 2 == 0 else []
        basket += ["EG-005"] if n % 4 == 0 else []
        basket += ["JM-006"] if n % 5 == 0 else []
        bought += [(f"k{n}", sku, at) for sku in basket]
    names = {sku: en for sku, en, *_ in GROCERIES} | {sku: name for sku, name, _ in DEMO}
    blob = train(bought, names=names).to_bytes()
    return CrossSellModelPublic(version=1, trained_at=NOW, seq=399,
                                blob=base64.b64encode(blob).decode())  # fmt: skip


#: The shop's articles: (key, SKUs, English title and body, Russian title and body).
ARTICLES = (
    (
        "keep-bread-cheese",
        ["BR-001", "CH-002"],
        "Keeping sourdough and cheddar fresh",
        "Wrap the loaf in a linen bag, not plastic; keep the cheddar in wax paper in the "
        "fridge and take it out half an hour before serving.",
        "Как сохранить хлеб на закваске и чеддер свежими",
        "Храните хлеб в льняном мешке, а не в пакете; чеддер — в вощёной бумаге в "
        "холодильнике, доставайте за полчаса до подачи.",
    ),
    (
        "cheese-board",
        ["CH-002", "JM-006"],
        "A cheese board with jam",
        "Mature cheddar goes with a sweet jam: a spoon of strawberry jam beside each slice.",
        "Сырная тарелка с джемом",
        "Выдержанный чеддер хорош со сладким джемом: ложка клубничного джема к ломтику.",
    ),
    (
        "oat-milk",
        ["OM-003"],
        "How long does oat milk keep once opened?",
        "Five days in the fridge once opened; shake before pouring.",
        "Сколько хранится открытое овсяное молоко?",
        "Пять дней в холодильнике после вскрытия; перед тем как налить, взболтайте.",
    ),
)


def article_id(key: str, lang: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"shop/{lang}/{key}"))


def articles_page() -> PullPage:
    """The shop's articles in English and Russian, each linked to its products."""
    rows, seq = [], 500
    for key, skus, *texts in ARTICLES:
        for lang, title, body in (("en", *texts[:2]), ("ru", *texts[2:])):
            seq += 1
            rows.append(KbArticlePublic(
                id=article_id(key, lang), translation_group=article_id(key, "group"), lang=lang,
                title=title, body_md=body, category="shop", tags=[], product_skus=skus,
                case_categories=[], audience="all", version=1, author="shop", status="published",
                source=f"shop/{lang}/{key}", updated_at=NOW, documents=[], seq=seq))  # fmt: skip
    return PullPage(cursor=600, has_more=False, kb_articles=rows)


def fill_shop(client) -> None:
    """The demo customers, the shop, this desk's branch, and sue's kept verifier."""
    fill_cache(client)
    with client.uow as uow:
        uow.replica.apply(shop_page())
        uow.replica.apply(articles_page())
        uow.sync_state.keep_case_desk(case_prefix="D1", branch="Leeds")
        uow.sync_state.set_login("http://127.0.0.1:9", "cat")  # nothing listens there
        uow.commit()
    client.credentials = KeptLogin()
    desk = client.till_desk(register="SHOP1")
    with desk.uow:
        verifier = Argon2Verifier().make(PASSWORD)
        desk.uow.supervisors.remember(
            SupervisorVerifier("sue", "supervisor", verifier, datetime.now(UTC))
        )
        desk.uow.commit()


def open_till(qtbot: QtBot, client, printed: list, *, shift: bool = True,
              knowledge=None) -> TillWindow:  # fmt: skip
    """The SHOP1 till window with its basket, its shift open (if ``shift``), shown;
    ``knowledge`` a ``KbSuggester`` for the basket's articles."""
    desk = client.till_desk(register="SHOP1")
    if shift and desk.view().shift is None:
        desk.open_shift(Money.of("50", "GBP"))
    till = TillWindow(desk, printer=lambda receipt, _parent: printed.append(receipt),
                      basket=client.till_basket(register="SHOP1"),
                      knowledge=knowledge)  # fmt: skip
    qtbot.addWidget(till)
    till.show()
    qtbot.waitExposed(till)
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    return till


def scan(qtbot: QtBot, code: str) -> None:
    """A keyboard-wedge scanner: the code's digits and Enter, as fast as keys go, into
    whatever has the focus."""
    target = focused()
    qtbot.keyClicks(target, code)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def focused() -> QWidget:
    from PySide6.QtWidgets import QApplication

    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def lines_of(till: TillWindow) -> list[tuple[str, str]]:
    """(SKU, quantity as shown) of each line of the basket on show."""
    model = till.basket_ui.box.model
    return [(model.index(r, 0).data(), model.index(r, 2).data()) for r in range(model.rowCount())]


def wait_idle(qtbot: QtBot, till: TillWindow) -> Iterator[None] | None:
    qtbot.waitUntil(till.ops.is_idle, timeout=WAIT_MS)
    return None
