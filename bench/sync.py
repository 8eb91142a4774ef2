"""Sync benchmark: drain, its direct-insert ceiling, write-to-server latency, initial pull.

    .venv/bin/python bench/sync.py [--transactions 10000] [--latency-writes 200] [--batch N]
        [--pull-customers 100000] [--pull-lines 1000000] [--skip-postgres] [--skip-pull]
        [--only-pull] [--pull-via pages,snapshot] [--busy N] [--workdir DIR]

For SQLite and PostgreSQL server databases it measures, against a real server process on
loopback (one uvicorn worker):

- drain: ``--transactions`` interactions queued at a desk while offline, then pushed by the
  push engine in batches of ``--batch`` (default: the desk's own batch size): seconds and
  tx/s until the outbox is empty;
- ceiling: the same rows (interaction + idempotency key) inserted straight into the server
  database in batches of the same size, one transaction each, and the ratio drain / ceiling;
- latency: ``--latency-writes`` writes made one after another at a desk whose sync worker
  runs; seconds from the write's commit to the server's acknowledgement of its push (the
  server commits the row before it answers), p50/p95/max.

Then, on SQLite, a new desk's initial pull of a server holding ``--pull-customers``
customers and about ``--pull-lines`` purchase lines (seed-demo customers with purchases,
topped up with imported customers without), in a child process, two ways from the same
database: by JSON pages alone (how a desk pulled before snapshots) and from the server's
snapshot (built first by ``frontdesk-server snapshot build``, timed apart) then the pages
above it. For each: seconds, the desk's CPU, the server's CPU, peak RSS and the rows the
cache ends with (the two caches must hold the same). ``--busy N`` pulls each way again with
N busy loops running beside it (a machine other work shares); ``--workdir`` keeps the
seeded server database for the next run.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from sqlalchemy import create_engine, insert, text

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.server.db import allocate_seq, make_engine, session_factory
from frontdesk.server.models import AppliedItem, Interaction
from frontdesk.services.writes import record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import DEFAULT_BATCH, push_all
from frontdesk.sync.service import sync_status, workstation_transport
from frontdesk.sync.worker import SyncWorker

PASSWORD = "bench passphrase, long enough"
SEED_LINES_PER_CUSTOMER = 26.7  # seed-demo's average (measured: 1,000 customers, 26,741 lines)
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def server_cli(db_url: str, *args: str, stdin: str | None = None) -> str:
    command = [sys.executable, "-m", "frontdesk.server.cli", "--db", db_url, *args]
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"frontdesk-server {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, db_url: str, workdir: Path) -> None:
        self.db_url, self.port = db_url, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log_file = (workdir / f"server-{self.port}.log").open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "frontdesk.server.cli",
                "--db",
                db_url,
                "serve",
                "--port",
                str(self.port),
            ],
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        probe = CentralClient(self.url, timeouts=(1.0, 5.0))
        deadline = time.monotonic() + 60
        while not probe.is_reachable():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit(f"the server at {self.url} did not start")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def prepare_server(db_url: str, workdir: Path) -> None:
    server_cli(db_url, "seed-demo", "--customers", "20")
    server_cli(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )


class Desk:
    """A desk logged in to ``url``, with a pulled cache."""

    def __init__(self, url: str, cache_path: Path) -> None:
        self.database = open_cache(cache_path)
        self.uow = SqlAlchemyUnitOfWork(self.database.writer)
        self.central = CentralClient(url, timeouts=(5.0, 120.0))
        self.transport = workstation_transport(self.central, self.uow, "ann", PASSWORD)
        with self.uow:
            self.device_id = self.uow.workstation.get().device_id
        pull_all(self.transport, self.uow)
        with self.database.engine.connect() as connection:
            self.customer_id = connection.execute(
                text("SELECT id FROM customers LIMIT 1")
            ).scalar_one()

    def write(self, reason: str) -> str:
        return record_interaction(
            self.uow, customer_id=self.customer_id, channel="call", reason=reason, agent="ann"
        ).id

    def close(self) -> None:
        self.database.dispose()
        self.central.close()


def drain(desk: Desk, transactions: int, *, batch: int) -> dict[str, float]:
    for n in range(transactions):
        desk.write(f"queued {n}")
    started = time.perf_counter()
    result = push_all(desk.transport, desk.uow, batch_size=batch)
    seconds = time.perf_counter() - started
    assert result.sent == transactions and result.failed == 0, result
    return {"seconds": round(seconds, 3), "tx_per_s": round(transactions / seconds, 1)}


def ceiling(db_url: str, desk: Desk, transactions: int, *, batch: int) -> dict[str, float]:
    """The same rows straight into the server database, ``batch`` per transaction."""
    engine = make_engine(db_url)
    factory = session_factory(engine)
    now = datetime.now(UTC)
    started = time.perf_counter()
    for first in range(0, transactions, batch):
        size = min(batch, transactions - first)
        with factory() as session:
            user_id = session.execute(
                text("SELECT id FROM users WHERE username = 'ann'")
            ).scalar_one()
            seq = allocate_seq(session, size)
            keys = [str(uuid.uuid4()) for _ in range(size)]
            session.execute(
                insert(AppliedItem),
                [
                    {
                        "key": key,
                        "device_id": desk.device_id,
                        "device_seq": first + i,
                        "kind": "interaction.record",
                        "request_hash": "0" * 64,
                        "result": {"interaction_id": key, "change_seq": seq + i},
                        "applied_by": user_id,
                        "applied_at": now,
                    }
                    for i, key in enumerate(keys)
                ],
            )
            session.execute(
                insert(Interaction),
                [
                    {
                        "id": key,
                        "customer_id": desk.customer_id,
                        "channel": "call",
                        "occurred_at": now,
                        "reason": f"direct {first + i}",
                        "agent": "ann",
                        "notes": "",
                        "outcome": "",
                        "follow_up": None,
                        "device_id": desk.device_id,
                        "change_seq": seq + i,
                    }
                    for i, key in enumerate(keys)
                ],
            )
            session.commit()
    seconds = time.perf_counter() - started
    engine.dispose()
    return {"seconds": round(seconds, 3), "tx_per_s": round(transactions / seconds, 1)}


def latency(desk: Desk, writes: int) -> dict[str, float]:
    """Write, then wait for the worker's push to be acknowledged; one write at a time."""
    outcomes: queue.Queue = queue.Queue()
    worker = SyncWorker(
        push=lambda: push_all(desk.transport, desk.uow),
        sync=lambda: push_all(desk.transport, desk.uow),
        status=lambda online: sync_status(desk.uow, central=None, online=online),
        on_outcome=outcomes.put,
        interval_s=3600.0,
    )
    desk.uow.add_write_listener(worker.notify_write)
    worker.start()
    outcomes.get(timeout=60)  # the start-up run
    seconds = []
    for n in range(writes):
        started = time.perf_counter()
        desk.write(f"online {n}")
        while (outcome := outcomes.get(timeout=60)).status.get("waiting") != 0:
            pass
        assert outcome.error is None, outcome.error
        seconds.append(time.perf_counter() - started)
    worker.stop()
    seconds.sort()
    return {
        "writes": writes,
        "p50_s": round(statistics.median(seconds), 4),
        "p95_s": round(seconds[int(0.95 * (len(seconds) - 1))], 4),
        "max_s": round(seconds[-1], 4),
    }


def backend(name: str, db_url: str, workdir: Path, args: argparse.Namespace) -> dict:
    log(f"[{name}] preparing the server database")
    prepare_server(db_url, workdir)
    server = Server(db_url, workdir)
    desk = Desk(server.url, workdir / f"desk-{name}" / "cache.sqlite3")
    try:
        log(f"[{name}] draining {args.transactions} queued transactions")
        drained = drain(desk, args.transactions, batch=args.batch)
        log(f"[{name}] drain {drained}")
        direct = ceiling(db_url, desk, args.transactions, batch=args.batch)
        log(f"[{name}] ceiling {direct}")
        online = latency(desk, args.latency_writes)
        log(f"[{name}] latency {online}")
    finally:
        desk.close()
        server.stop()
    return {
        "drain": drained,
        "ceiling": direct,
        "drain_to_ceiling_ratio": round(drained["tx_per_s"] / direct["tx_per_s"], 3),
        "write_to_server": online,
    }


def fresh_postgres() -> tuple[str, str]:
    name = f"bench_sync_{secrets.token_hex(4)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return name, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def drop_postgres(name: str) -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_PULL_CHILD = """
import json, resource, sys, time
from pathlib import Path
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.sync.service import workstation_transport
from frontdesk.sync.pull import pull_all
from frontdesk.sync.snapshot import attach_if_new
url, password, cache, via = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
central = CentralClient(url, timeouts=(5.0, 300.0))
database = open_cache(cache)
uow = SqlAlchemyUnitOfWork(database.writer)
transport = workstation_transport(central, uow, "ann", password)
started = time.perf_counter()
attached = None
if via == "snapshot":
    attached = attach_if_new(transport, uow, directory=cache.parent)
    if attached is None:
        raise SystemExit("the server offered no snapshot, or the desk refused it")
snapshot_s = time.perf_counter() - started
result = pull_all(transport, uow)
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
status = Path("/proc/self/status").read_text()
hwm = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
with database.engine.connect() as c:
    counts = {t: c.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
              for t in ("customers", "purchases", "purchase_lines")}
    counts["purchases_total_minor"] = c.exec_driver_sql(
        "SELECT coalesce(sum(total_minor), 0) FROM purchases").scalar_one()
print(json.dumps({"seconds": round(seconds, 2), "snapshot_seconds": round(snapshot_s, 2),
                  "desk_cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
                  "peak_rss_bytes": hwm * 1024, "pages": result.pages,
                  "cache_rows": counts, "cache_bytes": cache.stat().st_size}))
"""


def process_cpu_seconds(pid: int) -> float:
    """User and system CPU of a running process, from /proc (the server's share of a pull)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def seed_pull_server(db_url: str, workdir: Path, customers: int, lines: int) -> dict:
    """The server's rows; a ``--workdir`` kept from a run before keeps its seeded database."""
    seeded = workdir / "pull-server.seeded.sqlite3"
    if seeded.exists():
        log("[pull] reusing the seeded server database")
        shutil.copyfile(seeded, workdir / "pull-server.sqlite3")
        return _server_rows(db_url)
    with_purchases = min(customers, max(1, round(lines / SEED_LINES_PER_CUSTOMER)))
    log(f"[pull] seeding {with_purchases} customers with purchases")
    server_cli(db_url, "seed-demo", "--customers", str(with_purchases))
    rest = customers - with_purchases
    if rest > 0:
        log(f"[pull] importing {rest} more customers")
        csv = workdir / "customers.csv"
        rows = (
            f"B{n:07d},Bench customer {n},+4420{n:08d},c{n}@bench.example,,Leeds,\n"
            for n in range(rest)
        )
        csv.write_text(
            "account_number,full_name,phones,emails,loyalty_card,branch,notes\n" + "".join(rows)
        )
        server_cli(db_url, "import", "customers", str(csv))
    server_cli(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    return _server_rows(db_url)


def _server_rows(db_url: str) -> dict:
    engine = create_engine(db_url)
    with engine.connect() as connection:
        counts = {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            for table in ("customers", "purchases", "purchase_lines")
        }
    engine.dispose()
    return counts


def one_pull(db_url: str, workdir: Path, via: str, *, desk: str = "") -> dict:
    """A new desk's initial pull, by pages alone or from the snapshot, in a child process."""
    server = Server(db_url, workdir)
    try:
        log(f"[pull] a new desk pulls by {via}")
        server_cpu = process_cpu_seconds(server.process.pid)
        child = subprocess.run(
            [sys.executable, "-c", _PULL_CHILD, server.url, PASSWORD,
             str(workdir / f"pull-desk-{desk or via}" / "cache.sqlite3"), via],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        server_cpu = process_cpu_seconds(server.process.pid) - server_cpu
    finally:
        server.stop()
    if child.returncode != 0:
        raise SystemExit(f"the pulling desk failed: {child.stderr}")
    pulled = json.loads(child.stdout.strip().splitlines()[-1])
    return {**pulled, "server_cpu_s": round(server_cpu, 2)}


@contextmanager
def busy_machine(processes: int) -> Iterator[None]:
    """``processes`` busy loops beside the pull: a machine other work shares."""
    burners = [
        subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(processes)
    ]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def initial_pull(
    workdir: Path, customers: int, lines: int, ways: list[str], *, busy: int = 0
) -> dict:
    """Pages (the way a desk pulled before snapshots: the reference) and the snapshot, from
    the same server database; the snapshot's build is timed apart (the server prepares it
    ahead, by ``snapshot build`` or in the background). With ``busy``, each way again with
    that many busy loops running beside it."""
    db_url = f"sqlite:///{workdir / 'pull-server.sqlite3'}"
    results: dict = {"server_rows": seed_pull_server(db_url, workdir, customers, lines)}
    shutil.copyfile(workdir / "pull-server.sqlite3", workdir / "pull-server.seeded.sqlite3")
    if "snapshot" in ways:
        log("[pull] building the snapshot")
        started = time.perf_counter()
        built = json.loads(server_cli(db_url, "snapshot", "build"))
        results["snapshot_build"] = {
            "seconds": round(time.perf_counter() - started, 2),
            "bytes": built["size"],
        }
    for via in ways:
        results[via] = one_pull(db_url, workdir, via)
        if busy:
            with busy_machine(busy):
                results[f"{via}_busy"] = one_pull(db_url, workdir, via, desk=f"{via}-busy")
            results[f"{via}_busy"]["busy_loops"] = busy
    if len(ways) == 2:
        same = results["pages"]["cache_rows"] == results["snapshot"]["cache_rows"]
        results["same_rows"] = same
        results["snapshot_to_pages_ratio"] = round(
            results["snapshot"]["seconds"] / results["pages"]["seconds"], 3
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--transactions", type=int, default=10_000)
    parser.add_argument("--latency-writes", type=int, default=200)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH)
    parser.add_argument("--pull-customers", type=int, default=100_000)
    parser.add_argument("--pull-lines", type=int, default=1_000_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-pull", action="store_true")
    parser.add_argument("--only-pull", action="store_true", help="the initial pull alone")
    parser.add_argument(
        "--busy", type=int, default=0, help="also pull with this many busy loops beside it"
    )
    parser.add_argument(
        "--workdir", help="keep the databases here; a seeded pull server there is reused"
    )
    parser.add_argument(
        "--pull-via", default="pages,snapshot", help="pages, snapshot or both (comma-separated)"
    )
    args = parser.parse_args()
    results: dict = {"transactions": args.transactions, "batch": args.batch}
    with tempfile.TemporaryDirectory(prefix="frontdesk-bench-sync-") as tmp:
        workdir = Path(args.workdir or tmp)
        for old in workdir.glob("pull-desk-*"):  # a kept workdir's desks start new
            shutil.rmtree(old)
        if not args.only_pull:
            results["sqlite"] = backend(
                "sqlite", f"sqlite:///{workdir / 'server.sqlite3'}", workdir, args
            )
        if not args.skip_postgres and not args.only_pull:
            name, url = fresh_postgres()
            try:
                results["postgresql"] = backend("postgresql", url, workdir, args)
            finally:
                drop_postgres(name)
        if not args.skip_pull:
            ways = [way for way in args.pull_via.split(",") if way]
            results["initial_pull"] = initial_pull(
                workdir, args.pull_customers, args.pull_lines, ways, busy=args.busy
            )
    results["cpus"] = os.cpu_count()
    print(json.dumps(results))


if __name__ == "__main__":
    main()
