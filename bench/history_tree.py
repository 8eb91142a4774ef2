"""How the purchase-history tree copes with a customer of many purchases, offscreen.

For N purchases (default 20,000 and 100,000) it times, on the UI thread, with the lazy model
(rows filled in blocks as they are seen, lines on expand) in the history's QTreeView and, as
the peer, the same model in a flat QTableView (the view the history used before lines moved
into the tree):

- ``reset_ms``: handing the view N ids and laying it out (what a new filter or sort costs on
  the UI thread), the median (and ``reset_ms_min`` the least) of 7, and ``reset_cpu_ms`` the
  UI thread's CPU time for it (steadier than wall time on a shared machine);
- ``scroll_ms_p50``/``scroll_ms_max``: one jump to a random row and a full repaint, including
  the block fetch that the jump causes (answered at once here: the query itself runs off the
  UI thread in the app and is measured by the cache benchmarks);
- ``expand_ms``: expanding a purchase on screen and painting its lines (tree only; its lines
  came with its block, as in the app).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/history_tree.py [--sizes 20000 100000]

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

from frontdesk.domain.money import Money, UnitPrice
from frontdesk.services.read_models import PurchaseLineRow, PurchaseRow
from frontdesk.ui.history_model import LazyHistoryModel
from frontdesk.ui.widgets.tables import make_tree

T0 = datetime(2020, 1, 1, tzinfo=UTC)
JUMPS = 50
RESETS = 7


def _row(i: int) -> PurchaseRow:
    total = Money.from_minor(100 + i % 9000, "GBP")
    at = T0 + timedelta(hours=i)
    return PurchaseRow(f"p{i}", f"{100000 + i}", at, "Leeds", False, None, 2, total)


_PRICE = UnitPrice.of("1.25", "GBP")
# The same three lines under every purchase: the bench times the views, not making rows.
_LINES = [
    PurchaseLineRow(n, f"SKU{n}", f"Item {n}", 2, _PRICE, _PRICE.line_total(2)) for n in (1, 2, 3)
]


def _model(count: int) -> LazyHistoryModel:
    rows = {f"p{i}": _row(i) for i in range(count)}
    model = LazyHistoryModel()
    # As the panel does (from a background query in the app): a block's rows with its lines.
    model.block_wanted.connect(
        lambda start, ids: model.fill(start, [rows[i] for i in ids], dict.fromkeys(ids, _LINES))
    )
    model.rows_for_bench = rows  # type: ignore[attr-defined]
    return model


def _ms(since: float) -> float:
    return round((time.perf_counter() - since) * 1000, 2)


def measure(view: QAbstractItemView, count: int, *, seed: int = 7) -> dict[str, float]:
    app = QApplication.instance()
    model = _model(count)
    model.setParent(view)
    view.setModel(model)
    view.resize(900, 500)
    view.show()
    app.processEvents()
    ids = list(model.rows_for_bench)
    first = ids[:100]
    resets, cpu = [], []
    for _ in range(RESETS):
        start, cpu_start = time.perf_counter(), time.thread_time()
        model.set_ids(ids, [model.rows_for_bench[i] for i in first], dict.fromkeys(first, _LINES))
        view.viewport().repaint()
        app.processEvents()
        resets.append(_ms(start))
        cpu.append(round((time.thread_time() - cpu_start) * 1000, 2))
    figures = {
        "reset_ms": statistics.median(resets),
        "reset_ms_min": min(resets),
        "reset_cpu_ms": statistics.median(cpu),
    }
    jumps = []
    for row in random.Random(seed).sample(range(count), JUMPS):
        start = time.perf_counter()
        view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        view.viewport().repaint()
        view.viewport().repaint()  # the rows the first paint asked for, now filled
        jumps.append(_ms(start))
    figures |= {"scroll_ms_p50": statistics.median(jumps), "scroll_ms_max": max(jumps)}
    if not isinstance(view, QTableView):
        index = view.indexAt(view.viewport().rect().center())
        start = time.perf_counter()
        view.expand(model.index(index.row(), 0))
        view.viewport().repaint()
        figures["expand_ms"] = _ms(start)
    view.close()
    view.deleteLater()
    app.processEvents()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])  # noqa: F841 (kept alive to the end)
    result: dict[str, object] = {"jumps": JUMPS}
    for count in args.sizes:
        tree = make_tree(None, name="historyView", accessible="history")
        table = QTableView()
        result[f"tree_{count}"] = measure(tree, count)
        result[f"flat_table_{count}"] = measure(table, count)
        print(count, result[f"tree_{count}"], result[f"flat_table_{count}"], flush=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
