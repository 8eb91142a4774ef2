"""``seed-demo``'s catalogue: a coherent tree, a valid barcode per product, a price list per
branch currency, stock at every demo branch; seeding again writes nothing.

Real SQLite and PostgreSQL (``server_factory``).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.catalogue.barcodes import parse_barcode
from frontdesk.server.catalogue.models import Category, Price, ProductBarcode, Stock
from frontdesk.server.models import ChangeCounter, Product
from frontdesk.server.orders.models import Order
from frontdesk.server.seed import BRANCHES, seed_demo


def test_the_demo_catalogue_is_coherent_and_seeding_again_writes_nothing(
    server_factory: sessionmaker[Session],
) -> None:
    first = seed_demo(server_factory, customers=2, seed=1)
    with server_factory() as session:
        counter = session.scalar(select(ChangeCounter.value))
        products = session.scalars(select(Product)).all()
        categories = {c.code: c for c in session.scalars(select(Category))}
        barcodes = session.execute(select(ProductBarcode.code, ProductBarcode.sku)).all()
        currencies = Counter(session.scalars(select(Price.currency)))
        stock = session.execute(select(Stock.sku, Stock.branch)).all()

    assert first.catalogue_written == (12, 300, 600, 3600)
    assert all(p.category_code in categories for p in products)
    assert all(categories[p.category_code].names["en"] == p.category for p in products)
    assert all(categories[c.parent].parent is None for c in categories.values() if c.parent)
    assert len(barcodes) == len({sku for _, sku in barcodes}) == 300
    assert all(parse_barcode(code).code == code for code, _ in barcodes)  # check digits hold
    assert currencies == {"GBP": 300, "RUB": 300}
    assert {branch for _, branch in stock} == {b for names in BRANCHES.values() for b in names}
    assert len(stock) == 300 * 12

    again = seed_demo(server_factory, customers=2, seed=1)

    assert again.catalogue_written == (0, 0, 0, 0)
    with server_factory() as session:
        assert session.scalar(select(ChangeCounter.value)) == counter


def test_the_demo_catalogue_is_bilingual_with_guides_and_replacements(
    server_factory: sessionmaker[Session],
) -> None:
    seed_demo(server_factory, customers=1, seed=1)
    with server_factory() as session:
        products = {p.sku: p for p in session.scalars(select(Product))}

    assert products["FD-01011"].names == {"en": "Navy stoneware mug",
                                          "ru": "Кружка керамическая (тёмно-синий)"}  # fmt: skip
    assert all(set(p.names) == {"en", "ru"} for p in products.values())
    assert all(p.literature[0]["url"].startswith("https://") for p in products.values())
    gone = {sku: p.replacement_sku for sku, p in products.items() if p.status == "discontinued"}
    assert gone and all(products[new].status == "active" for new in gone.values())


def test_the_demo_history_can_end_now(server_factory: sessionmaker[Session]) -> None:
    """``make demo`` ends the history at the present hour: stock figures are of that hour
    and no order or purchase is later."""
    end = datetime(2026, 12, 6, 23, 0, tzinfo=UTC)
    report = seed_demo(server_factory, customers=3, seed=1, end=end)
    with server_factory() as session:
        as_of = set(session.scalars(select(Stock.as_of)))
        latest = session.scalar(select(func.max(Order.placed_at)))

    assert report.history_end == end.isoformat()
    assert as_of == {end}
    assert latest is not None and latest <= end
