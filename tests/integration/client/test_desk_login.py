"""Login at a desk registers the desk as the user's device and keeps an offline verifier;
``frontdesk unlock`` lets that user back in offline for a limited time. Real cache, real
argon2id; the server and the keyring are hand-written fakes."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from frontdesk import cli
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.protocol import PullPage, Role, TokenPair, UserPublic
from frontdesk.services.desk_login import (
    DeskInUse,
    UnlockRefused,
    forget_offline_login,
    login_at_desk,
    unlock_offline,
)
from frontdesk.services.errors import AuthFailed
from frontdesk.services.ports import AbstractCentral, AbstractCredentials

URL = "http://hq.example:8765"
PASSWORDS = {"ann": "ann's long passphrase", "bob": "bob's other passphrase"}
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


class FakeCentral(AbstractCentral):
    """Users with passwords, tokens naming their user, devices owned by who registered them."""

    def __init__(self) -> None:
        self.base_url = URL
        self.devices: dict[str, str] = {}

    def login(self, username: str, password: str) -> TokenPair:
        if PASSWORDS.get(username) != password:
            raise AuthFailed("invalid username or password")
        return self.refresh(f"refresh-{username}")

    def refresh(self, refresh_token: str) -> TokenPair:
        user = refresh_token.removeprefix("refresh-")
        return TokenPair(
            access_token=f"access-{user}",
            refresh_token=refresh_token,
            expires_in=900,
            user=UserPublic(username=user, role=Role.CASHIER, branch="Leeds"),
        )

    def logout(self, refresh_token: str) -> None:
        pass

    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        return PullPage(cursor=cursor, has_more=False)

    def register_device(self, device_id: str, *, name: str, access_token: str) -> None:
        user = access_token.removeprefix("access-")
        if self.devices.setdefault(device_id, user) != user:
            raise AuthFailed(f"device {device_id} belongs to another user")


class FakeCredentials(AbstractCredentials):
    def __init__(self) -> None:
        self.tokens: dict[tuple[str, str], str] = {}

    def store(self, server_url: str, username: str, refresh_token: str) -> None:
        self.tokens[(server_url, username)] = refresh_token

    def load(self, server_url: str, username: str) -> str | None:
        return self.tokens.get((server_url, username))

    def delete(self, server_url: str, username: str) -> None:
        self.tokens.pop((server_url, username), None)


class Desk:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.database = open_cache(path)
        self.uow = SqlAlchemyUnitOfWork(self.database.writer)
        self.central = FakeCentral()
        self.credentials = FakeCredentials()
        self.verifier = Argon2Verifier()

    def login(self, user: str, *, at: datetime = T0) -> None:
        login_at_desk(
            URL,
            user,
            PASSWORDS[user],
            central_factory=lambda _url: self.central,
            credentials=self.credentials,
            uow=self.uow,
            verifier=self.verifier,
            clock=lambda: at,
        )

    def unlock(self, password: str, *, at: datetime, valid_for: timedelta = WEEK):
        return unlock_offline(
            self.uow, password, verifier=self.verifier, valid_for=valid_for, clock=lambda: at
        )

    def device(self):
        with self.uow:
            return self.uow.workstation.get()


@pytest.fixture
def desk(tmp_path: Path):
    made = Desk(tmp_path / "desk" / "cache.sqlite3")
    yield made
    made.database.dispose()


def test_first_login_registers_the_desk_as_the_users_device(desk) -> None:
    assert desk.device().registered_at is None
    desk.login("ann")
    device = desk.device()
    assert device.registered_user == "ann"
    assert device.registered_at is not None
    assert desk.central.devices == {device.device_id: "ann"}


def test_another_user_gets_a_device_of_their_own(desk) -> None:
    desk.login("ann")
    ann_device = desk.device().device_id
    desk.login("bob")
    bob_device = desk.device()
    assert bob_device.device_id != ann_device and bob_device.registered_user == "bob"
    assert desk.central.devices == {ann_device: "ann", bob_device.device_id: "bob"}


def test_another_user_cannot_log_in_over_waiting_writes(desk) -> None:
    desk.login("ann")
    with desk.uow:
        desk.uow.outbox.add(kind="interaction.record", payload={"n": 1})
        desk.uow.commit()
    with pytest.raises(DeskInUse, match="1 change\\(s\\) made here by ann are still waiting"):
        desk.login("bob")
    assert desk.device().registered_user == "ann"


def test_a_device_the_server_knows_as_someone_elses_is_replaced(desk) -> None:
    desk.central.devices[desk.device().device_id] = "ann"  # registered before owners were kept
    desk.login("bob")
    device = desk.device()
    assert desk.central.devices[device.device_id] == "bob"


def test_unlock_offline_with_the_password_within_the_period(desk) -> None:
    desk.login("ann")
    unlocked = desk.unlock(PASSWORDS["ann"], at=T0 + timedelta(days=6))
    assert (unlocked.username, unlocked.valid_until) == ("ann", T0 + WEEK)
    with pytest.raises(UnlockRefused, match="wrong password for ann"):
        desk.unlock("guess", at=T0 + timedelta(days=1))
    with pytest.raises(UnlockRefused, match="expired on 2024-03-08 09:00 UTC"):
        desk.unlock(PASSWORDS["ann"], at=T0 + WEEK + timedelta(minutes=1))
    with pytest.raises(UnlockRefused, match="turned off"):
        desk.unlock(PASSWORDS["ann"], at=T0, valid_for=timedelta(0))


def test_the_cache_keeps_a_verifier_never_the_password(desk) -> None:
    desk.login("ann")
    desk.database.dispose()
    stored = b"".join(p.read_bytes() for p in desk.path.parent.iterdir() if p.is_file())
    assert PASSWORDS["ann"].encode() not in stored
    assert b"$argon2id$v=19$m=19456,t=2,p=1$" in stored


def test_an_online_login_renews_the_period_and_logout_ends_it(desk) -> None:
    desk.login("ann")
    desk.login("ann", at=T0 + timedelta(days=5))
    assert desk.unlock(PASSWORDS["ann"], at=T0 + timedelta(days=11)).username == "ann"
    forget_offline_login(desk.uow)
    with pytest.raises(UnlockRefused, match="log in online first"):
        desk.unlock(PASSWORDS["ann"], at=T0 + timedelta(days=11))


def test_frontdesk_unlock_reads_the_password_from_stdin(desk, monkeypatch) -> None:
    now = datetime.now(UTC)
    desk.login("ann", at=now)
    monkeypatch.setenv("FRONTDESK_OFFLINE_UNLOCK_DAYS", "3")
    data_dir = str(desk.path.parent)

    def run(password: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = cli.main(
            ["--data-dir", data_dir, "unlock", "--password-stdin"],
            stdin=io.StringIO(password + "\n"),
            stdout=out,
            stderr=err,
        )
        return code, out.getvalue(), err.getvalue()

    code, out, _ = run(PASSWORDS["ann"])
    assert code == 0
    assert out.startswith(f"Unlocked offline as ann ({URL}) until ")
    assert f"{now + timedelta(days=3):%Y-%m-%d %H:%M} UTC." in out
    assert run("nope")[0:3:2] == (1, "frontdesk: wrong password for ann\n")
