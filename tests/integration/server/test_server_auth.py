"""Health, login, refresh and logout through the real app on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk import __version__
from frontdesk.server.app import create_app
from frontdesk.server.models import AuthToken
from frontdesk.server.settings import Settings

LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
PULL = "/api/v1/sync/pull"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_health_reports_version_and_dialect(client: TestClient, migrated_url: str) -> None:
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    expected = "sqlite" if migrated_url.startswith("sqlite") else "postgresql"
    assert response.json() == {"status": "ok", "version": __version__, "database": expected}


def test_health_is_503_when_the_database_is_unreachable(unused_port: int) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{unused_port}/nothing"
    with TestClient(create_app(Settings(database_url=url))) as client:
        response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["status"] == "database unavailable"


def test_login_returns_a_token_pair_and_the_user(tokens: dict) -> None:
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 15 * 60
    assert tokens["user"] == {"username": "anna.agent", "role": "agent", "branch": "Leeds"}
    # token_urlsafe(32): 32 random bytes, 43 characters.
    assert len(tokens["access_token"]) >= 43
    assert tokens["access_token"] != tokens["refresh_token"]


def test_tokens_are_stored_only_as_sha256(
    tokens: dict, server_factory: sessionmaker[Session]
) -> None:
    with server_factory() as session:
        stored = {row.token_hash: row.kind for row in session.scalars(select(AuthToken))}
    assert tokens["access_token"] not in stored
    digest = hashlib.sha256(tokens["access_token"].encode()).hexdigest()
    assert stored[digest] == "access"
    assert stored[hashlib.sha256(tokens["refresh_token"].encode()).hexdigest()] == "refresh"


@pytest.mark.parametrize(
    ("username", "given"),
    [("anna.agent", "wrong password"), ("nobody", None), ("ANNA.AGENT", None)],
)
def test_bad_credentials_get_401(
    client: TestClient, user: str, password: str, username: str, given: str | None
) -> None:
    body = {"username": username, "password": given or password}
    response = client.post(LOGIN, json=body)
    assert response.status_code == 401
    assert response.json() == {"detail": "invalid username or password"}


def test_malformed_login_gets_422_with_a_message(client: TestClient) -> None:
    response = client.post(LOGIN, json={"username": "", "extra": 1})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "body.username" in detail and "body.password" in detail


def test_refresh_rotates_the_refresh_token(client: TestClient, tokens: dict) -> None:
    response = client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 200
    renewed = response.json()
    assert renewed["refresh_token"] != tokens["refresh_token"]
    assert renewed["access_token"] != tokens["access_token"]
    assert client.get(PULL, headers=_bearer(renewed["access_token"])).status_code == 200
    # The access token of the rotated refresh token lives out its short lifetime.
    assert client.get(PULL, headers=_bearer(tokens["access_token"])).status_code == 200


def test_refresh_refuses_an_access_token_and_garbage(client: TestClient, tokens: dict) -> None:
    for token in (tokens["access_token"], "x" * 43):
        response = client.post(REFRESH, json={"refresh_token": token})
        assert response.status_code == 401
        assert "log in again" in response.json()["detail"]


def test_logout_revokes_refresh_and_access_tokens(client: TestClient, tokens: dict) -> None:
    assert client.post(LOGOUT, json={"refresh_token": tokens["refresh_token"]}).status_code == 204
    assert client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    assert client.get(PULL, headers=_bearer(tokens["access_token"])).status_code == 401


def test_pull_requires_a_valid_access_token(client: TestClient, tokens: dict) -> None:
    missing = client.get(PULL)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"
    assert client.get(PULL, headers=_bearer("not-a-token")).status_code == 401
    assert client.get(PULL, headers=_bearer(tokens["refresh_token"])).status_code == 401
    assert client.get(PULL, headers=_bearer(tokens["access_token"])).status_code == 200


def test_expired_access_token_is_refused_but_refresh_works(
    migrated_url: str, user: str, password: str
) -> None:
    settings = Settings(database_url=migrated_url, access_token_lifetime=timedelta(0))
    with TestClient(create_app(settings)) as client:
        pair = client.post(LOGIN, json={"username": user, "password": password}).json()
        assert pair["expires_in"] == 0
        response = client.get(PULL, headers=_bearer(pair["access_token"]))
        assert response.status_code == 401
        assert response.json()["detail"] == "access token is invalid or expired"
        assert (
            client.post(REFRESH, json={"refresh_token": pair["refresh_token"]}).status_code == 200
        )


def test_tokens_issued_by_one_app_are_accepted_by_another(settings: Settings, tokens: dict):
    """Two app instances stand in for two stateless server processes on one database."""
    with TestClient(create_app(settings)) as other:
        assert other.get(PULL, headers=_bearer(tokens["access_token"])).status_code == 200
