"""Taking access back with ``frontdesk-server user ...`` and ``device ...``: each change
holds from the next request of a token issued before it, refresh included.

Real server app (TestClient) on SQLite and PostgreSQL; the commands run in-process.
"""

from __future__ import annotations

import io
import sys
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cli import main
from frontdesk.server.users import add_user

PASSWORD = "a long enough pass"
TILL = str(uuid.uuid4())
PULL = "/api/v1/sync/pull"
USERS = "/api/v1/admin/users"


@pytest.fixture
def staff(server_factory: sessionmaker[Session]) -> None:
    add_user(server_factory, username="ann", password=PASSWORD, role="cashier", branch="Leeds")
    add_user(server_factory, username="ada", password=PASSWORD, role="admin")


@pytest.fixture
def admin_cli(migrated_url: str, monkeypatch, capsys):
    """Runs ``frontdesk-server --db URL ARGS``; returns (exit status, stdout, stderr)."""

    def run(*args: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--db", migrated_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _login(client: TestClient, user: str = "ann", password: str = PASSWORD):
    body = {"username": user, "password": password, "device_id": TILL, "device_name": "till-1"}
    return client.post("/api/v1/auth/login", json=body)


def _signed_in(client: TestClient, user: str = "ann") -> dict:
    response = _login(client, user)
    assert response.status_code == 200, response.text
    return response.json()


def _get(client: TestClient, tokens: dict, path: str = PULL):
    return client.get(path, headers={"Authorization": f"Bearer {tokens['access_token']}"})


def _refresh(client: TestClient, tokens: dict):
    return client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})


def _refused(response, why: str) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["detail"] == why


@pytest.mark.usefixtures("staff")
def test_a_disabled_user_is_refused_at_the_next_request_and_cannot_log_in(
    client: TestClient, admin_cli
) -> None:
    tokens = _signed_in(client)
    assert _get(client, tokens).status_code == 200
    assert admin_cli("user", "disable", "ann") == (0, "user 'ann' disabled\n", "")
    _refused(_get(client, tokens), "this account is disabled")
    _refused(_refresh(client, tokens), "this account is disabled")
    _refused(_login(client), "this account is disabled")
    _refused(_login(client, password="wrong password"), "invalid username or password")
    assert admin_cli("user", "enable", "ann")[0] == 0
    assert _get(client, tokens).status_code == 200
    assert _get(client, _signed_in(client)).status_code == 200


@pytest.mark.usefixtures("staff")
def test_signout_everywhere_refuses_every_earlier_token_until_signed_in_again(
    client: TestClient, admin_cli
) -> None:
    first, second = _signed_in(client), _signed_in(client)
    assert admin_cli("user", "signout-everywhere", "ann")[0] == 0
    for tokens in (first, second):
        _refused(_get(client, tokens), "signed out everywhere: sign in again")
        _refused(_refresh(client, tokens), "signed out everywhere: sign in again")
    again = _signed_in(client)
    assert _get(client, again).status_code == 200
    assert _refresh(client, again).status_code == 200


@pytest.mark.usefixtures("staff")
def test_a_revoked_device_is_refused_and_cannot_be_signed_in_on(
    client: TestClient, admin_cli
) -> None:
    tokens = _signed_in(client)
    code, listing, _ = admin_cli("device", "list")
    assert code == 0
    assert listing.startswith(f"{TILL}  till-1  branch Leeds  registered by ann  last seen 20")
    assert listing.rstrip().endswith("active")
    assert admin_cli("device", "revoke", TILL) == (0, f"device {TILL} revoked\n", "")
    _refused(_get(client, tokens), "this device was revoked")
    _refused(_refresh(client, tokens), "this device was revoked")
    assert _login(client).status_code == 403
    assert _login(client).json()["detail"] == "this device was revoked"
    assert " revoked 20" in admin_cli("device", "list")[1]
    code, _, err = admin_cli("device", "revoke", "no-such-device")
    assert code == 1
    assert err.startswith("frontdesk-server device revoke: error: no device 'no-such-device'")


@pytest.mark.usefixtures("staff")
def test_set_role_holds_from_the_next_request_of_an_existing_token(
    client: TestClient, admin_cli
) -> None:
    tokens = _signed_in(client, "ann")
    assert _get(client, tokens, USERS).status_code == 403
    assert admin_cli("user", "set-role", "ann", "admin") == (
        0,
        "user 'ann' now has the role admin\n",
        "",
    )
    assert _get(client, tokens, USERS).status_code == 200
    assert admin_cli("user", "set-role", "ann", "agent")[0] == 0
    assert _get(client, tokens, USERS).status_code == 403


@pytest.mark.usefixtures("staff")
def test_reset_password_takes_a_new_password_and_signs_out_everywhere(
    client: TestClient, admin_cli
) -> None:
    tokens = _signed_in(client)
    code, out, _ = admin_cli(
        "user", "reset-password", "ann", "--password-stdin", stdin="new pw 1234\n"
    )
    assert (code, out) == (0, "user 'ann' has a new password and is signed out everywhere\n")
    _refused(_get(client, tokens), "signed out everywhere: sign in again")
    _refused(_login(client), "invalid username or password")
    assert _login(client, password="new pw 1234").status_code == 200
    code, _, err = admin_cli("user", "reset-password", "ann", "--password-stdin", stdin="short\n")
    assert code == 1
    assert "password must be at least 8 characters" in err


@pytest.mark.usefixtures("staff")
def test_sessions_lists_the_live_refresh_sessions(client: TestClient, admin_cli) -> None:
    assert admin_cli("user", "sessions", "ann")[1] == "0 live session(s) of 'ann'\n"
    tokens = _signed_in(client)
    assert _refresh(client, tokens).status_code == 200
    lines = admin_cli("user", "sessions", "ann")[1].splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{TILL} (till-1)  created 20")
    assert "last used 20" in lines[0]
    assert lines[1] == "1 live session(s) of 'ann'"
    admin_cli("user", "signout-everywhere", "ann")
    assert admin_cli("user", "sessions", "ann")[1] == "0 live session(s) of 'ann'\n"
    code, _, err = admin_cli("user", "disable", "nobody")
    assert (code, err) == (1, "frontdesk-server user disable: error: no user 'nobody'\n")
