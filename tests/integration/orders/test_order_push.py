"""``order.place`` and ``order.cancel_request`` pushed by real desks (TestClient, SQLite and
PostgreSQL): a phone order confirmed and its stock reserved, refused for a changed price or
short stock (stored cancelled with the reason), replayed, another desk's number forbidden;
a cancel request on an order of the branch, refused on a finished one or another branch's."""

from __future__ import annotations

from fastapi.testclient import TestClient
from order_helpers import ANN, YURI, admin_headers, line, order_in, sign_in
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.catalogue.models import Stock


def _reserved(factory: sessionmaker[Session], sku: str) -> dict[str, int]:
    with factory() as session:
        rows = session.scalars(select(Stock).where(Stock.sku == sku, Stock.branch == "Leeds"))
        return {row.warehouse: row.reserved_milli for row in rows}


def test_a_phone_order_is_confirmed_and_its_stock_reserved(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    desk = sign_in(api, "ann")
    lines = [line(1, "22423", "5", "12.75"), line(2, "85123A", "2", "2.45"),
             line(3, "22423", "1", "12.75")]  # fmt: skip
    item = desk.place(lines=lines, note="Leave with the neighbour")
    result = desk.push_one(item)
    assert result["status"] == "applied" and result["code"] == 200, result
    assert result["result"]["accepted"] is True
    assert result["result"]["status"] == "confirmed"
    assert result["result"]["refused_reason"] is None
    # 6 of 22423 free (main 5-1, yard 2): main takes 4 more, yard 2; 85123A's 2 at main.
    assert _reserved(server_factory, "22423") == {"main": 5000, "yard": 2000}
    assert _reserved(server_factory, "85123A") == {"main": 2000}
    page = desk.pull()
    (order,) = page["orders"]
    assert (order["number"], order["channel"], order["branch"], order["total"]) == (
        desk.number(1), "phone", "Leeds", "81.40")  # fmt: skip
    assert [(e["kind"], e["status"], e["by"]) for e in page["order_events"]] == [
        ("placed", "placed", "ann"),
        ("status", "confirmed", "ann"),
        ("note", None, "ann"),
    ]
    stock = {(s["sku"], s["warehouse"]): s["reserved"] for s in page["stock"]
             if s["branch"] == "Leeds"}  # fmt: skip
    assert stock[("22423", "main")] == "5" and stock[("22423", "yard")] == "2"
    again = desk.push_one(item)
    assert again["replayed"] is True and again["result"] == result["result"]
    assert _reserved(server_factory, "22423") == {"main": 5000, "yard": 2000}


def test_a_changed_price_refuses_the_order_with_the_reason(
    api: TestClient, server_factory: sessionmaker[Session]
) -> None:
    desk = sign_in(api, "ann")
    result = desk.push_one(desk.place(lines=[line(1, "22423", "2", "12.50")]))
    assert result["status"] == "applied" and result["code"] == 200
    assert result["result"]["accepted"] is False
    assert result["result"]["status"] == "cancelled"
    reason = "price changed: SKU 22423 is 12.75 GBP, the desk had 12.50"
    assert result["result"]["refused_reason"] == reason
    assert _reserved(server_factory, "22423") == {"main": 1000, "yard": 0}
    (order,) = desk.pull()["orders"]
    assert (order["status"], order["refused_reason"]) == ("cancelled", reason)


def test_short_stock_refuses_the_order_with_the_reason(api: TestClient) -> None:
    desk = sign_in(api, "ann")
    lines = [line(1, "22423", "4", "12.75"), line(2, "22423", "3", "12.75"),
             line(3, "85123A", "3", "2.45")]  # fmt: skip
    result = desk.push_one(desk.place(lines=lines))["result"]
    assert result["accepted"] is False
    assert result["refused_reason"] == (
        "stock: SKU 22423 has 6 at Leeds, 7 asked; stock: SKU 85123A has 2 at Leeds, 3 asked"
    )


def test_another_desks_number_is_forbidden_and_bad_items_write_nothing(api: TestClient) -> None:
    ann, bob = sign_in(api, "ann"), sign_in(api, "bob")
    foreign = ann.place(number=bob.number(1))
    foreign["payload"]["number"] = bob.number(1)
    result = ann.push_one(foreign)
    assert (result["status"], result["code"]) == ("rejected", 403)
    assert f"{bob.number(1)} is not this device's order number" in result["detail"]
    case_like = ann.place()
    case_like["payload"]["number"] = f"{ann.prefix}-00001"
    assert ann.push_one(case_like)["code"] == 403
    unknown = ann.push_one(ann.place(2, lines=[line(1, "NOPE", "1", "1.00")]))
    assert (unknown["code"], unknown["detail"]) == (400, "lines.1.sku: line 1: no product 'NOPE'")
    wrong = ann.push_one(ann.place(3, lines=[line(1, "22423", "2", "12.75", total="25.49")]))
    assert wrong["code"] == 400 and wrong["detail"].startswith("lines.1.line_total:")
    nobody = ann.push_one(ann.place(4, customer_id="00000000-0000-4000-8000-000000000000"))
    assert nobody["code"] == 400 and "unknown customer" in nobody["detail"]
    assert ann.pull()["orders"] == []


def test_a_cancel_request_is_an_event_for_the_back_office(api: TestClient) -> None:
    admin = admin_headers(api)
    api.post("/api/v1/orders", json=order_in("WEB-1"), headers=admin)
    api.post("/api/v1/orders", json=order_in("WEB-2", customer_id=YURI, branch="York"),
             headers=admin)  # fmt: skip
    desk = sign_in(api, "ann")
    item = desk.cancel("WEB-1", "Ordered twice")
    result = desk.push_one(item)
    assert result["status"] == "applied" and result["result"]["status"] == "placed"
    found = api.get("/api/v1/orders/WEB-1", headers=desk.headers).json()
    assert (found["order_events"][-1]["kind"], found["order_events"][-1]["detail"]) == (
        "cancel_request", "Ordered twice")  # fmt: skip
    assert found["orders"][0]["status"] == "placed"  # the back office decides
    assert desk.push_one(item)["replayed"] is True
    other = desk.push_one(desk.cancel("WEB-2"))
    assert other["code"] == 403
    missing = desk.push_one(desk.cancel("WEB-404"))
    assert (missing["code"], missing["detail"]) == (400, "number: no order WEB-404")
    move = {"old_status": "placed", "status": "cancelled", "at": "2025-03-04T10:00:00+00:00"}
    api.patch("/api/v1/orders/WEB-1", json=move, headers=admin)
    done = desk.push_one(desk.cancel("WEB-1"))
    assert (done["code"], done["detail"]) == (
        400, "order WEB-1 is cancelled: it cannot be cancelled now")  # fmt: skip


def test_a_customer_of_the_branch_may_ask_wherever_the_order_was_placed(api: TestClient) -> None:
    admin = admin_headers(api)
    api.post("/api/v1/orders", json=order_in("WEB-9", branch="Online"), headers=admin)
    desk = sign_in(api, "ann")
    assert desk.push_one(desk.cancel("WEB-9"))["status"] == "applied"
    assert ANN
