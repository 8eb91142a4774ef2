"""A real desk cache for the till, and a server app with a cashier logged in (and a
supervisor of the same branch, the approver of the helpers' ``APPROVAL``), and register
SHOP1 set up for their branch (bound to no device: the first to push binds it); a test
adds any other register with ``till_helpers.add_register``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import PASSWORD, add_register

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.server.app import create_app
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user


@pytest.fixture
def till_uow(tmp_path: Path) -> Iterator[SqlAlchemyTillUnitOfWork]:
    database = open_cache(tmp_path / "desk" / "cache.sqlite3")
    try:
        yield SqlAlchemyTillUnitOfWork(database.writer)
    finally:
        database.dispose()


@pytest.fixture
def api(migrated_url: str, server_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    add_user(server_factory, username="cat", password=PASSWORD, role="cashier", branch="Leeds")
    add_user(server_factory, username="sue", password=PASSWORD, role="supervisor", branch="Leeds")
    add_register(server_factory, "SHOP1", branch="Leeds")
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        login = client.post("/api/v1/auth/login", json={"username": "cat", "password": PASSWORD})
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        yield client
