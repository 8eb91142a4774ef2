"""A push needs a login made with the workstation's device id (real server process).

A token without a device (an older desk, a script) still reads and pulls, but its push is
refused with 403 and a message that says to log in with the device id; the same desk,
logged in with its device, pushes the very item, and a replay of it is answered from the
stored result without a second row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_support import RunningServer
from sqlalchemy import text
from test_pull_e2e import PASSWORD
from test_push_faults import _count  # the server fixture (ann and data) is in conftest

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.protocol import ItemEnvelope, PushStatus
from frontdesk.services.errors import AuthFailed
from frontdesk.services.writes import record_interaction
from frontdesk.sync.pull import pull_all
from frontdesk.sync.push import push_all
from frontdesk.sync.service import AuthorizedCentral, workstation_transport


def _pending(uow: SqlAlchemyUnitOfWork) -> list[ItemEnvelope]:
    with uow:
        entries = uow.outbox.pending(limit=10)
    return [
        ItemEnvelope(key=e.key, kind=e.kind, seq=e.seq, created_at=e.created_at, payload=e.payload)
        for e in entries
    ]


def test_only_a_login_with_the_device_pushes_and_a_replay_applies_once(
    server: RunningServer,
    tmp_path: Path,
) -> None:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    central = CentralClient(server.url, timeouts=(2.0, 30.0))
    try:
        uow = SqlAlchemyUnitOfWork(database.writer)
        with uow:
            device_id = uow.workstation.get().device_id
        plain = central.login("ann", PASSWORD)
        assert plain.device_id is None
        pulled = pull_all(AuthorizedCentral(central, plain.refresh_token), uow)
        assert pulled.customers > 0  # reading needs no device
        with database.engine.connect() as connection:
            customer_id = connection.execute(text("SELECT id FROM customers LIMIT 1")).scalar()
        record_interaction(uow, customer_id=customer_id, channel="call", reason="x", agent="ann")
        items = _pending(uow)

        with pytest.raises(AuthFailed) as refused:
            central.push(device_id, items, access_token=plain.access_token)
        assert str(refused.value) == (
            "this login was made without a device id and cannot push: log in again with the "
            f"device id of the workstation ({device_id}) to push for it"
        )
        assert _count(server.db_url, "SELECT count(*) FROM interactions") == 0

        bound = workstation_transport(central, uow, "ann", PASSWORD)
        assert push_all(bound, uow).sent == 1
        (replay,) = bound.push(device_id, items).results
        assert (replay.status, replay.replayed) == (PushStatus.APPLIED, True)
        assert _count(server.db_url, "SELECT count(*) FROM interactions") == 1
    finally:
        database.dispose()
        central.close()
