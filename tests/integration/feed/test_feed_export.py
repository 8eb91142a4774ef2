"""The transaction feed and its export on SQLite and PostgreSQL: DuckDB reads the files back
with the tables' totals, a re-run rewrites the same files, a killed export resumes without
missing or doubling a row, concurrent writers never slip under a cursor, and the API pages
the same rows to the back office only."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.customer_events import record_rows
from frontdesk.server.db import transaction
from frontdesk.server.models import CustomerEvent, PurchaseLine
from frontdesk.server.orders.models import OrderEvent
from frontdesk.server.reporting import feed
from frontdesk.server.reporting.export import ExportError, export
from frontdesk.server.seed import seed_demo
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

AT = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


def _parquet(folder: Path, kind: str) -> str:
    return f"read_parquet('{folder}/kind={kind}/*/*.parquet', hive_partitioning = true)"


def _export_rows(folder: Path) -> set[tuple[str, int, str]]:
    found = set()
    for kind_dir in folder.glob("kind=*"):
        kind = kind_dir.name.removeprefix("kind=")
        query = f"SELECT seq, id FROM {_parquet(folder, kind)}"
        rows = duckdb.sql(query).fetchall()
        assert len(rows) == len(set(rows)), f"{kind}: a row twice"
        found |= {(kind, seq, ident) for seq, ident in rows}
    return found


def _seeded(factory: sessionmaker[Session]) -> None:
    seed_demo(factory, customers=6, seed=3)


def test_export_reads_back_in_duckdb_with_the_tables_totals(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _seeded(server_factory)
    report = export(server_factory, tmp_path / "out")
    with server_factory() as session:
        total, lines = session.execute(
            select(func.sum(PurchaseLine.line_total_minor), func.count())
        ).one()
        customers = session.scalar(select(func.count()).select_from(CustomerEvent))
        order_events = session.scalar(select(func.count()).select_from(OrderEvent))
    out = tmp_path / "out"
    got_total, got_lines = duckdb.sql(
        f"SELECT sum(line_total), count(*) FROM {_parquet(out, 'basket_lines')}"
    ).fetchall()[0]
    assert (got_total * 100, got_lines) == (total, lines)  # GBP pence, as decimals
    assert duckdb.sql(f"SELECT count(*) FROM {_parquet(out, 'customers')}").fetchall()[0][0] == 6
    assert customers == 6
    assert report.rows["order_events"] == order_events > 0
    described = duckdb.sql(f"DESCRIBE SELECT * FROM {_parquet(out, 'basket_lines')}").fetchall()
    types = {row[0]: row[1] for row in described}
    assert types["line_total"] == "DECIMAL(18,4)" and types["quantity"] == "DECIMAL(18,3)"


def test_a_rerun_rewrites_the_same_files_and_nothing_new_writes_nothing(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _seeded(server_factory)
    out = tmp_path / "out"
    first = export(server_factory, out)
    before = {p: p.read_bytes() for p in out.rglob("*.parquet")}
    assert export(server_factory, out).files == []  # nothing new
    again = export(server_factory, out, since=0)
    assert again.upto == first.upto
    assert {p: p.read_bytes() for p in out.rglob("*.parquet")} == before
    with pytest.raises(ExportError, match="not where an export"):
        export(server_factory, out, since=first.upto - 1)


def test_csv_export_has_the_same_rows(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    _seeded(server_factory)
    report = export(server_factory, tmp_path / "csv", fmt="csv")
    folder = tmp_path / "csv" / "kind=basket_lines"
    count = duckdb.sql(f"SELECT count(*) FROM read_csv('{folder}/*/*.csv')").fetchall()[0][0]
    assert count == report.rows["basket_lines"]


_KILLER = """
import os, signal, sys
from pathlib import Path
from frontdesk.server.db import make_engine, session_factory
from frontdesk.server.reporting import export as module
written, real = [], module._write
def dying(*args, **kwargs):
    if len(written) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
    written.append(real(*args, **kwargs))
    return written[-1]
module._write = dying
module.export(session_factory(make_engine(sys.argv[1])), Path(sys.argv[2]))
"""


def test_an_export_killed_midway_resumes_to_exactly_the_rows_of_an_uninterrupted_one(
    server_factory: sessionmaker[Session], migrated_url: str, tmp_path: Path
) -> None:
    _seeded(server_factory)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    export(server_factory, whole)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, migrated_url, str(killed), "25"], env=env, timeout=120
    )
    assert done.returncode == -signal.SIGKILL
    assert 0 < len(list(killed.rglob("*.parquet"))) < len(list(whole.rglob("*.parquet")))
    with transaction(server_factory) as session:  # written after the kill: the next run's
        record_rows(session, [_customer("late")], kind="edit", source="import", at=AT)
    resumed = export(server_factory, killed)
    assert resumed.resumed
    assert _export_rows(killed) == _export_rows(whole)
    later = export(server_factory, killed)
    assert later.rows == {"customers": 1}
    assert len(_export_rows(killed)) == len(_export_rows(whole)) + 1


def _customer(name: str) -> dict:
    return {"id": f"{name}-{random.randrange(10**9)}", "full_name": name, "created_at": AT}


@pytest.mark.postgres
def test_concurrent_writers_never_slip_under_a_cursor(
    postgres_url: str, _schema_templates, tmp_path: Path
) -> None:
    """Writers take their number, then linger before committing, in real concurrent
    PostgreSQL transactions; a reader pages all the while. Every committed row is read
    once: none is committed under a cursor already handed out."""
    from frontdesk.server.db import make_engine, session_factory

    _schema_templates.fill(postgres_url)
    engine = make_engine(postgres_url)
    factory = session_factory(engine)
    written: list[str] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        rng = random.Random(n)
        for _ in range(25):
            row = _customer(f"w{n}")
            with transaction(factory) as session:
                record_rows(session, [row], kind="create", source="import", at=AT)
                time.sleep(rng.random() * 0.02)
            with lock:
                written.append(row["id"])

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    seen, cursor = [], 0
    while any(t.is_alive() for t in threads) or cursor < _top(factory):
        with factory() as session:
            page = feed.page(session, cursor, limit=7, top=feed.horizon(session))
        seen += [row["customer_id"] for row in page.rows]
        cursor = page.next_cursor
    engine.dispose()
    assert len(seen) == len(set(seen)) == len(written) == 150
    assert set(seen) == set(written)


def _top(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return feed.horizon(session)


def _login(client: TestClient, name: str) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/login", json={"username": name, "password": "pw-long-enough"}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_the_api_pages_every_row_once_to_the_back_office_only(
    server_factory: sessionmaker[Session], migrated_url: str, tmp_path: Path
) -> None:
    _seeded(server_factory)
    for name, role in (("bo", "backoffice"), ("ag", "agent"), ("su", "supervisor")):
        add_user(
            server_factory, username=name, password="pw-long-enough", role=role, branch="Leeds"
        )
    report = export(server_factory, tmp_path / "out")
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        for name in ("ag", "su"):
            refused = client.get("/api/v1/feed", headers=_login(client, name))
            assert refused.status_code == 403, refused.text
        headers = _login(client, "bo")
        for bad in ("abc", "-1", "1e3", str(report.upto + 10**6)):
            answer = client.get("/api/v1/feed", params={"cursor": bad}, headers=headers)
            assert answer.status_code in (400, 422), answer.text
            assert "cursor" in answer.text
        rows, cursor, more = [], "0", True
        while more:
            page = client.get(
                "/api/v1/feed", params={"cursor": cursor, "limit": 97}, headers=headers
            )
            assert page.status_code == 200, page.text
            body = page.json()
            rows += body["rows"]
            cursor, more = body["next_cursor"], body["more"]
    got = {(r["kind"], r["seq"], r["id"]) for r in rows}
    assert len(got) == len(rows) == sum(report.rows.values())
    assert got == _export_rows(tmp_path / "out")
    line = next(r for r in rows if r["kind"] == "basket_lines")
    assert line["currency"] == "GBP" and "." in line["line_total"]
