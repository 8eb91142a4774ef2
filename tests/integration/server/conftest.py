"""Server API fixtures: an app on a migrated database, a user, and that user's tokens."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

USERNAME = "anna.agent"
PASSWORD = "correct horse battery"


@pytest.fixture
def unused_port() -> int:
    """A loopback TCP port that nothing listens on (right now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def settings(migrated_url: str) -> Settings:
    return Settings(database_url=migrated_url)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture
def password() -> str:
    """The password of the ``user`` fixture."""
    return PASSWORD


@pytest.fixture
def user(server_factory: sessionmaker[Session]) -> str:
    add_user(server_factory, username=USERNAME, password=PASSWORD, role="agent", branch="Leeds")
    return USERNAME


@pytest.fixture
def tokens(client: TestClient, user: str) -> dict:
    response = client.post("/api/v1/auth/login", json={"username": user, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def auth_headers(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}
