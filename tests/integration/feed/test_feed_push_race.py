"""The feed's exactly-once property under real pushes, on PostgreSQL (SQLite serialises its
writers: no race to run there). Tills push basket sales and agents push contacts through
``/api/v1/sync/push``, each desk from its own thread with its own device-bound token, while
``frontdesk-server export --since`` runs again and again in another process from where its
last run ended. The union of every run's Parquet rows is then the server's rows, each once,
with the same money."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.models import Interaction, PurchaseLine
from frontdesk.server.settings import Settings
from frontdesk.server.till.models import TillPayment
from frontdesk.server.till.registers import add_register
from frontdesk.server.users import add_user

# The till tests' helpers (a top-level ``till`` is the benchmark's, on the path for the KB tests).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "till"))
from server_basket_helpers import Register, add_customer, add_products

PASSWORD = "correct horse battery"
TILLS, SALES = 3, 8
AGENTS, CALLS = 2, 12
BASKETS = ([("MUG", "2"), ("TEA", "0.375")], [("BOX", "1"), ("MUG", "1", "0.50")], [("TEA", "1.2")])
#: The exporter: the real command run again and again, each run ``--since`` where the last
#: ended, until the stop file is there when a run begins (that run is the last).
_EXPORTER = """
import contextlib, io, json, sys, time
from pathlib import Path
from frontdesk.server.cli import main
url, out, stop = sys.argv[1:4]
cursor, last = 0, False
while not last:
    last, said = Path(stop).exists(), io.StringIO()
    with contextlib.redirect_stdout(said):
        code = main(["--db", url, "export", "--to", out, "--since", str(cursor)])
    if code:
        sys.exit(code)
    print(said.getvalue().strip(), flush=True)
    cursor = json.loads(said.getvalue())["upto"]
    time.sleep(0.05)
"""


@pytest.fixture
def postgres_only(migrated_url: str) -> str:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("SQLite serialises its writers: there is no race to run")
    return migrated_url


@contextmanager
def _desk(url: str, user: str) -> Iterator[tuple[TestClient, str]]:
    """A workstation of its own: its app, and ``user`` logged in there."""
    device = str(uuid.uuid4())
    with TestClient(create_app(Settings(database_url=url))) as client:
        body = {"username": user, "password": PASSWORD, "device_id": device}
        login = client.post("/api/v1/auth/login", json=body)
        assert login.status_code == 200, login.text
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        yield client, device


def _till(url: str, code: str, sent: list[Decimal]) -> None:
    """A shift opened, then one basket sale a push, as a till online pushes them."""
    with _desk(url, "cat") as (client, device):
        till = Register(client, device, code=code)
        till.push([till.open()])
        for n in range(SALES):
            sale = till.sell(BASKETS[n % len(BASKETS)])
            (result,) = till.push([sale])
            assert result["status"] == "applied", result
            sent.append(Decimal(sale.body["amount"]))


def _agent(url: str, customer: str, sent: list[str]) -> None:
    """Contacts logged at a desk, pushed two at a time."""
    with _desk(url, "ann") as (client, device):
        for first in range(1, CALLS + 1, 2):
            items = [_call(seq, customer) for seq in (first, first + 1)]
            answer = client.post("/api/v1/sync/push", json={"device_id": device, "items": items})
            assert answer.status_code == 200, answer.text
            assert {r["status"] for r in answer.json()["results"]} == {"applied"}, answer.text
            sent += [item["key"] for item in items]


def _call(seq: int, customer: str) -> dict:
    at = "2026-03-01T10:00:00+00:00"
    payload = {"customer_id": customer, "channel": "call", "occurred_at": at,
               "reason": f"question {seq}"}  # fmt: skip
    return {"key": str(uuid.uuid4()), "kind": "interaction.record", "seq": seq,
            "created_at": at, "payload": payload}  # fmt: skip


def _exporter(url: str, folder: Path, stop: Path) -> tuple[subprocess.Popen[str], str]:
    """The exporter's process, and what its first run said (once it has said it)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    argv = [sys.executable, "-c", _EXPORTER, url, str(folder), str(stop)]
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)  # fmt: skip
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first, process.stderr
    return process, first


def _in_threads(calls: list[Callable[[], None]]) -> tuple[list[threading.Thread], list]:
    errors: list[BaseException] = []

    def run(call: Callable[[], None]) -> None:
        try:
            call()
        except BaseException as error:  # reported by the test's assertion on ``errors``
            errors.append(error)

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    return threads, errors


def _rows(folder: Path, kind: str, money: str) -> tuple[list[str], Decimal]:
    source = f"read_parquet('{folder}/kind={kind}/*/*.parquet', hive_partitioning = true)"
    ids = [row[0] for row in duckdb.sql(f"SELECT id FROM {source}").fetchall()]
    ((total,),) = duckdb.sql(f"SELECT sum({money}) FROM {source}").fetchall()
    return ids, total


def test_every_pushed_row_is_exported_once_while_exports_run_during_the_pushes(
    postgres_only: str, server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    add_user(server_factory, username="cat", password=PASSWORD, role="cashier", branch="Leeds")
    add_user(server_factory, username="ann", password=PASSWORD, role="agent", branch="Leeds")
    add_products(server_factory)
    customer = add_customer(server_factory)
    codes = [f"SHOP{n}" for n in range(1, TILLS + 1)]
    for code in codes:
        add_register(server_factory, code, branch="Leeds")
    paid: list[Decimal] = []
    called: list[str] = []
    desks = [lambda c=code: _till(postgres_only, c, paid) for code in codes]
    desks += [lambda: _agent(postgres_only, customer, called) for _ in range(AGENTS)]
    out, stop = tmp_path / "feed", tmp_path / "stop"
    exporter, first = _exporter(postgres_only, out, stop)
    try:
        threads, errors = _in_threads(desks)
        for thread in threads:
            thread.join(timeout=60)
        stop.touch()
        said, complaint = exporter.communicate(timeout=60)
    finally:
        if exporter.poll() is None:  # the test failed under it: not left running
            exporter.kill()
    assert exporter.returncode == 0, complaint
    assert not errors, errors
    runs = [json.loads(line) for line in [first, *said.splitlines()]]
    assert [run["since"] for run in runs] == [0] + [run["upto"] for run in runs[:-1]]
    during = [run for run in runs[:-1] if run["rows"]]
    assert len(during) >= 2, f"the exports never overlapped the pushes: {runs}"
    _assert_exactly_the_servers_rows(server_factory, out, paid=paid, called=called)


def _assert_exactly_the_servers_rows(
    factory: sessionmaker[Session], out: Path, *, paid: list[Decimal], called: list[str]
) -> None:
    with factory() as session:
        payments = session.execute(select(TillPayment.id, TillPayment.amount_minor)).all()
        lines = session.execute(
            select(PurchaseLine.purchase_id, PurchaseLine.line_no, PurchaseLine.line_total_minor)
        ).all()
        contacts = session.scalars(select(Interaction.id)).all()
        assert session.scalar(select(func.count()).select_from(Interaction)) == len(called)
    assert len(payments) == len(paid) == TILLS * SALES
    exported, total = _rows(out, "payments", "amount")
    assert sorted(exported) == sorted(p.id for p in payments)
    assert total == sum(paid) == Decimal(sum(p.amount_minor for p in payments)) / 100
    exported, total = _rows(out, "basket_lines", "line_total")
    assert sorted(exported) == sorted(f"{p}:{n}" for p, n, _ in lines)
    assert total * 100 == sum(minor for *_, minor in lines) == sum(paid) * 100
    exported, _ = _rows(out, "contacts", "1")
    assert sorted(exported) == sorted(contacts) == sorted(called)
