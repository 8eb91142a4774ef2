"""The pull endpoint: change-sequence order, cursors, paging, money as decimal strings."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import MAX_PAGE_SIZE
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Customer, Product, Purchase, PurchaseLine
from frontdesk.server.pull import pull_page

PULL = "/api/v1/sync/pull"
T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)


def _customer(session: Session, n: int) -> Customer:
    customer = Customer(
        id=f"00000000-0000-4000-8000-{n:012d}",
        account_number=f"ACC{n:05d}",
        full_name=f"Customer {n}",
        phones=[f"+44 113 496 {n:04d}"],
        emails=[f"c{n}@example.org"],
        loyalty_card=None,
        branch="Leeds",
        notes="",
        created_at=T0,
        updated_at=T0,
        change_seq=allocate_seq(session),
    )
    session.add(customer)
    return customer


def _product(session: Session, sku: str, *, scaled: int, currency: str = "GBP") -> Product:
    product = Product(
        sku=sku,
        name=f"Product {sku}",
        category="Kitchen",
        unit_price_scaled=scaled,
        currency=currency,
        change_seq=allocate_seq(session),
    )
    session.add(product)
    return product


def _purchase(session: Session, n: int, *, customer: Customer | None, sku: str) -> Purchase:
    purchase = Purchase(
        id=f"10000000-0000-4000-8000-{n:012d}",
        number=f"INV{n:06d}",
        customer_id=customer.id if customer else None,
        purchased_at=T0 + timedelta(days=n),
        branch="Leeds",
        currency="GBP",
        is_return=False,
        original_number=None,
        total_minor=2 * 1250 + 3 * 1250,
        change_seq=allocate_seq(session),
        lines=[
            PurchaseLine(
                line_no=2,
                sku=sku,
                description="second",
                quantity_milli=3000,
                unit_price_scaled=1250000,
                line_total_minor=3750,
            ),
            PurchaseLine(
                line_no=1,
                sku=sku,
                description="first",
                quantity_milli=2000,
                unit_price_scaled=1250000,
                line_total_minor=2500,
            ),
        ],
    )
    session.add(purchase)
    return purchase


@pytest.fixture
def mixed_changes(server_factory: sessionmaker[Session]) -> set[tuple[str, str]]:
    """Customers, products and purchases written in interleaved order (17 changes)."""
    keys: set[tuple[str, str]] = set()
    with transaction(server_factory) as session:
        _product(session, "P-0", scaled=1250000)
        keys.add(("products", "P-0"))
        for n in range(6):
            customer = _customer(session, n)
            keys.add(("customers", customer.id))
            session.flush()
            if n % 2 == 0:
                _product(session, f"P-{n + 1}", scaled=1234 + n)
                keys.add(("products", f"P-{n + 1}"))
            for k in range(n % 3):
                purchase = _purchase(session, 10 * n + k, customer=customer, sku="P-0")
                keys.add(("purchases", purchase.id))
                session.flush()
        walk_in = _purchase(session, 999, customer=None, sku="P-0")
        keys.add(("purchases", walk_in.id))
    return keys


def _items(page: dict) -> list[tuple[int, str, str]]:
    ids = {"customers": "id", "products": "sku", "purchases": "id"}
    return [(row["seq"], kind, row[key]) for kind, key in ids.items() for row in page[kind]]


def _pull_all(client: TestClient, headers: dict, *, limit: int) -> list[dict]:
    pages, cursor = [], 0
    for _ in range(100):
        response = client.get(PULL, params={"cursor": cursor, "limit": limit}, headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        pages.append(page)
        cursor = page["cursor"]
        if not page["has_more"]:
            return pages
    raise AssertionError("pull never reported has_more=False")


def test_empty_database_gives_an_empty_final_page(client: TestClient, auth_headers: dict):
    page = client.get(PULL, params={"cursor": 0}, headers=auth_headers).json()
    assert page == {
        "cursor": 0,
        "has_more": False,
        "customers": [],
        "products": [],
        "purchases": [],
        "crosssell_model": None,
        "interactions": [],
        "till_transactions": [],
        "cases": [],
        "case_events": [],
        "case_categories": [],
        "teams": [],
        "service_policies": [],
        "business_calendars": [],
        "categories": [],
        "prices": [],
        "stock": [],
        "orders": [],
        "order_events": [],
        "kb_articles": [],
        "kb_articles_left": [],
        "kb_documents": [],
        "cases_left": [],
        "head": 0,  # the server's newest change: nothing yet
    }


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 17, 1000])
def test_paging_returns_every_change_exactly_once_in_order(
    client: TestClient, auth_headers: dict, mixed_changes: set, limit: int
) -> None:
    pages = _pull_all(client, auth_headers, limit=limit)
    previous_cursor = 0
    seen: list[tuple[str, str]] = []
    for page in pages:
        items = sorted(_items(page))
        assert len(items) <= limit
        assert all(previous_cursor < seq <= page["cursor"] for seq, _, _ in items)
        if items:
            assert items[-1][0] == page["cursor"]
        for kind in ("customers", "products", "purchases"):
            seqs = [row["seq"] for row in page[kind]]
            assert seqs == sorted(seqs)
        seen += [(kind, key) for _, kind, key in items]
        previous_cursor = page["cursor"]
    assert len(seen) == len(mixed_changes) == 17
    assert set(seen) == mixed_changes
    assert [p["has_more"] for p in pages] == [True] * (len(pages) - 1) + [False]
    assert len(pages) == -(-17 // limit)  # a full last page already says has_more=False


def test_pull_after_the_last_cursor_sees_only_later_changes(
    client: TestClient, auth_headers: dict, mixed_changes: set, server_factory: sessionmaker
) -> None:
    cursor = _pull_all(client, auth_headers, limit=1000)[-1]["cursor"]
    with transaction(server_factory) as session:
        customer = session.get(Customer, "00000000-0000-4000-8000-000000000003")
        customer.full_name = "Renamed Customer"
        customer.change_seq = allocate_seq(session)
    page = client.get(PULL, params={"cursor": cursor}, headers=auth_headers).json()
    assert [c["full_name"] for c in page["customers"]] == ["Renamed Customer"]
    assert page["products"] == page["purchases"] == []
    assert page["cursor"] == cursor + 1 and page["has_more"] is False


def test_money_travels_as_decimal_strings(
    client: TestClient, auth_headers: dict, server_factory: sessionmaker
) -> None:
    with transaction(server_factory) as session:
        _product(session, "GBP-PLAIN", scaled=1250000)
        _product(session, "GBP-FINE", scaled=1234)
        _product(session, "JPY", scaled=500000, currency="JPY")
        _product(session, "KWD", scaled=1_234_500, currency="KWD")
        session.flush()
        _purchase(session, 1, customer=None, sku="GBP-PLAIN")
    page = client.get(PULL, headers=auth_headers).json()
    prices = {p["sku"]: (p["unit_price"], p["currency"]) for p in page["products"]}
    assert prices == {
        "GBP-PLAIN": ("12.50", "GBP"),
        "GBP-FINE": ("0.01234", "GBP"),
        "JPY": ("500", "JPY"),
        "KWD": ("1.2345", "KWD"),
    }
    (purchase,) = page["purchases"]
    assert purchase["total"] == "62.50"
    assert purchase["purchased_at"] == "2024-03-02T09:30:00Z"
    assert [(ln["line_no"], ln["unit_price"], ln["line_total"]) for ln in purchase["lines"]] == [
        (1, "12.50", "25.00"),
        (2, "12.50", "37.50"),
    ]


def test_purchase_lines_load_in_one_query_per_page(
    mixed_changes: set, server_factory: sessionmaker
) -> None:
    with server_factory() as session:
        statements: list[str] = []
        engine = session.get_bind()
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            page = pull_page(session, cursor=0, limit=1000)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert len(page.purchases) == 7
    assert sum(len(p.lines) for p in page.purchases) == 14
    # per table its next change numbers and the page's rows (a table with nothing in the
    # page is not read), the lines of all the page's purchases at once, the newest model's seq;
    # the next change numbers of the cases' four reference lists (none in this page); the
    # catalogue's three tables and the barcodes of all the page's products at once
    assert sum("FROM purchase_lines" in s for s in statements) == 1, statements
    assert sum("FROM product_barcodes" in s for s in statements) == 1, statements
    assert len(statements) <= 7 * 2 + 1 + 1 + 4 + 1, statements


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": -1},
        {"limit": 0},
        {"limit": MAX_PAGE_SIZE + 1},
        {"cursor": "abc"},
        {"cursor": 2**63},
    ],
)
def test_bad_pull_parameters_get_422(client: TestClient, auth_headers: dict, params: dict):
    response = client.get(PULL, params=params, headers=auth_headers)
    assert response.status_code == 422
    assert "query." in response.json()["detail"]


def test_page_seqs_are_unique(client: TestClient, auth_headers: dict, mixed_changes: set):
    page = client.get(PULL, headers=auth_headers).json()
    seqs = [seq for seq, _, _ in _items(page)]
    assert len(seqs) == len(set(seqs)) == 17
    assert sorted(seqs) == list(itertools.islice(itertools.count(1), 17))
