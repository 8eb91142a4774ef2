"""Opening a customer at the desk: how long until the customer 360 is on screen.

Fills a desk cache through the replica (the pull's own write path) with one heavy customer
(``--purchases`` purchases of three lines each, plus ``--contacts`` logged contacts) among
``--others`` ordinary customers, then measures, for the heavy and for an ordinary customer:

- ``load``: the background operation the window runs to open a customer (profile, history,
  timeline), in-process, no Qt; ``history``: the purchase-history part of it alone;
  ``card``: the rest, what the profile card and the timeline need (on code before the paged
  timeline: the profile with every purchase and contact);
- ``shown``: from ``MainWindow.open_customer`` to its ``customer_shown`` signal in a real
  (offscreen) window: the operation, the hand-over to the UI thread and the panels filling;
- ``ui``: the UI thread's share of ``shown`` (the longest the window is busy at once);
- ``history_heavy_<change>``: ``load_history`` for the heavy customer sorted by item count or
  by total, or filtered by a product or to one year (what a header click or a filter runs);
- ``redo_<change>``: the same changes made in the real window's history panel (a header
  click; a product typed, timed from the end of the typing pause; the filter cleared), from
  the request to ``history_shown``, and ``redo_<change>_ui`` the longest the UI thread was
  busy meanwhile (laying the tree out again over every purchase shown).

    python bench/desk_open.py --purchases 20000 --others 5000 --runs 15

Last line: one JSON object with every figure (latencies in ms).
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
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.protocol import (
    CustomerPublic,
    InteractionPublic,
    PullPage,
    PurchaseLinePublic,
    PurchasePublic,
)
from frontdesk.services.queries import HistoryFilter

# What the agent changes in the history: (sort, descending, filter) for load_history.
_CHANGES: dict[str, tuple[str, bool, HistoryFilter]] = {
    "sort_items": ("items", True, HistoryFilter()),
    "sort_total": ("total", False, HistoryFilter()),
    "filter_product": ("date", True, HistoryFilter(product="product number 12")),
    "filter_year": (
        "date",
        True,
        HistoryFilter(since=datetime(2018, 1, 1).date(), until=datetime(2018, 12, 31).date()),
    ),
}

HEAVY = "heavy-customer"
_SINCE = datetime(2015, 1, 1, tzinfo=UTC)
_PRODUCTS = [(f"SKU{n:04d}", f"PRODUCT NUMBER {n}", Decimal(n % 40 + 1) / 4) for n in range(400)]
_PAGE = 2_000


def _customer(cid: str, n: int) -> CustomerPublic:
    return CustomerPublic(
        id=cid,
        account_number=f"A{10_000_000 + n}",
        full_name=f"Customer Number{n}",
        phones=[f"+447{n:09d}"],
        emails=[f"customer{n}@example.co.uk"],
        loyalty_card=None,
        branch="London, Oxford Street",
        notes="",
        created_at=_SINCE,
        updated_at=_SINCE,
        seq=n + 1,
    )


def _purchase(rng: random.Random, cid: str, n: int, *, seq: int) -> PurchasePublic:
    lines = []
    for line_no in range(1, 4):
        sku, name, price = rng.choice(_PRODUCTS)
        quantity = rng.randrange(1, 6)
        total = (price * quantity).quantize(Decimal("0.01"))
        lines.append(
            PurchaseLinePublic(
                line_no=line_no,
                sku=sku,
                description=name,
                quantity=str(quantity),
                unit_price=str(price),
                line_total=str(total),
            )
        )
    return PurchasePublic(
        id=f"{cid}-p{n:06d}",
        number=f"{cid[:2].upper()}{n:07d}",
        customer_id=cid,
        purchased_at=_SINCE + timedelta(minutes=rng.randrange(5_000_000)),
        branch="London, Oxford Street",
        currency="GBP",
        is_return=False,
        original_number=None,
        total=str(sum(Decimal(line.line_total) for line in lines)),
        lines=lines,
        seq=seq,
    )


def _contact(rng: random.Random, n: int, *, seq: int) -> InteractionPublic:
    return InteractionPublic(
        id=f"{HEAVY}-i{n:05d}",
        customer_id=HEAVY,
        channel=rng.choice(["call", "visit", "email"]),
        occurred_at=_SINCE + timedelta(minutes=rng.randrange(5_000_000)),
        reason="Delivery question",
        agent="agent.smirnova",
        notes="Asked about the order",
        outcome="Answered",
        follow_up=None,
        seq=seq,
    )


def _pages(args: argparse.Namespace) -> Iterator[PullPage]:
    rng = random.Random(args.seed)
    customers = [_customer(HEAVY, 0)] + [_customer(f"c{n:07d}", n) for n in range(1, args.others)]
    yield PullPage(cursor=1, has_more=True, customers=customers)
    wanted = [(HEAVY, n) for n in range(args.purchases)] + [
        (c.id, n) for c in customers[1:] for n in range(args.per_other)
    ]
    for start in range(0, len(wanted), _PAGE):
        chunk = wanted[start : start + _PAGE]
        seq = 10 + start
        purchases = [_purchase(rng, cid, n, seq=seq + i) for i, (cid, n) in enumerate(chunk)]
        yield PullPage(cursor=seq + len(chunk), has_more=True, purchases=purchases)
    contacts = [_contact(rng, n, seq=10**8 + n) for n in range(args.contacts)]
    yield PullPage(cursor=10**8 + args.contacts, has_more=False, interactions=contacts)


def _fill(client: ClientContext, args: argparse.Namespace) -> None:
    for page in _pages(args):
        with client.uow as uow:
            uow.replica.apply(page)
            uow.commit()


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1e3, 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1e3, 2),
        "max_ms": round(ordered[-1] * 1e3, 2),
    }


def _time_load(client: ClientContext, customer_id: str, runs: int) -> list[float]:
    from frontdesk.ui.desk_reads import load_customer

    return _timed(lambda: load_customer(client.queries, customer_id), runs)


def _time_history(client: ClientContext, customer_id: str, runs: int) -> list[float]:
    from frontdesk.ui.history_model import load_history

    return _timed(lambda: load_history(client.queries, customer_id), runs)


def _time_changes(client: ClientContext, runs: int) -> dict[str, dict[str, float]]:
    from frontdesk.ui.history_model import load_history

    def change(sort: str, descending: bool, where: HistoryFilter) -> Any:
        return lambda: load_history(
            client.queries, HEAVY, where=where, sort=sort, descending=descending
        )

    return {
        f"history_heavy_{name}": _summary(_timed(change(*how), runs))
        for name, how in _CHANGES.items()
    }


def _time_card(client: ClientContext, customer_id: str, runs: int) -> list[float]:
    queries = client.queries
    if hasattr(queries, "timeline"):
        parts = (queries.profile, queries.timeline, queries.timeline_count)
    else:  # the code before the paged timeline, for the "before" figure
        parts = (queries.profile, queries.purchases, queries.interactions)
    return _timed(lambda: [part(customer_id) for part in parts], runs)


def _timed(call, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


class _BusyClock:
    """The longest stretch the UI thread went without running a 1 ms heartbeat timer."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.longest_ms = 0
        self._clock = QElapsedTimer()
        self._timer = QTimer(interval=1)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self.longest_ms = 0
        self._clock.start()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self.longest_ms = max(self.longest_ms, self._clock.restart())


def _time_window(client: ClientContext, ids: list[str], runs: int) -> dict[str, list[float]]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from frontdesk.ui.main_window import build_main_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_main_window(client.queries)
    window.show()
    shown: dict[str, list[float]] = {cid: [] for cid in ids}
    busy: dict[str, list[float]] = {cid: [] for cid in ids}
    clock = _BusyClock()
    for _ in range(runs):
        for cid in ids:
            loop = QEventLoop()
            window.customer_shown.connect(loop.quit)
            QTimer.singleShot(30_000, loop.quit)
            clock.start()
            started = time.perf_counter()
            window.open_customer(cid)
            loop.exec()
            shown[cid].append(time.perf_counter() - started)
            clock.stop()
            busy[cid].append(clock.longest_ms / 1e3)
            window.customer_shown.disconnect(loop.quit)
            app.processEvents()
    redo = _time_redo(window, clock, runs)
    window.ops.shutdown()
    window.close()
    return {"shown": shown, "busy": busy, "redo": redo}


def _time_redo(window: Any, clock: _BusyClock, runs: int) -> dict[str, list[float]]:
    """Sort and filter the heavy customer's history in the window, back to the start each run."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer

    panel = window.history_panel
    view = panel.history_view
    descending, ascending = Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder

    def typed(text: str) -> Any:
        def act() -> None:
            panel.product_edit.setText(text)
            panel._debounce.stop()  # timed from the end of the typing pause
            panel._reload()

        return act

    steps = {
        "sort_items": lambda: view.sortByColumn(3, descending),
        "sort_date": lambda: view.sortByColumn(0, descending),
        "filter_product": typed("product number 12"),
        "filter_cleared": typed(""),
        "sort_total_up": lambda: view.sortByColumn(4, ascending),
        "sort_date_again": lambda: view.sortByColumn(0, descending),
    }
    times: dict[str, list[float]] = {}
    loop = QEventLoop()
    guard = QTimer(singleShot=True, interval=30_000)
    guard.timeout.connect(loop.quit)
    panel.history_shown.connect(loop.quit)
    window.open_customer(HEAVY)
    loop.exec()
    for _ in range(runs):
        for name, act in steps.items():
            guard.start()
            clock.start()
            started = time.perf_counter()
            act()
            loop.exec()
            guard.stop()
            times.setdefault(name, []).append(time.perf_counter() - started)
            clock.stop()
            times.setdefault(f"{name}_ui", []).append(clock.longest_ms / 1e3)
    panel.history_shown.disconnect(loop.quit)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--purchases", type=int, default=20_000)
    parser.add_argument("--contacts", type=int, default=300)
    parser.add_argument("--others", type=int, default=5_000)
    parser.add_argument("--per-other", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="desk-open-") as tmp:
        client = build_client(load_settings(data_dir=Path(tmp)))
        started = time.perf_counter()
        _fill(client, args)
        fill_s = time.perf_counter() - started
        ordinary = "c0000042"
        figures: dict[str, object] = {
            "purchases": args.purchases,
            "contacts": args.contacts,
            "others": args.others,
            "per_other": args.per_other,
            "fill_s": round(fill_s, 1),
            "load_heavy": _summary(_time_load(client, HEAVY, args.runs)),
            "load_ordinary": _summary(_time_load(client, ordinary, args.runs)),
            "card_heavy": _summary(_time_card(client, HEAVY, args.runs)),
            "card_ordinary": _summary(_time_card(client, ordinary, args.runs)),
            "history_heavy": _summary(_time_history(client, HEAVY, args.runs)),
            "history_ordinary": _summary(_time_history(client, ordinary, args.runs)),
            **_time_changes(client, args.runs),
        }
        window = _time_window(client, [HEAVY, ordinary], args.runs)
        figures["shown_heavy"] = _summary(window["shown"][HEAVY])
        figures["shown_ordinary"] = _summary(window["shown"][ordinary])
        figures["ui_busy_heavy"] = _summary(window["busy"][HEAVY])
        for name, samples in window["redo"].items():
            figures[f"redo_{name}"] = _summary(samples)
        figures["load_average"] = round(os.getloadavg()[0], 2)
        client.close()
    for key, value in figures.items():
        print(f"{key:>16}: {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
