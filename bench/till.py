"""Till benchmark: a scanned line added to a big basket and shown, and baskets pushed to a
PostgreSQL server.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/till.py [--products 20000] \
        [--basket-lines 200] [--baskets 10000] [--lines-per-basket 3] [--seed 7]

Targets (issue 19): a scanned line added and shown p95 <= 30 ms with a 20,000-product price
list and a 200-line basket; 10,000 baskets pushed at >= 1,000/s on PostgreSQL.

1. **Scan to shown**: a desk cache gets ``--products`` products with an EAN-13 and a price at
   its branch through the pull's own apply; a shift opens. Each scan is timed from the code
   to the line on screen: ``TillBasket.add_code`` (find the product, price it at the branch
   now, store the line, read the basket back) and the till window's ``BasketModel.show``
   with the table view laid out (offscreen Qt), for ``--basket-lines`` different products
   (the basket grows to that size) and then the same again (each adds to its line). Peer in
   the same run: the same lookups through ``LIKE`` on the barcode table without its index
   (``NOT INDEXED``), the cost a scan would have without the point read.
2. **Push**: ``--baskets`` basket sales settled at a desk of a real server process on a
   throw-away PostgreSQL database (its catalogue imported through the server's own command),
   queued offline, then pushed by the push engine: baskets/s, and the server's purchases
   and stock rows after it.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.domain.catalogue.barcodes import check_digit
from frontdesk.domain.money import Money
from frontdesk.domain.till import Tender, TillRules
from frontdesk.protocol import ProductPublic, PullPage
from frontdesk.protocol.catalogue import PricePublic
from frontdesk.services.catalogue.desk import DeskCatalogue
from frontdesk.services.till.basket import TillBasket
from frontdesk.services.till.desk import TillDesk
from sync import PASSWORD, Server, drop_postgres, fresh_postgres, log, server_cli

BRANCH = "Leeds"
RULES = TillRules(currencies=("GBP",))


def main() -> None:
    args = _args()
    rng = random.Random(args.seed)
    results: dict[str, Any] = {
        "products": args.products, "basket_lines": args.basket_lines,
        "baskets": args.baskets, "lines_per_basket": args.lines_per_basket,
        "cpus": os.cpu_count(), "load_avg_1m_at_start": round(os.getloadavg()[0], 2),
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="frontdesk-bench-till-") as tmp:
        results["scan"] = _scan(Path(tmp), args, rng)
        log(f"[scan] {results['scan']}")
        results["push"] = _push(Path(tmp), args, rng)
        log(f"[push] {results['push']}")
    print(json.dumps(results))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--basket-lines", type=int, default=200)
    parser.add_argument("--baskets", type=int, default=10_000)
    parser.add_argument("--lines-per-basket", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.basket_lines > args.products:
        parser.error("--basket-lines: at most --products")
    return args


# --- the catalogue ------------------------------------------------------------------------


def ean(n: int) -> str:
    payload = f"501{n:09d}"
    return payload + str(check_digit(payload))


def _page(products: int, rng: random.Random) -> PullPage:
    rows = [ProductPublic(sku=f"P{n:06d}", name=f"Product {n}", category="Shop",
                          unit_price="1.00", currency="GBP", barcodes=[ean(n)], seq=n + 1)
            for n in range(products)]  # fmt: skip
    prices = [PricePublic(id=f"pr{n}", sku=f"P{n:06d}", currency="GBP",
                          unit_price=f"{rng.randrange(50, 5000) / 100:.2f}", branch=BRANCH,
                          valid_from=date(2024, 1, 1), valid_until=None, withdrawn=False,
                          seq=products + n + 1)
              for n in range(products)]  # fmt: skip
    return PullPage(cursor=2 * products + 1, has_more=False, products=rows, prices=prices)


def _desk(folder: Path, args: argparse.Namespace, rng: random.Random) -> CacheDatabase:
    database = open_cache(folder / "cache.sqlite3")
    uow = SqlAlchemyTillUnitOfWork(database.writer)
    with uow:
        uow.replica.apply(_page(args.products, rng), index=True)
        uow.sync_state.advance(2 * args.products + 1, pulled_at=datetime.now(UTC))
        uow.sync_state.keep_case_desk(case_prefix="D1", branch=BRANCH)
        uow.commit()
    return database


def _basket(database: CacheDatabase) -> TillBasket:
    uow = SqlAlchemyTillUnitOfWork(database.writer)
    desk = TillDesk(uow, register="BENCH1", cashier="cat", rules=RULES,
                    supervisor_check=lambda: None,
                    queries=SqlAlchemyCustomerQueries(database.reader))  # fmt: skip
    return TillBasket(desk, DeskCatalogue(SqlAlchemyCatalogue(database.reader)))


# --- scan to shown ------------------------------------------------------------------------


def _scan(folder: Path, args: argparse.Namespace, rng: random.Random) -> dict:
    from PySide6.QtWidgets import QApplication

    from frontdesk.ui.till.basket_model import BasketModel, basket_table

    app = QApplication.instance() or QApplication([])
    database = _desk(folder, args, rng)
    basket = _basket(database)
    basket.desk.open_shift(Money.of("50.00", "GBP"))
    model = BasketModel()
    view = basket_table(None, model, accessible="bench")  # type: ignore[arg-type]
    view.resize(900, 600)
    view.show()
    codes = [ean(n) for n in rng.sample(range(args.products), args.basket_lines)]

    def scanned(code: str) -> float:
        started = time.perf_counter()
        shown = basket.add_code(code)
        row = model.show(shown.lines)
        if row is not None:
            view.scrollTo(model.index(row, 0))
        app.processEvents()
        return (time.perf_counter() - started) * 1000

    new_lines = [scanned(code) for code in codes]
    again = [scanned(code) for code in codes]
    peer = _unindexed_lookup(database, codes)
    database.dispose()
    return {"new_line": _percentiles(new_lines), "same_line_again": _percentiles(again),
            "lines_at_end": len(model.rows()) if hasattr(model, "rows") else args.basket_lines,
            "unindexed_lookup_peer": peer}  # fmt: skip


def _unindexed_lookup(database: CacheDatabase, codes: list[str]) -> dict:
    import sqlite3

    path = database.engine.url.database
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    ms = []
    for code in codes:
        started = time.perf_counter()
        connection.execute("SELECT sku FROM product_barcodes NOT INDEXED WHERE code = ?",
                           (code,)).fetchone()  # fmt: skip
        ms.append((time.perf_counter() - started) * 1000)
    connection.close()
    return _percentiles(ms)


def _percentiles(ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else ms * 99
    return {"n": len(ms), "p50_ms": round(cuts[49], 3), "p95_ms": round(cuts[94], 3),
            "p99_ms": round(cuts[98], 3)}  # fmt: skip


# --- push to PostgreSQL ---------------------------------------------------------------------


def _push(folder: Path, args: argparse.Namespace, rng: random.Random) -> dict:
    name, url = fresh_postgres()
    try:
        _server_catalogue(url, folder, args)
        server = Server(url, folder)
        try:
            return _settle_and_push(server.url, url, folder, args, rng)
        finally:
            server.stop()
    finally:
        drop_postgres(name)


def _server_catalogue(url: str, folder: Path, args: argparse.Namespace) -> None:
    """The cashier, the register and the products with their Leeds prices, through the
    server's own commands."""
    server_cli(url, "add-user", "cat", "--role", "cashier", "--branch", BRANCH,
               "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    server_cli(url, "register", "add", "BENCH1", "--branch", BRANCH)
    count = min(args.products, 2_000)  # a shop's fast movers: enough to spread the baskets
    products = [{"sku": f"P{n:06d}", "names": {"en": f"Product {n}"}, "barcodes": [ean(n)]}
                for n in range(count)]  # fmt: skip
    prices = [{"sku": f"P{n:06d}", "currency": "GBP", "unit_price": f"{1 + n % 40}.50",
               "branch": BRANCH, "valid_from": "2024-01-01"} for n in range(count)]  # fmt: skip
    for kind, rows in (("products", products), ("prices", prices)):
        path = folder / f"{kind}.json"
        path.write_text(json.dumps(rows))
        server_cli(url, "import", kind, str(path))


def _settle_and_push(
    url: str, db_url: str, folder: Path, args: argparse.Namespace, rng: random.Random
) -> dict:
    from sqlalchemy import text

    from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
    from frontdesk.adapters.central_client import CentralClient
    from frontdesk.server.db import make_engine
    from frontdesk.sync.pull import pull_all
    from frontdesk.sync.push import push_all
    from frontdesk.sync.service import workstation_transport

    database = open_cache(folder / "push-desk" / "cache.sqlite3")
    uow = SqlAlchemyUnitOfWork(database.writer)
    central = CentralClient(url, timeouts=(5.0, 300.0))
    transport = workstation_transport(central, uow, "cat", PASSWORD)
    pull_all(transport, uow)
    with uow:  # as signing in at a desk keeps them: who, the device's prefix, the branch
        uow.sync_state.set_login(url, "cat")
        prefix, branch = transport.case_desk
        uow.sync_state.keep_case_desk(case_prefix=prefix, branch=branch)
        uow.commit()
    basket = _basket(database)
    basket.desk.open_shift(Money.of("100.00", "GBP"))
    count = min(args.products, 2_000)
    started = time.perf_counter()
    for _ in range(args.baskets):
        for n in rng.sample(range(count), args.lines_per_basket):
            basket.add_code(ean(n), quantity=Decimal(rng.randint(1, 3)))
        basket.settle([(Tender.CARD, basket.due())])
    settled_s = time.perf_counter() - started
    log(f"[push] {args.baskets} baskets settled in {settled_s:.1f}s; pushing")
    started = time.perf_counter()
    result = push_all(transport, uow)
    seconds = time.perf_counter() - started
    assert result.failed == 0, result
    engine = make_engine(db_url)
    with engine.connect() as connection:
        purchases = connection.execute(
            text("SELECT count(*) FROM purchases WHERE branch = :b"), {"b": BRANCH}
        ).scalar_one()
    engine.dispose()
    central.close()
    database.dispose()
    return {"baskets": args.baskets, "items_sent": result.sent, "settle_s": round(settled_s, 1),
            "seconds": round(seconds, 2), "baskets_per_s": round(args.baskets / seconds, 1),
            "server_purchases": purchases}  # fmt: skip


if __name__ == "__main__":
    main()
