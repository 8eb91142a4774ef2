"""kill -9 of the pushing desk at random moments: afterwards every write is on the server once.

Each trial records a few writes, forks a real child process that pushes them in small
batches (its own cache connection, its own HTTP client), and SIGKILLs it after a random
delay: before it sent anything, mid-request, after the server applied a batch but before
the desk marked it sent, or after it finished. A last push then drains the outbox.
Trials: ``FRONTDESK_FAULT_TRIALS`` (default 50), seeded by ``FRONTDESK_FAULT_SEED``.
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from test_pull_e2e import PASSWORD

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.services.writes import record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import push_all
from frontdesk.sync.service import AuthorizedCentral, workstation_transport

TRIALS = int(os.environ.get("FRONTDESK_FAULT_TRIALS", "50"))
SEED = int(os.environ.get("FRONTDESK_FAULT_SEED", "20240501"))
WRITES_PER_TRIAL = 6


def _pusher(cache_path: Path, server_url: str, refresh_token: str) -> None:
    """The child: a desk process that pushes everything pending, then exits."""
    database = open_cache(cache_path)
    central = CentralClient(server_url, timeouts=(2.0, 10.0))
    push_all(
        AuthorizedCentral(central, refresh_token),
        SqlAlchemyUnitOfWork(database.writer),
        batch_size=2,
    )


def _fork_and_kill(cache_path: Path, server_url: str, token: str, delay_s: float) -> None:
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        code = 0
        try:
            _pusher(cache_path, server_url, token)
        except BaseException:
            code = 1
        os._exit(code)
    time.sleep(delay_s)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _count(db_url: str, sql: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def kill_trials(url: str, cache_path: Path, *, trials: int, seed: int, per_trial: int):
    """Record ``per_trial`` writes, push them from a child killed at a random moment, repeat;
    then push what is left from here. Returns the last push's result and the outbox counts.
    (bench/faults.py runs the same trials at larger counts.)"""
    rng = random.Random(seed)
    central = CentralClient(url)
    database = open_cache(cache_path)
    uow = SqlAlchemyUnitOfWork(database.writer)
    transport = workstation_transport(central, uow, "ann", PASSWORD)
    with uow:
        device_id = uow.workstation.get().device_id
    pull_all(transport, uow)
    with database.engine.connect() as connection:
        customer_id = connection.execute(
            text("SELECT id FROM customers WHERE account_number = '12347'")
        ).scalar_one()
    for trial in range(trials):
        for n in range(per_trial):
            record_interaction(
                uow, customer_id=customer_id, channel="call", reason=f"{trial}/{n}", agent="ann"
            )
        # A sign-in of its own for each child: refresh tokens rotate, and one the killed
        # child may have exchanged cannot be presented again.
        token = central.login("ann", PASSWORD, device_id=device_id).refresh_token
        database.engine.dispose()  # no inherited SQLite connection in the child
        _fork_and_kill(cache_path, url, token, rng.uniform(0.0, 0.25))
    result = push_all(transport, uow)
    with uow:
        counts = uow.outbox.counts()
    database.dispose()
    central.close()
    return result, counts


def test_kill_minus_nine_during_push_loses_and_doubles_nothing(server, tmp_path) -> None:
    started = time.monotonic()
    result, counts = kill_trials(
        server.url,
        tmp_path / "desk" / "cache.sqlite3",
        trials=TRIALS,
        seed=SEED,
        per_trial=WRITES_PER_TRIAL,
    )
    total = TRIALS * WRITES_PER_TRIAL
    assert result.failed == 0
    assert (counts.pending, counts.failed, counts.sent) == (0, 0, total)
    assert _count(server.db_url, "SELECT count(*) FROM interactions") == total
    assert _count(server.db_url, "SELECT count(DISTINCT reason) FROM interactions") == total
    assert _count(server.db_url, "SELECT count(*) FROM applied_items") == total
    assert time.monotonic() - started < 120
