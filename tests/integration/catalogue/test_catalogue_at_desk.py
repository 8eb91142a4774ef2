"""The catalogue in a real desk cache: pulled pages applied, searched, priced and carded."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from catalogue_pages import PNG, ean, price, product, shop_page, stock
from sqlalchemy import text

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.domain.money import UnitPrice
from frontdesk.protocol import PullPage
from frontdesk.protocol.catalogue import CategoryPublic
from frontdesk.protocol.orders import OrderLineIn, OrderPlace
from frontdesk.services.catalogue.desk import DeskCatalogue, price_on_day
from frontdesk.services.errors import ProtocolError

NOW = datetime(2026, 12, 6, 11, 0, tzinfo=UTC)


@pytest.fixture
def shop(apply_page, desk_uow, port: SqlAlchemyCatalogue) -> DeskCatalogue:
    apply_page(shop_page())
    with desk_uow:
        desk_uow.sync_state.keep_case_desk(case_prefix="D1", branch="Арбат")
        desk_uow.commit()
    return DeskCatalogue(port, clock=lambda: NOW)


def skus(desk: DeskCatalogue, query: str, **options) -> list[str]:
    return [row.sku for row in desk.search(query, **options)]


def test_a_misspelt_name_finds_the_product(shop: DeskCatalogue) -> None:
    assert skus(shop, "hamer dril") == ["DR-100"]
    assert skus(shop, "Cirkular") == ["SW-200"]


def test_a_cyrillic_query_finds_a_latin_name_and_the_other_way_round(shop) -> None:
    assert skus(shop, "хаммер") == ["DR-100"]  # "Hammer", typed in Cyrillic
    assert skus(shop, "shchetka") == ["SH-001"]  # "Щётка", typed in Latin
    assert skus(shop, "шланг") == ["GH-015"]  # the Russian name itself


def test_name_matches_come_before_description_matches(apply_page, shop) -> None:
    apply_page(PullPage(cursor=200, has_more=False, products=[
        product("LS-1", 300, en="Spirit Level", description="for a drill stand"),
    ]))  # fmt: skip
    found = skus(shop, "drill")
    assert found.index("DR-100") < found.index("LS-1")


def test_a_scanned_barcode_and_an_exact_sku_come_first(shop: DeskCatalogue) -> None:
    assert skus(shop, ean("460123456789")) == ["DR-100"]
    assert skus(shop, "012345678905") == ["GH-015"]  # UPC-A: its EAN-13 form is stored
    assert skus(shop, "SW-200")[0] == "SW-200"
    assert shop.find_by_code("4601234567893").sku == "DR-100"
    assert shop.find_by_code("4601234567890") is None  # a misread check digit finds nothing


def test_a_category_includes_its_subtree(shop: DeskCatalogue) -> None:
    assert set(skus(shop, "", category="tools")) == {"DR-100", "DR-090", "SW-200"}
    assert skus(shop, "drill", category="tools.saws") == []
    assert skus(shop, "laser", category="tools") == ["SW-200"]
    assert skus(shop, ean("460123456789"), category="garden") == []


def test_a_moved_category_moves_its_products_in_the_filter(apply_page, shop) -> None:
    apply_page(PullPage(cursor=300, has_more=False, categories=[
        CategoryPublic(code="tools.saws", parent="garden", names={"en": "Saws"}, seq=400),
    ]))  # fmt: skip
    assert skus(shop, "saw", category="garden") == ["SW-200"]
    assert skus(shop, "saw", category="tools") == []


def test_discontinued_products_come_after_active_ones(shop: DeskCatalogue) -> None:
    assert skus(shop, "drill") == ["DR-100", "DR-090"]
    card = shop.card("DR-090")
    assert card.product.status == "discontinued" and card.replacement.sku == "DR-100"


def test_the_price_is_the_branchs_own_on_the_day(shop: DeskCatalogue, port) -> None:
    promo, listed = UnitPrice.of("119.99", "GBP"), UnitPrice.of("129.99", "GBP")
    assert shop.price("DR-100") == promo  # Арбат's promotion, 1-7 December
    assert shop.price("DR-100", day=date(2026, 12, 8)) == listed
    assert price_on_day(port, "DR-100", branch="Тверская", day=date(2026, 12, 6)) == listed
    assert price_on_day(port, "DR-100", branch="Арбат", day=date(2025, 12, 6)) is None
    assert price_on_day(port, "GH-015", branch="Арбат", day=date(2026, 12, 6)) is None
    assert (
        price_on_day(port, "DR-100", branch="Арбат", day=date(2026, 12, 6), currency="EUR") is None
    )


def test_a_withdrawn_price_row_is_deleted(apply_page, shop) -> None:
    apply_page(PullPage(cursor=300, has_more=False, prices=[
        price("p2", "DR-100", "119.99", start=date(2026, 12, 1), seq=500, withdrawn=True),
    ]))  # fmt: skip
    assert shop.price("DR-100") == UnitPrice.of("129.99", "GBP")


def test_the_card_sums_stock_per_branch_and_marks_stale_figures(shop: DeskCatalogue) -> None:
    card = shop.card(ean("460123456789"))
    assert card.name == "Cordless Hammer Drill" and card.category_path == ("Tools", "Drills")
    arbat, tverskaya = card.stock
    assert (arbat.branch, arbat.available, arbat.on_hand, arbat.stale) == ("Арбат", 12, 14, False)
    assert (tverskaya.available, tverskaya.incoming, tverskaya.incoming_on, tverskaya.stale) == (
        3, 40, date(2026, 12, 12), True)  # fmt: skip
    assert card.product.thumbnail == PNG
    assert [(link.title, link.url) for link in card.product.literature] == [
        ("Manual", "https://example.com/dr100.pdf")
    ]


def test_the_card_speaks_the_desks_language(port, shop) -> None:
    card = DeskCatalogue(port, language="ru", clock=lambda: NOW).card("DR-100")
    assert card.name == "Аккумуляторная ударная дрель"
    assert card.description == "Brushless motor, two batteries, steel case"  # no ru: en
    assert card.category_path == ("Инструменты", "Дрели")


def test_stock_less_the_desks_unsynced_order_lines(shop, desk_uow) -> None:
    with desk_uow:
        desk_uow.outbox.add(_order("D1-1", ("DR-100", "5"), ("SW-200", "1")))
        desk_uow.outbox.add(_order("D1-2", ("DR-100", "2.5")))
        desk_uow.commit()
    arbat = shop.card("DR-100").stock[0]
    assert (arbat.branch, arbat.unsynced, arbat.available) == (
        "Арбат",
        Decimal("7.5"),
        Decimal("4.5"),
    )
    with desk_uow:
        [first, _] = desk_uow.outbox.pending(limit=5)
        desk_uow.outbox.mark_sent(first.key, result={"status": "applied"}, at=NOW)
        desk_uow.commit()
    assert shop.card("DR-100").stock[0].available == Decimal("9.5")  # only D1-2 is unsynced
    assert shop.card("DR-100").stock[1].unsynced == 0  # other branches: not this desk's sales


def test_an_older_product_version_changes_neither_row_nor_barcodes(apply_page, shop, port) -> None:
    apply_page(PullPage(cursor=300, has_more=False, products=[
        product("DR-100", 5, en="Old Drill", barcodes=(ean("460000000001"),)),
    ]))  # fmt: skip
    assert shop.find_by_code(ean("460123456789")).name == "Cordless Hammer Drill"
    assert port.by_code(ean("460000000001")) is None
    apply_page(PullPage(cursor=301, has_more=False, products=[
        product("DR-100", 600, en="Impact Drill", barcodes=(ean("460000000001"),)),
    ]))  # fmt: skip
    assert (
        port.by_code(ean("460123456789")) is None and port.by_code(ean("460000000001")) == "DR-100"
    )
    assert skus(shop, "impact") == ["DR-100"] and skus(shop, "cordless") == []


def test_a_bad_stock_figure_is_refused_naming_its_row(apply_page, port) -> None:
    page = PullPage(cursor=5, has_more=False, stock=[stock("DR-100", "Арбат", "main", "1.2345")])
    with pytest.raises(ProtocolError, match="stock of DR-100 at Арбат/main: on_hand"):
        apply_page(page)
    assert port.stock("DR-100") == []


def test_a_bulk_load_indexes_the_products_at_its_end(apply_page, desk_uow, port) -> None:
    apply_page(shop_page(), index=False)
    assert port.search("hose", category=None, limit=5) == []  # not yet: the load is not over
    with desk_uow:
        desk_uow.replica.rebuild_index()
        desk_uow.commit()
    assert port.search("hose", category=None, limit=5) == ["GH-015"]
    assert port.by_code("012345678905") == "GH-015"  # barcodes never wait for the index


def _order(number: str, *lines: tuple[str, str]) -> OrderPlace:
    return OrderPlace(
        order_id=f"00000000-0000-4000-8000-{len(number):03d}{number[-1]:0>9}",
        number=number,
        customer_id="c1",
        currency="GBP",
        lines=[
            OrderLineIn(line_no=i, sku=sku, quantity=qty, unit_price="1.00", line_total=qty)
            for i, (sku, qty) in enumerate(lines, start=1)
        ],
        total="1.00",
        placed_at=NOW,
    )


def test_the_index_tables_hold_one_document_per_product(shop, desk_cache) -> None:
    with desk_cache.engine.connect() as connection:
        docs = connection.execute(text("SELECT count(*) FROM product_docs")).scalar_one()
    assert docs == 5
