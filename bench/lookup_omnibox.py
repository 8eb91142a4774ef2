"""The one box in bench/lookup.py: fills its kinds into the bench's cache and times
``Omnibox.find`` on a desk with no server (every source offline, as at an unplugged desk).

"First" is the share of queries whose first hit, over every group in the order shown, is the
item the query names. "first_ceiling" is what an engine listing every truly matching item in
random order reaches (E[1/matching]): a name prefix or a card's last digits fit several
customers.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from omnibox_data import BoxQuery, box_workload, pages


def fill(database: Any, customer_ids: list[str], *, seed: int) -> None:
    """The products, orders, cases and receipts, through the desk's pull path."""
    from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork

    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        for page in pages(customer_ids, seed=seed)[0]:
            uow.replica.apply(page)
        uow.commit()


def workload(customer_ids: list[str], customer_queries: list[Any], *, seed: int) -> list[BoxQuery]:
    """The other kinds' queries, and every 4th targeted customer query of the lookup's mix."""
    items = pages(customer_ids, seed=seed)[1]
    named = [q for q in customer_queries if q.target][::4]
    customers = [BoxQuery("customer", q.text, q.target, q.matching) for q in named]
    return box_workload(items, seed=seed) + customers


def run(cache: Path, queries: list[BoxQuery], script: str) -> dict[str, Any]:
    spec = cache.with_suffix(".box.json")
    spec.write_text(json.dumps([q.text for q in queries]))
    out = subprocess.run(
        [sys.executable, script, "--box-worker", str(cache), str(spec)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    answer = json.loads(out.stdout.splitlines()[-1])
    return summarise(queries, answer["ms"], answer["first"], answer["anywhere"])


def worker(cache: Path, spec: Path) -> dict[str, Any]:
    from lookup import warm_file_cache

    warm_file_cache(cache)
    box = _offline_box(cache)
    texts = json.loads(spec.read_text())
    for text in texts[:50]:  # warm the page cache and the statement caches
        box.find(text)
    ms, first, anywhere = [], [], []
    for text in texts:
        started = time.perf_counter()
        found = box.find(text)
        ms.append((time.perf_counter() - started) * 1000)
        hits = found.hits()
        first.append(hits[0].key if hits else None)
        anywhere.append([hit.key for hit in hits])
    return {"ms": ms, "first": first, "anywhere": anywhere}


def _offline_box(cache: Path) -> Any:
    from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
    from frontdesk.adapters.cache.catalogue.queries import SqlAlchemyCatalogue
    from frontdesk.adapters.cache.database import open_cache
    from frontdesk.adapters.cache.orders.queries import SqlAlchemyOrderQueries
    from frontdesk.adapters.cache.orders.store import order_unit_of_work
    from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
    from frontdesk.adapters.cache.till import till_unit_of_work
    from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
    from frontdesk.services.cases.desk import DeskCases
    from frontdesk.services.catalogue.desk import DeskCatalogue
    from frontdesk.services.omnibox import Omnibox
    from frontdesk.services.orders.desk import DeskOrders
    from frontdesk.services.orders.prices import CataloguePriceBook
    from frontdesk.services.till.branch import find_receipt

    database = open_cache(cache)
    uow = SqlAlchemyUnitOfWork(database.writer)
    customers = SqlAlchemyCustomerQueries(database.reader)
    catalogue = DeskCatalogue(SqlAlchemyCatalogue(database.reader))
    orders = DeskOrders(lambda: order_unit_of_work(uow), SqlAlchemyOrderQueries(database.reader),
                        customers=customers, prices=CataloguePriceBook(catalogue),
                        source=None)  # fmt: skip
    return Omnibox(
        customers, cases=DeskCases(uow.fresh, SqlAlchemyCaseQueries(database.reader), source=None),
        orders=orders, catalogue=catalogue,
        receipt=lambda number: find_receipt(till_unit_of_work(uow.fresh()), number),
    )  # fmt: skip


def summarise(
    queries: list[BoxQuery], ms: list[float], first: list[str | None], anywhere: list[list[str]]
) -> dict[str, Any]:
    out = {"all": _figures(range(len(queries)), queries, ms, first, anywhere)}
    for kind in sorted({q.kind for q in queries}):
        picked = [i for i, q in enumerate(queries) if q.kind == kind]
        out[kind] = _figures(picked, queries, ms, first, anywhere)
    return out


def _figures(picked, queries, ms, first, anywhere) -> dict[str, Any]:
    picked = list(picked)
    times = [ms[i] for i in picked]
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {
        "n": len(picked),
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
        "right_first": round(sum(first[i] == queries[i].key for i in picked) / len(picked), 4),
        "found": round(sum(queries[i].key in anywhere[i] for i in picked) / len(picked), 4),
        "first_ceiling": round(sum(1 / queries[i].matching for i in picked) / len(picked), 4),
    }


def print_table(figures: dict[str, Any]) -> None:
    print("{:9} {:14} {:>8} {:>8} {:>8} {:>7} {:>6} {:>6}".format(
        "box", "kind", "p50", "p95", "p99", "first", "ceil", "found"))  # fmt: skip
    for kind, fig in figures.items():
        if isinstance(fig, dict):
            times = f"{fig['p50_ms']:8.2f} {fig['p95_ms']:8.2f} {fig['p99_ms']:8.2f}"
            rates = f"{fig['right_first']:7.3f} {fig['first_ceiling']:6.3f} {fig['found']:6.3f}"
            print(f"{'omnibox':9} {kind:14} {times} {rates}")
