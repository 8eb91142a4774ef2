"""Orders reach the desks entitled to them through ``GET /sync/pull`` (SQLite and
PostgreSQL): a branch's orders and its customers' wherever they were placed, never another
branch's; a change brings the order and its new events again; every page is the bytes
``PullPage`` would write."""

from __future__ import annotations

from fastapi.testclient import TestClient
from order_helpers import YURI, admin_headers, order_in, sign_in
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import PullPage
from frontdesk.server.pull import page_rows, pull_page_json

ORDERS = "/api/v1/orders"


def _sample(api: TestClient) -> None:
    admin = admin_headers(api)
    for body in (
        order_in("WEB-1"),  # Leeds, for Ann (Leeds)
        order_in("WEB-2", branch="Online", promised_on="2025-03-05", carrier="DPD",
                 tracking_number="JD0002", status="confirmed", payment_state="paid"),
        order_in("WEB-3", customer_id=YURI, branch="York"),
        order_in("WEB-4", customer_id=None, branch="York"),
        order_in("WEB-5", customer_id=YURI, branch="Leeds"),  # Yuri ordered at Leeds
    ):  # fmt: skip
        assert api.post(ORDERS, json=body, headers=admin).status_code == 201


def test_a_desk_pulls_its_branchs_orders_and_its_customers(api: TestClient) -> None:
    _sample(api)
    leeds, york = sign_in(api, "ann"), sign_in(api, "yan")
    page = leeds.pull()
    assert sorted(o["number"] for o in page["orders"]) == ["WEB-1", "WEB-2", "WEB-5"]
    ids = {o["id"] for o in page["orders"]}
    assert page["order_events"] and {e["order_id"] for e in page["order_events"]} == ids
    theirs = york.pull()
    assert sorted(o["number"] for o in theirs["orders"]) == ["WEB-3", "WEB-4", "WEB-5"]
    move = {"old_status": "placed", "status": "confirmed", "at": "2025-03-04T10:00:00+00:00"}
    api.patch(f"{ORDERS}/WEB-1", json=move, headers=admin_headers(api))
    later = leeds.pull(page["cursor"])
    assert [(o["number"], o["status"]) for o in later["orders"]] == [("WEB-1", "confirmed")]
    assert [(e["kind"], e["status"]) for e in later["order_events"]] == [("status", "confirmed")]
    assert york.pull(theirs["cursor"])["orders"] == []


def test_every_page_is_the_bytes_the_models_write(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    _sample(api)
    desk = sign_in(api, "ann")
    assert desk.push_one(desk.place())["result"]["accepted"] is True  # a phone order too
    for limit in (1, 3, 5000):
        cursor, more, seen = 0, True, set()
        with server_factory() as session:
            while more:
                rows = page_rows(session, cursor=cursor, limit=limit, orders="Leeds")
                old = PullPage.model_validate(rows).model_dump_json(by_alias=True).encode()
                written = pull_page_json(session, cursor=cursor, limit=limit, orders="Leeds")
                assert written == old
                page = PullPage.model_validate_json(written)
                cursor, more = page.cursor, page.has_more
                seen |= {order.number for order in page.orders}
        assert seen == {"WEB-1", "WEB-2", "WEB-5", desk.number(1)}
