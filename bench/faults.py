"""kill -9 of a pushing desk at random moments, many times: nothing lost, nothing doubled.

    .venv/bin/python bench/faults.py --trials 500 [--seed N] [--writes-per-trial 6]

The same machinery as ``tests/e2e/test_push_kill_client.py`` (which runs 50 trials in the
suite): a real server process on loopback over SQLite, a desk cache with writes queued each
trial, a forked child that pushes them in batches of two and is SIGKILLed after a random
delay (before sending, mid-request, after the server applied a batch but before the desk
marked it sent, or after it finished). A last push drains the outbox; then the server must
hold every write exactly once. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))  # reuse the fault test's machinery

from e2e_support import free_port, run_server_command, server_command  # noqa: E402
from test_pull_e2e import FIRST_FILE, PASSWORD  # noqa: E402
from test_push_kill_client import _count, kill_trials  # noqa: E402

from frontdesk.adapters.central_client import CentralClient  # noqa: E402


def start_server(db_url: str, workdir: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = (workdir / "server.log").open("wb")
    process = subprocess.Popen(
        server_command(db_url, "serve", "--host", "127.0.0.1", "--port", str(port)),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    probe = CentralClient(url, timeouts=(1.0, 5.0))
    while not probe.is_reachable():
        if process.poll() is not None:
            raise SystemExit((workdir / "server.log").read_text())
        time.sleep(0.2)
    return process, url


def run(trials: int, seed: int, per_trial: int, workdir: Path) -> dict:
    db_url = f"sqlite:///{workdir / 'central.sqlite3'}"
    retail = workdir / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(db_url, "import", "online-retail", str(retail))
    run_server_command(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    process, url = start_server(db_url, workdir)
    try:
        return _trials(url, db_url, workdir, trials=trials, seed=seed, per_trial=per_trial)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _trials(url: str, db_url: str, workdir: Path, *, trials: int, seed: int, per_trial: int):
    started = time.monotonic()
    final, counts = kill_trials(
        url, workdir / "desk" / "cache.sqlite3", trials=trials, seed=seed, per_trial=per_trial
    )
    total = trials * per_trial
    on_server = _count(db_url, "SELECT count(*) FROM interactions")
    distinct = _count(db_url, "SELECT count(DISTINCT reason) FROM interactions")
    keys = _count(db_url, "SELECT count(*) FROM applied_items")
    return {
        "trials": trials,
        "seed": seed,
        "writes": total,
        "server_rows": on_server,
        "distinct_rows": distinct,
        "applied_keys": keys,
        "outbox_pending_after": counts.pending,
        "outbox_failed_after": counts.failed + final.failed,
        "lost": total - distinct,
        "duplicated": on_server - distinct,
        "exactly_once": on_server == distinct == keys == total and counts.pending == 0,
        "seconds": round(time.monotonic() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--writes-per-trial", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="frontdesk-bench-faults-") as tmp:
        result = run(args.trials, args.seed, args.writes_per_trial, Path(tmp))
    print(json.dumps(result))
    sys.exit(0 if result["exactly_once"] else 1)


if __name__ == "__main__":
    main()
