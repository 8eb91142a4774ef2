"""``serve``'s background rebuild: when a snapshot is stale, and one builder at a time
through the claim row in the database. SQLite and PostgreSQL."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from snapshot_helpers import change_after_build, fill

from frontdesk.server.app import create_app
from frontdesk.server.db import utcnow
from frontdesk.server.settings import Settings
from frontdesk.server.snapshot import store
from frontdesk.server.snapshot.build import build_snapshot
from frontdesk.server.snapshot.schedule import (
    CLAIM_LEASE,
    claim,
    is_stale,
    rebuild_if_stale,
    release,
)

HOUR = timedelta(hours=1)


def test_stale_once_changed_and_old_enough(server_factory) -> None:
    fill(server_factory)
    with server_factory() as session:
        assert is_stale(session, every=HOUR, now=utcnow())
    made = build_snapshot(server_factory)
    change_after_build(server_factory)
    with server_factory() as session:
        assert not is_stale(session, every=HOUR, now=made.built_at + HOUR / 2)
        assert is_stale(session, every=HOUR, now=made.built_at + HOUR)
    build_snapshot(server_factory)
    with server_factory() as session:  # nothing changed since: never stale
        assert not is_stale(session, every=HOUR, now=made.built_at + 10 * HOUR)


def test_one_claim_at_a_time_and_a_dead_ones_runs_out(server_factory) -> None:
    now = utcnow()
    assert claim(server_factory, owner="a", now=now)
    assert not claim(server_factory, owner="b", now=now + HOUR / 2)
    release(server_factory, owner="b")  # not b's: a still holds it
    assert not claim(server_factory, owner="b", now=now)
    release(server_factory, owner="a")
    assert claim(server_factory, owner="b", now=now)
    assert claim(server_factory, owner="c", now=now + CLAIM_LEASE + timedelta(seconds=1))


def test_a_stale_snapshot_is_rebuilt_unless_another_builds(server_factory) -> None:
    fill(server_factory)
    assert claim(server_factory, owner="other", now=utcnow())
    assert rebuild_if_stale(server_factory, every=HOUR, owner="me") is None
    release(server_factory, owner="other")
    made = rebuild_if_stale(server_factory, every=HOUR, owner="me")
    assert made is not None and made.rows["customers"] == 12
    assert rebuild_if_stale(server_factory, every=timedelta(0), owner="me") is None
    assert claim(server_factory, owner="next", now=utcnow())  # released after the build


def test_serve_builds_it_in_the_background(migrated_url, server_factory) -> None:
    fill(server_factory)
    settings = Settings(database_url=migrated_url, snapshot_every=timedelta(minutes=5))
    with TestClient(create_app(settings)):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _newest(server_factory) is None:
            time.sleep(0.1)
    assert _newest(server_factory) is not None


def _newest(factory):
    with factory() as session:
        return store.newest(session)


def test_the_period_comes_from_the_environment(monkeypatch) -> None:
    assert Settings.load(db="sqlite:///unused.sqlite3").snapshot_every == timedelta(0)
    monkeypatch.setenv("FRONTDESK_SERVER_SNAPSHOT_EVERY_MINUTES", "30")
    assert Settings.load(db="sqlite:///unused.sqlite3").snapshot_every == timedelta(minutes=30)
    monkeypatch.setenv("FRONTDESK_SERVER_SNAPSHOT_EVERY_MINUTES", "-5")
    with pytest.raises(ValueError, match="FRONTDESK_SERVER_SNAPSHOT_EVERY_MINUTES"):
        Settings.load(db="sqlite:///unused.sqlite3")
