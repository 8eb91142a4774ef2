"""``PUT /api/v1/stock`` and phone orders against a buggy ERP (TestClient, SQLite and
PostgreSQL): a figure dated in the future must not freeze a row against every true figure
after it; an over-reserved warehouse never lends its pieces to another."""

from __future__ import annotations

from fastapi.testclient import TestClient
from order_helpers import admin_headers, line, sign_in

STOCK = "/api/v1/stock"


def _row(on_hand: str, as_of: str, **more: str) -> dict:
    return {"sku": "85123A", "branch": "Leeds", "warehouse": "main", "on_hand": on_hand,
            "as_of": as_of, **more}  # fmt: skip


def test_a_figure_from_the_future_is_refused_and_freezes_nothing(api: TestClient) -> None:
    admin = admin_headers(api)
    future = api.put(STOCK, json={"rows": [_row("0", "2099-01-01T00:00:00+00:00")]},
                     headers=admin)  # fmt: skip
    assert future.status_code == 200, future.text
    body = future.json()
    assert body["applied"] == 0 and [(p["row"], p["field"]) for p in body["refused"]] == [
        (1, "as_of")]  # fmt: skip
    now = api.put(STOCK, json={"rows": [_row("7", "2025-03-02T08:00:00+00:00")]}, headers=admin)
    assert now.json()["applied"] == 1, now.text


def test_an_over_reserved_warehouse_lends_nothing(api: TestClient) -> None:
    admin = admin_headers(api)
    rows = [_row("1", "2025-03-02T08:00:00+00:00", reserved="4"),
            _row("3", "2025-03-02T08:00:00+00:00", warehouse="yard")]  # fmt: skip
    assert api.put(STOCK, json={"rows": rows}, headers=admin).json()["applied"] == 2
    desk = sign_in(api, "ann")
    four = desk.push_one(desk.place(1, lines=[line(1, "85123A", "4", "2.45")]))["result"]
    assert four["refused_reason"] == "stock: SKU 85123A has 3 at Leeds, 4 asked"
    three = desk.push_one(desk.place(2, lines=[line(1, "85123A", "3", "2.45")]))["result"]
    assert three["accepted"] is True
    stock = {s["warehouse"]: (s["on_hand"], s["reserved"]) for s in desk.pull()["stock"]
             if s["sku"] == "85123A"}  # fmt: skip
    assert stock == {"main": ("1", "4"), "yard": ("3", "3")}
