"""Products and orders at a desk over a real server process, then with the server unplugged.

The back office creates an order over the API for a customer of the desk's branch (Арбат);
the desk syncs and finds it placed; the back office ships it with a carrier and tracking
number; after the next sync the desk finds it by the tracking number. Then the server
stops: the agent finds a product by a misspelt name and by its scanned barcode, sees its
price at Арбат, its stock per branch with the time each figure was true, and its guide;
finds the order by its tracking number; takes a phone order. The server comes back, the desk
syncs: the server has confirmed the phone order and reserved its stock, and refused a second
one for a product the branch has none of, with that reason.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests
from e2e_support import free_port, run_server_command
from test_cases_e2e import PASSWORD, Server, login, ok, one, run

BRANCH = "Москва, Арбат"
HOUR = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    for user, role in (("ann", "agent"), ("backoffice", "admin")):
        run_server_command(db_url, "add-user", user, "--role", role, "--branch", BRANCH,
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_server_command(db_url, "seed-demo", "--customers", "40", "--history-end",
                       HOUR.isoformat())  # fmt: skip
    running = Server(db_url, free_port(), tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def _back_office(server: Server) -> requests.Session:
    session = requests.Session()
    answer = session.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": "backoffice", "password": PASSWORD},
        timeout=10,
    )
    answer.raise_for_status()
    session.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return session  # fmt: skip


def _arbat_customer(server: Server) -> str:
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as conn:
        (customer,) = conn.execute(
            "SELECT id FROM customers WHERE branch = ? ORDER BY account_number LIMIT 1", (BRANCH,)
        ).fetchone()
    return customer


def _server_stock(server: Server, sku: str) -> int:
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as conn:
        (reserved,) = conn.execute(
            "SELECT sum(reserved_milli) FROM stock WHERE sku = ? AND branch = ?", (sku, BRANCH)
        ).fetchone()
    return reserved


def _order_body(customer: str) -> dict:
    return {
        "number": "WEB-E2E-0001", "channel": "web", "customer_id": customer, "branch": BRANCH,
        "currency": "RUB", "total": "9358.00", "promised_on": HOUR.date().isoformat(),
        "placed_at": HOUR.isoformat(),
        "lines": [{"line_no": 1, "sku": "FD-01011", "description": "Navy stoneware mug",
                   "quantity": "2", "unit_price": "4679.00", "line_total": "9358.00"}],
    }  # fmt: skip


def test_an_order_from_the_api_and_a_phone_order_taken_offline(
    server: Server, tmp_path: Path, monkeypatch, keyring_env
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FRONTDESK_TILL_CURRENCIES", "RUB")  # a Moscow desk sells in roubles
    desk = tmp_path / "ann"
    login(desk, server, "ann")
    office = _back_office(server)
    customer = _arbat_customer(server)

    created = office.post(f"{server.url}/api/v1/orders", json=_order_body(customer), timeout=10)
    assert created.status_code == 201, created.text
    ok(desk, "sync")
    assert one(ok(desk, "order", "find", "WEB-E2E-0001", "--json"))["status"] == "placed"

    for move in ({"old_status": "placed", "status": "confirmed"},
                 {"old_status": "confirmed", "status": "picking"},
                 {"old_status": "picking", "status": "shipped", "carrier": "СДЭК",
                  "tracking_number": "CDEK 1234 5678"}):  # fmt: skip
        moved = office.patch(
            f"{server.url}/api/v1/orders/WEB-E2E-0001",
            json={**move, "at": datetime.now(UTC).isoformat()},
            timeout=10,
        )
        assert moved.status_code == 200, moved.text
    ok(desk, "sync")

    server.stop()  # unplugged: everything below is the desk's cache alone
    _find_products_offline(desk)
    found = one(ok(desk, "order", "find", "cdek12345678", "--json"))
    assert (found["number"], found["status"]) == ("WEB-E2E-0001", "shipped")
    shown = json.loads(ok(desk, "order", "show", "WEB-E2E-0001", "--json"))
    assert "СДЭК" in shown["where"] and "CDEK 1234 5678" in shown["where"]
    placed = one(ok(desk, "order", "place", "--customer", customer, "--line", "FD-01011:1",
                    "--json"))  # fmt: skip
    assert placed["status"] == "placed" and placed["waiting_for_server"]
    short = one(
        ok(desk, "order", "place", "--customer", customer, "--line", "FD-01012:1", "--json")
    )  # fmt: skip  (none left at Арбат)
    code, _, _ = run(desk, "sync")
    assert code != 0  # the server is down: the phone order waits in the outbox

    reserved_before = _server_stock(server, "FD-01011")
    server.start()
    ok(desk, "sync")
    confirmed = json.loads(ok(desk, "order", "show", placed["number"], "--json"))
    assert confirmed["status"] == "confirmed", confirmed.get("refused_reason")
    assert _server_stock(server, "FD-01011") == reserved_before + 1000
    refused = json.loads(ok(desk, "order", "show", short["number"], "--json"))
    assert refused["status"] == "cancelled"
    assert refused["refused_reason"].startswith("stock: SKU FD-01012 has 0 at Москва, Арбат")


def _find_products_offline(desk: Path) -> None:
    misspelt = [json.loads(line) for line in
                ok(desk, "product", "search", "stonware mugg", "--json").splitlines()]  # fmt: skip
    assert "FD-01011" in [hit["sku"] for hit in misspelt]
    russian = [json.loads(line) for line in
               ok(desk, "product", "search", "кружка", "--json").splitlines()]  # fmt: skip
    assert "FD-01011" in [hit["sku"] for hit in russian]
    card = json.loads(ok(desk, "product", "show", "2000000010113", "--json"))  # a scan
    assert card["sku"] == "FD-01011"
    assert card["price"] == {"amount": "4679.00", "currency": "RUB"}
    places = {line["branch"] for line in card["stock"]}
    assert BRANCH in places and len(places) == 12
    assert all(line["as_of"].startswith(HOUR.isoformat()[:13]) for line in card["stock"])
    assert card["literature"][0]["url"].startswith("https://")
