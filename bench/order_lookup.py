"""Order lookup at the desk: an order by its number, by tracking number, and a customer's
orders newest first, over a desk cache holding ``--orders`` orders.

    .venv/bin/python bench/order_lookup.py [--orders 1000000] [--customers 200000]
        [--lookups 2000] [--seed 7]

Target (issue 18): an order by number, p95 <= 5 ms at 1,000,000 orders. The cache is made
by the desk's own migrations; orders (two lines each) are written straight into its tables
(not a measured path). Lookups go through ``DeskOrders`` as the window and the CLI call it
(``by_number`` with its lines, ``find`` by tracking number, ``of_customer``). Peer in the
same run: the number lookup with ``NOT INDEXED`` (a plain scan), on a tenth of the lookups.
Prints one JSON object as its last line (latencies in ms).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.orders.queries import SqlAlchemyOrderQueries
from frontdesk.domain.order_numbers import tracking_key

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--lookups", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="frontdesk-order-bench-") as work:
        database = open_cache(Path(work) / "cache.sqlite3")
        try:
            started = time.perf_counter()
            _fill(database, args.orders, args.customers)
            fill_s = time.perf_counter() - started
            figures = _measure(database, args, rng)
        finally:
            database.dispose()
    figures = {"orders": args.orders, "fill_s": round(fill_s, 1), **figures}
    print(json.dumps(figures))
    return 0


def _number(n: int) -> str:
    return f"WEB-{n:08d}"


def _tracking(n: int) -> str:
    return f"1Z{n:010d}GB"


def _fill(database, count: int, customers: int) -> None:
    orders = (
        (f"o{n}", _number(n), "web", f"c{n % customers}", "Leeds", "GBP", 2350, "paid",
         "shipped", None, "DPD", _tracking(n), tracking_key(_tracking(n)),
         (T0 + timedelta(minutes=n)).isoformat(" ")[:19], (T0 + timedelta(minutes=n))
         .isoformat(" ")[:19], None, n + 1)
        for n in range(count)
    )  # fmt: skip
    lines = (
        (f"o{n}", line, f"SKU{(n + line) % 5000}", "Mug", "1", 1175000, 1175)
        for n in range(count)
        for line in (1, 2)
    )
    with database.engine.begin() as connection:
        raw = connection.connection.driver_connection
        raw.executemany(f"INSERT INTO orders VALUES ({', '.join('?' * 17)})", orders)
        raw.executemany("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?, ?, ?)", lines)
    with database.engine.begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def _measure(database, args, rng: random.Random) -> dict[str, float]:
    queries = SqlAlchemyOrderQueries(database.reader)
    picks = [rng.randrange(args.orders) for _ in range(args.lookups)]
    figures: dict[str, float] = {}
    for name, call in (
        ("by_number", lambda n: queries.by_number(_number(n))),
        ("by_tracking", lambda n: queries.by_tracking(tracking_key(_tracking(n)) or "")),
        ("of_customer", lambda n: queries.of_customers([f"c{n % args.customers}"], limit=200)),
    ):
        figures.update(_latencies(name, call, picks))
    scan = picks[: max(1, args.lookups // 100)]
    with database.reader() as session:
        connection = session.connection()
        sql = "SELECT id FROM orders NOT INDEXED WHERE number = ?"
        figures.update(_latencies(
            "by_number_scan", lambda n: connection.exec_driver_sql(sql, (_number(n),)).all(),
            scan))  # fmt: skip
    return figures


def _latencies(name: str, call, picks: list[int]) -> dict[str, float]:
    times = []
    for n in picks:
        started = time.perf_counter()
        found = call(n)
        times.append((time.perf_counter() - started) * 1000)
        assert found, f"{name}: nothing for {n}"
    cuts = statistics.quantiles(times, n=100)
    print(f"{name}: p50 {cuts[49]:.3f} ms, p95 {cuts[94]:.3f} ms", file=sys.stderr)
    return {f"{name}_p50_ms": round(cuts[49], 3), f"{name}_p95_ms": round(cuts[94], 3)}


if __name__ == "__main__":
    raise SystemExit(main())
