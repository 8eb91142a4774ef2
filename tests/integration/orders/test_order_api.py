"""``POST/PATCH/GET /api/v1/orders`` on a real app (TestClient), SQLite and PostgreSQL: an
order created once whatever is repeated, another order under a taken number refused,
checks that name the line, moves checked against the lifecycle and the stored status."""

from __future__ import annotations

from fastapi.testclient import TestClient
from order_helpers import ANN, YURI, admin_headers, line, order_in, sign_in

ORDERS = "/api/v1/orders"


def test_an_order_is_created_once_and_a_repeat_returns_it(api: TestClient) -> None:
    admin = admin_headers(api)
    first = api.post(ORDERS, json=order_in(), headers=admin)
    assert first.status_code == 201, first.text
    again = api.post(ORDERS, json=order_in(), headers=admin)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    order = first.json()
    assert (order["total"], order["status"], order["payment_state"]) == (
        "26.00",
        "placed",
        "unpaid",
    )
    assert [(x["quantity"], x["unit_price"], x["line_total"]) for x in order["lines"]] == [
        ("2", "12.75", "25.50"), ("1.5", "0.333", "0.50")]  # fmt: skip


def test_other_content_under_a_taken_number_is_a_conflict(api: TestClient) -> None:
    admin = admin_headers(api)
    assert api.post(ORDERS, json=order_in(), headers=admin).status_code == 201
    other = api.post(ORDERS, json=order_in(customer_id=YURI), headers=admin)
    assert other.status_code == 409
    assert "WEB-1001 exists with other content" in other.json()["detail"]


def test_the_checks_name_the_line_and_write_nothing(api: TestClient) -> None:
    admin = admin_headers(api)
    cases = {
        "lines.2.sku": [line(1, "22423", "1", "12.75"), line(2, "NOPE", "1", "1.00")],
        "lines.1.line_total": [line(1, "22423", "3", "0.335", total="1.00")],
    }
    for field, lines in cases.items():
        answer = api.post(ORDERS, json=order_in(lines=lines), headers=admin)
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"].startswith(f"{field}: "), answer.text
    wrong_total = api.post(ORDERS, json=order_in(total="26.01"), headers=admin)
    assert wrong_total.status_code == 422
    assert wrong_total.json()["detail"] == "total: the lines add up to 26.00 GBP, not 26.01"
    nobody = api.post(ORDERS, json=order_in(customer_id="no-such-customer"), headers=admin)
    assert nobody.status_code == 422 and "customer_id" in nobody.json()["detail"]
    desk = sign_in(api, "ann")
    assert api.get(f"{ORDERS}/WEB-1001", headers=desk.headers).status_code == 404


def test_only_the_back_office_creates_orders(api: TestClient) -> None:
    desk = sign_in(api, "ann")
    assert api.post(ORDERS, json=order_in(), headers=desk.headers).status_code == 403
    assert api.post(ORDERS, json=order_in()).status_code == 401


def test_a_desk_finds_orders_by_customer_and_number(api: TestClient) -> None:
    admin = admin_headers(api)
    api.post(ORDERS, json=order_in("WEB-1", tracking_number="JD000123", carrier="DPD",
                                   status="confirmed"), headers=admin)  # fmt: skip
    api.post(ORDERS, json=order_in("WEB-2", customer_id=YURI, branch="York"), headers=admin)
    desk = sign_in(api, "ann")
    mine = api.get(ORDERS, params={"customer_id": ANN}, headers=desk.headers).json()
    assert [o["number"] for o in mine["orders"]] == ["WEB-1"]
    assert [(e["kind"], e["status"], e["detail"]) for e in mine["order_events"]] == [
        ("placed", "placed", ""),
        ("status", "confirmed", ""),
        ("shipping", None, "DPD JD000123"),
    ]
    found = api.get(f"{ORDERS}/WEB-2", headers=desk.headers).json()
    assert [o["customer_id"] for o in found["orders"]] == [YURI]
    assert api.get(f"{ORDERS}/WEB-2", headers=admin_headers(api)).status_code == 403
