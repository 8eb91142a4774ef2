"""The reports' benchmark: N transactions in a throwaway PostgreSQL database (Online Retail
lines resampled, plus seeded till payments, contacts and cross-sell answers), exported to
Parquet, then each dashboard query through the reports' engine (DuckDB over the Parquet)
and the same query as a PostgreSQL GROUP BY over the server's tables, in the same run.
The last line printed is one JSON object.

    python bench/reports.py --transactions 200000
    python bench/reports.py --transactions 10000000 --repeat 20

Shares: 70 % basket lines (four to a receipt), 20 % till payments, 5 % contacts, 5 %
cross-sell answers, spread over one year (2024) and the retail data's countries as
branches. Targets (issue 21): the export at 1,000,000 transactions <= 30 s; each dashboard
query <= 1 s at the 95th percentile.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import duckdb
import psycopg
from psycopg import sql

from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.reporting import engine
from frontdesk.server.reporting.export import export
from frontdesk.server.reporting.relations import Window

RETAIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.csv.xz"
YEAR = date(2024, 1, 1)
CUSTOMERS = 1_000
_TS = "strftime(TIMESTAMP '2024-01-01' + {offset}, '%Y-%m-%d %H:%M:%S+00')"


def _source(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    plain = folder / "retail.csv"
    with lzma.open(RETAIL) as packed, plain.open("wb") as out:
        shutil.copyfileobj(packed, out)
    con.execute(f"""CREATE TABLE src AS SELECT row_number() OVER () - 1 AS rn, * FROM
        read_csv('{plain}', header=true, all_varchar=true)
        WHERE TRY_CAST(Quantity AS INT) > 0 AND TRY_CAST(UnitPrice AS DECIMAL(12,3)) > 0""")
    return con.execute("SELECT count(*) FROM src").fetchone()[0]


def _tables(con: duckdb.DuckDBPyConnection, n: int, rows: int) -> dict[str, str]:
    """The COPY text of each table, as SELECTs over DuckDB (column lists in order)."""
    lines, pays, talks = n * 70 // 100, n * 20 // 100, n * 5 // 100
    offers = n - lines - pays - talks
    seq = lambda base: f"{base} + range"  # noqa: E731
    minute = "INTERVAL 1 MINUTE * ((range * 7919) % 525600)"
    line_src = f"(SELECT range, s.* FROM range({lines}) JOIN src s ON s.rn = hash(range) % {rows})"
    return {
        "products (sku, name, category, unit_price_scaled, currency, change_seq)":
            "SELECT StockCode, any_value(Description), '', any_value(CAST(CAST(UnitPrice AS "
            "DECIMAL(12,3)) * 100000 AS BIGINT)), 'GBP', 1 FROM src GROUP BY StockCode",
        "customers (id, account_number, full_name, phones, emails, branch, notes, created_at,"
        " updated_at, change_seq)":
            f"SELECT 'c' || range, 'A' || range, 'Customer ' || range, '[]', '[]', 'UK', '', "
            f"{_TS.format(offset='INTERVAL 0 DAY')}, {_TS.format(offset='INTERVAL 0 DAY')}, 2 "
            f"FROM range({CUSTOMERS})",
        "purchases (id, number, customer_id, purchased_at, branch, currency, is_return,"
        " total_minor, change_seq)":
            f"SELECT 'p' || (range // 4), 'R' || (range // 4), NULL, "
            f"any_value({_TS.format(offset=minute)}), any_value(Country), 'GBP', false, "
            f"sum(CAST(Quantity AS INT) * CAST(CAST(UnitPrice AS DECIMAL(12,3)) * 100 AS INT)),"
            f" max({seq(10)}) FROM {line_src} GROUP BY range // 4",
        "purchase_lines (purchase_id, line_no, sku, description, quantity_milli,"
        " unit_price_scaled, line_total_minor, change_seq)":
            f"SELECT 'p' || (range // 4), range % 4 + 1, StockCode, Description, "
            f"CAST(Quantity AS INT) * 1000, CAST(CAST(UnitPrice AS DECIMAL(12,3)) * 100000 AS "
            f"BIGINT), CAST(Quantity AS INT) * CAST(CAST(UnitPrice AS DECIMAL(12,3)) * 100 AS "
            f"INT), {seq(10)} FROM {line_src}",
        "till_feed (id, kind, register, branch, receipt_no, currency, amount_minor,"
        " change_minor, tenders, customer_id, purpose, cashier, occurred_at, accepted,"
        " change_seq, lines, returned)":
            f"SELECT 't' || range, 'payment', 'R' || (range % 40), 'Branch ' || (range % 8), "
            f"'T' || range, 'GBP', 100 + (range * 37) % 9000, 0, '[]', NULL, 'sale', "
            f"'cashier' || (range % 60), {_TS.format(offset=minute)}, range % 50 <> 0, "
            f"{seq(10 + lines)}, '[]', '[]' FROM range({pays})",
        "interactions (id, customer_id, channel, occurred_at, reason, agent, notes, outcome,"
        " device_id, change_seq, branch)":
            f"SELECT 'i' || range, 'c' || (range % {CUSTOMERS}), "
            f"['call', 'visit', 'email'][range % 3 + 1], {_TS.format(offset=minute)}, "
            f"['billing', 'delivery', 'returns', 'product'][range % 4 + 1], 'agent' || "
            f"(range % 30), '', ['resolved', 'callback', 'escalated'][range % 3 + 1], 'dev', "
            f"{seq(10 + lines + pays)}, 'Branch ' || (range % 8) FROM range({talks})",
        "crosssell_feedback (id, customer_id, sku, outcome, model_version, agent, branch,"
        " device_id, occurred_at, recorded_at, change_seq)":
            f"SELECT 'x' || range, 'c' || (range % {CUSTOMERS}), 'SKU' || (range % 50), "
            f"['offered', 'offered', 'accepted', 'declined'][range % 4 + 1], 1, 'agent' || "
            f"(range % 30), 'Branch ' || (range % 8), 'dev', {_TS.format(offset=minute)}, "
            f"{_TS.format(offset=minute)}, {seq(10 + lines + pays + talks)} "
            f"FROM range({offers})",
    }  # fmt: skip


def _fill(url: str, n: int, folder: Path) -> None:
    con = duckdb.connect()
    rows = _source(con, folder)
    with psycopg.connect(_plain(url)) as pg:
        pg.execute("INSERT INTO users (id, username, password_hash, role, branch, created_at) "
                   "VALUES (1, 'bench', '-', 'admin', '', now())")  # fmt: skip
        pg.execute("INSERT INTO devices (id, name, registered_by, registered_at, branch) "
                   "VALUES ('dev', 'bench', 1, now(), '')")  # fmt: skip
        for target, query in _tables(con, n, rows).items():
            part = folder / "part.csv"
            con.execute(f"COPY ({query}) TO '{part}' (FORMAT csv, HEADER false)")
            copying = pg.cursor().copy(f"COPY {target} FROM STDIN WITH (FORMAT csv)")
            with copying as copy, part.open("rb") as data:
                while block := data.read(1 << 20):
                    copy.write(block)
        pg.execute("UPDATE change_counter SET value = %s WHERE id = 1", (n + 100,))
        pg.execute("ANALYZE")


def _plain(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


DAYS = [YEAR + timedelta(days=d) for d in range(3, 360, 17)]


def _dashboard() -> dict[str, tuple[Callable[[date], tuple], str]]:
    """Each query: its engine call for a day, and the PostgreSQL peer over the tables."""
    day = lambda d: Window(d, d)  # noqa: E731
    month = lambda d: Window(d.replace(day=1), d.replace(day=28))  # noqa: E731
    money = ("sum(amount_minor) FILTER (WHERE kind = 'payment' AND accepted), "
             "count(*) FILTER (WHERE accepted), count(*) FILTER (WHERE NOT accepted)")  # fmt: skip
    return {
        "payments_by_branch_day": (lambda d: ("payments", day(d), ("branch",)),
            f"SELECT branch, currency, {money} FROM till_feed WHERE occurred_at >= %(d)s "
            f"AND occurred_at < %(d)s + 1 GROUP BY 1, 2"),
        "payments_by_person_day": (lambda d: ("payments", day(d), ("user",)),
            f"SELECT cashier, currency, {money} FROM till_feed WHERE occurred_at >= %(d)s "
            f"AND occurred_at < %(d)s + 1 GROUP BY 1, 2"),
        "crosssell_by_agent_day": (lambda d: ("crosssell", day(d), ("user",)),
            "SELECT agent, count(*) FILTER (WHERE outcome = 'offered'), count(*) FILTER "
            "(WHERE outcome = 'accepted'), count(*) FILTER (WHERE outcome = 'declined') FROM "
            "crosssell_feedback WHERE occurred_at >= %(d)s AND occurred_at < %(d)s + 1 "
            "GROUP BY 1"),
        "sales_by_branch_day_month": (lambda d: ("sales", month(d), ("branch", "day")),
            "SELECT p.branch, CAST(p.purchased_at AS date), p.currency, sum(l.line_total_minor),"
            " count(DISTINCT p.id), count(*) FROM purchase_lines l JOIN purchases p ON p.id = "
            "l.purchase_id WHERE p.purchased_at >= date_trunc('month', %(d)s) AND "
            "p.purchased_at < date_trunc('month', %(d)s) + interval '28 days' GROUP BY 1, 2, 3"),
        "contacts_by_reason_month": (
            lambda d: ("contacts", month(d), ("channel", "reason", "outcome")),
            "SELECT channel, reason, outcome, count(*), count(DISTINCT customer_id), "
            "count(follow_up) FROM interactions WHERE occurred_at >= date_trunc('month', %(d)s)"
            " AND occurred_at < date_trunc('month', %(d)s) + interval '28 days' "
            "GROUP BY 1, 2, 3"),
        "sales_by_month_year": (lambda d: ("sales", Window(YEAR, date(2024, 12, 31)), ("month",)),
            "SELECT to_char(p.purchased_at, 'YYYY-MM'), p.currency, sum(l.line_total_minor), "
            "count(*) FROM purchase_lines l JOIN purchases p ON p.id = l.purchase_id "
            "WHERE p.purchased_at >= DATE '2024-01-01' AND p.purchased_at < DATE '2025-01-01' "
            "GROUP BY 1, 2"),
    } | {"sales_by_month_year_from_rows": (
        lambda d: ("sales", Window(YEAR, date(2024, 12, 31)), ("month",), "rows"),
        "SELECT to_char(p.purchased_at, 'YYYY-MM'), p.currency, sum(l.line_total_minor), "
        "count(*) FROM purchase_lines l JOIN purchases p ON p.id = l.purchase_id "
        "WHERE p.purchased_at >= DATE '2024-01-01' AND p.purchased_at < DATE '2025-01-01' "
        "GROUP BY 1, 2")}  # fmt: skip


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _measure(url: str, feed: Path, repeat: int) -> dict[str, dict[str, float]]:
    factory = session_factory(make_engine(url))
    figures = {}
    with psycopg.connect(_plain(url)) as pg:
        for name, (call, peer) in _dashboard().items():
            ours, theirs, cpu = [], [], 0.0
            for d in (DAYS * repeat)[:repeat]:
                report, window, by, *rolled = call(d)
                with factory() as session:
                    started, cpu_started = time.perf_counter(), time.process_time()
                    engine.run(session, report, window=window, by=by, folder=feed,
                               rollups=not rolled)  # fmt: skip
                    ours.append(time.perf_counter() - started)
                    cpu += time.process_time() - cpu_started
                started = time.perf_counter()
                pg.execute(peer, {"d": d}).fetchall()
                theirs.append(time.perf_counter() - started)
            figures[name] = {
                "duckdb_cpu_mean_ms": round(cpu * 1000 / repeat, 1),
                "duckdb_p95_ms": round(_p95(ours) * 1000, 1),
                "duckdb_median_ms": round(statistics.median(ours) * 1000, 1),
                "postgres_p95_ms": round(_p95(theirs) * 1000, 1),
                "postgres_median_ms": round(statistics.median(theirs) * 1000, 1),
                "postgres_over_duckdb_p95": round(_p95(theirs) / _p95(ours), 2),
            }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20, help="runs of each query")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test",
                        help="a database to create the throwaway one from")  # fmt: skip
    args = parser.parse_args()
    name = f"frontdesk_bench_{secrets.token_hex(4)}"
    with psycopg.connect(args.pg, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = args.pg.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name
    try:
        with tempfile.TemporaryDirectory(prefix="frontdesk-bench-reports-") as work:
            print(json.dumps(_run(url, args, Path(work))))
    finally:
        with psycopg.connect(args.pg, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)))  # fmt: skip


def _run(url: str, args: argparse.Namespace, work: Path) -> dict:
    migrate(url)
    started = time.perf_counter()
    _fill(url, args.transactions, work)
    filled = time.perf_counter()
    cpu = time.process_time()
    report = export(session_factory(make_engine(url)), work / "feed")
    exported, export_cpu = time.perf_counter(), time.process_time() - cpu
    export_s = exported - filled
    size = sum(p.stat().st_size for p in (work / "feed").rglob("*.parquet"))
    return {
        "transactions": args.transactions, "fill_s": round(filled - started, 1),
        "export_s": round(export_s, 2), "export_rows": sum(report.rows.values()),
        "export_rows_per_s": round(sum(report.rows.values()) / export_s),
        "export_s_per_million": round(export_s * 1_000_000 / args.transactions, 2),
        "export_cpu_s": round(export_cpu, 2), "export_files": len(report.files),
        "parquet_bytes": size, "load_before_queries": os.getloadavg()[0],
        "queries": _measure(url, work / "feed", args.repeat),
        "load_after_queries": os.getloadavg()[0],
    }  # fmt: skip


if __name__ == "__main__":
    main()
