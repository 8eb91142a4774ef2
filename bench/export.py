"""Export of N transactions (basket purchases of one line each) from a fresh SQLite server
database to Parquet by kind and day; the last line is one JSON object.

    python bench/export.py --rows 1000000
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
from sqlalchemy import insert, text

from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.models import Product, Purchase, PurchaseLine
from frontdesk.server.reporting.export import export

START = datetime(2024, 1, 1, tzinfo=UTC)
CHUNK = 50_000


def _fill(url: str, rows: int) -> None:
    factory = session_factory(make_engine(url))
    with factory() as session, session.begin():
        session.execute(insert(Product), [{"sku": "SKU1", "name": "x", "unit_price_scaled": 1250_0,
                                           "currency": "GBP", "change_seq": 1}])  # fmt: skip
        for first in range(0, rows, CHUNK):
            numbers = range(first, min(rows, first + CHUNK))
            session.execute(insert(Purchase), [_purchase(n) for n in numbers])
            session.execute(insert(PurchaseLine), [_line(n) for n in numbers])
        session.execute(text("UPDATE change_counter SET value = :v"), {"v": rows + 10})


def _purchase(n: int) -> dict:
    return {"id": f"p{n}", "number": f"R{n}", "customer_id": None, "branch": f"B{n % 7}",
            "purchased_at": START + timedelta(minutes=n), "currency": "GBP",
            "is_return": False, "original_number": None, "total_minor": 1250 + n % 100,
            "change_seq": n + 2}  # fmt: skip


def _line(n: int) -> dict:
    return {"purchase_id": f"p{n}", "line_no": 1, "sku": "SKU1", "description": "x",
            "quantity_milli": 1000, "unit_price_scaled": 1250_0 + (n % 100) * 10,
            "line_total_minor": 1250 + n % 100, "change_seq": n + 2}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        migrate(url)
        started = time.perf_counter()
        _fill(url, args.rows)
        filled = time.perf_counter()
        report = export(session_factory(make_engine(url)), Path(folder) / "out")
        exported = time.perf_counter()
        files = f"'{folder}/out/kind=basket_lines/*/*.parquet'"
        total = duckdb.sql(
            f"SELECT count(*), sum(line_total) FROM read_parquet({files})"
        ).fetchall()
        read = time.perf_counter()
        size = sum(p.stat().st_size for p in (Path(folder) / "out").rglob("*.parquet"))
    print(json.dumps({
        "rows": args.rows, "fill_s": round(filled - started, 2),
        "export_s": round(exported - filled, 2), "duckdb_read_s": round(read - exported, 3),
        "files": len(report.files), "parquet_bytes": size,
        "rows_per_s": round(args.rows / (exported - filled)), "check": total[0][0] == args.rows,
    }))  # fmt: skip


if __name__ == "__main__":
    main()
