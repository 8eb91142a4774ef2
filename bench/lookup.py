"""Customer lookup benchmark: the cache's engine against SQLite LIKE and PostgreSQL pg_trgm.

    python bench/lookup.py --customers 10000,100000,1000000 [--cache-dir .bench-cache]

Per size: builds (or reuses) a cache of generated customers, times the index build, runs a
fixed mixed workload (see lookup_data.QUERY_MIX, 2,800 queries: issue 7's 2,000 and issue
22's 800 slips of lookup_slips: wrong layout both ways, two typos in a long surname, other
transliteration schemes, and a slip with a typo on top) through
``SqlAlchemyCustomerQueries.search`` in a child process (its peak RSS is the lookup
process's; it reads the cache file once first, as a desk in use has it in the OS's file
cache), then the same queries as ``LIKE '%q%'`` over the same columns in SQLite and as
``ILIKE`` over pg_trgm GIN indexes in PostgreSQL (127.0.0.1:5432, database ``test``; a table
of its own, dropped after). Recall@20 is "the target customer is among the results"; the
ceiling is what an engine returning every truly matching customer in random order reaches
(E[min(1, 20/matching)]). Then the one box (``Omnibox.find``, bench/lookup_omnibox.py) over
the same cache with a branch's products, orders, cases and receipts added: receipt, order and
case numbers, EANs, SKUs, product words and a share of the customer queries, each with
p95/p99 and "the right item first". The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lookup_omnibox
from lookup_data import Population, Query, generate, workload

SEED = 7
LIMIT = 20
PG_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=3"
PG_TABLE = "bench_lookup_customers"
PEER_SAMPLE_AT = 200_000  # above this size the peers run every 10th query (full scans are slow)


def main() -> None:
    args = _args()
    if args.worker:
        _worker(Path(args.worker[0]), Path(args.worker[1]))
        return
    if args.box_worker:
        answer = lookup_omnibox.worker(Path(args.box_worker[0]), Path(args.box_worker[1]))
        print(json.dumps({**answer, "peak_rss_bytes": _peak_rss()}))
        return
    sizes = [int(s) for s in args.customers.split(",")]
    results = {str(n): _one_size(n, Path(args.cache_dir), pg=not args.no_postgres) for n in sizes}
    _print_table(results)
    print(json.dumps({"bench": "lookup", "limit": LIMIT, "sizes": results}))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", default="10000,100000")
    parser.add_argument("--cache-dir", default=".bench-cache")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--worker", nargs=2, metavar=("CACHE", "QUERIES"), help=argparse.SUPPRESS)
    parser.add_argument(
        "--box-worker", nargs=2, metavar=("CACHE", "QUERIES"), help=argparse.SUPPRESS
    )
    return parser.parse_args()


def _one_size(count: int, cache_dir: Path, *, pg: bool) -> dict[str, Any]:
    started = time.perf_counter()
    population = generate(count, seed=SEED)
    queries = workload(population, seed=SEED)
    _log(f"{count}: generated in {time.perf_counter() - started:.1f}s")
    cache = cache_dir / f"lookup-{count}-s{SEED}.sqlite3"
    build_s = _ensure_cache(cache, population)
    engine = _run_engine(cache, queries)
    result: dict[str, Any] = {
        "customers": count,
        "queries": len(queries),
        "load_avg_1m_before": round(os.getloadavg()[0], 2),  # the machine is shared
        "index_build_s": build_s,
        "cache_bytes": cache.stat().st_size + _wal_bytes(cache),
        "peak_rss_bytes": engine.pop("peak_rss_bytes"),
        "engine": engine,
        "like": _run_like(cache, queries, count),
    }
    ids = [p.id for p in population.people]
    box_queries = lookup_omnibox.workload(ids, queries, seed=SEED)
    result["omnibox"] = lookup_omnibox.run(cache, box_queries, __file__)
    result["omnibox"]["load_avg_1m_after"] = round(os.getloadavg()[0], 2)
    if pg:
        result["pg_trgm"] = _run_pg(population, queries)
    return result


# --- building the cache -----------------------------------------------------------------


def _ensure_cache(cache: Path, population: Population) -> float | None:
    """Build the cache unless a complete one is there; the index build's seconds (None: reused)."""
    if cache.exists() and _complete(cache, len(population.people)):
        _log(f"reusing {cache}")
        return json.loads(_meta(cache))["index_build_s"]
    cache.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (cache, Path(f"{cache}-wal"), Path(f"{cache}-shm")):
        leftover.unlink(missing_ok=True)
    from frontdesk.adapters.cache.database import open_cache
    from frontdesk.adapters.cache.search_index import rebuild_index

    database = open_cache(cache)
    _insert_customers(cache, population)
    lookup_omnibox.fill(database, [p.id for p in population.people], seed=SEED)
    started = time.perf_counter()
    with database.writer() as session:
        rebuild_index(session.connection())
        session.commit()
    build_s = round(time.perf_counter() - started, 2)
    database.dispose()
    with sqlite3.connect(cache) as conn:
        conn.execute("CREATE TABLE bench_meta (value TEXT)")
        meta = {"index_build_s": build_s, "omnibox": 1}
        conn.execute("INSERT INTO bench_meta VALUES (?)", (json.dumps(meta),))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _log(f"{len(population.people)}: index built in {build_s}s")
    return build_s


def _complete(cache: Path, count: int) -> bool:
    try:
        with sqlite3.connect(cache) as conn:
            docs = conn.execute("SELECT count(*) FROM lookup_docs").fetchone()[0]
            return docs == count and "omnibox" in json.loads(_meta(cache))  # its kinds too
    except sqlite3.Error:
        return False


def _meta(cache: Path) -> str:
    with sqlite3.connect(cache) as conn:
        return conn.execute("SELECT value FROM bench_meta").fetchone()[0]


def _insert_customers(cache: Path, population: Population) -> None:
    """Customers straight into the replica table (the pull path is not what is measured)."""
    from frontdesk.adapters.cache.customer_rows import phone_digits_column

    rows = [
        (p.id, p.account, p.full_name, json.dumps([p.phone]), json.dumps([p.email]), p.card,
         "Leeds", "", _ts(p.active), _ts(p.active), i, p.full_name.casefold(),
         p.email.casefold(), phone_digits_column([p.phone]))
        for i, p in enumerate(population.people)
    ]  # fmt: skip
    with sqlite3.connect(cache) as conn:
        conn.executemany(
            "INSERT INTO customers (id, account_number, full_name, phones, emails, loyalty_card,"
            " branch, notes, created_at, updated_at, seq, name_fold, emails_fold, phone_digits)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def _ts(moment: Any) -> str:
    return moment.replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _wal_bytes(cache: Path) -> int:
    wal = Path(f"{cache}-wal")
    return wal.stat().st_size if wal.exists() else 0


# --- the engine, in a process of its own -------------------------------------------------


def _run_engine(cache: Path, queries: list[Query]) -> dict[str, Any]:
    spec = cache.with_suffix(".queries.json")
    spec.write_text(json.dumps([q.text for q in queries]))
    out = subprocess.run(
        [sys.executable, __file__, "--worker", str(cache), str(spec)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    answer = json.loads(out.stdout.splitlines()[-1])
    found = [set(ids) for ids in answer["found"]]
    summary = _summarise(queries, answer["ms"], found)
    summary["peak_rss_bytes"] = answer["peak_rss_bytes"]
    return summary


def _worker(cache: Path, spec: Path) -> None:
    from frontdesk.adapters.cache.database import open_cache
    from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries

    texts = json.loads(spec.read_text())
    warm_file_cache(cache)
    database = open_cache(cache)
    queries = SqlAlchemyCustomerQueries(database.reader)
    for text in texts[:50]:  # warm the page cache and the statement caches
        queries.search(text)
    ms, found = [], []
    for text in texts:
        started = time.perf_counter()
        matches = queries.search(text, limit=LIMIT)
        ms.append((time.perf_counter() - started) * 1000)
        found.append([m.id for m in matches])
    print(json.dumps({"ms": ms, "found": found, "peak_rss_bytes": _peak_rss()}))


def warm_file_cache(cache: Path) -> None:
    """Read the cache file once, as a desk's day of lookups keeps it in the OS's file cache.

    This machine's memory reclaim evicts a file left alone for a few minutes: a run that
    reused a cache built earlier read its index from disk, and its p95 doubled (3.2 ms
    against 6.8 ms on the same code)."""
    with cache.open("rb") as file:
        while file.read(1 << 20):
            pass


def _peak_rss() -> int:
    """This process's peak RSS. Linux keeps ru_maxrss across exec (it would count the parent
    that forked us, with the whole generated population), so VmHWM where there is one."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


# --- peers ------------------------------------------------------------------------------


def _like_params(text: str) -> tuple[str, str | None]:
    """``%text%`` (LIKE-escaped, folded) and the digits' ``%digits%`` when there are 4+."""
    folded = text.replace("\x00", "").casefold()
    digits = "".join(c for c in text if c.isdigit())
    escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%", (f"%{digits}%" if len(digits) >= 4 else None)


def _peer_sql(text_columns: str, digit_columns: str, *, digits: bool) -> str:
    """The peers' query: every column that could hold the text (digit columns for digits)."""
    where = text_columns + (f" OR {digit_columns}" if digits else "")
    return f"{where} LIMIT 20"


def _run_like(cache: Path, queries: list[Query], count: int) -> dict[str, Any]:
    sample = _peer_sample(queries, count)
    text_sql = (
        "SELECT id FROM customers WHERE name_fold LIKE :t ESCAPE '\\'"
        " OR emails_fold LIKE :t ESCAPE '\\' OR lower(account_number) LIKE :t ESCAPE '\\'"
    )
    digit_sql = "phone_digits LIKE :d OR loyalty_card LIKE :d"
    ms, found = [], []
    with sqlite3.connect(cache) as conn:
        for query in sample:
            pattern, digits = _like_params(query.text)
            sql = _peer_sql(text_sql, digit_sql, digits=digits is not None)
            started = time.perf_counter()
            ids = [row[0] for row in conn.execute(sql, {"t": pattern, "d": digits})]
            ms.append((time.perf_counter() - started) * 1000)
            found.append(set(ids))
    summary = _summarise(sample, ms, found)
    summary["sampled_queries"] = len(sample)
    return summary


def _peer_sample(queries: list[Query], count: int) -> list[Query]:
    return queries if count <= PEER_SAMPLE_AT else queries[::10]


def _run_pg(population: Population, queries: list[Query]) -> dict[str, Any]:
    try:
        import psycopg
    except ImportError:
        return {"skipped": "psycopg is not installed"}
    try:
        # No server-side prepared statements: after five runs a generic plan for
        # "ILIKE $1" would ignore the trigram indexes (a dynamic search sends literals).
        conn = psycopg.connect(PG_DSN, autocommit=True, prepare_threshold=None)
    except psycopg.OperationalError as error:
        return {"skipped": f"PostgreSQL unreachable: {str(error).strip()}"}
    with conn:
        build_s = _pg_load(conn, population)
        try:
            summary = _pg_queries(conn, _peer_sample(queries, len(population.people)))
        finally:
            conn.execute(f"DROP TABLE IF EXISTS {PG_TABLE}")
    summary["index_build_s"] = build_s
    summary["sampled_queries"] = summary["all"]["n"]
    return summary


def _pg_load(conn: Any, population: Population) -> float:
    conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    conn.execute(f"DROP TABLE IF EXISTS {PG_TABLE}")
    conn.execute(
        f"CREATE TABLE {PG_TABLE} (id text PRIMARY KEY, name text, email text, account text,"
        " phone_digits text, card text)"
    )
    with conn.cursor().copy(f"COPY {PG_TABLE} FROM STDIN") as copy:
        for p in population.people:
            digits = "".join(c for c in p.phone if c.isdigit())
            copy.write_row((p.id, p.full_name, p.email, p.account, digits, p.card or ""))
    started = time.perf_counter()
    for column in ("name", "email", "account", "phone_digits", "card"):
        conn.execute(f"CREATE INDEX ON {PG_TABLE} USING gin ({column} gin_trgm_ops)")
    conn.execute(f"ANALYZE {PG_TABLE}")
    return round(time.perf_counter() - started, 2)


def _pg_queries(conn: Any, queries: list[Query]) -> dict[str, Any]:
    text_sql = (
        f"SELECT id FROM {PG_TABLE} WHERE name ILIKE %(t)s OR email ILIKE %(t)s"
        " OR account ILIKE %(t)s"
    )
    digit_sql = "phone_digits LIKE %(d)s OR card LIKE %(d)s"
    ms, found = [], []
    for query in queries:
        pattern, digits = _like_params(query.text)
        sql = _peer_sql(text_sql, digit_sql, digits=digits is not None)
        started = time.perf_counter()
        rows = conn.execute(sql, {"t": pattern, "d": digits}).fetchall()
        ms.append((time.perf_counter() - started) * 1000)
        found.append({row[0] for row in rows})
    return _summarise(queries, ms, found)


# --- figures ----------------------------------------------------------------------------


def _summarise(queries: list[Query], ms: list[float], found: list[set[str]]) -> dict[str, Any]:
    kinds = sorted({q.kind for q in queries})
    out = {"all": _figures(queries, ms, found)}
    for kind in kinds:
        picked = [i for i, q in enumerate(queries) if q.kind == kind]
        out[kind] = _figures(
            [queries[i] for i in picked], [ms[i] for i in picked], [found[i] for i in picked]
        )
    return out


def _figures(queries: list[Query], ms: list[float], found: list[set[str]]) -> dict[str, Any]:
    targeted = [(q, f) for q, f in zip(queries, found, strict=True) if q.target]
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    figures: dict[str, Any] = {
        "n": len(queries),
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
    }
    if targeted:
        figures["recall_at_20"] = round(sum(q.target in f for q, f in targeted) / len(targeted), 4)
        figures["ceiling"] = round(
            sum(min(1.0, LIMIT / q.matching) for q, _ in targeted) / len(targeted), 4
        )
    empty = [f for q, f in zip(queries, found, strict=True) if not q.target]
    if empty:
        figures["empty_rate"] = round(sum(not f for f in empty) / len(empty), 4)
    return figures


def _print_table(results: dict[str, Any]) -> None:
    for size, result in results.items():
        rss_mb, cache_mb = result["peak_rss_bytes"] / 1e6, result["cache_bytes"] / 1e6
        build = result["index_build_s"]
        print(f"\n{size}: build {build} s, cache {cache_mb:.0f} MB, RSS {rss_mb:.0f} MB")
        head = ("engine", "kind", "p50", "p95", "p99", "recall", "ceil")
        print("{:9} {:14} {:>8} {:>8} {:>8} {:>7} {:>6}".format(*head))
        for engine in ("engine", "like", "pg_trgm"):
            for kind, fig in result.get(engine, {}).items():
                if isinstance(fig, dict):
                    print(f"{engine:9} {kind:14} {_row(fig)}")
        lookup_omnibox.print_table(result["omnibox"])


def _row(fig: dict[str, Any]) -> str:
    recall = fig.get("recall_at_20", fig.get("empty_rate", 0))
    times = f"{fig['p50_ms']:8.2f} {fig['p95_ms']:8.2f} {fig['p99_ms']:8.2f}"
    return f"{times} {recall:7.3f} {fig.get('ceiling', 0):6.3f}"


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
