"""The window's sync runs in a child process: against a real server, with the real keyring.

The desk logs in as the window does (token in the OS keyring); the child opens the same
cache and keyring, pulls the server's customers and pushes the desk's writes. Its errors
come back as the same error classes; a child that dies is a failed run, and the next run
starts a new one.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from test_pull_e2e import PASSWORD

from frontdesk import cli
from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.errors import FrontdeskError, NotLoggedIn, ServerUnreachable
from frontdesk.services.writes import record_interaction
from frontdesk.sync.worker import WRITE, SyncOutcome
from frontdesk.sync_process import SyncProcess

WAIT_S = 60


@pytest.fixture
def keyring_session(keyring_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in keyring_env.items():  # the child inherits this process's environment
        monkeypatch.setenv(name, value)


@pytest.fixture
def client(tmp_path: Path, keyring_session) -> Iterator[ClientContext]:
    client = build_client(load_settings(data_dir=tmp_path / "desk"))
    yield client
    client.close()


def _cache_rows(client: ClientContext, query: str) -> list[tuple]:
    with closing(sqlite3.connect(client.settings.cache_path)) as connection:
        return connection.execute(query).fetchall()


def _interactions_on_server(db_url: str, interaction_id: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM interactions WHERE id = :id")
            return connection.execute(query, {"id": interaction_id}).scalar_one()
    finally:
        engine.dispose()


def test_the_child_pulls_and_pushes_for_the_window(server, client: ClientContext) -> None:
    client.login(server.url, "ann", PASSWORD)
    outcomes: list[SyncOutcome] = []
    window_sync = client.window_sync(on_outcome=outcomes.append, interval_s=3600.0)
    window_sync.start()
    try:
        _wait(lambda: outcomes, "the first run")
        assert outcomes[0].error is None and outcomes[0].online
        assert window_sync.process.pid not in (None, os.getpid())
        [(customer_id,)] = _cache_rows(client, "SELECT id FROM customers LIMIT 1")
        written = record_interaction(
            client.uow, customer_id=customer_id, channel="call", reason="child", agent="ann"
        )
        _wait(lambda: any(WRITE in o.reasons for o in outcomes[1:]), "the push of the write")
        assert _interactions_on_server(server.db_url, written.id) == 1
        assert outcomes[-1].status["waiting"] == 0
    finally:
        assert window_sync.stop()
    assert window_sync.process.pid is None


def test_the_cli_syncs_as_the_window_does(server, client: ClientContext, capsys) -> None:
    client.login(server.url, "ann", PASSWORD)
    data_dir = str(client.settings.data_dir)
    assert cli.main(["--data-dir", data_dir, "sync", "--as-window"]) == 0
    assert "Synced in a child process, as the window does." in capsys.readouterr().out
    assert _cache_rows(client, "SELECT count(*) FROM customers") != [(0,)]


def test_errors_come_back_as_their_own_classes(client: ClientContext) -> None:
    process = SyncProcess(client.settings, page_size=100, open_client=build_client)
    try:
        with pytest.raises(NotLoggedIn):
            process.sync()  # a fresh desk: nobody has logged in here
    finally:
        process.close()


def test_an_unreachable_server_is_reported_as_unreachable(server, client) -> None:
    client.login(server.url, "ann", PASSWORD)
    server.process.terminate()
    server.process.wait(timeout=15)
    process = SyncProcess(client.settings, page_size=100, open_client=build_client)
    try:
        with pytest.raises(ServerUnreachable):
            process.sync()
    finally:
        process.close()


@pytest.mark.skipif(not Path("/proc/self/syscall").exists(), reason="needs Linux's /proc")
def test_a_child_that_dies_mid_run_fails_that_run_and_the_next_run_starts_another(
    server, client: ClientContext, tmp_path: Path
) -> None:
    client.login(server.url, "ann", PASSWORD)
    process = SyncProcess(client.settings, page_size=100, open_client=build_client)
    try:
        process.sync()
        first = process.pid
        assert first is not None
        [(customer_id,)] = _cache_rows(client, "SELECT id FROM customers LIMIT 1")
        written = record_interaction(
            client.uow, customer_id=customer_id, channel="call", reason="twice?", agent="ann"
        )
        errors: list[BaseException] = []
        # The child takes the request, then waits for the cache's write lock (held here).
        with _write_lock(client.settings.cache_path):
            idle = _syscall(first)  # reading its pipe
            run = threading.Thread(target=_catching(process.sync, errors))
            run.start()
            _wait(lambda: _syscall(first) != idle, "the child to take the request")
            os.kill(first, signal.SIGKILL)
            run.join(WAIT_S)
        assert len(errors) == 1 and isinstance(errors[0], FrontdeskError), errors
        assert "sync process ended unexpectedly" in str(errors[0])
        process.sync()  # a new child pushes the unmarked item again: the server keeps one
        assert process.pid not in (None, first)
        assert _interactions_on_server(server.db_url, written.id) == 1
        assert _cache_rows(client, "SELECT count(*) FROM outbox WHERE state != 'sent'") == [(0,)]
    finally:
        process.close()
    assert process.pid is None


@contextmanager
def _write_lock(cache: Path) -> Iterator[None]:
    connection = sqlite3.connect(cache, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        yield
        connection.execute("ROLLBACK")
    finally:
        connection.close()


def _syscall(pid: int) -> str:
    """The system call ``pid`` is blocked in ("running" when it runs; Linux only)."""
    return Path(f"/proc/{pid}/syscall").read_text().split()[0]


def _catching(call, errors: list[BaseException]):
    def run() -> None:
        try:
            call()
        except BaseException as error:  # handed to the test
            errors.append(error)

    return run


def _wait(condition, what: str) -> None:
    import time

    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
