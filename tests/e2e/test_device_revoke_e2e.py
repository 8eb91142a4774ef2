"""``frontdesk-server device revoke``, run as its own process, stops a desk's pushes at once
(real server process, real HTTP client): the desk is told the device was revoked, its
refresh fails the same way, and a new sign-in there is refused.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_support import RunningServer, run_server_command
from sqlalchemy import text
from test_pull_e2e import PASSWORD
from test_push_faults import _count  # the server fixture (ann and data) is in conftest

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.services.errors import AuthFailed
from frontdesk.services.writes import record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import push_all
from frontdesk.sync.service import workstation_transport

REVOKED = "this device was revoked"


def _record_call(database, uow: SqlAlchemyUnitOfWork, reason: str) -> None:
    with database.engine.connect() as connection:
        customer_id = connection.execute(text("SELECT id FROM customers LIMIT 1")).scalar()
    record_interaction(uow, customer_id=customer_id, channel="call", reason=reason, agent="ann")


def test_a_revoked_device_pushes_no_more(server: RunningServer, tmp_path: Path) -> None:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    central = CentralClient(server.url, timeouts=(2.0, 30.0))
    try:
        uow = SqlAlchemyUnitOfWork(database.writer)
        with uow:
            device_id = uow.workstation.get().device_id
        desk = workstation_transport(central, uow, "ann", PASSWORD)
        pull_all(desk, uow)
        _record_call(database, uow, "before")
        assert push_all(desk, uow).sent == 1

        run_server_command(server.db_url, "device", "revoke", device_id)
        _record_call(database, uow, "after")
        with pytest.raises(AuthFailed) as refused:
            push_all(desk, uow)
        assert REVOKED in str(refused.value)
        with pytest.raises(AuthFailed) as again:
            workstation_transport(central, uow, "ann", PASSWORD)
        assert REVOKED in str(again.value)
        assert _count(server.db_url, "SELECT count(*) FROM interactions") == 1
    finally:
        database.dispose()
        central.close()
