"""Refresh-token rotation, reuse detection and the reuse grace, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server import auth
from frontdesk.server.access import live_sessions, signout_everywhere
from frontdesk.server.app import create_app
from frontdesk.server.models import AuthToken
from frontdesk.server.settings import Settings

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def rules(migrated_url: str) -> Settings:
    return Settings(database_url=migrated_url)


def _login(factory: sessionmaker[Session], user: str, password: str, rules: Settings, at=T0):
    with factory() as session:
        pair = auth.login(session, username=user, password=password, settings=rules, now=at)
        session.commit()
    return pair


def _refresh(factory: sessionmaker[Session], token: str, rules: Settings, at: datetime):
    with factory() as session:
        pair = auth.refresh(session, refresh_token=token, settings=rules, now=at)
        session.commit()
    return pair


def _access_ok(factory: sessionmaker[Session], token: str, at: datetime) -> bool:
    with factory() as session:
        try:
            return auth.login_for_token(session, token, kind=auth.ACCESS, now=at) is not None
        except auth.AccessTakenBack:
            return False


def test_each_refresh_issues_a_new_refresh_token_and_uses_up_the_old(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    first = _login(server_factory, user, password, rules)
    second = _refresh(server_factory, first.refresh_token, rules, T0 + timedelta(minutes=1))
    third = _refresh(server_factory, second.refresh_token, rules, T0 + timedelta(minutes=2))
    assert len({first.refresh_token, second.refresh_token, third.refresh_token}) == 3
    with server_factory() as session:
        rows = {r.token_hash: r for r in session.scalars(select(AuthToken))}
    old = rows[auth.token_digest(first.refresh_token)]
    newest = rows[auth.token_digest(third.refresh_token)]
    assert old.used_at == T0 + timedelta(minutes=1)
    assert newest.used_at is None
    assert {r.family_id for r in rows.values()} == {old.family_id}  # one sign-in, one family
    # The family ends when the sign-in does: rotation does not extend it.
    assert newest.expires_at == old.expires_at == T0 + rules.refresh_token_lifetime


def test_a_reused_refresh_token_revokes_the_whole_family(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    stolen = _login(server_factory, user, password, rules)
    legit = _refresh(server_factory, stolen.refresh_token, rules, T0 + timedelta(minutes=1))
    other_desk = _login(server_factory, user, password, rules, at=T0 + timedelta(minutes=2))

    # Two minutes after its exchange: well past the reuse grace.
    with pytest.raises(auth.RefreshReused, match=r"used twice.*sign in again"):
        _refresh(server_factory, stolen.refresh_token, rules, T0 + timedelta(minutes=3))

    later = T0 + timedelta(minutes=4)
    # The legitimate holder's newer tokens are refused too, saying why.
    assert not _access_ok(server_factory, legit.access_token, later)
    assert not _access_ok(server_factory, stolen.access_token, later)
    with pytest.raises(auth.RefreshReused):
        _refresh(server_factory, legit.refresh_token, rules, later)
    # Another sign-in of the same user is a family of its own and keeps working.
    assert _access_ok(server_factory, other_desk.access_token, later)
    _refresh(server_factory, other_desk.refresh_token, rules, later)


def test_refreshed_tokens_carry_the_users_generation(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    pair = _login(server_factory, user, password, rules)
    pair = _refresh(server_factory, pair.refresh_token, rules, T0 + timedelta(minutes=1))
    signout_everywhere(server_factory, user)
    with pytest.raises(auth.AccessTakenBack, match="signed out everywhere"):
        _refresh(server_factory, pair.refresh_token, rules, T0 + timedelta(minutes=2))
    fresh = _login(server_factory, user, password, rules, at=T0 + timedelta(minutes=3))
    renewed = _refresh(server_factory, fresh.refresh_token, rules, T0 + timedelta(minutes=4))
    assert _access_ok(server_factory, renewed.access_token, T0 + timedelta(minutes=5))


def test_refresh_drops_the_users_expired_tokens(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    pair = _login(server_factory, user, password, rules)
    for minute in range(1, 41):
        pair = _refresh(server_factory, pair.refresh_token, rules, T0 + timedelta(minutes=minute))
    with server_factory() as session:
        access = session.scalar(
            select(func.count()).select_from(AuthToken).where(AuthToken.kind == auth.ACCESS)
        )
    # 15-minute access tokens, one refresh a minute: only the last 15 or so are still on record.
    assert access is not None and access <= 16


def test_sessions_list_one_live_sign_in_per_family(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    now = datetime.now(UTC)
    pair = _login(server_factory, user, password, rules, at=now)
    for minute in (1, 2, 3):
        pair = _refresh(server_factory, pair.refresh_token, rules, now + timedelta(seconds=minute))
    [session_row] = live_sessions(server_factory, user)
    assert session_row.created_at == now  # when the password was given
    assert session_row.last_used_at == now + timedelta(seconds=3)


def test_lifetimes_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTDESK_SERVER_ACCESS_TOKEN_MINUTES", "5")
    monkeypatch.setenv("FRONTDESK_SERVER_REFRESH_TOKEN_DAYS", "7")
    loaded = Settings.load(db="sqlite:///unused.sqlite3")
    assert loaded.access_token_lifetime == timedelta(minutes=5)
    assert loaded.refresh_token_lifetime == timedelta(days=7)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("FRONTDESK_SERVER_ACCESS_TOKEN_MINUTES", "0", "must be at least 1"),
        ("FRONTDESK_SERVER_ACCESS_TOKEN_MINUTES", "1.5", "whole number of minutes"),
        ("FRONTDESK_SERVER_REFRESH_TOKEN_DAYS", "-3", "whole number of days"),
        ("FRONTDESK_SERVER_LOGIN_FREE_FAILURES", "five", "whole number of failures"),
        ("FRONTDESK_SERVER_LOGIN_MAX_DELAY_SECONDS", "0", "must be at least 1"),
        ("FRONTDESK_SERVER_REFRESH_REUSE_GRACE_SECONDS", "-1", "whole number of seconds"),
        ("FRONTDESK_SERVER_REFRESH_REUSE_GRACE_SECONDS", "a minute", "whole number of seconds"),
    ],
)
def test_bad_settings_are_refused_with_their_name(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message) as refused:
        Settings.load(db="sqlite:///unused.sqlite3")
    assert name in str(refused.value)


# The reuse grace: a desk that lost the answer to a refresh presents the token it just
# exchanged again.
T1 = T0 + timedelta(minutes=1)  # when the first refresh happened


def test_the_lost_answer_of_a_refresh_may_be_retried_once_within_the_grace(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    first = _login(server_factory, user, password, rules)
    lost = _refresh(server_factory, first.refresh_token, rules, T1)  # never reached the desk

    retried = _refresh(server_factory, first.refresh_token, rules, T1 + timedelta(seconds=30))

    assert retried.refresh_token not in {first.refresh_token, lost.refresh_token}
    at = T1 + timedelta(seconds=40)
    assert _access_ok(server_factory, retried.access_token, at)
    assert not _access_ok(server_factory, lost.access_token, at)  # voided with its token
    onward = _refresh(server_factory, retried.refresh_token, rules, at)
    assert _access_ok(server_factory, onward.access_token, at)


def test_the_grace_works_once_per_refresh(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    first = _login(server_factory, user, password, rules)
    _refresh(server_factory, first.refresh_token, rules, T1)
    retried = _refresh(server_factory, first.refresh_token, rules, T1 + timedelta(seconds=10))

    with pytest.raises(auth.RefreshReused):
        _refresh(server_factory, first.refresh_token, rules, T1 + timedelta(seconds=20))

    _assert_family_revoked(server_factory, retried, rules, T1 + timedelta(seconds=30))


def test_the_voided_successor_presented_later_revokes_the_family(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    """A thief replaying the old token within the grace voids the desk's successor: the
    desk's next refresh with it is a reuse, and the thief's new pair ends with the family."""
    first = _login(server_factory, user, password, rules)
    desk = _refresh(server_factory, first.refresh_token, rules, T1)
    thief = _refresh(server_factory, first.refresh_token, rules, T1 + timedelta(seconds=5))

    with pytest.raises(auth.RefreshReused):
        _refresh(server_factory, desk.refresh_token, rules, T1 + timedelta(minutes=5))

    _assert_family_revoked(server_factory, thief, rules, T1 + timedelta(minutes=6))


def test_a_retry_after_the_grace_revokes_the_family(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    first = _login(server_factory, user, password, rules)
    successor = _refresh(server_factory, first.refresh_token, rules, T1)
    late = T1 + rules.refresh_reuse_grace + timedelta(seconds=1)

    with pytest.raises(auth.RefreshReused):
        _refresh(server_factory, first.refresh_token, rules, late)

    _assert_family_revoked(server_factory, successor, rules, late)


def test_the_grace_ends_at_its_last_second(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    first = _login(server_factory, user, password, rules)
    _refresh(server_factory, first.refresh_token, rules, T1)
    retried = _refresh(server_factory, first.refresh_token, rules, T1 + rules.refresh_reuse_grace)
    assert _access_ok(server_factory, retried.access_token, T1 + rules.refresh_reuse_grace)


def test_an_older_token_gets_no_grace(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    first = _login(server_factory, user, password, rules)
    second = _refresh(server_factory, first.refresh_token, rules, T1)
    third = _refresh(server_factory, second.refresh_token, rules, T1 + timedelta(seconds=10))

    # Within the grace of its own exchange, but its successor was used: not a retry.
    with pytest.raises(auth.RefreshReused):
        _refresh(server_factory, first.refresh_token, rules, T1 + timedelta(seconds=20))

    _assert_family_revoked(server_factory, third, rules, T1 + timedelta(seconds=30))


def test_no_grace_when_it_is_set_to_zero(
    server_factory: sessionmaker[Session], user: str, password: str, migrated_url: str
) -> None:
    strict = Settings(database_url=migrated_url, refresh_reuse_grace=timedelta(0))
    first = _login(server_factory, user, password, strict)
    successor = _refresh(server_factory, first.refresh_token, strict, T1)

    with pytest.raises(auth.RefreshReused):
        _refresh(server_factory, first.refresh_token, strict, T1 + timedelta(seconds=1))

    _assert_family_revoked(server_factory, successor, strict, T1 + timedelta(seconds=2))


def test_no_grace_after_the_family_was_revoked(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    first = _login(server_factory, user, password, rules)
    second = _refresh(server_factory, first.refresh_token, rules, T0 + timedelta(seconds=1))
    _refresh(server_factory, second.refresh_token, rules, T1)
    with pytest.raises(auth.RefreshReused):  # a stale token: the family is revoked
        _refresh(server_factory, first.refresh_token, rules, T1 + timedelta(seconds=1))

    # The newest exchange is within its grace, but nothing of the family is live any more.
    with pytest.raises(auth.RefreshReused):
        _refresh(server_factory, second.refresh_token, rules, T1 + timedelta(seconds=2))


def _assert_family_revoked(
    factory: sessionmaker[Session], pair, rules: Settings, at: datetime
) -> None:
    assert not _access_ok(factory, pair.access_token, at)
    with pytest.raises(auth.RefreshReused):
        _refresh(factory, pair.refresh_token, rules, at)


def test_a_reused_token_is_a_plain_401_over_http(settings: Settings, user: str, password: str):
    """No taken-back marker: the desk says "sign in again" but keeps its verifiers; an
    admin's sign-out everywhere still carries the marker."""
    with TestClient(create_app(settings)) as client:
        first = client.post(
            "/api/v1/auth/login", json={"username": user, "password": password}
        ).json()
        second = _http_refresh(client, first["refresh_token"]).json()
        _http_refresh(client, second["refresh_token"])

        reused = _http_refresh(client, first["refresh_token"])

        assert reused.status_code == 401
        assert "used twice" in reused.json()["detail"]
        assert "X-Frontdesk-Access" not in reused.headers
        fresh = client.post(
            "/api/v1/auth/login", json={"username": user, "password": password}
        ).json()
        signout_everywhere(client.app.state.session_factory, user)
        taken = _http_refresh(client, fresh["refresh_token"])
        assert taken.status_code == 401
        assert taken.headers["X-Frontdesk-Access"] == "taken-back"


def _http_refresh(client: TestClient, token: str):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": token})


def test_the_grace_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Settings.load(db="sqlite:///unused.sqlite3").refresh_reuse_grace == timedelta(seconds=60)
    monkeypatch.setenv("FRONTDESK_SERVER_REFRESH_REUSE_GRACE_SECONDS", "0")
    assert Settings.load(db="sqlite:///unused.sqlite3").refresh_reuse_grace == timedelta(0)
    monkeypatch.setenv("FRONTDESK_SERVER_REFRESH_REUSE_GRACE_SECONDS", "15")
    assert Settings.load(db="sqlite:///unused.sqlite3").refresh_reuse_grace == timedelta(seconds=15)
