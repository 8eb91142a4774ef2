"""A hostile desk, a buggy ERP and a malicious user against the orders' server (TestClient,
SQLite and PostgreSQL): quantities a unit cannot have, numbers in the desks' own space,
a desk's clock set back to an old price, Unicode digits."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from order_helpers import ANN, YURI, admin_headers, line, order_in, sign_in, write_json
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.catalogue.imports import import_catalogue


def test_a_zero_quantity_line_is_refused_everywhere(api: TestClient) -> None:
    admin = admin_headers(api)
    lines = [line(1, "22423", "0", "12.75"), line(2, "W1", "1", "0.333")]
    posted = api.post("/api/v1/orders", json=order_in(lines=lines), headers=admin)
    assert posted.status_code == 422, posted.text
    assert "lines.1.quantity" in posted.text
    desk = sign_in(api, "ann")
    result = desk.push_one(desk.place(lines=[line(1, "22423", "0.000", "12.75")]))
    assert (result["status"], result["code"]) == ("rejected", 400), result
    assert result["detail"].startswith("lines.1.quantity:")


def test_a_piece_is_counted_not_measured(api: TestClient) -> None:
    admin = admin_headers(api)
    lines = [line(1, "22423", "1.5", "12.75")]
    posted = api.post("/api/v1/orders", json=order_in(lines=lines), headers=admin)
    assert posted.status_code == 422, posted.text
    assert "lines.1.quantity" in posted.text and "piece" in posted.text
    metres = [line(1, "W1", "1.5", "0.333")]
    assert api.post("/api/v1/orders", json=order_in(lines=metres), headers=admin).status_code == 201
    desk = sign_in(api, "ann")
    result = desk.push_one(desk.place(lines=[line(1, "22423", "0.5", "12.75")]))
    assert (result["status"], result["code"]) == ("rejected", 400), result
    assert result["detail"].startswith("lines.1.quantity:")


def test_the_back_office_cannot_take_a_desks_number(api: TestClient) -> None:
    desk = sign_in(api, "ann")
    admin = admin_headers(api)
    posted = api.post("/api/v1/orders", json=order_in(desk.number(1)), headers=admin)
    assert posted.status_code == 422, posted.text
    assert "number" in posted.text
    result = desk.push_one(desk.place(1))
    assert result["status"] == "applied" and result["result"]["accepted"] is True


def test_a_desk_clock_set_back_does_not_buy_last_years_price(api: TestClient) -> None:
    # 12.50 was the price until 2024-12-31; 12.75 since. An honest desk offline a few days
    # keeps the price of its day; a desk claiming a day long gone is priced as of the oldest
    # day a desk may have been offline.
    desk = sign_in(api, "ann")
    long_ago = datetime(2024, 6, 1, 10, 0, tzinfo=UTC)
    item = desk.place(lines=[line(1, "22423", "2", "12.50")], placed_at=long_ago.isoformat())
    result = desk.push_one(item)["result"]
    assert result["accepted"] is False, result
    assert result["refused_reason"] == "price changed: SKU 22423 is 12.75 GBP, the desk had 12.50"


def test_unicode_digits_are_not_numbers(api: TestClient) -> None:
    admin = admin_headers(api)
    arabic = [{**line(1, "22423", "2", "12.75"), "quantity": "\u0662"}]
    posted = api.post("/api/v1/orders", json=order_in(lines=arabic), headers=admin)
    assert posted.status_code == 422, posted.text
    wide = order_in(lines=[line(1, "22423", "2", "12.75")], total="\uff12\uff15.50")
    assert api.post("/api/v1/orders", json=wide, headers=admin).status_code == 422


def test_roles_and_branches(api: TestClient) -> None:
    desk = sign_in(api, "ann")
    posted = api.post("/api/v1/orders", json=order_in(), headers=desk.headers)
    assert posted.status_code == 403
    move = {"old_status": "placed", "status": "cancelled", "at": "2025-03-04T10:00:00+00:00"}
    assert api.patch("/api/v1/orders/WEB-1001", json=move, headers=desk.headers).status_code == 403
    york = sign_in(api, "yan")
    placed = desk.push_one(desk.place(1))
    assert placed["result"]["accepted"] is True
    foreign = york.push_one(york.cancel(desk.number(1)))
    assert foreign["code"] == 403
    # A call centre takes orders for any customer: a York customer's order at Leeds is
    # Leeds's (its stock, its branch) and reaches York's desks as their customer's.
    for_yuri = desk.push_one(desk.place(2, customer_id=YURI, lines=[line(1, "W1", "1", "0.333")]))
    assert for_yuri["result"]["accepted"] is True
    numbers = {o["number"] for o in york.pull()["orders"]}
    assert numbers == {desk.number(2)}
    assert ANN


def test_malformed_lines_and_replays_are_refused(api: TestClient) -> None:
    admin = admin_headers(api)
    twice = [line(1, "22423", "1", "12.75"), line(1, "W1", "1", "0.333")]
    assert api.post("/api/v1/orders", json=order_in(lines=twice), headers=admin).status_code == 422
    yen = order_in(currency="JPY", lines=[line(1, "22423", "1", "100.0001", total="100")],
                   total="100")  # fmt: skip
    posted = api.post("/api/v1/orders", json=yen, headers=admin)
    assert posted.status_code == 422 and "lines.1.unit_price" in posted.text, posted.text
    many = [line(n, "W1", "1", "0.333") for n in range(1, 502)]
    assert api.post("/api/v1/orders", json=order_in(lines=many), headers=admin).status_code in (
        413, 422)  # fmt: skip
    desk = sign_in(api, "ann")
    dup = desk.push_one(desk.place(lines=twice))
    assert (dup["status"], dup["code"]) == ("rejected", 422), dup
    item = desk.place(1)
    assert desk.push_one(item)["result"]["accepted"] is True
    item["payload"]["lines"] = [line(1, "22423", "3", "12.75")]
    item["payload"]["total"] = "38.25"
    again = desk.push_one(item)
    assert again["status"] == "conflict", again


def test_prices_of_another_branch_or_gone_do_not_apply(api: TestClient) -> None:
    york = sign_in(api, "yan")  # 85123A: 2.55 company-wide, 2.45 at Leeds only
    result = york.push_one(york.place(1, lines=[line(1, "W1", "1", "0.333")],
                                      customer_id=YURI))  # fmt: skip
    assert result["result"]["accepted"] is False  # no W1 at York
    assert result["result"]["refused_reason"] == "stock: SKU W1 has 0 at York, 1 asked"
    desk = sign_in(api, "ann")
    leeds_price = desk.push_one(desk.place(1, lines=[line(1, "85123A", "1", "2.55")]))["result"]
    assert leeds_price["refused_reason"] == (
        "price changed: SKU 85123A is 2.45 GBP, the desk had 2.55")  # fmt: skip
    rub = desk.push_one(desk.place(2, currency="RUB", lines=[line(1, "W1", "1", "0.333")]))
    reason = rub["result"]["refused_reason"]
    assert reason.startswith("price: SKU W1 has no RUB price at Leeds on "), reason


def test_an_order_placed_in_the_future_is_refused(api: TestClient) -> None:
    admin = admin_headers(api)
    ahead = order_in(placed_at="2099-01-01T00:00:00+00:00")
    posted = api.post("/api/v1/orders", json=ahead, headers=admin)
    assert posted.status_code == 422 and "placed_at" in posted.text, posted.text
    now = datetime.now(UTC).isoformat()
    assert (
        api.post("/api/v1/orders", json=order_in(placed_at=now), headers=admin).status_code == 201
    )


def test_a_discontinued_product_sells_what_is_left(
    api: TestClient, server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    rows = {
        "products": [{"sku": "OLD", "names": {"en": "Old mug"}, "status": "discontinued",
                      "replacement_sku": "22423"}],
        "prices": [{"sku": "OLD", "currency": "GBP", "unit_price": "3.00",
                    "valid_from": "2025-01-01"}],
        "stock": [{"sku": "OLD", "branch": "Leeds", "warehouse": "main", "on_hand": "1",
                   "as_of": "2025-03-01T08:00:00+00:00"}],
    }  # fmt: skip
    for kind, found in rows.items():
        report = import_catalogue(
            server_factory, kind, write_json(tmp_path / f"{kind}.json", found)
        )
        assert report.refused == 0, report.summary()
    desk = sign_in(api, "ann")
    last = desk.push_one(desk.place(1, lines=[line(1, "OLD", "1", "3.00")]))["result"]
    assert last["accepted"] is True
    more = desk.push_one(desk.place(2, lines=[line(1, "OLD", "1", "3.00")]))["result"]
    assert more["refused_reason"] == "stock: SKU OLD has 0 at Leeds, 1 asked"
