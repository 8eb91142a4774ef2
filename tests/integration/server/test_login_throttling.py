"""Sign-in throttling per account name and per client address, counted in the database.

Five failures in a row are free; each further one doubles the wait before the next attempt
of that name (or from that address) is even looked at, up to the cap. Times are injected.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server import auth
from frontdesk.server.app import create_app
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

LOGIN = "/api/v1/auth/login"
T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
HOME = "10.0.0.7"


@pytest.fixture
def rules(migrated_url: str) -> Settings:
    return Settings(database_url=migrated_url)


def _try(
    factory: sessionmaker[Session],
    rules: Settings,
    *,
    username: str,
    password: str,
    at: datetime,
    address: str | None = HOME,
) -> auth.User:
    with factory() as session:
        user = auth.check_password_throttled(
            session, username=username, password=password, address=address, settings=rules, now=at
        )
        session.commit()
    return user


def _fail(factory, rules, *, username: str, at: datetime, address: str | None = HOME) -> None:
    with pytest.raises(auth.InvalidCredentials):
        _try(factory, rules, username=username, password="guess", at=at, address=address)


def test_waits_double_after_the_free_failures_and_cap(
    server_factory: sessionmaker[Session], user: str, password: str, migrated_url: str
) -> None:
    rules = Settings(database_url=migrated_url, login_max_delay=timedelta(seconds=10))
    now = T0
    for _ in range(5):
        _fail(server_factory, rules, username=user, at=now)  # free: no wait between them
    waits = []
    for _ in range(6):
        _fail(server_factory, rules, username=user, at=now)
        with pytest.raises(auth.LoginThrottled) as throttled:
            _try(server_factory, rules, username=user, password=password, at=now)
        waits.append(throttled.value.retry_after_s)
        now = throttled.value.retry_at
    assert waits == [1, 2, 4, 8, 10, 10]


def test_an_attempt_inside_the_wait_is_refused_unchecked_and_the_right_password_after_it_works(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    for second in range(7):
        at = T0 + timedelta(seconds=second * 10)
        _fail(server_factory, rules, username=user, at=at)
    last = T0 + timedelta(seconds=60)  # the 7th failure: a wait of 2 s
    with pytest.raises(auth.LoginThrottled, match="try again in 2 s") as throttled:
        _try(server_factory, rules, username=user, password=password, at=last)
    assert throttled.value.retry_at == last + timedelta(seconds=2)
    # Refused unchecked: a wrong password inside the wait is not counted as a failure.
    with pytest.raises(auth.LoginThrottled):
        _try(server_factory, rules, username=user, password="guess", at=last + timedelta(seconds=1))
    found = _try(
        server_factory, rules, username=user, password=password, at=throttled.value.retry_at
    )
    assert found.username == user
    # A success clears the streak: five free failures again.
    for _ in range(5):
        _fail(server_factory, rules, username=user, at=last + timedelta(seconds=3))
    _try(server_factory, rules, username=user, password=password, at=last + timedelta(seconds=3))


def test_unknown_names_are_throttled_exactly_like_known_ones(
    server_factory: sessionmaker[Session], user: str, rules: Settings
) -> None:
    answers = {}
    for name in (user, "no.such.user"):
        for _ in range(6):
            _fail(server_factory, rules, username=name, at=T0, address=None)
        with pytest.raises(auth.LoginThrottled) as throttled:
            _try(server_factory, rules, username=name, password="x", at=T0, address=None)
        answers[name] = str(throttled.value)
    assert answers[user] == answers["no.such.user"]


def test_the_name_is_counted_however_it_is_written(
    server_factory: sessionmaker[Session], user: str, rules: Settings
) -> None:
    for written in ("anna.agent", " ANNA.agent", "Anna.Agent ", "anna.AGENT", "ANNA.AGENT"):
        _fail(server_factory, rules, username=written, at=T0, address=None)
    _fail(server_factory, rules, username="anna.agent", at=T0, address=None)
    with pytest.raises(auth.LoginThrottled):
        _try(server_factory, rules, username="Anna.Agent", password="x", at=T0, address=None)


def test_one_address_spraying_many_names_is_throttled(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    for n in range(6):
        _fail(server_factory, rules, username=f"name{n}", at=T0, address="203.0.113.9")
    # Even the right password of an untouched account waits, from that address only.
    with pytest.raises(auth.LoginThrottled):
        _try(server_factory, rules, username=user, password=password, at=T0, address="203.0.113.9")
    assert _try(server_factory, rules, username=user, password=password, at=T0).username == user


def test_an_account_is_throttled_from_every_address(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    for n in range(6):
        _fail(server_factory, rules, username=user, at=T0, address=f"198.51.100.{n}")
    with pytest.raises(auth.LoginThrottled):
        _try(server_factory, rules, username=user, password=password, at=T0, address="192.0.2.1")


def test_other_accounts_are_not_held_up(
    server_factory: sessionmaker[Session], user: str, rules: Settings
) -> None:
    add_user(server_factory, username="bob.cashier", password="another pass 1", role="cashier")
    for n in range(6):
        _fail(server_factory, rules, username=user, at=T0, address=f"198.51.100.{n}")
    bob = _try(server_factory, rules, username="bob.cashier", password="another pass 1", at=T0)
    assert bob.username == "bob.cashier"


def test_the_wait_holds_across_server_processes_and_answers_429_with_retry_after(
    settings: Settings, user: str, password: str
) -> None:
    tight = Settings(database_url=settings.database_url, login_free_failures=2)
    with TestClient(create_app(tight)) as first:
        for _ in range(3):
            assert first.post(LOGIN, json={"username": user, "password": "x"}).status_code == 401
    with TestClient(create_app(tight)) as second:
        response = second.post(LOGIN, json={"username": user, "password": password})
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"
    assert "too many failed sign-ins" in response.json()["detail"]
    assert "try again in 1 s" in response.json()["detail"]


def test_free_failures_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTDESK_SERVER_LOGIN_FREE_FAILURES", "0")
    monkeypatch.setenv("FRONTDESK_SERVER_LOGIN_MAX_DELAY_SECONDS", "60")
    loaded = Settings.load(db="sqlite:///unused.sqlite3")
    assert (loaded.login_free_failures, loaded.login_max_delay) == (0, timedelta(seconds=60))


def test_a_guesser_cannot_keep_the_user_out_of_a_desk_they_signed_in_at(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    """Guessing from unknown devices keeps the bare name waiting; the user's own desk is
    counted apart, so they sign in there at once."""
    desk = str(uuid.uuid4())
    with server_factory() as session:  # the user's earlier sign-in at their desk
        auth.login(session, username=user, password=password, settings=rules, now=T0,
                   device_id=desk, address=HOME)  # fmt: skip
        session.commit()
    later = T0 + timedelta(minutes=1)
    for _ in range(6):
        _fail(server_factory, rules, username=user, at=later, address=None)
    with pytest.raises(auth.LoginThrottled):  # the bare name waits
        _try(server_factory, rules, username=user, password=password, at=later, address=None)
    with server_factory() as session:
        at_desk = auth.check_password_throttled(
            session, username=user, password=password, address=None, settings=rules,
            now=later, device_id=desk,
        )  # fmt: skip
    assert at_desk.username == user
    stranger = str(uuid.uuid4())  # a device id the user never signed in at counts as the name
    with server_factory() as session, pytest.raises(auth.LoginThrottled):
        auth.check_password_throttled(
            session, username=user, password=password, address=None, settings=rules,
            now=later, device_id=stranger,
        )  # fmt: skip


def test_failures_at_the_users_own_desk_are_throttled_there(
    server_factory: sessionmaker[Session], user: str, password: str, rules: Settings
) -> None:
    desk = str(uuid.uuid4())
    with server_factory() as session:
        auth.login(session, username=user, password=password, settings=rules, now=T0,
                   device_id=desk, address=None)  # fmt: skip
        session.commit()

    def at_desk(secret: str) -> None:
        with server_factory() as session:
            auth.check_password_throttled(
                session, username=user, password=secret, address=None, settings=rules,
                now=T0, device_id=desk,
            )  # fmt: skip

    for _ in range(6):
        with pytest.raises(auth.InvalidCredentials):
            at_desk("guess")
    with pytest.raises(auth.LoginThrottled):
        at_desk(password)


def test_the_address_can_be_left_out_where_desks_share_one(
    server_factory: sessionmaker[Session], migrated_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTDESK_SERVER_LOGIN_THROTTLE_ADDRESS", "0")
    shared = Settings.load(db=migrated_url)
    assert shared.throttle_addresses is False
    for n in range(12):  # twelve names from one office address: none of them waits
        _fail(server_factory, shared, username=f"typo{n}", at=T0)
    _fail(server_factory, shared, username="typo0", at=T0)
    monkeypatch.setenv("FRONTDESK_SERVER_LOGIN_THROTTLE_ADDRESS", "yes")
    with pytest.raises(ValueError, match="must be 1 \\(on\\) or 0 \\(off\\)"):
        Settings.load(db=migrated_url)
