"""A small shop in a real desk cache, for the Products page's tests and screenshots."""

from __future__ import annotations

import base64
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.crosssell.training import train
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.protocol import CrossSellModelPublic, ProductPublic, PullPage
from frontdesk.protocol.catalogue import CategoryPublic, LiteratureLink, PricePublic, StockPublic
from frontdesk.services.catalogue.desk import DeskCatalogue

NOW = datetime.now(UTC).replace(microsecond=0)
TODAY = NOW.date()


def ean(payload: str) -> str:
    return payload + str(check_digit(payload))


DRILL_CODE = ean("460123456789")


def thumbnail() -> str:
    """A drawn 96x96 PNG (a drill-ish shape): what the card's picture shows."""
    image = QImage(96, 96, QImage.Format.Format_ARGB32)
    image.fill(QColor("#eceff1"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1565c0"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(14, 28, 52, 26, 6, 6)
    painter.drawRect(34, 50, 14, 32)
    painter.setBrush(QColor("#424242"))
    painter.drawRect(66, 37, 20, 8)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(data.data())).decode()


def _product(sku: str, seq: int, en: str, ru: str, category: str, **more) -> ProductPublic:
    return ProductPublic(
        sku=sku, name=en, category=category, unit_price="10.00", currency="RUB",
        names={"en": en, "ru": ru}, category_code=category, seq=seq, **more,
    )  # fmt: skip


def shop_page() -> PullPage:
    products = [
        _product("DR-100", 10, "Cordless Hammer Drill 18 V", "Аккумуляторная ударная дрель 18 В",
                 "tools.drills", barcodes=[DRILL_CODE], thumbnail=thumbnail(),
                 descriptions={"en": "Brushless motor, two 2 Ah batteries, 13 mm chuck, case.",
                               "ru": "Бесщёточный мотор, два аккумулятора 2 А·ч, патрон 13 мм."},
                 attributes={"Voltage": "18 V", "Weight": "1.6 kg"},
                 literature=[LiteratureLink(title="User manual (PDF)",
                                            url="https://example.com/manuals/dr-100.pdf"),
                             LiteratureLink(title="Safety sheet", article_id="KB-2041")]),
        _product("DR-090", 11, "Compact Drill", "Компактная дрель", "tools.drills",
                 status="discontinued", replacement_sku="DR-100"),
        _product("BT-020", 12, "Battery 18 V 2 Ah", "Аккумулятор 18 В 2 А·ч", "tools.drills"),
        _product("SW-200", 13, "Circular Saw", "Циркулярная пила", "tools.saws",
                 descriptions={"en": "Laser guide for straight cuts"}),
        _product("GH-015", 14, "Garden Hose 15 m", "Садовый шланг 15 м", "garden",
                 barcodes=["0012345678905"], unit="m"),
    ]  # fmt: skip
    tree = [("tools", None, "Tools", "Инструменты"), ("tools.drills", "tools", "Drills", "Дрели"),
            ("tools.saws", "tools", "Saws", "Пилы"), ("garden", None, "Garden", "Сад")]  # fmt: skip
    categories = [CategoryPublic(code=c, parent=p, names={"en": en, "ru": ru}, seq=100 + i)
                  for i, (c, p, en, ru) in enumerate(tree)]  # fmt: skip
    prices = [PricePublic(id="p1", sku="DR-100", currency="RUB", unit_price="12990",
                          branch=None, valid_from=date(2020, 1, 1), valid_until=None, seq=200),
              PricePublic(id="p2", sku="SW-200", currency="RUB", unit_price="8950",
                          branch="Арбат", valid_from=date(2020, 1, 1), valid_until=None,
                          seq=201)]  # fmt: skip
    stock = [
        _stock("DR-100", "Арбат", "main", "12", NOW - timedelta(minutes=20)),
        _stock("DR-100", "Тверская", "main", "3", NOW - timedelta(days=2), incoming="40",
               incoming_on=TODAY + timedelta(days=6)),
    ]  # fmt: skip
    return PullPage(cursor=300, has_more=False, products=products, categories=categories,
                    prices=prices, stock=stock, crosssell_model=crosssell_model())  # fmt: skip


def crosssell_model() -> CrossSellModelPublic:
    """Drill buyers buy a spare battery, some a saw too; hose buyers buy nothing else."""
    bought = []
    for n in range(30):
        at = NOW - timedelta(days=n)
        basket = ["DR-100", "BT-020"] + (["SW-200"] if n % 3 == 0 else [])
        bought += [(f"c{n}", sku, at) for sku in basket]
        bought.append((f"g{n}", "GH-015", at))
    names = {"DR-100": "Cordless Hammer Drill 18 V", "BT-020": "Battery 18 V 2 Ah",
             "SW-200": "Circular Saw", "GH-015": "Garden Hose 15 m"}  # fmt: skip
    blob = train(bought, names=names).to_bytes()
    return CrossSellModelPublic(version=1, trained_at=NOW, seq=299,
                                blob=base64.b64encode(blob).decode())  # fmt: skip


def _stock(sku, branch, warehouse, on_hand, as_of, *, incoming="0", incoming_on=None):
    return StockPublic(sku=sku, branch=branch, warehouse=warehouse, on_hand=on_hand,
                       reserved="0", incoming=incoming, incoming_on=incoming_on, as_of=as_of,
                       seq=300)  # fmt: skip


def shop_cache(folder: Path) -> CacheDatabase:
    database = open_cache(folder / "cache.sqlite3")
    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        uow.replica.apply(shop_page())
        uow.sync_state.keep_case_desk(case_prefix="D1", branch="Арбат")
        uow.commit()
    return database


def shop_catalogue(database: CacheDatabase, language: str = "en") -> DeskCatalogue:
    return DeskCatalogue(SqlAlchemyCatalogue(database.reader), language=language)
