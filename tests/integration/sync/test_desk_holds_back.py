"""A desk below the server's minimum version holds its writes back, on a real cache: nothing
is sent, every item stays pending, and it goes once the rules allow (sync/updates.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import ItemEnvelope, ItemResult, PushResponse, PushStatus
from frontdesk.protocol.versions import DeskVersions
from frontdesk.services.errors import DeskTooOld
from frontdesk.services.writes import record_interaction
from frontdesk.sync.push import AbstractPushTransport
from frontdesk.sync.service import sync_status
from frontdesk.sync.updates import (
    AVAILABLE,
    REQUIRED,
    AbstractVersionSource,
    learn_versions,
    push_unless_too_old,
)

NOW = datetime(2024, 3, 2, 10, 0, tzinfo=UTC)
RULES = DeskVersions(current="0.3.0", minimum="0.2.0", download_url="https://dl.example/fd")


class Server(AbstractPushTransport, AbstractVersionSource):
    """Publishes ``versions``; applies every pushed item, or answers 426 while ``refuse``."""

    def __init__(self, versions: DeskVersions | None) -> None:
        self.versions = versions
        self.refuse: DeskTooOld | None = None
        self.pushed: list[str] = []

    def desk_versions(self) -> DeskVersions | None:
        return self.versions

    def push(self, device_id: str, items: list[ItemEnvelope]) -> PushResponse:
        if self.refuse is not None:
            raise self.refuse
        self.pushed += [item.key for item in items]
        results = [ItemResult(key=i.key, status=PushStatus.APPLIED, result={}) for i in items]
        return PushResponse(results=results)


def _write(uow: SqlAlchemyUnitOfWork) -> str:
    return record_interaction(uow, customer_id="c1", channel="call", reason="x", agent="ann").id


def _push(server: Server, uow: SqlAlchemyUnitOfWork, *, desk: str = "0.1.0"):
    return push_unless_too_old(server, uow, desk_version=desk, batch_size=100, clock=lambda: NOW)


def _states(uow: SqlAlchemyUnitOfWork) -> tuple[int, int]:
    with uow:
        counts = uow.outbox.counts()
    return counts.pending, counts.sent


def test_below_the_published_minimum_nothing_is_sent(uow: SqlAlchemyUnitOfWork) -> None:
    server = Server(RULES)
    _write(uow)
    learn_versions(server, uow)

    result = _push(server, uow)

    assert (result.held_back, result.sent, server.pushed) == (1, 0, [])
    assert _states(uow) == (1, 0)
    with uow:
        [entry] = uow.outbox.pending(limit=10)
    assert entry.attempts == 0  # not even tried: the server is not asked in vain


def test_at_the_minimum_or_with_no_rules_it_pushes(uow: SqlAlchemyUnitOfWork) -> None:
    key = _write(uow)
    server = Server(RULES)
    learn_versions(server, uow)
    assert _push(server, uow, desk="0.2.0").sent == 1
    assert server.pushed == [key]

    older = Server(None)  # a server that publishes no versions takes every desk's
    learn_versions(older, uow)
    second = _write(uow)
    assert _push(older, uow).sent == 1 and older.pushed == [second]


def test_a_426_keeps_its_versions_and_holds_the_items(uow: SqlAlchemyUnitOfWork) -> None:
    server = Server(None)  # the minimum was raised after the desk last asked
    server.refuse = DeskTooOld("Frontdesk 0.1.0 is older than ...", versions=RULES)
    _write(uow)

    result = _push(server, uow)

    assert result.held_back == 1 and _states(uow) == (1, 0)
    with uow:
        assert uow.sync_state.server_versions() == RULES
    server.refuse = None
    assert _push(server, uow).held_back == 1 and server.pushed == []  # not asked again


def test_a_426_that_names_no_versions_is_an_error(uow: SqlAlchemyUnitOfWork) -> None:
    server = Server(None)
    server.refuse = DeskTooOld("the server takes no pushes from this desk's version")
    _write(uow)
    with pytest.raises(DeskTooOld):
        _push(server, uow)
    assert _states(uow) == (1, 0)


def test_once_the_minimum_is_lowered_the_kept_items_go_once(uow) -> None:
    server = Server(RULES)
    keys = [_write(uow), _write(uow)]
    learn_versions(server, uow)
    assert _push(server, uow).held_back == 2

    server.versions = DeskVersions(current="0.3.0", minimum="0.1.0")
    learn_versions(server, uow)
    assert _push(server, uow).sent == 2
    assert _push(server, uow).sent == 0

    assert server.pushed == keys and _states(uow) == (0, 2)


def test_the_status_says_what_is_due(uow: SqlAlchemyUnitOfWork) -> None:
    assert sync_status(uow, central=None, online=False)["update"] is None
    learn_versions(Server(RULES), uow)

    old = sync_status(uow, central=None, online=True, desk_version="0.1.0")
    assert {k: old[k] for k in ("desk_version", "server_current_version",
                                "server_minimum_version", "download_url", "update")} == {
        "desk_version": "0.1.0", "server_current_version": "0.3.0",
        "server_minimum_version": "0.2.0", "download_url": "https://dl.example/fd",
        "update": REQUIRED,
    }  # fmt: skip
    assert sync_status(uow, central=None, online=True, desk_version="0.2.1")["update"] == AVAILABLE
    assert sync_status(uow, central=None, online=True, desk_version="0.3.0")["update"] is None
