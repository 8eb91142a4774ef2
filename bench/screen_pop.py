"""Screen pop: from the command to the caller's customer on screen, on a 100,000-customer cache.

Builds (or reuses) a desk cache of generated customers (``lookup_data``, the lookup bench's
population and cache builder), runs the desk's window in this process (offscreen) as
``frontdesk`` runs it (``InstanceServer`` + ``ScreenPop`` on the real cache), and times:

- ``warm_ipc``: a known number handed over the local socket (what ``frontdesk open --phone``
  does once started; sent from another thread) until ``customer_shown``, after earlier pops;
- ``warm_launch``: a real ``python -m frontdesk --data-dir D open --phone N`` process started
  until ``customer_shown`` (the interpreter and its imports included);
- ``cold_ipc``: the first pop after a window start, each in a fresh process that opens the
  cache and shows the window first (the OS file cache stays warm between them).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/screen_pop.py --customers 100000

Targets: warm p95 <= 300 ms, cold p95 <= 1 s. Last line: one JSON object (latencies in ms).
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from frontdesk.config import CACHE_FILE
from frontdesk.domain.text import phone_key
from lookup import SEED, _ensure_cache
from lookup_data import generate

REPO = Path(__file__).resolve().parents[1]
WAIT_S = 30.0


def main() -> None:
    args = _args()
    if args.sender:
        _sender_child(args.sender)
        return
    if args.cold_child:
        print(json.dumps(_cold_child(Path(args.cold_child), args.phone)))
        return
    data_dir = Path(args.cache_dir) / f"screen-pop-{args.customers}-s{SEED}"
    started = time.perf_counter()
    population = generate(args.customers, seed=SEED)
    _ensure_cache(data_dir / CACHE_FILE, population)
    _log(f"cache ready in {time.perf_counter() - started:.1f}s: {data_dir}")
    phones = _unique_phones(population, random.Random(SEED))
    result: dict[str, Any] = {
        "customers": args.customers,
        "load_avg_1m_before": round(os.getloadavg()[0], 2),  # the machine is shared
    }
    result["cold_ipc"] = _summary(
        [_cold_run(data_dir, phones.pop()) for _ in range(args.cold_runs)]
    )
    _log(f"cold: {result['cold_ipc']}")
    warm = _warm(data_dir, phones, ipc_runs=args.runs, launch_runs=args.launch_runs)
    result.update(warm)
    result["targets_met"] = {
        "warm_ipc_p95_le_300": result["warm_ipc"]["p95"] <= 300,
        "warm_launch_p95_le_300": result["warm_launch"]["p95"] <= 300,
        "cold_ipc_p95_le_1000": result["cold_ipc"]["p95"] <= 1000,
    }
    print(json.dumps(result))


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="warm pops over the socket")
    parser.add_argument("--launch-runs", type=int, default=20, help="warm pops by a process")
    parser.add_argument("--cold-runs", type=int, default=7, help="first pops after a start")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "frontdesk-bench"))
    parser.add_argument("--cold-child", help=argparse.SUPPRESS)
    parser.add_argument("--phone", help=argparse.SUPPRESS)
    parser.add_argument("--sender", help=argparse.SUPPRESS)
    return parser.parse_args()


def _unique_phones(population: Any, rng: random.Random) -> list[str]:
    """Numbers exactly one customer has, as a caller id shows them, in a random order."""
    keys = [phone_key(p.phone) for p in population.people]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    phones = [p.phone for p, key in zip(population.people, keys, strict=True) if counts[key] == 1]
    rng.shuffle(phones)
    return phones


# --- the window, in this process ----------------------------------------------------------


class _Desk:
    """The desk's window on the cache, taking hand-overs like ``frontdesk`` does."""

    def __init__(self, data_dir: Path) -> None:
        from frontdesk.bootstrap import build_client
        from frontdesk.config import load_settings
        from frontdesk.services.desk import DeskWrites
        from frontdesk.ui.app import make_application
        from frontdesk.ui.main_window import build_main_window
        from frontdesk.ui.single_instance import InstanceServer, ScreenPop, server_name

        self.app = make_application()
        self.client = build_client(load_settings(data_dir=data_dir))
        self.window = build_main_window(self.client.queries, writes=DeskWrites(self.client.uow))
        self.name = server_name(data_dir)
        self.server = InstanceServer(self.name)
        if not self.server.listen():
            raise SystemExit(f"another window holds {data_dir}; close it first")
        self.window.show()
        self.pop = ScreenPop(self.window)
        self.server.deliver_to(self.pop.show)
        self._wait_idle()

    def _wait_idle(self) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        if self.window.ops.is_idle():
            return
        loop = QEventLoop()
        self.window.ops.idle.connect(loop.quit)
        QTimer.singleShot(int(WAIT_S * 1000), loop.quit)
        loop.exec()

    def time_pop(self, start: Callable[[], Callable[[], None]]) -> float:
        """ms from ``start()`` (which sends a pop; returns what waits for it) to a customer
        shown in the window. The sender is another process: this one's event loop answers."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        shown: list[float] = []

        def on_shown(_customer_id: str) -> None:
            shown.append(time.perf_counter())
            loop.quit()

        self.window.customer_shown.connect(on_shown)
        QTimer.singleShot(int(WAIT_S * 1000), loop.quit)
        started = time.perf_counter()
        finish = start()
        loop.exec()
        self.window.customer_shown.disconnect(on_shown)
        finish()
        if not shown:
            raise SystemExit("no customer was shown within the wait")
        return (shown[0] - started) * 1000

    def close(self) -> None:
        self.window.ops.shutdown()
        self.server.close()
        self.window.close()
        self.client.close()


class _Sender:
    """A process that hands each phone it reads over to the window, as ``open`` does."""

    def __init__(self, name: str) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        command = [sys.executable, __file__, "--sender", name]
        self.process = subprocess.Popen(
            command, env=env, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        assert self.process.stdout is not None and self.process.stdout.readline() == "ready\n"

    def send(self, phone: str) -> Callable[[], None]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(phone + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout
        return lambda: _expect(answer.readline(), "ok\n")

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(WAIT_S)


def _sender_child(name: str) -> None:
    from frontdesk.services.screen_pop import PopRequest
    from frontdesk.ui.single_instance import hand_over

    print("ready", flush=True)
    for line in sys.stdin:
        taken = hand_over(name, PopRequest(phone=line.strip()).to_url())
        print("ok" if taken else "not taken", flush=True)


def _expect(got: str, wanted: str) -> None:
    if got != wanted:
        raise SystemExit(f"the sender said {got!r}")


def _launch(data_dir: Path, phone: str) -> Callable[[], None]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, "-m", "frontdesk", "--data-dir", str(data_dir)]
    process = subprocess.Popen([*command, "open", "--phone", phone], env=env)
    return lambda: _expect("ok\n" if process.wait(WAIT_S) == 0 else "failed", "ok\n")


def _warm(data_dir: Path, phones: list[str], *, ipc_runs: int, launch_runs: int) -> dict:
    desk = _Desk(data_dir)
    sender = _Sender(desk.name)
    try:
        for phone in phones[:3]:  # the first pops after the start are the cold figure's
            desk.time_pop(lambda p=phone: sender.send(p))
        ipc = [desk.time_pop(lambda p=p: sender.send(p)) for p in phones[3 : 3 + ipc_runs]]
        _log(f"warm ipc: {_summary(ipc)}")
        rest = phones[3 + ipc_runs : 3 + ipc_runs + launch_runs]
        launch = [desk.time_pop(lambda p=p: _launch(data_dir, p)) for p in rest]
        _log(f"warm launch: {_summary(launch)}")
    finally:
        sender.close()
        desk.close()
    return {"warm_ipc": _summary(ipc), "warm_launch": _summary(launch)}


def _cold_run(data_dir: Path, phone: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    command = [sys.executable, __file__, "--cold-child", str(data_dir), "--phone", phone]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return float(json.loads(done.stdout.strip().splitlines()[-1])["ms"])


def _cold_child(data_dir: Path, phone: str) -> dict[str, float]:
    desk = _Desk(data_dir)
    sender = _Sender(desk.name)  # started before the clock: its imports are not the pop's
    try:
        return {"ms": desk.time_pop(lambda: sender.send(phone))}
    finally:
        sender.close()
        desk.close()


def _summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "runs": len(ms),
        "p50": round(statistics.median(ordered), 1),
        "p95": round(p95, 1),
        "max": round(ordered[-1], 1),
    }


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
