"""``PUT /api/v1/stock``: the back office's stock feed, on a real app (TestClient) over
SQLite and PostgreSQL: admin only, a stored newer figure kept, unknown SKUs refused by item,
every applied row a new change, 100,000 rows in one batch."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.catalogue.models import Stock
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import ChangeCounter, Product
from frontdesk.server.users import add_user

STOCK = "/api/v1/stock"
PASSWORD = "a long enough pass"


def _products(factory: sessionmaker[Session], skus: list[str]) -> None:
    with transaction(factory) as session:
        first = allocate_seq(session, len(skus))
        rows = [
            {"sku": sku, "name": sku, "category": "", "unit_price_scaled": 0,
             "currency": "GBP", "change_seq": first + n}
            for n, sku in enumerate(skus)
        ]  # fmt: skip
        session.execute(insert(Product.__table__), rows)


def _login(client: TestClient, factory: sessionmaker[Session], name: str, role: str) -> dict:
    add_user(factory, username=name, password=PASSWORD, role=role, branch="Leeds")
    answer = client.post("/api/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture
def admin(client: TestClient, server_factory: sessionmaker[Session]) -> dict:
    return _login(client, server_factory, "ada", "admin")


def _row(sku: str, on_hand: str, as_of: str, **more: str) -> dict:
    return {"sku": sku, "branch": "Leeds", "warehouse": "main", "on_hand": on_hand,
            "as_of": as_of, **more}  # fmt: skip


def _counter(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(ChangeCounter.value))


def test_only_the_back_office_feeds_stock(
    client: TestClient, server_factory: sessionmaker[Session]
) -> None:
    _products(server_factory, ["M1"])
    agent = _login(client, server_factory, "anna", "agent")
    body = {"rows": [_row("M1", "1", "2024-03-01T10:00:00Z")]}

    assert client.put(STOCK, json=body).status_code == 401
    refused = client.put(STOCK, json=body, headers=agent)
    assert refused.status_code == 403
    assert "admin" in refused.json()["detail"]


def test_a_batch_applies_new_figures_keeps_newer_ones_and_refuses_unknown_skus(
    client: TestClient, admin: dict, server_factory: sessionmaker[Session]
) -> None:
    _products(server_factory, ["M1", "M2", "M3"])
    first = {"rows": [_row("M1", "12", "2024-03-01T10:00:00Z", incoming="40",
                           incoming_on="2024-12-12"),
                      _row("M2", "5", "2024-03-01T10:00:00Z")]}  # fmt: skip
    assert client.put(STOCK, json=first, headers=admin).json() == {
        "applied": 2, "unchanged": 0, "stale": 0, "refused": []}  # fmt: skip
    seq_after_first = _counter(server_factory)

    second = {"rows": [
        _row("M1", "99", "2024-03-01T09:00:00Z"),   # older than stored: left
        _row("M2", "5", "2024-03-01T10:00:00Z"),    # the same figure: unchanged
        _row("NOPE", "1", "2024-03-01T11:00:00Z"),  # no such product
        _row("M3", "2.5", "2024-03-01T11:00:00+01:00"),
        _row("M3", "3", "2024-03-01T11:00:00Z"),    # the same key again
    ]}  # fmt: skip
    answer = client.put(STOCK, json=second, headers=admin).json()

    assert (answer["applied"], answer["unchanged"], answer["stale"]) == (1, 1, 1)
    assert [(p["row"], p["field"]) for p in answer["refused"]] == [(3, "sku"), (5, "sku")]
    assert "NOPE" in answer["refused"][0]["message"]
    assert _counter(server_factory) == seq_after_first + 1  # one change: M3's figure
    with server_factory() as session:
        m1 = session.get(Stock, ("M1", "Leeds", "main"))
        assert (m1.on_hand_milli, m1.incoming_milli) == (12000, 40000)
        m3 = session.get(Stock, ("M3", "Leeds", "main"))
        assert (m3.on_hand_milli, m3.as_of) == (2500, datetime(2024, 3, 1, 10, tzinfo=UTC))


def test_a_newer_figure_replaces_the_stored_one_with_a_new_change(
    client: TestClient, admin: dict, server_factory: sessionmaker[Session]
) -> None:
    _products(server_factory, ["M1"])
    client.put(STOCK, json={"rows": [_row("M1", "12", "2024-03-01T10:00:00Z")]}, headers=admin)
    with server_factory() as session:
        before = session.get(Stock, ("M1", "Leeds", "main")).change_seq

    newer = {"rows": [_row("M1", "11", "2024-03-01T10:05:00Z")]}
    assert client.put(STOCK, json=newer, headers=admin).json()["applied"] == 1

    with server_factory() as session:
        after = session.get(Stock, ("M1", "Leeds", "main"))
        assert (after.on_hand_milli, after.change_seq > before) == (11000, True)


def test_a_malformed_row_refuses_the_batch_naming_it(
    client: TestClient, admin: dict, server_factory: sessionmaker[Session]
) -> None:
    _products(server_factory, ["M1"])
    body = {"rows": [_row("M1", "1", "2024-03-01T10:00:00Z"), _row("M1", "-1", "2024-03-01")]}

    answer = client.put(STOCK, json=body, headers=admin)

    assert answer.status_code == 422
    assert "rows.1.on_hand" in answer.json()["detail"]
    assert _counter(server_factory) == 1  # the product's change alone


@pytest.mark.postgres
def test_a_batch_of_100000_rows_fits_and_is_applied_set_based(
    postgres_url: str, tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    from frontdesk.server.app import create_app
    from frontdesk.server.db import make_engine, migrate, session_factory
    from frontdesk.server.settings import Settings

    migrate(postgres_url)
    engine = make_engine(postgres_url)
    factory = session_factory(engine)
    skus = [f"SKU{n:06d}" for n in range(25_000)]
    _products(factory, skus)
    rows = [
        {"sku": sku, "branch": branch, "warehouse": "main", "on_hand": str(n % 50),
         "reserved": "1", "incoming": "12.5", "incoming_on": "2024-12-12",
         "as_of": "2024-03-01T10:42:00+00:00"}
        for n, sku in enumerate(skus)
        for branch in ("Leeds", "York", "Manchester", "Sheffield")
    ]  # fmt: skip
    assert len(rows) == 100_000
    try:
        with TestClient(create_app(Settings(database_url=postgres_url))) as client:
            admin = _login(client, factory, "ada", "admin")
            started = time.perf_counter()
            answer = client.put(STOCK, json={"rows": rows}, headers=admin)
            seconds = time.perf_counter() - started
    finally:
        engine.dispose()
    assert answer.status_code == 200, answer.text[:500]
    assert answer.json()["applied"] == 100_000
    with capsys.disabled():
        print(f"\nPUT /api/v1/stock, 100,000 rows on PostgreSQL: {seconds:.2f} s")
