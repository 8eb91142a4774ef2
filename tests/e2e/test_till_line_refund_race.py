"""Two tills return the same line of one basket at the same moment, through real server
processes (on PostgreSQL two processes share the database, one per till; on SQLite one
process takes both).

Till A sold 3 mugs and 5 boxes (24.97); tills A and B each return 2 of the mugs (9.98) at
once. The money would allow both; the line does not: one is accepted, the other kept in its
register's chain with ``accepted: false`` and the reason. Replaying both changes nothing.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text
from test_push_two_servers import pg_url  # noqa: F401 (a fixture)
from test_till_refund_race import (
    Till,
    _body,
    _till,
    servers,  # noqa: F401 (a fixture)
)

from frontdesk.domain.money import UnitPrice
from frontdesk.server.db import allocate_seq, make_engine, session_factory, transaction
from frontdesk.server.models import Product

LINES = [
    {"line_no": 1, "sku": "MUG", "description": "Mug", "unit": "piece", "quantity": "3",
     "unit_price": "4.99", "net": "14.97"},
    {"line_no": 2, "sku": "BOX", "description": "Box", "unit": "piece", "quantity": "5",
     "unit_price": "2.00", "net": "10.00"},
]  # fmt: skip


def _products(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with transaction(session_factory(engine)) as session:
            for sku, price in (("MUG", "4.99"), ("BOX", "2.00")):
                session.add(Product(sku=sku, name=sku.title(), category="Home",
                                    unit_price_scaled=UnitPrice.of(price, "GBP").scaled,
                                    currency="GBP", change_seq=allocate_seq(session)))  # fmt: skip
    finally:
        engine.dispose()


def _line_refund(till: Till, payment_key: str, receipt: int) -> dict:
    body = _body(till, amount="9.98", receipt=receipt, links_to=payment_key)
    return body | {"lines": [{"line_no": 1, "sku": "MUG", "quantity": "2", "amount": "9.98"}]}


def test_two_tills_returning_one_line_at_once_never_take_back_more_than_it_sold(
    servers,  # noqa: F811 (the fixture imported above)
    request,
) -> None:
    _products(request.node.db_url)
    a, b = _till(servers[0], "cat", "SHOPA"), _till(servers[1], "dan", "SHOPB")
    payment = a.add("payment", _body(a, amount="24.97", receipt=1) | {"lines": LINES})
    assert [r["result"].get("accepted") for r in a.push(a.entries)] == [None, True]
    assert [r["status"] for r in b.push(b.entries)] == ["applied"]
    refunds = [
        till.add("refund", _line_refund(till, payment.key, n)) for till, n in ((a, 2), (b, 1))
    ]
    barrier = threading.Barrier(2)

    def push_refund(pair: tuple[Till, object]) -> dict:
        till, entry = pair
        barrier.wait(timeout=30)
        (result,) = till.push([entry])
        return result

    pairs = list(zip((a, b), refunds, strict=True))
    with ThreadPoolExecutor(2) as pool:
        first_round = list(pool.map(push_refund, pairs))
    assert [r["status"] for r in first_round] == ["applied", "applied"], first_round
    outcomes = sorted((r["result"]["accepted"], r["result"].get("reason")) for r in first_round)
    assert outcomes == [
        (False, "line 1 of SHOPA-00000001: 2 is more than the 1 left of the 3 sold"),
        (True, None),
    ]
    assert _returned(request.node.db_url) == (2000, 998, 998, 1)
    with ThreadPoolExecutor(2) as pool:
        replayed = list(pool.map(push_refund, pairs))
    assert [r["result"] for r in replayed] == [r["result"] for r in first_round]
    assert _returned(request.node.db_url) == (2000, 998, 998, 1)


def _returned(db_url: str) -> tuple[int, ...]:
    """The mug line's returned quantity and money, the payment's, the return purchases."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            line = connection.execute(text("SELECT returned_milli, returned_minor FROM "
                                           "till_sale_lines WHERE line_no = 1")).one()  # fmt: skip
            paid_back = connection.execute(text("SELECT refunded_minor FROM till_payments"))
            returns = connection.execute(text("SELECT count(*) FROM purchases WHERE is_return"))
            return (*line, paid_back.scalar_one(), returns.scalar_one())
    finally:
        engine.dispose()
