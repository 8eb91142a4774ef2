"""Export of N transactions (basket purchases of one line each) from a fresh server
database to Parquet by kind and day; the last line is one JSON object.

    python bench/export.py --rows 1000000                      # a SQLite file
    python bench/export.py --rows 1000000 --postgres postgresql+psycopg://postgres@127.0.0.1/test

With ``--postgres`` (a URL of any database the user may create databases from) a throwaway
database is created next to it and dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
from sqlalchemy import create_engine, insert, make_url, text

from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.models import Product, Purchase, PurchaseLine
from frontdesk.server.reporting.export import export

START = datetime(2024, 1, 1, tzinfo=UTC)
CHUNK = 50_000


def _fill(url: str, rows: int) -> None:
    engine = make_engine(url)
    with session_factory(engine)() as session, session.begin():
        session.execute(insert(Product), [{"sku": "SKU1", "name": "x", "unit_price_scaled": 1250_0,
                                           "currency": "GBP", "change_seq": 1}])  # fmt: skip
        for first in range(0, rows, CHUNK):
            numbers = range(first, min(rows, first + CHUNK))
            session.execute(insert(Purchase), [_purchase(n) for n in numbers])
            session.execute(insert(PurchaseLine), [_line(n) for n in numbers])
        session.execute(text("UPDATE change_counter SET value = :v"), {"v": rows + 10})
    engine.dispose()  # its backend gone: the export's CPU is counted alone


def _purchase(n: int) -> dict:
    return {"id": f"p{n}", "number": f"R{n}", "customer_id": None, "branch": f"B{n % 7}",
            "purchased_at": START + timedelta(minutes=n), "currency": "GBP",
            "is_return": False, "original_number": None, "total_minor": 1250 + n % 100,
            "change_seq": n + 2}  # fmt: skip


def _line(n: int) -> dict:
    return {"purchase_id": f"p{n}", "line_no": 1, "sku": "SKU1", "description": "x",
            "quantity_milli": 1000, "unit_price_scaled": 1250_0 + (n % 100) * 10,
            "line_total_minor": 1250 + n % 100, "change_seq": n + 2}  # fmt: skip


def _server_cpu(url: str) -> float:
    """CPU seconds the PostgreSQL backends of the bench database have used, where they run
    on this machine (0 on SQLite): on a shared machine CPU time says more than the clock."""
    if url.startswith("sqlite"):
        return 0.0
    engine = make_engine(url)
    with engine.connect() as connection:
        pids = connection.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
        ).scalars()
        ticks = sum(_ticks(pid) for pid in pids)
    engine.dispose()
    return ticks / os.sysconf("SC_CLK_TCK")


def _ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime, stime


def _expected_total(rows: int) -> Decimal:
    return Decimal(sum(1250 + n % 100 for n in range(rows))) / 100


@contextmanager
def _database(admin_url: str | None, folder: str) -> Iterator[str]:
    if admin_url is None:
        yield f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        return
    name = f"frontdesk_bench_{secrets.token_hex(4)}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield str(make_url(admin_url).set(database=name).render_as_string(hide_password=False))
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--postgres", help="an admin URL: export from a PostgreSQL database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, _database(args.postgres, folder) as url:
        migrate(url)
        started = time.perf_counter()
        _fill(url, args.rows)
        filled = time.perf_counter()
        cpu, server = time.process_time(), _server_cpu(url)
        report = export(session_factory(make_engine(url)), Path(folder) / "out")
        exported, cpu = time.perf_counter(), time.process_time() - cpu
        server = _server_cpu(url) - server
        files = f"'{folder}/out/kind=basket_lines/*/*.parquet'"
        total = duckdb.sql(
            f"SELECT count(*), sum(line_total) FROM read_parquet({files})"
        ).fetchall()
        read = time.perf_counter()
        size = sum(p.stat().st_size for p in (Path(folder) / "out").rglob("*.parquet"))
    print(json.dumps({
        "rows": args.rows, "db": url.split(":")[0], "fill_s": round(filled - started, 2),
        "export_s": round(exported - filled, 2),
        "export_cpu_s": round(cpu, 2), "server_cpu_s": round(server, 2),
        "duckdb_read_s": round(read - exported, 3),
        "files": len(report.files), "parquet_bytes": size,
        "rows_per_s": round(args.rows / (exported - filled)),
        "check": total[0] == (args.rows, _expected_total(args.rows)),
    }))  # fmt: skip


if __name__ == "__main__":
    main()
