"""Sign-in hardening over HTTP against a real ``frontdesk-server serve`` process.

A refresh token presented twice ends its whole sign-in; repeated bad passwords from one
address get 429 with ``Retry-After`` (and ``frontdesk login`` says so and fails); a real desk
(the ``frontdesk`` CLI, its token in the OS keyring) keeps working across many refreshes,
also when two of its processes refresh at the same moment.
"""

from __future__ import annotations

import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
from e2e_support import RunningServer
from test_pull_e2e import PASSWORD, Desk

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
    legit = second.json()
    assert legit["refresh_token"] != first["refresh_token"]
    assert _pull(server.url, legit["access_token"]) == 200

    replay = _refresh(server.url, first["refresh_token"])

    assert replay.status_code == 401
    assert "used twice" in replay.json()["detail"]
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
