"""Login at a desk binds the tokens to the desk's one device and keeps an offline verifier
per user; ``frontdesk unlock`` and the lock screen's sign-in let them back in offline for a
limited time. Real cache, real argon2id; the server and the keyring are hand-written fakes
(tests/integration/server/test_token_devices.py runs the real server)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from frontdesk import cli
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import till_unit_of_work
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.password_verifier import Argon2Verifier
from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.protocol import InteractionRecord, PullPage, Role, TokenPair, UserPublic
from frontdesk.services.desk_login import (
    UnlockRefused,
    forget_every_verifier,
    login_at_desk,
    sign_in_at_desk,
    unlock_offline,
)
from frontdesk.services.errors import AuthFailed, ServerUnreachable
from frontdesk.services.ports import AbstractCentral, AbstractCredentials
from frontdesk.services.till.ports import SupervisorVerifier

URL = "http://hq.example:8765"
PASSWORDS = {"ann": "ann's long passphrase", "bob": "bob's other passphrase"}
T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


class FakeCentral(AbstractCentral):
    """Users with passwords, tokens naming their user; who logged in on which device."""

    def __init__(self) -> None:
        self.base_url = URL
        self.signed_in: dict[str, list[str]] = {}  # device id -> users, in login order
        self.up = True
        self.roles = {"ann": Role.CASHIER, "bob": Role.SUPERVISOR}

    def login(
        self, username: str, password: str, *, device_id: str | None = None, device_name: str = ""
    ) -> TokenPair:
        if not self.up:
            raise ServerUnreachable(f"cannot reach the server at {URL}: Connection refused")
        if PASSWORDS.get(username) != password:
            raise AuthFailed("invalid username or password")
        assert device_id is not None and device_name  # a desk always names its device
        self.signed_in.setdefault(device_id, []).append(username)
        return self.refresh(f"refresh-{username}")

    def refresh(self, refresh_token: str) -> TokenPair:
        user = refresh_token.removeprefix("refresh-")
        return TokenPair(
            access_token=f"access-{user}",
            refresh_token=refresh_token,
            expires_in=900,
            user=UserPublic(username=user, role=self.roles.get(user, Role.CASHIER), branch="Leeds"),
        )

    def logout(self, refresh_token: str) -> None:
        pass

    def pull(self, cursor: int, *, limit: int, access_token: str) -> PullPage:
        return PullPage(cursor=cursor, has_more=False)


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

    def unlock(self, password: str, *, at: datetime, valid_for: timedelta = WEEK, user=None):
        return unlock_offline(
            self.uow,
            password,
            verifier=self.verifier,
            valid_for=valid_for,
            username=user,
            clock=lambda: at,
        )

    def write(self, n: int) -> str:
        with self.uow:
            key = self.uow.outbox.add(queued_contact(n)).key
            self.uow.commit()
        return key

    def authors(self) -> dict[int, str | None]:
        with self.uow:
            return {
                int(e.payload["reason"].split()[1]): e.author
                for e in self.uow.outbox.pending(limit=100)
            }

    def device(self):
        with self.uow:
            return self.uow.workstation.get()


@pytest.fixture
def desk(tmp_path: Path):
    made = Desk(tmp_path / "desk" / "cache.sqlite3")
    yield made
    made.database.dispose()


def test_first_login_registers_the_desk_as_its_device(desk) -> None:
    assert desk.device().registered_at is None
    desk.login("ann")
    device = desk.device()
    assert device.registered_at is not None and device.desk_user == "ann"
    assert desk.central.signed_in == {device.device_id: ["ann"]}


def test_the_desk_keeps_the_role_of_each_sign_in_online_and_offline(desk) -> None:
    """The window is shaped by the role: each online login stores the server's answer, an
    offline sign-in takes the role of that user's own last online login here."""
    desk.login("ann")
    assert (desk.device().desk_user, desk.device().desk_role) == ("ann", "cashier")
    desk.login("bob")
    assert (desk.device().desk_user, desk.device().desk_role) == ("bob", "supervisor")
    desk.central.roles["ann"] = Role.AGENT  # an admin changed ann's role: her next login says so
    desk.login("ann")
    assert desk.device().desk_role == "agent"
    assert desk.unlock(PASSWORDS["bob"], at=T0, user="bob").role == "supervisor"
    assert (desk.device().desk_user, desk.device().desk_role) == ("bob", "supervisor")
    desk.central.up = False
    signed = sign_in_at_desk(
        "ann",
        PASSWORDS["ann"],
        online=lambda u, p: desk.central.login(u, p),
        offline=lambda u, p: desk.unlock(p, at=T0, user=u),
    )
    assert (signed.username, signed.role, signed.offline_until) == ("ann", "agent", T0 + WEEK)
    assert desk.device().desk_role == "agent"


def test_a_second_user_logs_in_on_the_same_device_over_waiting_writes(desk) -> None:
    desk.login("ann")
    device_id = desk.device().device_id
    desk.write(1)
    desk.login("bob")  # a shared till: no new device, no refusal
    desk.write(2)
    assert desk.device().device_id == device_id and desk.device().desk_user == "bob"
    assert desk.central.signed_in == {device_id: ["ann", "bob"]}
    assert desk.authors() == {1: "ann", 2: "bob"}  # each write keeps who made it


def test_an_offline_unlock_makes_the_next_writes_that_users(desk) -> None:
    desk.login("ann")
    desk.login("bob")
    desk.unlock(PASSWORDS["ann"], at=T0 + timedelta(hours=2), user="ann")
    desk.write(1)
    assert desk.authors() == {1: "ann"}


def test_unlock_offline_with_the_password_within_the_period(desk) -> None:
    desk.login("ann")
    unlocked = desk.unlock(PASSWORDS["ann"], at=T0 + timedelta(days=6))
    assert (unlocked.username, unlocked.valid_until) == ("ann", T0 + WEEK)
    with pytest.raises(UnlockRefused, match="wrong password for ann"):
        desk.unlock("guess", at=T0 + timedelta(days=1))
    with pytest.raises(
        UnlockRefused,
        match="offline sign-in is available only for users who signed in on this desk in the "
        "last 7 days: ann last signed in online here on 2024-03-01 09:00 UTC "
        r"\(expired on 2024-03-08 09:00 UTC\)",
    ):
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
    forget_every_verifier(till_unit_of_work(desk.uow))
    with pytest.raises(UnlockRefused, match="only for users who signed in on this desk"):
        desk.unlock(PASSWORDS["ann"], at=T0 + timedelta(days=11))


def test_each_user_unlocks_offline_with_their_own_password(desk) -> None:
    desk.login("ann")
    desk.login("bob", at=T0 + timedelta(days=3))
    later = T0 + timedelta(days=8)  # ann's week is over, bob's is not
    assert desk.unlock(PASSWORDS["bob"], at=later, user="bob").username == "bob"
    with pytest.raises(UnlockRefused, match="ann last signed in online here on 2024-03-01"):
        desk.unlock(PASSWORDS["ann"], at=later, user="ann")
    with pytest.raises(UnlockRefused, match="wrong password for bob"):
        desk.unlock(PASSWORDS["ann"], at=later, user="bob")
    with pytest.raises(
        UnlockRefused,
        match="only for users who signed in on this desk in the last 7 days; carol has not",
    ):
        desk.unlock("whatever", at=later, user="carol")


def test_sign_in_goes_offline_only_when_the_server_is_unreachable(desk) -> None:
    desk.login("ann")

    def sign_in(user: str, password: str):
        return sign_in_at_desk(
            user,
            password,
            online=lambda u, p: (
                desk.login(u) if PASSWORDS.get(u) == p else desk.central.login(u, p)
            ),
            offline=lambda u, p: desk.unlock(p, at=T0 + timedelta(days=1), user=u),
        )

    assert sign_in("ann", PASSWORDS["ann"]).offline_until is None
    with pytest.raises(AuthFailed):  # the server said no: never retried offline
        sign_in("ann", "guess")
    desk.central.up = False
    assert sign_in("ann", PASSWORDS["ann"]).offline_until == T0 + WEEK
    with pytest.raises(UnlockRefused, match="bob has not"):
        sign_in("bob", PASSWORDS["bob"])


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


def queued_contact(n: int) -> InteractionRecord:
    """A contact write as a desk queues it; only its place in the outbox matters here."""
    return InteractionRecord(
        customer_id=f"c{n}", channel="call", occurred_at=datetime(2024, 3, 1, tzinfo=UTC),
        reason=f"call {n}",
    )  # fmt: skip


def test_logging_the_desk_out_removes_every_verifier_it_kept(tmp_path: Path) -> None:
    client = build_client(load_settings(data_dir=tmp_path / "desk"))
    client.credentials = FakeCredentials()
    central, verifier = FakeCentral(), Argon2Verifier()
    for user in ("ann", "bob"):
        login_at_desk(
            URL,
            user,
            PASSWORDS[user],
            central_factory=lambda _url: central,
            credentials=client.credentials,
            uow=client.uow,
            verifier=verifier,
        )
    till = till_unit_of_work(client.uow)
    with till:
        till.supervisors.remember(
            SupervisorVerifier("sue", "supervisor", verifier.make("sue's passphrase"), T0)
        )
        till.commit()

    try:
        client.logout()
        with till:
            kept = [till.unlock.get(u) for u in ("ann", "bob", None)]
            assert kept == [None, None, None]
            assert till.supervisors.get("sue") is None
    finally:
        client.close()
