"""Throttling a supervisor's name at the till, through a real server process and the desk's
real HTTP client: the till says to try later and keeps the supervisor's offline verifier
(only the server's own refusal of the password wipes it).
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from test_trust_reproductions_e2e import server  # noqa: F401 (fixture)

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.domain.money import Money
from frontdesk.services.errors import AuthFailed
from frontdesk.services.till import ApprovalRefused
from frontdesk.services.till.approval import DeskSupervisorCheck
from frontdesk.services.till.ports import ApprovalScope
from frontdesk.sync.service import workstation_transport
from redteam import PASSWORD


def _scope() -> ApprovalScope:
    return ApprovalScope("SHOPA", "refund", str(uuid.uuid4()), Money.of("5.00", "GBP"))


def test_a_throttled_supervisor_name_keeps_its_verifier(server, tmp_path: Path) -> None:  # noqa: F811
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    central = CentralClient(server.url, timeouts=(2.0, 30.0))
    try:
        uow = SqlAlchemyTillUnitOfWork(database.writer)
        cashier = workstation_transport(
            central, SqlAlchemyUnitOfWork(database.writer), "cat", PASSWORD
        )
        check = DeskSupervisorCheck(
            lambda: cashier, uow, verifier=Argon2Verifier(), valid_for=timedelta(days=14)
        )
        assert check.approve("sue", PASSWORD, scope=_scope()).method == "online"
        with pytest.raises(ApprovalRefused, match="is a cashier"):
            check.approve("cat", PASSWORD, scope=_scope())  # a real refusal forgets cat
        with uow:
            assert uow.supervisors.get("cat") is None
        guesser = CentralClient(server.url, timeouts=(2.0, 30.0))
        for _ in range(6):  # someone elsewhere guesses sue's password until her name waits
            with pytest.raises(AuthFailed):
                guesser.login("sue", "not her password")
        guesser.close()
        with pytest.raises(ApprovalRefused, match=r"^supervisor: too many .* try again in"):
            check.approve("sue", PASSWORD, scope=_scope())
        with uow:
            assert uow.supervisors.get("sue") is not None  # still approves offline here
    finally:
        database.dispose()
        central.close()
