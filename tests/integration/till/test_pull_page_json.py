"""A pull page written from plain rows is, byte for byte, the page the wire models write.

The server writes ``GET /sync/pull`` without a model per row (server/pull.py). Here every
page of a sample holding money, dates and datetimes, nulls, returns, interactions, till
payments, a refund and a void is written both ways: the plain rows validated into
``PullPage`` and serialised as FastAPI serialises a response model (the old way), and the
new JSON; and the route serves those same bytes. SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from server_basket_helpers import Register, add_products
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import (
    APPROVAL,
    RULES,
    add_register,
    gbp,
    new_device,
    opening,
    payment,
    push_pending,
)

from frontdesk.protocol import PullPage
from frontdesk.server.models import Customer
from frontdesk.server.pull import page_rows, pull_page_json
from frontdesk.server.seed import seed_demo
from frontdesk.services import till

BRANCH = "Leeds"  # the cashier's: its till transactions come with the page


def _interaction(customer_id: str, seq: int, **extra: str) -> dict:
    payload = {"customer_id": customer_id, "channel": "visit", "reason": "Card lost"}
    payload |= {"occurred_at": "2026-03-01T09:29:00.123456+00:00", **extra}
    return {"key": str(uuid.uuid4()), "kind": "interaction.record", "seq": seq,
            "created_at": "2026-03-01T09:30:00+00:00", "payload": payload}  # fmt: skip


def _sample(api, server_factory: sessionmaker[Session], till_uow) -> None:
    seed_demo(server_factory, customers=12, seed=5)
    device = new_device(api)
    till.open_shift(till_uow, opening(), rules=RULES)
    paid = [
        till.record_payment(till_uow, payment(amount, tender=tender), rules=RULES)
        for amount, tender in (("12.30", "cash"), ("0.05", "card"), ("1000", "card"))
    ]
    refund = till.Refund(paid[0].receipt_no, gbp("2.30"), "cat", APPROVAL)
    till.refund(till_uow, refund, rules=RULES)
    till.void(till_uow, till.Void(paid[1].id, "cat", APPROVAL))
    assert {r["status"] for r in push_pending(api, device, till_uow)} == {"applied"}
    with server_factory() as session:
        customer = session.scalars(select(Customer.id).order_by(Customer.id)).first()
    noted = {"follow_up": "2026-03-09", "notes": "Ünïcode \u2014 notes", "outcome": "sent"}
    calls = [_interaction(customer, 1), _interaction(customer, 2, **noted)]
    pushed = api.post("/api/v1/sync/push", json={"device_id": device, "items": calls})
    assert [r["status"] for r in pushed.json()["results"]] == ["applied", "applied"]
    _basket_sample(api, server_factory, customer)


def _basket_sample(api, server_factory: sessionmaker[Session], customer: str) -> None:
    """A basket sale with a weighed line at another till, and that line returned."""
    add_register(server_factory, "SHOP2", branch=BRANCH)
    add_products(server_factory)
    shop = Register(api, new_device(api), code="SHOP2")
    shop.open()
    sold = shop.sell([("MUG", "2", "0.50"), ("TEA", "0.455")], customer=customer, off="1.00")
    shop.refund(sold, [(2, "TEA", "0.455", "5.27")])
    assert [r["result"].get("accepted") for r in shop.push()] == [None, True, True]


def _old_way(rows: dict) -> bytes:
    """What the route answered before: the rows validated into models, then serialised."""
    return PullPage.model_validate(rows).model_dump_json(by_alias=True).encode()


def test_every_page_is_the_bytes_the_models_write(api, server_factory, till_uow) -> None:
    _sample(api, server_factory, till_uow)
    for limit in (1, 7, 5000):
        cursor, more, pages = 0, True, []
        with server_factory() as session:
            while more:
                rows = page_rows(session, cursor=cursor, limit=limit, branch=BRANCH)
                old = _old_way(rows)
                written = pull_page_json(session, cursor=cursor, limit=limit, branch=BRANCH)
                assert written == old
                page = PullPage.model_validate_json(written)
                cursor, more = page.cursor, page.has_more
                pages.append(page)
        # 3 payments, a refund, a void; a basket sale and a line refund
        assert sum(len(p.till_transactions) for p in pages) == 7
    served = api.get("/api/v1/sync/pull", params={"cursor": 0, "limit": 5000})
    assert served.headers["content-type"] == "application/json"
    with server_factory() as session:
        assert served.content == pull_page_json(session, cursor=0, limit=5000, branch=BRANCH)


def test_the_sample_holds_what_the_comparison_is_for(api, server_factory, till_uow) -> None:
    _sample(api, server_factory, till_uow)
    with server_factory() as session:
        page = PullPage.model_validate_json(
            pull_page_json(session, cursor=0, limit=5000, branch=BRANCH)
        )
    assert any(p.is_return and p.original_number for p in page.purchases)
    assert any(p.customer_id is None or p.original_number is None for p in page.purchases)
    for purchase in page.purchases:
        assert Decimal(purchase.total) == sum(Decimal(line.line_total) for line in purchase.lines)
    assert {c.loyalty_card is None for c in page.customers} == {True, False}
    follow_ups = sorted(str(i.follow_up) for i in page.interactions)
    assert follow_ups == ["2026-03-09", "None"]
    assert page.interactions[0].occurred_at.microsecond == 123456
    moves = {(t.kind, t.amount, t.links_to is None) for t in page.till_transactions}
    assert moves >= {("payment", "12.30", True), ("payment", "1000.00", True),
                     ("refund", "2.30", False), ("void", "0.05", False)}  # fmt: skip
    assert {p.unit_price.count(".") for p in page.products} == {1}
    quantities = {line.quantity for p in page.purchases for line in p.lines}
    assert {"0.455", "-0.455", "2"} <= quantities
    assert [len(t.lines) for t in page.till_transactions if t.lines] == [2]
    assert [len(t.returned) for t in page.till_transactions if t.returned] == [1]
