"""``seed_demo``: deterministic, realistic demo data, idempotent by ids."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.domain.customers import Customer as DomainCustomer
from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.models import Customer, Product, Purchase
from frontdesk.server.seed import demo_end, seed_demo

CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def _snapshot(factory: sessionmaker[Session]) -> dict[str, list[tuple]]:
    """Every customer and purchase with its id and content (not its change sequence)."""
    with factory() as session:
        customers = session.execute(
            select(
                Customer.id,
                Customer.account_number,
                Customer.full_name,
                Customer.phones,
                Customer.emails,
                Customer.loyalty_card,
                Customer.branch,
                Customer.created_at,
            ).order_by(Customer.account_number)
        ).all()
        purchases = session.execute(
            select(
                Purchase.id,
                Purchase.number,
                Purchase.customer_id,
                Purchase.purchased_at,
                Purchase.total_minor,
                Purchase.original_number,
            ).order_by(Purchase.number)
        ).all()
    return {"customers": [tuple(c) for c in customers], "purchases": [tuple(p) for p in purchases]}


def test_the_same_seed_gives_the_same_rows_and_ids(
    server_factory: sessionmaker[Session], tmp_path
) -> None:
    seed_demo(server_factory, customers=40, seed=3)
    other_url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    migrate(other_url)
    other_engine = make_engine(other_url)
    try:
        other = session_factory(other_engine)
        seed_demo(other, customers=40, seed=3)
        assert _snapshot(server_factory) == _snapshot(other)
        seed_demo(other, customers=40, seed=4)
        assert len(_snapshot(other)["customers"]) == 80  # another seed, other customers
    finally:
        other_engine.dispose()


def test_demo_data_is_realistic(server_factory: sessionmaker[Session]) -> None:
    report = seed_demo(server_factory, customers=120, seed=1)

    assert report.customers_created == 120
    assert 200 <= report.products_created <= 400
    assert 8 * 120 <= report.sales <= 12 * 120  # about ten purchases per customer
    assert report.returns > 0
    with server_factory() as session:
        customers = session.scalars(select(Customer)).all()
        products = session.scalars(select(Product)).all()
        purchases = session.scalars(select(Purchase)).all()
        _check_customers(customers)
        _check_purchases(purchases, end=demo_end(1))
    assert len({p.category for p in products}) >= 8
    assert all(p.currency == "GBP" and p.unit_price_scaled > 0 for p in products)


def _check_customers(customers: list[Customer]) -> None:
    russian = [c for c in customers if CYRILLIC.search(c.full_name)]
    english = [c for c in customers if c.full_name.isascii()]
    assert len(russian) > 20 and len(english) > 20
    assert all(c.phones[0].startswith("+79") for c in russian)
    assert all(re.match(r"^(\+447|07)\d{9}$", c.phones[0]) for c in english)
    assert sum(bool(c.emails) for c in customers) > 80
    cards = [c.loyalty_card for c in customers if c.loyalty_card]
    assert len(cards) == len(set(cards)) > 50 and all(card.isdigit() for card in cards)
    assert len({c.branch for c in customers}) > 6
    for c in customers:  # every stored customer passes the domain's rules
        DomainCustomer(
            id=c.id,
            account_number=c.account_number,
            full_name=c.full_name,
            phones=tuple(c.phones),
            emails=tuple(c.emails),
            loyalty_card=c.loyalty_card,
            branch=c.branch,
            notes=c.notes,
            created_at=c.created_at,
            updated_at=c.updated_at,
        )


def _check_purchases(purchases: list[Purchase], *, end) -> None:
    assert all(end - timedelta(days=731) <= p.purchased_at <= end for p in purchases)
    by_number = {p.number: p for p in purchases}
    for back in (p for p in purchases if p.is_return):
        original = by_number[back.original_number]
        assert back.customer_id == original.customer_id
        assert original.purchased_at < back.purchased_at and back.total_minor < 0
        assert {line.sku for line in back.lines} <= {line.sku for line in original.lines}
    for purchase in purchases:
        assert purchase.total_minor == sum(line.line_total_minor for line in purchase.lines)


def test_seeding_again_adds_nothing_and_a_larger_run_adds_only_the_new(
    server_factory: sessionmaker[Session], table_counts
) -> None:
    seed_demo(server_factory, customers=30, seed=9)
    before = table_counts()

    again = seed_demo(server_factory, customers=30, seed=9)

    assert table_counts() == before
    assert (again.customers_created, again.customers_existing, again.sales) == (0, 30, 0)
    assert "30 already present" in again.summary()
    more = seed_demo(server_factory, customers=45, seed=9)
    assert (more.customers_created, more.customers_existing) == (15, 30)
    assert table_counts()["customers"] == 45


def test_a_thousand_customers_seed_in_seconds(server_factory: sessionmaker[Session]) -> None:
    report = seed_demo(server_factory, customers=1_000, seed=2)

    assert report.customers_created == 1_000
    assert report.seconds < 20, report.summary()
