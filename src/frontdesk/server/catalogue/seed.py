"""The demo catalogue's catalogue side, for ``seed-demo``: a category tree, a barcode per
product, price lists in each branch currency and stock at every demo branch.

Everything is derived from the SKU and the seed's history end, never the clock or a shared
random stream, and written through the importers' writers: seeding twice writes nothing.
Barcodes are EAN-13 in the GS1 prefix 20-29 (numbers a company assigns for its own use, so
they never clash with a real product's code), with their check digit.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.catalogue import Product as DomainProduct
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.protocol.catalogue import CategoryIn, PriceIn, ProductIn, StockRowIn
from frontdesk.server.catalogue import categories, prices, products
from frontdesk.server.catalogue.demo_names import russian_name
from frontdesk.server.catalogue.report import CatalogueImportReport, ImportContext, Parsed
from frontdesk.server.catalogue.stock import apply_stock
from frontdesk.server.models import ChangeCounter

#: Category name (as the demo products carry it) -> (code, Russian name, parent code).
CATEGORIES = {
    "Kitchen & dining": ("kitchen", "Кухня и сервировка", "home"),
    "Candles & lighting": ("lighting", "Свечи и освещение", "home"),
    "Home decor": ("decor", "Декор для дома", "home"),
    "Garden & outdoor": ("garden", "Сад и отдых", "home"),
    "Bags & storage": ("storage", "Сумки и хранение", "home"),
    "Bath & body": ("bath", "Ванная и уход", "home"),
    "Stationery & gift wrap": ("stationery", "Канцелярия и упаковка", "gifts"),
    "Toys & games": ("toys", "Игрушки и игры", "gifts"),
    "Accessories & jewellery": ("accessories", "Аксессуары и украшения", "gifts"),
    "Christmas & seasonal": ("seasonal", "Новый год и праздники", "gifts"),
}
TOP = {"home": ("Home", "Дом"), "gifts": ("Gifts", "Подарки")}
#: Roubles per pound for the demo's rouble price list (a round figure, not a market rate).
RUB_PER_GBP = 120
HISTORY_DAYS = 730


@dataclass
class CatalogueSeedReport:
    categories: int = 0
    products: int = 0
    prices: int = 0
    stock: int = 0


def seed_catalogue(
    session: Session, items: list[DomainProduct], *, branches: dict[str, tuple[str, ...]],
    end: datetime,
) -> CatalogueSeedReport:  # fmt: skip
    """Write the demo catalogue's categories, barcodes, prices and stock (idempotent).
    ``branches``: locale -> branch names (``ru_RU`` branches sell in roubles)."""
    floor = session.scalar(select(ChangeCounter.value).where(ChangeCounter.id == 1)) or 0
    written = CatalogueSeedReport()
    for kind, writer, rows in (
        ("categories", categories.write, _categories()),
        ("products", products.write, [_product(p, items) for p in items]),
        ("prices", prices.write, [row for p in items for row in _prices(p, end)]),
    ):
        report = CatalogueImportReport(file="seed-demo", kind=kind)
        parsed = [
            Parsed(n, row, frozenset(row.model_fields_set)) for n, row in enumerate(rows, start=1)
        ]
        writer(ImportContext(session, report, floor, "GBP"), parsed)
        _check(report)
        setattr(written, kind, report.created + report.updated)
    every_branch = [branch for names in branches.values() for branch in names]
    stock = [_stock(p, branch, end) for p in items for branch in every_branch]
    written.stock = apply_stock(session, enumerate(stock, start=1)).applied
    return written


def _check(report: CatalogueImportReport) -> None:
    if report.refused:
        raise AssertionError(f"the demo catalogue breaks its own rules: {report.summary()}")


def _categories() -> list[CategoryIn]:
    tops = [CategoryIn(code=code, names={"en": en, "ru": ru}) for code, (en, ru) in TOP.items()]
    return tops + [
        CategoryIn(code=code, parent=parent, names={"en": name, "ru": ru})
        for name, (code, ru, parent) in CATEGORIES.items()
    ]


def barcode_for(sku: str) -> str:
    """The demo EAN-13 of a demo SKU (``FD-01011`` -> 20 + its digits, padded, + check)."""
    payload = "20" + "".join(ch for ch in sku if ch.isdigit()).rjust(10, "0")
    return payload + str(check_digit(payload))


#: The demo shop's care and use guides, one per category, on the company's (demo) site.
GUIDES = "https://shop.frontdesk.example/guides/{code}.pdf"


def _product(product: DomainProduct, items: list[DomainProduct]) -> ProductIn:
    name = product.name[0].upper() + product.name[1:]
    code, category_ru, _parent = CATEGORIES[product.category]
    names = {"en": name}
    descriptions = {"en": f"{name}, from our {product.category.lower()} range."}
    russian = russian_name(name)
    if russian is not None:
        names["ru"] = russian
        descriptions["ru"] = f"{russian}, из раздела «{category_ru}»."
    guide = {"title": f"{product.category}: care and use guide (PDF)",
             "url": GUIDES.format(code=code)}  # fmt: skip
    return ProductIn(
        sku=product.sku,
        names=names,
        descriptions=descriptions,
        category=code,
        barcodes=[barcode_for(product.sku)],
        attributes={"colour": product.name.split()[0]},
        literature=[guide],
        **_replaced(product, items),
    )


def _replaced(product: DomainProduct, items: list[DomainProduct]) -> dict[str, Any]:
    """Every fifth noun's third variant is discontinued, replaced by its first variant
    (``FD-01053`` by ``FD-01051``): the desk shows what to offer instead."""
    sku = product.sku
    if not (sku.endswith("3") and int(sku[-3:-1]) % 5 == 0):
        return {}
    replacement = sku[:-1] + "1"
    assert any(p.sku == replacement for p in items), replacement
    return {"status": "discontinued", "replacement_sku": replacement}


def _prices(product: DomainProduct, end: datetime) -> list[PriceIn]:
    since = (end - timedelta(days=HISTORY_DAYS)).date()
    pounds = product.unit_price.amount
    roubles = max(49, round(pounds * RUB_PER_GBP / 10) * 10 - 1)
    return [
        PriceIn(sku=product.sku, currency="GBP", unit_price=str(pounds), valid_from=since),
        PriceIn(sku=product.sku, currency="RUB", unit_price=str(roubles), valid_from=since),
    ]


def _stock(product: DomainProduct, branch: str, end: datetime) -> StockRowIn:
    rng = random.Random(f"frontdesk-demo-stock:{product.sku}:{branch}")
    on_hand = rng.choice((0, 0, 1, 2, 3, 5, 8, 12, 20, 35))
    incoming: dict[str, Any] = {}
    if on_hand < 3 and rng.random() < 0.6:
        arrives = (end + timedelta(days=rng.randint(3, 20))).date()
        incoming = {"incoming": str(rng.choice((10, 20, 40))), "incoming_on": arrives}
    return StockRowIn(
        sku=product.sku,
        branch=branch,
        warehouse="main",
        on_hand=str(on_hand),
        reserved=str(min(on_hand, rng.choice((0, 0, 0, 1, 2)))),
        as_of=end,
        **incoming,
    )
