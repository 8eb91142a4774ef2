"""Catalogue wire rows for filling a real desk cache, and the cache itself."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.protocol import ProductPublic, PullPage
from frontdesk.protocol.catalogue import (
    CategoryPublic,
    LiteratureLink,
    PricePublic,
    StockPublic,
)

AS_OF = datetime(2026, 12, 6, 10, 42, tzinfo=UTC)
#: The smallest valid PNG: what a thumbnail column holds.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def ean(payload: str) -> str:
    """A valid EAN-13 from 12 digits."""
    return payload + str(check_digit(payload))


def product(
    sku: str,
    seq: int,
    *,
    en: str,
    ru: str | None = None,
    description: str = "",
    category: str | None = "tools.drills",
    barcodes: tuple[str, ...] = (),
    status: str = "active",
    **more: Any,
) -> ProductPublic:
    names = {"en": en} | ({"ru": ru} if ru else {})
    return ProductPublic(
        sku=sku,
        name=en,
        category=category or "",
        unit_price="10.00",
        currency="GBP",
        names=names,
        descriptions={"en": description} if description else {},
        category_code=category,
        barcodes=list(barcodes),
        status=status,
        seq=seq,
        **more,
    )


def categories(seq: int = 1) -> list[CategoryPublic]:
    tree = [
        ("tools", None, "Tools", "Инструменты"),
        ("tools.drills", "tools", "Drills", "Дрели"),
        ("tools.saws", "tools", "Saws", "Пилы"),
        ("garden", None, "Garden", "Сад"),
    ]
    return [
        CategoryPublic(code=code, parent=parent, names={"en": en, "ru": ru}, seq=seq + i)
        for i, (code, parent, en, ru) in enumerate(tree)
    ]


def price(
    pid: str, sku: str, amount: str, *, branch: str | None = None, start: date, end: date | None = None,
    seq: int = 50, currency: str = "GBP", withdrawn: bool = False,
) -> PricePublic:  # fmt: skip
    return PricePublic(
        id=pid, sku=sku, currency=currency, unit_price=amount, branch=branch, valid_from=start,
        valid_until=end, withdrawn=withdrawn, seq=seq,
    )  # fmt: skip


def stock(
    sku: str, branch: str, warehouse: str, on_hand: str, *, reserved: str = "0",
    incoming: str = "0", incoming_on: date | None = None, as_of: datetime = AS_OF, seq: int = 60,
) -> StockPublic:  # fmt: skip
    return StockPublic(
        sku=sku, branch=branch, warehouse=warehouse, on_hand=on_hand, reserved=reserved,
        incoming=incoming, incoming_on=incoming_on, as_of=as_of, seq=seq,
    )  # fmt: skip


def shop_page(cursor: int = 100) -> PullPage:
    """A small shop: drills, a saw, a discontinued drill, a garden hose; prices; stock."""
    products = [
        product("DR-100", 10, en="Cordless Hammer Drill", ru="Аккумуляторная ударная дрель",
                description="Brushless motor, two batteries, steel case",
                barcodes=(ean("460123456789"),), attributes={"voltage": "18 V"},
                literature=[LiteratureLink(title="Manual", url="https://example.com/dr100.pdf")],
                thumbnail=base64.b64encode(PNG).decode()),
        product("DR-090", 11, en="Compact Drill", ru="Компактная дрель", status="discontinued",
                replacement_sku="DR-100"),
        product("SW-200", 12, en="Circular Saw", ru="Циркулярная пила", category="tools.saws",
                description="Laser guide for straight cuts"),
        product("GH-015", 13, en="Garden Hose 15 m", ru="Садовый шланг 15 м", category="garden",
                barcodes=("0012345678905",), unit="piece"),
        product("SH-001", 14, en="Щётка Hardy", category="garden"),
    ]  # fmt: skip
    prices = [
        price("p1", "DR-100", "129.99", start=date(2026, 1, 1)),
        price("p2", "DR-100", "119.99", branch="Арбат", start=date(2026, 12, 1),
              end=date(2026, 12, 7)),
        price("p3", "SW-200", "89.50", start=date(2026, 1, 1)),
    ]  # fmt: skip
    figures = [
        stock("DR-100", "Арбат", "main", "12", reserved="2"),
        stock("DR-100", "Арбат", "back", "2"),
        stock("DR-100", "Тверская", "main", "3", incoming="40", incoming_on=date(2026, 12, 12),
              as_of=datetime(2026, 12, 4, 18, 0, tzinfo=UTC)),
    ]  # fmt: skip
    return PullPage(
        cursor=cursor, has_more=False, products=products, categories=categories(),
        prices=prices, stock=figures,
    )  # fmt: skip


@pytest.fixture
def desk_cache(tmp_path: Path) -> Iterator[CacheDatabase]:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    try:
        yield database
    finally:
        database.dispose()


@pytest.fixture
def desk_uow(desk_cache: CacheDatabase) -> SqlAlchemyUnitOfWork:
    return SqlAlchemyUnitOfWork(desk_cache.writer)


@pytest.fixture
def apply_page(desk_uow: SqlAlchemyUnitOfWork):
    def _apply(page: PullPage, *, index: bool = True) -> None:
        with desk_uow:
            desk_uow.replica.apply(page, index=index)
            desk_uow.sync_state.advance(page.cursor, pulled_at=datetime.now(UTC))
            desk_uow.commit()

    return _apply


@pytest.fixture
def port(desk_cache: CacheDatabase) -> SqlAlchemyCatalogue:
    return SqlAlchemyCatalogue(desk_cache.reader)
