"""Basket sales on the server: a basket payment is a purchase of its customer with its lines
(at a desk after a pull: its history, lifetime value and segment count it), its goods come
off the branch's stock, and a refund returns lines within what each sold. SQLite and
PostgreSQL."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from server_basket_helpers import (
    Register,
    add_customer,
    add_products,
    add_stock,
    stock,
)
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import PASSWORD, add_register, new_device

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.money import Money
from frontdesk.protocol import PullPage
from frontdesk.server.models import Purchase, PurchaseLine
from frontdesk.server.till.models import TillSaleLine
from frontdesk.server.users import add_user
from frontdesk.sync.pull import AbstractPullTransport, pull_all


@pytest.fixture
def shop(api, server_factory: sessionmaker[Session]) -> Register:
    add_products(server_factory)
    register = Register(api, new_device(api))
    register.open()
    return register


def _pull(shop: Register) -> PullPage:
    answer = shop.api.get("/api/v1/sync/pull", params={"cursor": 0, "limit": 5000},
                          headers={"Authorization": shop.token})  # fmt: skip
    assert answer.status_code == 200, answer.text
    return PullPage.model_validate_json(answer.content)


def _purchases(shop: Register) -> dict[str, tuple]:
    """number -> (customer, is_return, original, total, [(line, sku, qty, price, total)])."""
    return {
        p.number: (p.customer_id, p.is_return, p.original_number, p.total,
                   [(n.line_no, n.sku, n.quantity, n.unit_price, n.line_total) for n in p.lines])
        for p in _pull(shop).purchases
    }  # fmt: skip


def _count(factory: sessionmaker[Session], model) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_basket_payment_is_a_purchase_of_its_customer_with_its_lines(shop, server_factory):
    customer = add_customer(server_factory)
    paid = shop.sell([("MUG", "2", "0.50"), ("TEA", "0.455")], customer=customer, off="1.00")
    results = shop.push()
    assert [r["status"] for r in results] == ["applied", "applied"]
    assert results[1]["result"]["accepted"] is True
    lines = [(1, "MUG", "2", "4.99", "8.85"), (2, "TEA", "0.455", "12.40", "5.27")]
    assert _purchases(shop) == {"SHOP1-00000002": (customer, False, None, "14.12", lines)}
    page = _pull(shop)
    (sale,) = page.purchases
    assert (sale.id, sale.branch, sale.purchased_at.isoformat()) == (
        paid.key, "Leeds", "2026-03-01T09:31:00+00:00")  # fmt: skip
    (fed,) = page.till_transactions
    assert [line.model_dump(exclude_unset=False) for line in fed.lines] == [
        {"line_no": 1, "sku": "MUG", "description": "Mug", "unit": "piece", "quantity": "2",
         "unit_price": "4.99", "discount": "0.50", "net": "8.85"},
        {"line_no": 2, "sku": "TEA", "description": "Loose tea", "unit": "kg",
         "quantity": "0.455", "unit_price": "12.40", "discount": "0", "net": "5.27"},
    ]  # fmt: skip
    assert fed.returned == []


class ApiTransport(AbstractPullTransport):
    """The server app as a desk's central, pulling with an agent's token."""

    def __init__(self, shop: Register, token: str) -> None:
        self.shop, self.token = shop, token

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        answer = self.shop.api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": limit},
                                   headers={"Authorization": self.token})  # fmt: skip
        return PullPage.model_validate_json(answer.content)


def test_an_agents_desk_sees_the_sale_in_the_customers_history(
    shop, server_factory, tmp_path: Path
) -> None:
    customer = add_customer(server_factory)
    shop.sell([("MUG", "1"), ("TEA", "0.455")], customer=customer)
    shop.push()
    add_user(server_factory, username="ann", password=PASSWORD, role="agent")
    login = shop.api.post("/api/v1/auth/login", json={"username": "ann", "password": PASSWORD})
    database = open_cache(tmp_path / "agent" / "cache.sqlite3")
    try:
        token = f"Bearer {login.json()['access_token']}"
        pull_all(ApiTransport(shop, token), SqlAlchemyUnitOfWork(database.writer))
        queries = SqlAlchemyCustomerQueries(database.reader)
        profile = queries.profile(customer)
        (purchase,) = queries.purchases(customer)
        lines = queries.purchase_lines(purchase.id)
    finally:
        database.dispose()
    assert (profile.purchase_count, profile.lifetime_spend) == (1, (Money.of("10.63", "GBP"),))
    assert profile.segment is not None
    assert [(ln.sku, ln.quantity, ln.unit, ln.total.amount) for ln in lines] == [
        ("MUG", Decimal("1"), "piece", Decimal("4.99")),
        ("TEA", Decimal("0.455"), "kg", Decimal("5.64")),
    ]
    assert purchase.item_count == 2  # a mug and one weighed bag of tea


def test_the_sale_takes_stock_most_on_hand_first_and_never_below_zero(shop, server_factory):
    add_stock(server_factory, "MUG", back="5", front="1")
    before = stock(server_factory, "MUG")
    shop.sell([("MUG", "2"), ("TEA", "0.455")])
    shop.push()
    after = stock(server_factory, "MUG")
    assert {w: q for w, (q, _) in after.items()} == {"back": 3000, "front": 1000}
    assert after["back"][1] > before["back"][1] and after["front"] == before["front"]
    assert stock(server_factory, "TEA") == {}  # no figures at Leeds: none invented
    shop.sell([("MUG", "7")])  # more than the figures knew of: still sold
    shop.push(shop.entries[-1:])
    assert {w: q for w, (q, _) in stock(server_factory, "MUG").items()} == {"back": 0, "front": 0}
    assert _count(server_factory, Purchase) == 2


def test_a_replayed_sale_writes_nothing_new(shop, server_factory):
    add_stock(server_factory, "MUG", back="5")
    shop.sell([("MUG", "2")], customer=add_customer(server_factory))
    first = shop.push()
    counts = [_count(server_factory, m) for m in (Purchase, PurchaseLine, TillSaleLine)]
    figures = stock(server_factory, "MUG")
    again = shop.push()
    assert [r["result"] for r in again] == [r["result"] for r in first]
    assert [_count(server_factory, m) for m in (Purchase, PurchaseLine, TillSaleLine)] == counts
    assert stock(server_factory, "MUG") == figures == {"back": (3000, figures["back"][1])}


def test_lines_come_back_within_what_each_sold(shop, server_factory):
    add_stock(server_factory, "MUG", back="10")
    customer = add_customer(server_factory)
    paid = shop.sell([("MUG", "3"), ("BOX", "1")], customer=customer, off="1.00")
    shop.push()
    # MUG: 14.97 of 16.97 takes 0.88 of the 1.00 off: 14.09 for 3; one is 4.70 (half-up).
    refunds = [
        (shop.refund(paid, [(1, "MUG", "1", "4.70")]), True, None),
        (shop.refund(paid, [(1, "MUG", "3", "14.09")]), False,
         "line 1 of SHOP1-00000002: 3 is more than the 2 left of the 3 sold"),
        (shop.refund(paid, [(1, "MUG", "2", "9.38")]), False,
         "line 1 of SHOP1-00000002: 2 of it pays back 9.39, not 9.38"),
        (shop.refund(paid, [(1, "MUG", "2", "9.39"), (2, "BOX", "1", "1.88")]), True, None),
        (shop.refund(paid, [(2, "BOX", "1", "1.88")]), False,
         "line 2 of SHOP1-00000002: 1 is more than the 0 left of the 1 sold"),
    ]  # fmt: skip
    for entry, accepted, reason in refunds:
        result = shop.push_one(entry)
        assert (result["accepted"], result.get("reason")) == (accepted, reason)
    with server_factory() as session:
        counters = session.execute(select(TillSaleLine.returned_milli, TillSaleLine.returned_minor)
                                   .order_by(TillSaleLine.line_no)).all()  # fmt: skip
    assert [tuple(c) for c in counters] == [(3000, 1409), (1000, 188)]
    returns = {k: v for k, v in _purchases(shop).items() if v[1]}
    assert returns == {
        "SHOP1-00000003": (customer, True, "SHOP1-00000002", "-4.70",
                           [(1, "MUG", "-1", "4.99", "-4.70")]),
        "SHOP1-00000006": (customer, True, "SHOP1-00000002", "-11.27",
                           [(1, "MUG", "-2", "4.99", "-9.39"), (2, "BOX", "-1", "2.00", "-1.88")]),
    }  # fmt: skip
    assert stock(server_factory, "MUG")["back"][0] == 10_000  # 3 sold, 3 back
    refund_rows = [t for t in _pull(shop).till_transactions if t.kind == "refund"]
    assert [[(r.line_no, r.quantity) for r in t.returned] for t in refund_rows] == [
        [(1, "1")],
        [(1, "3")],
        [(1, "2")],
        [(1, "2"), (2, "1")],
        [(2, "1")],
    ]  # declined ones too: what each till tried


@pytest.mark.parametrize(
    ("returned", "reason"),
    [
        ([(3, "MUG", "1", "4.99")], "SHOP1-00000002 has no line 3"),
        ([(1, "BOX", "1", "4.99")], "line 1 of SHOP1-00000002 is SKU MUG, not BOX"),
        ([(1, "MUG", "0.5", "2.50")],
         "line 1 of SHOP1-00000002: sold by the piece: 0.5 is not a whole number"),
    ],
)  # fmt: skip
def test_a_line_refund_that_does_not_match_the_sale_is_declined(shop, returned, reason):
    paid = shop.sell([("MUG", "2")])
    shop.push()
    result = shop.push_one(shop.refund(paid, returned))
    assert (result["accepted"], result["reason"]) == (False, reason)
    assert not [p for p in _pull(shop).purchases if p.is_return]


def test_another_till_of_the_branch_returns_a_line(api, shop, server_factory):
    add_register(server_factory, "SHOP2", branch="Leeds")
    paid = shop.sell([("TEA", "1.5")])
    shop.push()
    other = Register(api, new_device(api), code="SHOP2")
    other.open()
    other.refund(paid, [(1, "TEA", "0.5", "6.20")])
    assert [r["result"].get("accepted") for r in other.push()] == [None, True]
    (back,) = [p for p in _pull(other).purchases if p.is_return]
    assert (back.number, back.original_number, back.lines[0].quantity) == (
        "SHOP2-00000002", "SHOP1-00000002", "-0.5")  # fmt: skip


def test_a_void_of_a_basket_returns_every_line(shop, server_factory):
    add_stock(server_factory, "MUG", back="4")
    paid = shop.sell([("MUG", "2"), ("TEA", "0.25")])
    refunded = shop.sell([("MUG", "1")])
    shop.push()
    assert shop.push_one(shop.void(paid))["accepted"] is True
    shop.push_one(shop.refund(refunded, [(1, "MUG", "1", "4.99")]))
    late = shop.push_one(shop.void(refunded))
    assert late["accepted"] is False and "more than is left to refund" in late["reason"]
    returns = {k: v[3:] for k, v in _purchases(shop).items() if v[1]}
    assert returns["SHOP1-00000004"] == (
        "-13.08",
        [(1, "MUG", "-2", "4.99", "-9.98"), (2, "TEA", "-0.25", "12.40", "-3.10")],
    )
    assert len(returns) == 2  # the void, the refund; not the late void
    assert stock(server_factory, "MUG")["back"][0] == 4000


def test_a_basket_the_server_cannot_sell_is_kept_not_accepted(shop, server_factory):
    add_stock(server_factory, "MUG", back="4")
    shop.sell([("MUG", "1"), ("NOPE", "1")])
    shop.add("payment", shop.sale_body([("MUG", "1")], purpose="account"))
    results = [r["result"] for r in shop.push()[1:]]
    assert [(r["accepted"], r["reason"]) for r in results] == [
        (False, "lines.1.sku: no product 'NOPE' here"),
        (False, "lines: a payment for account sells no goods"),
    ]
    assert _count(server_factory, Purchase) == 0 and _count(server_factory, TillSaleLine) == 0
    assert stock(server_factory, "MUG")["back"][0] == 4000
    assert [len(t.lines) for t in _pull(shop).till_transactions] == [2, 1]  # what was rung up


def test_a_tampered_line_is_refused_and_writes_nothing(shop, server_factory):
    body = shop.sale_body([("MUG", "2")])
    body["lines"][0]["net"] = "1.00"  # the amount left as the receipt's 9.98
    shop.add("payment", body)
    results = shop.push()
    assert results[1]["status"] == "rejected" and "lines.0.net" in results[1]["detail"]
    assert _count(server_factory, Purchase) == 0


def test_line_discounts_count_against_the_cashiers_limit(shop, server_factory):
    over = shop.sell([("MUG", "1", "1.00"), ("BOX", "1")])  # 1.00 of 6.99: over 10%
    approved = shop.sell([("MUG", "1", "1.00"), ("BOX", "1")],
                         approval={"supervisor": "sue", "method": "offline",
                                   "at": "2026-03-01T09:00:00+00:00"})  # fmt: skip
    within = shop.sell([("MUG", "1", "0.20"), ("BOX", "1")], off="0.40")  # 0.60 of 6.99
    results = {r["key"]: r["result"] for r in shop.push()}
    assert results[over.key]["accepted"] is False
    assert "over the cashier's limit of 10%" in results[over.key]["reason"]
    assert results[approved.key]["accepted"] is results[within.key]["accepted"] is True
    numbers = set(_purchases(shop))
    assert numbers == {"SHOP1-00000003", "SHOP1-00000004"}


def test_a_customer_the_server_does_not_know_buys_as_a_walk_in(shop):
    paid = shop.sell([("MUG", "1")], customer="not-a-customer")
    result = shop.push()[1]["result"]
    assert result["walk_in_because"] == "no customer 'not-a-customer' here"
    (purchase,) = _pull(shop).purchases
    assert (purchase.id, purchase.customer_id) == (paid.key, None)
