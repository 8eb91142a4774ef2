"""Catalogue benchmark: a PostgreSQL server with a big catalogue, stock and orders; a desk's
product search, barcode and order lookups over its SQLite cache; a 100,000-row stock update
on the server and at the desk.

    .venv/bin/python bench/catalogue.py [--products 10000] [--stock-rows 100000]
        [--orders 100000] [--stock-update 10000] [--branches 10] [--searches 400] [--seed 7]

Targets (issue 18) at ``--products 100000 --stock-rows 1000000 --orders 1000000
--stock-update 100000``: at the desk, product search p95 <= 5 ms, barcode lookup p95 <= 1 ms,
order by number p95 <= 5 ms; a 100,000-row stock update applied on the server (PostgreSQL)
in <= 10 s and at a desk in <= 10 s.

1. **Fill** (not measured as a write path): a throw-away PostgreSQL database is migrated;
   products (the UCI Online Retail descriptions in colours and sizes, a third with a Russian
   name too), one EAN-13 each, a company price each, stock rows spread over ``--branches``
   branches and two warehouses each, customers and orders with lines and events go straight
   into the tables with COPY, through the models' table definitions.
2. **First pull**: a new desk of the first branch pulls from a real server process on
   loopback (a child process): seconds, rows received, peak RSS.
3. **Stock update**: ``--stock-update`` rows go to ``PUT /api/v1/stock`` of that server, the
   back office's feed (seconds on the server), then the desk pulls them (seconds at the desk).
4. **Desk lookups**, through the desk's own services as the window calls them: product
   search p50/p95/p99 over a mix of real name words, word beginnings, misspelt words, words
   typed in the other script, two words; barcode lookup (a scanner's digits); order by
   number. Peers in the same run: the same words as ``LIKE '%word%'`` over the desk cache's
   product names and descriptions, and PostgreSQL ``pg_trgm`` (a GIN trigram index over the
   same text, ``ILIKE`` and word similarity ``%>``) on the server's database.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases import _copy, _products
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.server.catalogue.models import Price, ProductBarcode, Stock
from frontdesk.server.db import allocate_seq, make_engine, session_factory
from frontdesk.server.models import Customer, Product
from frontdesk.server.orders.models import Order, OrderEvent, OrderLine
from sync import PASSWORD, Server, drop_postgres, fresh_postgres, log, server_cli

BRANCHES = (
    "Leeds",
    "London, Oxford Street",
    "Москва, Тверская",
    "Москва, Арбат",
    "Manchester",
    "Санкт-Петербург, Невский",
    "Bristol",
    "Казань, Баумана",
    "Glasgow",
    "Новосибирск, Красный",
)
HOME = BRANCHES[0]
WAREHOUSES = ("shop floor", "back room")
COLOURS = {
    "red": "красный", "blue": "синий", "green": "зелёный", "white": "белый",
    "black": "чёрный", "pink": "розовый", "ivory": "слоновая кость", "grey": "серый",
}  # fmt: skip
SIZES = ("small", "medium", "large", "mini", "jumbo", "set of 3", "set of 6")
#: Russian names of common product words, for the third of the catalogue named in Russian.
RU_WORDS = {
    "bag": "сумка", "candle": "свеча", "mug": "кружка", "heart": "сердце", "box": "коробка",
    "card": "открытка", "holder": "подставка", "light": "светильник", "clock": "часы",
    "cake": "торт", "tin": "банка", "lunch": "обед", "garden": "сад", "christmas": "рождество",
    "paper": "бумага", "glass": "стекло", "vintage": "винтаж", "frame": "рамка",
}  # fmt: skip
ADMIN = "backoffice"


def main() -> None:
    args = _args()
    rng = random.Random(args.seed)
    descriptions = _products()
    log(f"{len(descriptions)} product descriptions")
    results: dict[str, Any] = {
        "products": args.products,
        "stock_rows": args.stock_rows,
        "orders": args.orders,
        "stock_update_rows": args.stock_update,
        "branches": args.branches,
        "cpus": os.cpu_count(),
        "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
    }
    name, url = fresh_postgres()
    with tempfile.TemporaryDirectory(prefix="frontdesk-bench-catalogue-") as tmp:
        workdir = Path(tmp)
        cache = workdir / "desk" / "cache.sqlite3"
        try:
            _users(url)
            catalogue = _catalogue(args, descriptions, rng)
            results["fill"] = _fill(url, args, catalogue, rng)
            results["pg_trgm"] = _pg_trgm(url, _search_queries(catalogue, rng, args.searches))
            server = Server(url, workdir)
            try:
                results["first_pull"] = _first_pull(server.url, cache)
                log(f"[pull] {results['first_pull']}")
                results["stock_update"] = _stock_update(server.url, cache, args, catalogue, rng)
                log(f"[stock] {results['stock_update']}")
            finally:
                server.stop()
        finally:
            drop_postgres(name)
        results["desk"] = _desk_lookups(cache, args, catalogue, rng)
    _print_table(results)
    print(json.dumps(results, ensure_ascii=False))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--stock-rows", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--stock-update", type=int, default=10_000)
    parser.add_argument("--customers", type=int, default=None, help="default: orders / 20")
    parser.add_argument("--branches", type=int, default=10)
    parser.add_argument("--searches", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.customers is None:
        args.customers = max(500, args.orders // 20)
    if not 2 <= args.branches <= len(BRANCHES):
        parser.error(f"--branches: 2 to {len(BRANCHES)}")
    places = args.branches * len(WAREHOUSES)
    if args.stock_rows > args.products * places:
        parser.error(f"--stock-rows: at most products x {places} places")
    if args.stock_update > min(args.stock_rows, 100_000):
        parser.error("--stock-update: at most --stock-rows and 100,000 (one batch)")
    return args


# --- the catalogue ------------------------------------------------------------------------


def _catalogue(args: argparse.Namespace, descriptions: list[str], rng: random.Random) -> dict:
    """SKUs, names (English, a third Russian too), descriptions and barcodes."""
    products = []
    for n in range(args.products):
        base = descriptions[n % len(descriptions)]
        colour = rng.choice(list(COLOURS))
        size = rng.choice(SIZES)
        name = f"{base}, {colour}, {size}" if n >= len(descriptions) else base
        names = {"en": name}
        words = [RU_WORDS.get(w.lower()) for w in base.split()]
        if n % 3 == 0 and any(words):
            ru = " ".join(w for w in words if w)
            names["ru"] = f"{ru.capitalize()}, {COLOURS[colour]}"
        payload = f"460{n:09d}"
        products.append(
            {
                "sku": f"B{n:07d}",
                "name": name,
                "names": names,
                "description": f"{base}. {size.capitalize()}, {colour}. Gift-boxed.",
                "barcode": payload + str(check_digit(payload)),
                "price_minor": rng.randrange(50, 5000),
            }
        )
    return {"products": products}


def _users(url: str) -> None:
    server_cli(url, "add-user", "ann", "--role", "agent", "--branch", HOME,
               "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    server_cli(url, "add-user", ADMIN, "--role", "admin",
               "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip


def _fill(url: str, args: argparse.Namespace, catalogue: dict, rng: random.Random) -> dict:
    """Products, barcodes, prices and stock straight into the tables with COPY."""
    started = time.perf_counter()
    products = catalogue["products"]
    engine = make_engine(url)
    with session_factory(engine)() as session:
        seq = allocate_seq(session, 3 * len(products) + args.stock_rows + args.customers
                           + args.orders * 6)  # fmt: skip
        session.commit()
    engine.dispose()
    now = datetime.now(UTC).replace(tzinfo=None)
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as conn:
        _copy(conn, Product.__table__, _product_rows(products, seq, now))
        seq += len(products)
        _copy(conn, ProductBarcode.__table__, ((p["barcode"], p["sku"]) for p in products))
        _copy(conn, Price.__table__, _price_rows(products, seq))
        seq += len(products)
        conn.commit()
        log(f"[fill] {len(products)} products in {time.perf_counter() - started:.1f}s")
        _copy(conn, Stock.__table__, _stock_rows(args, products, seq, now, rng))
        seq += args.stock_rows
        conn.commit()
        log(f"[fill] {args.stock_rows} stock rows, {time.perf_counter() - started:.0f}s")
        customers = [str(uuid.UUID(int=rng.getrandbits(128), version=4))
                     for _ in range(args.customers)]  # fmt: skip
        _copy(conn, Customer.__table__, _customer_rows(customers, args.branches, seq, now))
        seq += args.customers
        conn.commit()
        seq = _fill_orders(conn, args, products, customers, seq, now, rng)
        conn.execute("UPDATE change_counter SET value = %s WHERE id = 1", (seq,))
        conn.commit()
        with psycopg.connect(dsn, autocommit=True) as vacuum:
            vacuum.execute("VACUUM ANALYZE")
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    figures = {"seconds": round(time.perf_counter() - started, 1), "database_bytes": size[0]}
    log(f"[fill] {figures}")
    return figures


def _product_rows(products: list[dict], seq: int, now: datetime) -> Iterator[tuple]:
    for n, p in enumerate(products):
        row = {
            "sku": p["sku"],
            "name": p["name"],
            "category": "Gifts",
            "unit_price_scaled": p["price_minor"] * 1000,
            "currency": "GBP",
            "change_seq": seq + n,
            "names": json.dumps(p["names"], ensure_ascii=False),
            "descriptions": json.dumps({"en": p["description"]}),
            "category_code": None,
            "attributes": "{}",
            "unit": "piece",
            "status": "active",
            "replacement_sku": None,
            "thumbnail": None,
            "literature": "[]",
        }
        yield tuple(row.get(c.name, _default(c, now)) for c in Product.__table__.columns)


def _default(column: Any, now: datetime) -> Any:
    """A column the bench does not set (one added later): its time, else NULL."""
    return now if column.name.endswith("_at") else None


def _price_rows(products: list[dict], seq: int) -> Iterator[tuple]:
    first = date(2026, 1, 1)
    for n, p in enumerate(products):
        price_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{p['sku']}|GBP|*|{first}"))
        yield (price_id, p["sku"], "GBP", p["price_minor"] * 1000, None, first, None, False,
               seq + n)  # fmt: skip


def _stock_rows(
    args: argparse.Namespace, products: list[dict], seq: int, now: datetime, rng: random.Random
) -> Iterator[tuple]:
    places = [(b, w) for b in BRANCHES[: args.branches] for w in WAREHOUSES]
    per_product = -(-args.stock_rows // len(products))
    n = 0
    for p in products:
        for branch, warehouse in places[:per_product]:
            if n == args.stock_rows:
                return
            incoming = rng.choice((0, 0, 0, 12, 40))
            yield (p["sku"], branch, warehouse, rng.randrange(0, 60) * 1000,
                   rng.randrange(0, 3) * 1000, incoming * 1000,
                   now.date() + timedelta(days=6) if incoming else None,
                   now - timedelta(minutes=rng.randrange(0, 600)), seq + n)  # fmt: skip
            n += 1


def _fill_orders(
    conn: psycopg.Connection,
    args: argparse.Namespace,
    products: list[dict],
    customers: list[str],
    seq: int,
    now: datetime,
    rng: random.Random,
) -> int:
    """``--orders`` orders of the customers, 1-3 lines and 2-4 history lines each, in
    chunks; returns the next free change number."""
    chunk = 50_000
    started = time.perf_counter()
    for first in range(0, args.orders, chunk):
        orders, lines, events = [], [], []
        for n in range(first, min(first + chunk, args.orders)):
            seq = _order(n, args, products, customers, seq, now, rng, (orders, lines, events))
        _copy(conn, Order.__table__, orders)
        _copy(conn, OrderLine.__table__, lines)
        _copy(conn, OrderEvent.__table__, events)
        conn.commit()
        if (first // chunk) % 4 == 3:
            log(f"[fill] {first + chunk} orders, {time.perf_counter() - started:.0f}s")
    return seq


_MOVES = ("placed", "confirmed", "paid", "picking", "shipped", "delivered")


def _order(
    n: int,
    args: argparse.Namespace,
    products: list[dict],
    customers: list[str],
    seq: int,
    now: datetime,
    rng: random.Random,
    out: tuple[list, list, list],
) -> int:
    orders, lines, events = out
    customer = rng.randrange(len(customers))
    branch = BRANCHES[customer % args.branches]
    order_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    placed = now - timedelta(days=rng.uniform(0, 400))
    reached = rng.randrange(1, len(_MOVES) + 1)
    total = 0
    for line_no in range(1, rng.randrange(2, 5)):
        product = rng.choice(products)
        quantity = rng.randrange(1, 6)
        total += quantity * product["price_minor"]
        lines.append(_row(OrderLine, order_id=order_id, line_no=line_no, sku=product["sku"],
                          description=product["name"][:300], quantity_milli=quantity * 1000,
                          unit_price_scaled=product["price_minor"] * 1000,
                          line_total_minor=quantity * product["price_minor"]))  # fmt: skip
    shipped = reached >= 5
    orders.append(_row(
        Order, id=order_id, number=f"W{n:09d}", channel=rng.choice(("web", "phone", "branch")),
        customer_id=customers[customer], branch=branch, currency="GBP", total_minor=total,
        payment_state="paid" if reached >= 3 else "unpaid", status=_MOVES[reached - 1],
        promised_on=(placed + timedelta(days=5)).date(), carrier="DPD" if shipped else None,
        tracking_number=f"1Z{n:010d}" if shipped else None, placed_at=placed,
        updated_at=placed, refused_reason=None, content_hash="0" * 64, device_id=None,
        customer_branch=branch, change_seq=seq))  # fmt: skip
    for step in range(min(reached, 4)):
        events.append(_row(
            OrderEvent, id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            order_id=order_id, kind="placed" if step == 0 else "status",
            status=_MOVES[step], detail="", author="erp", at=placed + timedelta(hours=step),
            device_id=None, change_seq=seq + 1 + step, order_branch=branch,
            order_customer_branch=branch))  # fmt: skip
    return seq + 5


def _row(model: Any, **values: Any) -> tuple:
    return tuple(values[column.name] for column in model.__table__.columns)


def _customer_rows(ids: list[str], branches: int, seq: int, now: datetime) -> Iterator[tuple]:
    for n, customer_id in enumerate(ids):
        row = {
            "id": customer_id,
            "account_number": f"BK{n:08d}",
            "full_name": f"Bench Customer {n}",
            "phones": json.dumps([f"+4479{n:08d}"]),
            "emails": json.dumps([f"k{n}@bench.example"]),
            "branch": BRANCHES[n % branches],
            "notes": "",
            "created_at": now,
            "updated_at": now,
            "change_seq": seq + n,
        }
        yield tuple(row.get(c.name) for c in Customer.__table__.columns)


# --- queries ------------------------------------------------------------------------------

_TO_CYRILLIC = dict(zip("abcdefghiklmnoprstuvwyz", "абкдефгхиклмнопрстуввйз", strict=True))


def _search_queries(catalogue: dict, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(kind, query) over the names: whole words, beginnings, one letter dropped or two
    swapped, an English word typed in Cyrillic, two words, a Russian word."""
    words = sorted({w.lower() for p in catalogue["products"] for w in p["name"].split()
                    if len(w) >= 5 and w.isalpha()})  # fmt: skip
    kinds: dict[str, Callable[[], str]] = {
        "word": lambda: rng.choice(words),
        "prefix": lambda: rng.choice(words)[:4],
        "typo": lambda: _typo(rng.choice(words), rng),
        "other_script": lambda: "".join(_TO_CYRILLIC.get(c, c) for c in rng.choice(words)),
        "two_words": lambda: f"{rng.choice(words)} {rng.choice(list(COLOURS))}",
        "russian": lambda: rng.choice(list(RU_WORDS.values())),
    }
    return [(kind, make()) for _ in range(count // len(kinds)) for kind, make in kinds.items()]


def _typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def _timed(call: Callable[[], Any], runs: int) -> dict[str, float]:
    call()  # warm the statement and page caches
    ms = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        ms.append((time.perf_counter() - started) * 1000)
    return _percentiles(ms)


def _percentiles(ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {"n": len(ms), "p50_ms": round(cuts[49], 3), "p95_ms": round(cuts[94], 3),
            "p99_ms": round(cuts[98], 3)}  # fmt: skip


def _each(queries: list[tuple[str, str]], run: Callable[[str], int]) -> dict:
    """Every query once, timed, with how many found something, overall and by kind."""
    for _, query in queries[:20]:
        run(query)  # warm
    by_kind: dict[str, list[float]] = {}
    found: dict[str, int] = {}
    for kind, query in queries:
        started = time.perf_counter()
        hits = run(query)
        by_kind.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        found[kind] = found.get(kind, 0) + (hits > 0)
    every = [ms for values in by_kind.values() for ms in values]
    figures: dict[str, Any] = _percentiles(every)
    figures["found_share"] = round(sum(found.values()) / len(queries), 3)
    figures["by_kind"] = {
        kind: {**_percentiles(ms), "found_share": round(found[kind] / len(ms), 3)}
        for kind, ms in by_kind.items()
    }
    return figures


def _pg_trgm(url: str, queries: list[tuple[str, str]]) -> dict:
    """The peer on the server's database: a GIN trigram index over name and description,
    searched with ILIKE and with word similarity (what pg_trgm offers for typos)."""
    dsn = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        started = time.perf_counter()
        conn.execute(
            "CREATE INDEX bench_products_trgm ON products USING gin "
            "((name || ' ' || (descriptions->>'en')) gin_trgm_ops)"
        )
        built = time.perf_counter() - started
        text = "(name || ' ' || (descriptions->>'en'))"

        def ilike(query: str) -> int:
            rows = conn.execute(f"SELECT sku FROM products WHERE {text} ILIKE %s LIMIT 50",
                                (f"%{query}%",)).fetchall()  # fmt: skip
            return len(rows)

        def similar(query: str) -> int:
            rows = conn.execute(
                f"SELECT sku FROM products WHERE %s <%% {text} "
                f"ORDER BY %s <<-> {text} LIMIT 50", (query, query)).fetchall()  # fmt: skip
            return len(rows)

        figures = {"index_seconds": round(built, 1), "ilike": _each(queries, ilike),
                   "word_similarity": _each(queries, similar)}  # fmt: skip
        conn.execute("DROP INDEX bench_products_trgm")
    log(f"[pg_trgm] ilike p95 {figures['ilike']['p95_ms']} ms, "
        f"similarity p95 {figures['word_similarity']['p95_ms']} ms")  # fmt: skip
    return figures


# --- the desk: first pull and a stock update ----------------------------------------------

_PULL_CHILD = """
import json, sys, time
from pathlib import Path
from sqlalchemy import text
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.sync.service import workstation_transport
from frontdesk.sync.pull import pull_all
url, password, cache, tables = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
central = CentralClient(url, timeouts=(5.0, 300.0))
database = open_cache(cache)
uow = SqlAlchemyUnitOfWork(database.writer)
transport = workstation_transport(central, uow, "ann", password)
started = time.perf_counter()
result = pull_all(transport, uow)
seconds = time.perf_counter() - started
status = Path("/proc/self/status").read_text()
hwm = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
with uow:
    uow.sync_state.set_login(url, "ann")
    prefix, branch = transport.case_desk
    uow.sync_state.keep_case_desk(case_prefix=prefix, branch=branch)
    uow.commit()
with database.engine.connect() as connection:
    count = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
             for t in tables.split(",")}
database.dispose()
print(json.dumps({"seconds": round(seconds, 2), "peak_rss_bytes": hwm * 1024,
                  "rows": count, "pages": result.pages, "cache_bytes": cache.stat().st_size}))
"""
#: The desk's tables counted after a pull.
DESK_TABLES = "products,product_barcodes,prices,stock,customers,orders"


def _pull(url: str, cache: Path) -> dict:
    child = subprocess.run(
        [sys.executable, "-c", _PULL_CHILD, url, PASSWORD, str(cache), DESK_TABLES],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if child.returncode != 0:
        raise SystemExit(f"the pulling desk failed: {child.stderr}")
    return json.loads(child.stdout.strip().splitlines()[-1])


def _first_pull(url: str, cache: Path) -> dict:
    log(f"[pull] a new desk of {HOME} pulls")
    return _pull(url, cache)


def _stock_update(
    url: str, cache: Path, args: argparse.Namespace, catalogue: dict, rng: random.Random
) -> dict:
    """The back office's feed of ``--stock-update`` rows, then the desk's pull of them."""
    products = catalogue["products"]
    places = [(b, w) for b in BRANCHES[: args.branches] for w in WAREHOUSES]
    per_product = -(-args.stock_rows // len(products))
    at = datetime.now(UTC).isoformat()
    rows = []
    for n in range(args.stock_update):
        product = products[n // per_product]
        branch, warehouse = places[n % per_product]
        rows.append({"sku": product["sku"], "branch": branch, "warehouse": warehouse,
                     "on_hand": str(rng.randrange(0, 80)), "reserved": "1",
                     "incoming": "0", "as_of": at})  # fmt: skip
    token = requests.post(f"{url}/api/v1/auth/login",
                          json={"username": ADMIN, "password": PASSWORD}, timeout=30)  # fmt: skip
    token.raise_for_status()
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    body = json.dumps({"rows": rows}).encode()
    started = time.perf_counter()
    answer = requests.put(f"{url}/api/v1/stock", data=body, timeout=600,
                          headers={**headers, "Content-Type": "application/json"})  # fmt: skip
    server_s = time.perf_counter() - started
    answer.raise_for_status()
    outcome = answer.json()
    log(f"[stock] server applied {outcome['applied']} in {server_s:.2f}s; the desk pulls")
    pulled = _pull(url, cache)
    return {"rows": args.stock_update, "request_bytes": len(body),
            "server_seconds": round(server_s, 2), "server_applied": outcome["applied"],
            "desk_seconds": pulled["seconds"], "desk_pages": pulled["pages"]}  # fmt: skip


# --- the desk: lookups ----------------------------------------------------------------------


def _like_runner(cache: Path) -> Callable[[str], int]:
    """The peer at the desk: ``LIKE '%word%'`` over the cached names and descriptions."""
    import sqlite3

    connection = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)

    def run(query: str) -> int:
        pattern = f"%{query}%"
        rows = connection.execute(
            "SELECT sku FROM products WHERE name LIKE ?1 OR names LIKE ?1 "
            "OR descriptions LIKE ?1 LIMIT 50", (pattern,)).fetchall()  # fmt: skip
        return len(rows)

    return run


def _print_table(results: dict) -> None:
    desk = results["desk"]
    lines = [
        ("first pull, s", results["first_pull"]["seconds"]),
        ("stock update on the server, s", results["stock_update"]["server_seconds"]),
        ("stock update at the desk, s", results["stock_update"]["desk_seconds"]),
        ("product search p95, ms", desk["search"]["p95_ms"]),
        ("  LIKE peer p95, ms", desk["like"]["p95_ms"]),
        ("  pg_trgm ILIKE p95, ms", results["pg_trgm"]["ilike"]["p95_ms"]),
        ("  pg_trgm similarity p95, ms", results["pg_trgm"]["word_similarity"]["p95_ms"]),
        ("barcode lookup p95, ms", desk["barcode"]["p95_ms"]),
        ("order by number p95, ms", desk["order_by_number"]["p95_ms"]),
    ]
    for label, value in lines:
        log(f"{label:<34}{value:>10}")


def _desk_lookups(
    cache: Path, args: argparse.Namespace, catalogue: dict, rng: random.Random
) -> dict:
    """Product search, barcode and order-number lookups as the window calls them."""
    from sqlalchemy import text

    from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
    from frontdesk.adapters.cache.database import open_cache
    from frontdesk.adapters.cache.orders.queries import SqlAlchemyOrderQueries
    from frontdesk.services.catalogue.desk import DeskCatalogue

    database = open_cache(cache)
    desk = DeskCatalogue(SqlAlchemyCatalogue(database.reader))
    orders = SqlAlchemyOrderQueries(database.reader)
    queries = _search_queries(catalogue, rng, args.searches)
    figures: dict[str, Any] = {"search": _each(queries, lambda q: len(desk.search(q, limit=50)))}
    log(f"[desk] search {figures['search']}")
    figures["like"] = _each(queries, _like_runner(cache))
    products = catalogue["products"]
    codes = [rng.choice(products)["barcode"] for _ in range(args.searches)]
    figures["barcode"] = _each([("barcode", c) for c in codes],
                               lambda c: desk.find_by_code(c) is not None)  # fmt: skip
    with database.engine.connect() as connection:
        numbers = list(
            connection.scalars(
                text("SELECT number FROM orders ORDER BY random() LIMIT :n"), {"n": args.searches}
            )
        )
        held = connection.execute(text("SELECT count(*) FROM orders")).scalar_one()
    figures["orders_held"] = held
    figures["order_by_number"] = _each([("number", n) for n in numbers],
                                       lambda n: orders.by_number(n) is not None)  # fmt: skip
    log(f"[desk] barcode {figures['barcode']['p95_ms']} ms, "
        f"order {figures['order_by_number']['p95_ms']} ms")  # fmt: skip
    figures["cache_bytes"] = cache.stat().st_size
    database.dispose()
    return figures


if __name__ == "__main__":
    main()
