"""A basket sale from the till to the customer's history at an agent's desk, and a line of it
returned the next day at another till of the branch, over a real server process.

Cat's till (register DEMO-01 of Москва, Тверская) syncs the demo catalogue, then the server
goes away: on the day before today (the till's services run in this process on a clock a day
behind) cat opens a shift, scans three products, attaches a known customer, gives 5% off the
basket and takes the card payment, offline. The server comes back and cat's till syncs. Ann,
an agent of the branch, syncs her desk: the customer's history holds the sale, dated that day,
with its three lines. Today Dan's till, another register of the branch, syncs, refunds one
piece of the second line with a supervisor signing in, and syncs: Ann's desk then shows the
return, dated today.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from e2e_support import free_port, run_server_command
from test_cases_e2e import PASSWORD, Server, login, ok, run

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.domain.money import Money
from frontdesk.domain.till import Tender
from frontdesk.server.catalogue.seed import barcode_for
from frontdesk.services.till.basket_view import parse_discount_text
from frontdesk.services.till.ports import TillTransaction

BRANCH = "Москва, Тверская"
HOUR = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
SKUS = ("FD-01011", "FD-02021", "FD-03031")
DAY = timedelta(days=1)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    staff = (("cat", "cashier"), ("dan", "cashier"), ("sue", "supervisor"), ("ann", "agent"))
    for user, role in staff:
        run_server_command(db_url, "add-user", user, "--role", role, "--branch", BRANCH,
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    run_server_command(db_url, "seed-demo", "--customers", "30", "--history-end",
                       HOUR.isoformat())  # fmt: skip
    run_server_command(db_url, "register", "add", "TVR-2", "--branch", BRANCH)
    running = Server(db_url, free_port(), tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def _customer(server: Server) -> tuple[str, str]:
    with sqlite3.connect(server.db_url.removeprefix("sqlite:///")) as conn:
        return conn.execute(
            "SELECT id, account_number FROM customers WHERE branch = ? "
            "ORDER BY account_number LIMIT 1", (BRANCH,)).fetchone()  # fmt: skip


def _till(desk: Path, register: str, *args: str, stdin: str = "") -> dict:
    return json.loads(ok(desk, *args, "--register", register, "--json", stdin=stdin))


def _yesterday() -> datetime:
    return datetime.now(UTC) - timedelta(days=1)


@contextmanager
def _client(desk: Path) -> Iterator[ClientContext]:
    client = build_client(load_settings(data_dir=desk))
    try:
        yield client
    finally:
        client.close()


def _sell_yesterday(desk: Path, customer: str) -> tuple[TillTransaction, Money]:
    """Cat's day before: a shift and a basket sale on the till's own services, offline."""
    with _client(desk) as client:
        till = client.till_basket("DEMO-01", clock=_yesterday)
        till.desk.open_shift(Money.of("1000", "RUB"))
        for sku in SKUS:
            till.add_code(barcode_for(sku))  # as a scanner types it
        till.attach_customer(customer)
        basket = till.discount_basket(parse_discount_text("5%"))
        assert [line.sku for line in basket.lines] == list(SKUS)
        return till.settle([(Tender.CARD, till.due())]), basket.totals.gross


def _day(purchase: dict) -> datetime:
    return datetime.fromisoformat(purchase["purchased_at"]).astimezone(UTC)


def _purchases(desk: Path, account: str) -> list[dict]:
    (found,) = [json.loads(line) for line in ok(desk, "lookup", account, "--json").splitlines()]
    return found["purchases"]


def test_a_basket_sold_offline_reaches_the_history_and_a_line_comes_back_at_another_till(
    server: Server, tmp_path: Path, monkeypatch, keyring_env
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FRONTDESK_TILL_CURRENCIES", "RUB")  # a Moscow till takes roubles
    cat, dan, ann = tmp_path / "cat", tmp_path / "dan", tmp_path / "ann"
    customer, account = _customer(server)
    login(cat, server, "cat")

    server.stop()  # offline from here to the payment
    paid, gross = _sell_yesterday(cat, customer)
    assert paid.amount < gross and paid.customer_id == customer
    assert run(cat, "sync")[0] != 0  # the sale waits in the outbox

    server.start()
    ok(cat, "sync")
    login(ann, server, "ann")
    sold = [p for p in _purchases(ann, account) if p["number"] == paid.receipt_no]
    assert len(sold) == 1 and not sold[0]["is_return"]
    assert [item["sku"] for item in sold[0]["items"]] == list(SKUS)
    assert Decimal(sold[0]["total"]) == paid.amount.amount
    assert _day(sold[0]).date() == _yesterday().date()

    login(dan, server, "dan")  # another till of the branch: it pulls cat's sale and its lines
    _till(dan, "TVR-2", "shift", "open", "--float", "500")
    back = _till(dan, "TVR-2", "refund", paid.receipt_no, "--line", "2:1", "--supervisor",
                 "sue", "--reason", "chipped", stdin=PASSWORD + "\n")  # fmt: skip
    ok(dan, "sync")
    ok(ann, "sync")
    returns = [p for p in _purchases(ann, account) if p["original_number"] == paid.receipt_no]
    assert len(returns) == 1 and returns[0]["is_return"]
    assert [(i["sku"], i["quantity"]) for i in returns[0]["items"]] == [(SKUS[1], "-1")]
    assert Decimal(returns[0]["total"]) == -Decimal(back["amount"])
    assert _day(returns[0]).date() == datetime.now(UTC).date() == _day(sold[0]).date() + DAY
