"""Refresh-token rotation and reuse detection, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server import auth
from frontdesk.server.access import live_sessions, signout_everywhere
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
    ],
)
def test_bad_settings_are_refused_with_their_name(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValueError, match=message) as refused:
        Settings.load(db="sqlite:///unused.sqlite3")
    assert name in str(refused.value)
