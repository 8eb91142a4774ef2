"""kill -9 of the server during push: restarted on the same database, nothing lost or doubled.

A real ``frontdesk-server serve`` process on a fixed loopback port, the real HTTP client and
cache, a desk logged in with its device. Each trial records writes, starts pushing them in
small batches and SIGKILLs the server at a random moment after a randomly chosen batch has
been sent: before the server read it, while it applies it, after it committed but before
the answer left, or between batches. The server is then started again on the same database
and the next trial goes on; at the end the outbox drains. Every item must be on the server
exactly once. SQLite (a kill in the middle of a write transaction leaves a hot journal) and
PostgreSQL. Trials: ``FRONTDESK_SERVER_KILL_TRIALS`` (default 5), seeded by
``FRONTDESK_FAULT_SEED``.
"""

from __future__ import annotations

import os
import random
import signal
import threading
from pathlib import Path

import pytest
from e2e_support import run_server_command
from sqlalchemy import text
from test_pull_e2e import FIRST_FILE, PASSWORD
from test_push_offline_e2e import Server
from test_push_two_servers import pg_url  # noqa: F401  (the PostgreSQL database fixture)

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.protocol import ItemEnvelope, PushResponse
from frontdesk.services.errors import ServerUnreachable
from frontdesk.services.writes import record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import AbstractPushTransport, push_all
from frontdesk.sync.service import AuthorizedCentral, ensure_registered

TRIALS = int(os.environ.get("FRONTDESK_SERVER_KILL_TRIALS", "5"))
SEED = int(os.environ.get("FRONTDESK_FAULT_SEED", "20240501"))
WRITES_PER_TRIAL = 30
BATCH = 5


class KillingServer(Server):
    """The server that a trial kills with SIGKILL and starts again on the same port."""

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(timeout=15)


class KillDuringBatch(AbstractPushTransport):
    """The desk's real transport; ``delay_s`` after batch number ``batch`` starts, kill -9."""

    def __init__(self, inner: AuthorizedCentral, server: KillingServer, *, batch: int, delay_s):
        self.inner, self.server, self.batch, self.delay_s = inner, server, batch, delay_s
        self.sent = 0
        self.killer: threading.Timer | None = None

    def push(self, device_id: str, items: list[ItemEnvelope]) -> PushResponse:
        self.sent += 1
        if self.sent == self.batch:
            self.killer = threading.Timer(self.delay_s, self.server.kill)
            self.killer.start()
        return self.inner.push(device_id, items)

    def finish(self) -> None:
        """Let the kill happen (if the push ended first), so every trial kills once."""
        if self.killer is None:
            self.server.kill()
        else:
            self.killer.join()


def _seed(db_url: str, workdir: Path) -> None:
    retail = workdir / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(db_url, "import", "online-retail", str(retail))
    run_server_command(
        db_url, "add-user", "ann", "--role", "cashier", "--password-stdin", stdin=PASSWORD + "\n"
    )


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path: Path):
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    else:
        db_url = request.getfixturevalue("pg_url")
    _seed(db_url, tmp_path)
    running = KillingServer(db_url, tmp_path)
    running.start()
    yield running
    running.stop()


def _desk(
    cache_path: Path, url: str
) -> tuple[CacheDatabase, SqlAlchemyUnitOfWork, AuthorizedCentral]:
    database = open_cache(cache_path)
    uow = SqlAlchemyUnitOfWork(database.writer)
    with uow:
        device_id = uow.workstation.get().device_id
    central = CentralClient(url, timeouts=(2.0, 10.0))
    tokens = central.login("ann", PASSWORD, device_id=device_id, device_name="till-1")
    assert tokens.device_id == device_id
    transport = AuthorizedCentral(central, tokens.refresh_token)
    ensure_registered(transport, uow)
    pull_all(transport, uow)
    return database, uow, transport


def test_kill_minus_nine_of_the_server_during_push_loses_and_doubles_nothing(
    server: KillingServer, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    database, uow, transport = _desk(tmp_path / "desk" / "cache.sqlite3", server.url)
    with database.engine.connect() as connection:
        customer_id = connection.execute(
            text("SELECT id FROM customers WHERE account_number = '12347'")
        ).scalar_one()
    cut_short = 0
    try:
        for trial in range(TRIALS):
            for n in range(WRITES_PER_TRIAL):
                record_interaction(
                    uow, customer_id=customer_id, channel="call", reason=f"{trial}/{n}", agent="ann"
                )
            batches = -(-WRITES_PER_TRIAL // BATCH) + 1
            killing = KillDuringBatch(
                transport, server, batch=rng.randint(1, batches), delay_s=rng.uniform(0.0, 0.03)
            )
            try:
                push_all(killing, uow, batch_size=BATCH)
            except ServerUnreachable:
                cut_short += 1
            killing.finish()
            assert server.process is not None and server.process.returncode == -signal.SIGKILL
            server.start()
        result = push_all(transport, uow, batch_size=BATCH)
        with uow:
            counts = uow.outbox.counts()
    finally:
        database.dispose()
    total = TRIALS * WRITES_PER_TRIAL
    assert cut_short > 0, "no kill landed while a push was under way"
    assert result.failed == 0
    assert (counts.pending, counts.failed, counts.sent) == (0, 0, total)
    assert server.scalar("SELECT count(*) FROM interactions") == total
    assert server.scalar("SELECT count(DISTINCT reason) FROM interactions") == total
    assert server.scalar("SELECT count(*) FROM applied_items") == total
