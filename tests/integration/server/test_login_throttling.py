"""Login throttling: at most 100 failed attempts per account per hour, counted in the database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server import auth
from frontdesk.server.app import create_app
from frontdesk.server.models import FailedLogin
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

LOGIN = "/api/v1/auth/login"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _failures(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(FailedLogin)) or 0


def test_the_101st_attempt_is_refused_even_with_the_right_password(
    client: TestClient, user: str, password: str, server_factory: sessionmaker[Session]
) -> None:
    for _ in range(100):
        wrong = client.post(LOGIN, json={"username": user, "password": "guess"})
        assert wrong.status_code == 401, wrong.text
    refused = client.post(LOGIN, json={"username": user, "password": password})
    assert refused.status_code == 429
    detail = refused.json()["detail"]
    assert "too many failed logins" in detail and "locked until" in detail and "UTC" in detail
    assert 3500 <= int(refused.headers["Retry-After"]) <= 3600
    assert _failures(server_factory) == 100  # refused attempts are not checked nor counted


def test_the_lock_holds_across_server_processes(
    settings: Settings, user: str, password: str
) -> None:
    tight = Settings(database_url=settings.database_url, login_failure_limit=3)
    with TestClient(create_app(tight)) as first:
        for _ in range(3):
            assert first.post(LOGIN, json={"username": user, "password": "x"}).status_code == 401
    with TestClient(create_app(tight)) as second:
        response = second.post(LOGIN, json={"username": user, "password": password})
    assert response.status_code == 429


def test_other_accounts_are_not_locked(
    settings: Settings, server_factory: sessionmaker[Session], user: str
) -> None:
    add_user(server_factory, username="bob.cashier", password="another pass 1", role="cashier")
    tight = Settings(database_url=settings.database_url, login_failure_limit=2)
    with TestClient(create_app(tight)) as client:
        for _ in range(2):
            client.post(LOGIN, json={"username": user, "password": "x"})
        body = {"username": "bob.cashier", "password": "another pass 1"}
        assert client.post(LOGIN, json=body).status_code == 200


def test_failures_leave_the_window_after_an_hour_and_success_keeps_them(
    server_factory: sessionmaker[Session], migrated_url: str, user: str, password: str
) -> None:
    settings = Settings(database_url=migrated_url, login_failure_limit=2)

    def attempt(given: str, at: datetime) -> None:
        with server_factory() as session:
            auth.login(session, username=user, password=given, settings=settings, now=at)
            session.commit()

    for minute in (0, 10):
        with pytest.raises(auth.InvalidCredentials):
            attempt("wrong", T0 + timedelta(minutes=minute))
    with pytest.raises(auth.LoginLocked) as locked:
        attempt(password, T0 + timedelta(minutes=30))
    assert locked.value.retry_at == T0 + timedelta(hours=1)
    # The first failure has left the window: one attempt may go through, and succeeds.
    attempt(password, T0 + timedelta(minutes=61))
    # A success does not wipe the failure at minute 10: one more failure locks again.
    with pytest.raises(auth.InvalidCredentials):
        attempt("wrong", T0 + timedelta(minutes=62))
    with pytest.raises(auth.LoginLocked):
        attempt(password, T0 + timedelta(minutes=63))
    assert _failures(server_factory) == 2
