"""Two server processes on one PostgreSQL receive the same batch at the same moment.

Each item must exist once: the unique key in the database decides, not either process.
Both answers must report every item applied (one of them as a replay) with equal results.
"""

from __future__ import annotations

import os
import secrets
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import psycopg
import pytest
import requests
from e2e_support import run_server_command
from psycopg import sql
from sqlalchemy import create_engine, text
from test_pull_e2e import FIRST_FILE, PASSWORD

PG = "postgres@127.0.0.1:5432"
ITEMS = 200


@pytest.fixture
def pg_url():
    name = f"frontdesk_e2e_{secrets.token_hex(5)}"
    try:
        admin = psycopg.connect(f"postgresql://{PG}/test", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"PostgreSQL unreachable: {error}")
        pytest.skip(f"PostgreSQL unreachable: {error}")
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield f"postgresql+psycopg://{PG}/{name}"
    with psycopg.connect(f"postgresql://{PG}/test", autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def _items(customer_id: str) -> list[dict]:
    now = datetime.now(UTC).isoformat()
    return [
        {
            "key": str(uuid.uuid4()),
            "kind": "interaction.record",
            "seq": n + 1,
            "created_at": now,
            "payload": {
                "customer_id": customer_id,
                "channel": "call",
                "occurred_at": now,
                "reason": f"call {n}",
            },
        }
        for n in range(ITEMS)
    ]


def test_same_batch_on_two_processes_gives_one_row_per_item(pg_url, start_server, tmp_path):
    retail = tmp_path / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(pg_url, "import", "online-retail", str(retail))
    run_server_command(
        pg_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    first, second = start_server(pg_url), start_server(pg_url)
    device = str(uuid.uuid4())
    body = {"username": "ann", "password": PASSWORD, "device_id": device}
    login = requests.post(f"{first.url}/api/v1/auth/login", json=body, timeout=30).json()
    headers = {"Authorization": f"Bearer {login['access_token']}"}
    requests.post(
        f"{second.url}/api/v1/devices", json={"device_id": device}, headers=headers, timeout=30
    ).raise_for_status()
    page = requests.get(f"{first.url}/api/v1/sync/pull", headers=headers, timeout=30).json()
    customer_id = next(c["id"] for c in page["customers"] if c["account_number"] == "12347")
    batch = {"device_id": device, "items": _items(customer_id)}

    def push(url: str) -> list[dict]:
        answer = requests.post(f"{url}/api/v1/sync/push", json=batch, headers=headers, timeout=60)
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    for _round in range(2):  # the second round replays every key on both
        with ThreadPoolExecutor(2) as pool:
            a, b = pool.map(push, [first.url, second.url])
        assert all(r["status"] == "applied" for r in a + b)
        assert [r["result"] for r in a] == [r["result"] for r in b]
    engine = create_engine(pg_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT count(*), count(DISTINCT id) FROM interactions"))
            assert tuple(rows.one()) == (ITEMS, ITEMS)
            applied = connection.execute(text("SELECT count(*) FROM applied_items")).scalar_one()
    finally:
        engine.dispose()
    assert applied == ITEMS
