"""Fault tests of push against a real server process: connections cut before the answer.

A small loopback TCP proxy sits between the desk and the server. It forwards each request
whole, lets the server apply it, and then cuts the connection before the first byte of the
answer reaches the desk, for the first few pushes. The desk must treat that as "unknown",
keep the items pending, and send them again under the same keys: no loss, no duplicate.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from sqlalchemy import create_engine, text
from test_pull_e2e import PASSWORD

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.services.errors import ServerUnreachable
from frontdesk.services.writes import record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import push_all
from frontdesk.sync.service import workstation_transport

CUTS = 3
WRITES = 60


class CuttingProxy:
    """Forwards loopback TCP; the first ``cuts`` push answers are dropped, connection and all."""

    def __init__(self, upstream_port: int, *, cuts: int) -> None:
        self.upstream_port, self.cuts_left, self.cut = upstream_port, cuts, 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        pushing = threading.Event()
        threading.Thread(
            target=self._requests, args=(client, upstream, pushing), daemon=True
        ).start()
        try:
            while data := upstream.recv(65536):
                if pushing.is_set() and self._take_cut():
                    break  # the server has answered: the push was applied; drop the answer
                pushing.clear()
                client.sendall(data)
        except OSError:
            pass
        finally:
            # shutdown, not just close: the request thread still blocks in recv on them.
            for end in (client, upstream):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def _requests(self, client: socket.socket, upstream: socket.socket, pushing) -> None:
        try:
            while data := client.recv(65536):
                if b"POST /api/v1/sync/push" in data:
                    pushing.set()
                upstream.sendall(data)
        except OSError:
            pass

    def _take_cut(self) -> bool:
        with self._lock:
            if self.cuts_left == 0:
                return False
            self.cuts_left -= 1
            self.cut += 1
            return True

    def close(self) -> None:
        self._listener.close()


def _count(db_url: str, sql: str) -> int:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def test_answers_cut_after_apply_lose_nothing_and_duplicate_nothing(server, tmp_path) -> None:
    proxy = CuttingProxy(int(server.url.rsplit(":", 1)[1]), cuts=CUTS)
    central = CentralClient(f"http://127.0.0.1:{proxy.port}", timeouts=(2.0, 10.0))
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    try:
        uow = SqlAlchemyUnitOfWork(database.writer)
        transport = workstation_transport(central, uow, "ann", PASSWORD)
        pull_all(transport, uow)
        customer_id = _any_customer(database)
        for n in range(WRITES):
            record_interaction(
                uow, customer_id=customer_id, channel="call", reason=f"call {n}", agent="ann"
            )
        failures = 0
        while True:
            try:
                result = push_all(transport, uow, batch_size=25)
                break
            except ServerUnreachable:
                failures += 1
                assert failures <= CUTS, "more failures than the proxy caused"
        with uow:
            counts = uow.outbox.counts()
    finally:
        database.dispose()
        central.close()
        proxy.close()
    assert proxy.cut == CUTS and failures == CUTS
    assert result.failed == 0
    assert (counts.pending, counts.failed, counts.sent) == (0, 0, WRITES)
    assert _count(server.db_url, "SELECT count(*) FROM interactions") == WRITES
    assert _count(server.db_url, "SELECT count(DISTINCT reason) FROM interactions") == WRITES
    assert _count(server.db_url, "SELECT count(*) FROM applied_items") == WRITES


def _any_customer(database) -> str:
    with database.engine.connect() as connection:
        return connection.execute(
            text("SELECT id FROM customers WHERE account_number = '12347'")
        ).scalar_one()
