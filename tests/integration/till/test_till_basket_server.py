"""A basket sale and a line return pushed to the real server: applied, and the register's
chain (which covers the lines) verifies with the server's signature."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from basket_helpers import MUG, SUE, TEA, fill, gbp, shop_page, till_basket
from till_helpers import new_device, push_pending

from frontdesk.adapters.cache.database import open_cache
from frontdesk.domain.money import UnitPrice
from frontdesk.domain.till import Tender
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Product
from frontdesk.server.till.verify import public_keys, verify_register
from frontdesk.services.till.basket import parse_discount_text


def _server_sells_the_shop(factory) -> None:
    """The desk's shop on the server too: a till sells what the catalogue knows."""
    with transaction(factory) as session:
        for product in shop_page().products:
            session.add(Product(sku=product.sku, name=product.name, category=product.category,
                                unit=product.unit, currency=product.currency,
                                unit_price_scaled=UnitPrice.of(product.unit_price, "GBP").scaled,
                                change_seq=allocate_seq(session)))  # fmt: skip


def test_a_basket_sale_and_its_line_return_land_and_verify(api, server_factory, tmp_path: Path):
    _server_sells_the_shop(server_factory)
    device = new_device(api)
    database = open_cache(tmp_path / "till" / "cache.sqlite3")
    try:
        fill(database)
        basket = till_basket(database)
        basket.desk.open_shift(gbp("20"))
        basket.add_code(MUG, quantity=Decimal(2))
        basket.add_code(TEA)
        basket.discount_line(2, parse_discount_text("10%"))
        basket.discount_basket(parse_discount_text("0.50"))
        paid = basket.settle([(Tender.CARD, gbp("9.73"))])
        basket.refund_lines(paid.receipt_no, [(1, Decimal(1))], supervisor=SUE)
        results = push_pending(api, device, basket.uow)
    finally:
        database.dispose()
    assert [r["status"] for r in results] == ["applied"] * 3, results
    assert all(r["result"].get("accepted", True) for r in results), results
    with server_factory() as session:
        report = verify_register(session, "SHOP1", public_keys(session)[0])
    assert report.ok and report.checked == 3
