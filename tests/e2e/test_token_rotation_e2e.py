"""Sign-in hardening over HTTP against a real ``frontdesk-server serve`` process.

A refresh token presented twice ends its whole sign-in (a plain 401: the desk keeps its
offline verifiers), unless it is a retry of the last refresh within the reuse grace;
repeated bad passwords from one address get 429 with ``Retry-After`` (and ``frontdesk login``
says so and fails); a real desk (the ``frontdesk`` CLI, its token in the OS keyring) keeps
working across many refreshes, also when two of its processes refresh at the same moment;
a desk that syncs again and again refreshes only when its access token is refused.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from e2e_support import RunningServer
from sqlalchemy import create_engine, text
from test_pull_e2e import PASSWORD, Desk

from frontdesk.bootstrap import ClientContext, build_client
from frontdesk.config import load_settings
from frontdesk.services.errors import AccessRevoked, AuthFailed
from frontdesk.sync_process import SyncProcess

API = "/api/v1"


def _login(url: str, password: str = PASSWORD) -> requests.Response:
    return requests.post(
        f"{url}{API}/auth/login", json={"username": "ann", "password": password}, timeout=30
    )


def _refresh(url: str, token: str) -> requests.Response:
    return requests.post(f"{url}{API}/auth/refresh", json={"refresh_token": token}, timeout=30)


def _pull(url: str, access_token: str) -> int:
    headers = {"Authorization": f"Bearer {access_token}"}
    return requests.get(f"{url}{API}/sync/pull", headers=headers, timeout=30).status_code


def test_a_reused_refresh_token_ends_the_sign_in_over_http(server: RunningServer) -> None:
    first = _login(server.url).json()
    second = _refresh(server.url, first["refresh_token"])
    assert second.status_code == 200
    assert second.json()["refresh_token"] != first["refresh_token"]
    legit = _refresh(server.url, second.json()["refresh_token"]).json()  # the successor used
    assert _pull(server.url, legit["access_token"]) == 200

    replay = _refresh(server.url, first["refresh_token"])

    assert replay.status_code == 401
    assert "used twice" in replay.json()["detail"]
    assert "X-Frontdesk-Access" not in replay.headers  # no taken-back: verifiers stay
    assert _pull(server.url, legit["access_token"]) == 401  # the newer holder is out too
    again = _refresh(server.url, legit["refresh_token"])
    assert again.status_code == 401 and "sign in again" in again.json()["detail"]


def test_repeated_bad_passwords_get_429_with_retry_after(
    server: RunningServer, tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    codes = [_login(server.url, "wrong password").status_code for _ in range(6)]
    assert codes == [401] * 6
    throttled = _login(server.url)  # the right password, inside the wait: not even checked
    assert throttled.status_code == 429
    assert 1 <= int(throttled.headers["Retry-After"]) <= 2
    assert "try again in" in throttled.json()["detail"]
    for _ in range(3):  # honour each wait, fail again: 2 s, 4 s, then 8 s to wait
        time.sleep(int(_login(server.url).headers.get("Retry-After", "0")))
        assert _login(server.url, "wrong password").status_code == 401
    desk = Desk(tmp_path / "desk", {**os.environ, **keyring_env})
    done = desk.run(
        "login", "--server", server.url, "--user", "ann", "--password-stdin", stdin="x\n"
    )
    assert done.returncode == 1
    assert "too many failed sign-ins" in done.stderr and "try again in" in done.stderr


def test_a_desk_keeps_working_across_many_rotations(
    server: RunningServer, tmp_path: Path, keyring_env: dict[str, str]
) -> None:
    desk = Desk(tmp_path / "desk", {**os.environ, **keyring_env})
    desk.ok("login", "--server", server.url, "--user", "ann", "--password-stdin", stdin=PASSWORD)
    seen = {desk.keyring_token(server.url, "ann")}
    for _ in range(4):  # each run starts without an access token: one refresh each
        desk.ok("sync")
        seen.add(desk.keyring_token(server.url, "ann"))
    assert len(seen) == 5 and None not in seen  # every rotation was kept in the keyring
    for _ in range(3):  # two processes of the one desk refreshing at once take turns
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(lambda _: desk.run("sync"), range(2)))
        assert [run.returncode for run in runs] == [0, 0], "\n".join(run.stderr for run in runs)
    status = json.loads(desk.ok("sync", "--status", "--json"))
    assert status["last_error"] is None


@pytest.fixture
def no_reuse_grace(monkeypatch: pytest.MonkeyPatch) -> None:
    """The server started after this (``server`` listed after it) has no reuse grace."""
    monkeypatch.setenv("FRONTDESK_SERVER_REFRESH_REUSE_GRACE_SECONDS", "0")


@pytest.fixture
def desk(
    tmp_path: Path, keyring_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[ClientContext]:
    """A desk in this process (its sync child inherits the keyring's environment)."""
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    client = build_client(load_settings(data_dir=tmp_path / "in-process-desk"))
    yield client
    client.close()


def _refresh_tokens_issued(db_url: str) -> int:
    """Refresh tokens on record: one per sign-in and one per refresh (used ones are kept)."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM auth_tokens WHERE kind = 'refresh'")
            return connection.execute(query).scalar_one()
    finally:
        engine.dispose()


def test_consecutive_syncs_of_one_desk_refresh_once(
    server: RunningServer, desk: ClientContext
) -> None:
    desk.login(server.url, "ann", PASSWORD)
    assert _refresh_tokens_issued(server.db_url) == 1
    for _ in range(5):
        desk.sync()
        desk.push()
    assert _refresh_tokens_issued(server.db_url) == 2  # the first run's refresh, no other


def test_the_window_sync_process_refreshes_once_across_runs(
    server: RunningServer, desk: ClientContext
) -> None:
    desk.login(server.url, "ann", PASSWORD)
    process = SyncProcess(desk.settings, page_size=desk.window_page_size, open_client=build_client)
    try:
        for _ in range(4):
            process.sync()
            process.push()
    finally:
        process.close()
    assert _refresh_tokens_issued(server.db_url) == 2
    assert desk.sync_status(online=True)["last_error"] is None


def _lose_the_answer_of_a_refresh(server: RunningServer, desk: ClientContext) -> str:
    """Sync once (a refresh), then put the exchanged token back in the keyring, as if the
    answer never came (a timeout, a keyring that failed, a child ended mid-refresh)."""
    exchanged = desk.credentials.load(server.url, "ann")
    desk.sync()
    assert desk.credentials.load(server.url, "ann") != exchanged
    desk.credentials.store(server.url, "ann", exchanged or "")
    return exchanged or ""


def test_a_lost_refresh_answer_keeps_the_desk_signed_in(
    server: RunningServer, desk: ClientContext
) -> None:
    desk.login(server.url, "ann", PASSWORD)
    exchanged = _lose_the_answer_of_a_refresh(server, desk)
    restarted = build_client(desk.settings)  # a new sync process: no access token yet
    try:
        restarted.sync()  # retries the exchanged token, within the grace
        renewed = restarted.credentials.load(server.url, "ann")
        assert renewed not in (None, exchanged)
        assert restarted.sync_status(online=True)["last_error"] is None
        restarted2 = build_client(desk.settings)
        try:
            restarted2.sync()  # and the renewed token refreshes as usual
        finally:
            restarted2.close()
    finally:
        restarted.close()


def test_a_reused_token_signs_the_desk_out_but_keeps_its_verifiers(
    no_reuse_grace: None, server: RunningServer, desk: ClientContext
) -> None:
    desk.login(server.url, "ann", PASSWORD)
    _lose_the_answer_of_a_refresh(server, desk)
    restarted = build_client(desk.settings)
    try:
        with pytest.raises(AuthFailed, match="used twice") as refused:
            restarted.sync()
        assert not isinstance(refused.value, AccessRevoked)
    finally:
        restarted.close()
    assert desk.unlock(PASSWORD).username == "ann"  # still unlocks offline
