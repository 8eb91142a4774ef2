"""Cross-sell latency at the desk: recommendations for an open customer, from the local cache.

Builds a central SQLite database (seed-demo data, or the real Online Retail file), trains the
model there, pulls everything into a desk cache through the server's own pull code, then asks
``SqlAlchemyCustomerQueries.recommendations`` for many customers, as the window does. Beside
it, the same histories scored by the model alone (no SQL) show what the cache read costs.

    python bench/recommend.py --customers 2000 --asks 2000
    python bench/recommend.py --data ../shared/data/online_retail.csv.xz --asks 2000

Last line: one JSON object with every figure (latencies in ms, sizes in bytes).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select

from frontdesk.adapters.cache.crosssell import customer_history
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.tables import CachedCrossSellModel, CachedPurchase
from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.crosssell import CrossSellModel
from frontdesk.protocol import PullPage
from frontdesk.server.crosssell_jobs import train_crosssell
from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.pull import pull_page
from frontdesk.sync.pull import AbstractPullTransport, pull_all


class _ServerPages(AbstractPullTransport):
    def __init__(self, factory) -> None:
        self._factory = factory

    def pull(self, cursor: int, *, limit: int) -> PullPage:
        with self._factory() as session:
            page = pull_page(session, cursor=cursor, limit=limit)
            return PullPage.model_validate_json(page.model_dump_json())


def _fill_central(url: str, args: argparse.Namespace):
    migrate(url)
    factory = session_factory(make_engine(url))
    if args.data:
        from frontdesk.server.importers.online_retail import import_online_retail

        import_online_retail(factory, args.data)
    else:
        from frontdesk.server.seed import seed_demo

        seed_demo(factory, customers=args.customers, seed=args.seed)
    return factory


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    at = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return {
        "p50_ms": round(at(0.50) * 1e3, 4),
        "p95_ms": round(at(0.95) * 1e3, 4),
        "p99_ms": round(at(0.99) * 1e3, 4),
        "mean_ms": round(statistics.fmean(ordered) * 1e3, 4),
    }


def _timed(call, items) -> list[float]:
    samples = []
    for item in items:
        started = time.perf_counter()
        call(item)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=2000, help="seed-demo customers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", help="an Online Retail .csv/.xz file instead of seed-demo")
    parser.add_argument("--asks", type=int, default=2000, help="customers asked (sampled)")
    parser.add_argument("--k", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = _run(Path(tmp), args)
    print(json.dumps(figures))


def _run(tmp: Path, args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    central = _fill_central(f"sqlite:///{tmp / 'central.sqlite3'}", args)
    filled = time.perf_counter() - started
    report = train_crosssell(central)
    client = build_client(load_settings(data_dir=tmp / "desk"))
    try:
        started = time.perf_counter()
        pulled = pull_all(_ServerPages(central), client.uow, page_size=1000)
        pull_s = time.perf_counter() - started
        return _measure(client, args, report=report, pulled=pulled, fill_s=filled, pull_s=pull_s)
    finally:
        client.close()


def _measure(client, args, *, report, pulled, fill_s: float, pull_s: float) -> dict:
    # A second connection to the same cache file reads what the model-only peer needs.
    database = open_cache(client.settings.cache_path)
    with database.reader() as session:
        ids = list(session.scalars(_customers_with_purchases()))
        customers = random.Random(1).sample(ids, min(args.asks, len(ids)))
        histories = [customer_history(session, cid)[0] for cid in customers]
        blob = session.scalar(select(CachedCrossSellModel.blob))
    database.dispose()
    queries = client.queries
    started = time.perf_counter()
    queries.recommendations(customers[0], k=args.k)  # loads the model once per version
    first_call_s = time.perf_counter() - started
    desk = _timed(lambda cid: queries.recommendations(cid, k=args.k), customers)
    model = CrossSellModel.from_bytes(blob)
    alone = _timed(lambda history: model.recommend(history, k=args.k), histories)
    return {
        "source": args.data or f"seed-demo {args.customers} customers (seed {args.seed})",
        "customers_asked": len(customers),
        "k": args.k,
        "purchases_pulled": pulled.purchases,
        "products": report.products,
        "training_lines": report.purchase_lines,
        "training_s": round(report.seconds, 3),
        "model_bytes": report.model_bytes,
        "central_fill_s": round(fill_s, 2),
        "pull_s": round(pull_s, 2),
        "first_call_ms": round(first_call_s * 1e3, 2),
        "desk_recommendations": _percentiles(desk),
        "model_alone": _percentiles(alone),
    }


def _customers_with_purchases():
    return (
        select(CachedPurchase.customer_id).where(CachedPurchase.customer_id.is_not(None)).distinct()
    )


if __name__ == "__main__":
    main()
