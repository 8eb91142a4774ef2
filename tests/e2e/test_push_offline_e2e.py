"""Offline desk, real processes: writes queue while the server is down, arrive exactly once.

A real server process (restarted on the same port), the real client CLI in a keyring
session, the real cache file. 1,000 interactions are recorded while the server is stopped;
after it starts again one ``frontdesk sync`` delivers every one exactly once.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest
from e2e_support import free_port, run_server_command, server_command, wait_healthy
from sqlalchemy import create_engine, text
from test_pull_e2e import FIRST_FILE, PASSWORD, Desk

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.services.writes import record_interaction

RECORDED = 1000


class Server:
    """``frontdesk-server serve`` on one fixed port, stopped and started at will."""

    def __init__(self, db_url: str, log_dir: Path) -> None:
        self.db_url, self.log_dir, self.port = db_url, log_dir, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.log_dir / f"server-{time.monotonic_ns()}.log"
        self.process = subprocess.Popen(
            server_command(self.db_url, "serve", "--host", "127.0.0.1", "--port", str(self.port)),
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        wait_healthy(self.url, self.process, log)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)

    def scalar(self, sql: str) -> int:
        engine = create_engine(self.db_url)
        try:
            with engine.connect() as connection:
                return connection.execute(text(sql)).scalar_one()
        finally:
            engine.dispose()


@pytest.fixture
def server(tmp_path: Path):
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    retail = tmp_path / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(db_url, "import", "online-retail", str(retail))
    run_server_command(
        db_url, "add-user", "ann", "--role", "agent", "--password-stdin", stdin=PASSWORD + "\n"
    )
    running = Server(db_url, tmp_path)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def desk(tmp_path: Path, keyring_env: dict[str, str]) -> Desk:
    env = {**os.environ, **keyring_env}
    env.pop("FRONTDESK_DATA_DIR", None)
    return Desk(tmp_path / "desk", env)


def _customer_id(desk: Desk, account: str) -> str:
    (line,) = desk.ok("lookup", account, "--json").splitlines()
    return json.loads(line)["id"]


def test_writes_made_offline_arrive_exactly_once(server: Server, desk: Desk) -> None:
    desk.ok("login", "--server", server.url, "--user", "ann", "--password-stdin", stdin=PASSWORD)
    desk.ok("sync")
    customer_id = _customer_id(desk, "12347")
    key = desk.ok(
        "interaction", "add", "--customer", customer_id, "--channel", "call", "--reason", "CLI"
    ).strip()
    server.stop()

    offline = desk.run("sync")
    assert offline.returncode == 1 and "cannot reach the server" in offline.stderr
    database = open_cache(desk.data_dir / "cache.sqlite3")
    try:
        uow = SqlAlchemyUnitOfWork(database.writer)
        for n in range(RECORDED):
            record_interaction(
                uow, customer_id=customer_id, channel="visit", reason=f"visit {n}", agent="ann"
            )
    finally:
        database.dispose()
    status = json.loads(desk.ok("sync", "--status", "--json"))
    assert (status["online"], status["waiting"], status["failed"]) == (False, RECORDED + 1, 0)
    assert status["last_error"].startswith("cannot reach the server")

    server.start()
    started = time.monotonic()
    said = desk.ok("sync")
    elapsed = time.monotonic() - started
    assert f"Pushed {RECORDED + 1} items" in said
    assert elapsed < 60, f"draining {RECORDED + 1} items took {elapsed:.1f} s"
    assert server.scalar("SELECT count(*) FROM interactions") == RECORDED + 1
    assert server.scalar("SELECT count(DISTINCT reason) FROM interactions") == RECORDED + 1
    assert server.scalar(f"SELECT count(*) FROM interactions WHERE id = '{key}'") == 1
    status = json.loads(desk.ok("sync", "--status", "--json"))
    assert (status["online"], status["waiting"], status["failed"]) == (True, 0, 0)
    assert status["sent"] == RECORDED + 1 and status["last_error"] is None
    assert status["last_successful_sync"] is not None and status["registered"]
    # A second sync sends nothing again; the pulled interactions replaced the local copies.
    assert "Pushed 0 items" in desk.ok("sync")
    assert server.scalar("SELECT count(*) FROM applied_items") == RECORDED + 1
