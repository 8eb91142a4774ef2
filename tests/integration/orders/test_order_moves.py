"""``PATCH /api/v1/orders/{number}``: every move of ``domain.orders.TRANSITIONS`` is made and
every other refused (hypothesis walks of the lifecycle through the API), a move from a
status the order has left is a conflict naming the stored one, each change an event with
its time and author, every change a new change number."""

from __future__ import annotations

from itertools import count

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from order_helpers import admin_headers, order_in, sign_in

from frontdesk.domain.orders import TRANSITIONS, OrderStatus

ORDERS = "/api/v1/orders"
STATUSES = sorted(OrderStatus)
_numbers = count(1)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(walk=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=6))
def test_a_walk_makes_the_lifecycles_moves_and_refuses_the_rest(
    api: TestClient, walk: list[OrderStatus]
) -> None:
    admin = admin_headers(api)
    number = f"WALK-{next(_numbers)}"
    created = api.post(ORDERS, json=order_in(number), headers=admin)
    assert created.status_code == 201
    status, seq = OrderStatus.PLACED, created.json()["seq"]
    for new in walk:
        body = {"old_status": status, "status": new, "at": "2025-03-04T10:00:00+00:00"}
        answer = api.patch(f"{ORDERS}/{number}", json=body, headers=admin)
        if new in TRANSITIONS[status]:
            assert answer.status_code == 200, answer.text
            assert answer.json()["status"] == new and answer.json()["seq"] > seq
            status, seq = new, answer.json()["seq"]
        elif new == status:  # a retry of the move just made: nothing changes
            assert answer.status_code == 200 and answer.json()["seq"] == seq
        else:
            assert answer.status_code == 422, answer.text
            assert answer.json()["detail"].startswith(f"status: an order that is {status}")


def test_a_move_from_a_status_the_order_left_is_a_conflict(api: TestClient) -> None:
    admin = admin_headers(api)
    api.post(ORDERS, json=order_in(), headers=admin)
    move = {"old_status": "placed", "status": "confirmed", "at": "2025-03-04T10:00:00+00:00"}
    assert api.patch(f"{ORDERS}/WEB-1001", json=move, headers=admin).status_code == 200
    late = {"old_status": "placed", "status": "cancelled", "at": "2025-03-04T10:05:00+00:00"}
    answer = api.patch(f"{ORDERS}/WEB-1001", json=late, headers=admin)
    assert answer.status_code == 409
    assert answer.json() == {
        "detail": "old_status: order WEB-1001 is confirmed, not placed: read it again and decide",
        "status": "confirmed",
    }
    gone = api.patch(f"{ORDERS}/WEB-404", json=move, headers=admin)
    assert gone.status_code == 404


def test_each_change_is_an_event_with_its_time_and_author(api: TestClient) -> None:
    admin = admin_headers(api)
    api.post(ORDERS, json=order_in(), headers=admin)
    body = {"payment_state": "paid", "carrier": "DPD", "tracking_number": "JD0001",
            "promised_on": "2025-03-07", "note": "Paid by card on the phone",
            "at": "2025-03-04T10:00:00+00:00"}  # fmt: skip
    answer = api.patch(f"{ORDERS}/WEB-1001", json=body, headers=admin)
    assert answer.status_code == 200, answer.text
    order = answer.json()
    assert (order["payment_state"], order["carrier"], order["tracking_number"],
            order["promised_on"]) == ("paid", "DPD", "JD0001", "2025-03-07")  # fmt: skip
    desk = sign_in(api, "ann")
    events = api.get(f"{ORDERS}/WEB-1001", headers=desk.headers).json()["order_events"]
    assert [(e["kind"], e["detail"], e["by"], e["at"]) for e in events[1:]] == [
        ("payment", "paid", "root", "2025-03-04T10:00:00Z"),
        ("shipping", "DPD JD0001", "root", "2025-03-04T10:00:00Z"),
        ("promised", "2025-03-07", "root", "2025-03-04T10:00:00Z"),
        ("note", "Paid by card on the phone", "root", "2025-03-04T10:00:00Z"),
    ]
    assert max(e["seq"] for e in events) > order["seq"]  # the lines after the order
    same = api.patch(f"{ORDERS}/WEB-1001", json=body, headers=admin)
    assert same.json()["seq"] == order["seq"]  # nothing changed: no new number


def test_only_the_back_office_patches(api: TestClient) -> None:
    admin = admin_headers(api)
    api.post(ORDERS, json=order_in(), headers=admin)
    desk = sign_in(api, "ann")
    body = {"payment_state": "paid", "at": "2025-03-04T10:00:00+00:00"}
    assert api.patch(f"{ORDERS}/WEB-1001", json=body, headers=desk.headers).status_code == 403
