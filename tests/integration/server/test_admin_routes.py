"""The admin pages' endpoints: each action holds from the next request, as its CLI command does,
answers the account or device as it now is, and never a secret.

Real server app (TestClient) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.users import add_user

PASSWORD = "a long enough pass"
TILL = str(uuid.uuid4())
ADMIN = "/api/v1/admin"


@pytest.fixture
def admin(client: TestClient, server_factory: sessionmaker[Session]) -> dict[str, str]:
    add_user(server_factory, username="ann", password=PASSWORD, role="cashier", branch="Leeds")
    add_user(server_factory, username="ada", password=PASSWORD, role="admin")
    return _bearer(_login(client, "ada"))


def _login(client: TestClient, user: str, password: str = PASSWORD):
    body = {"username": user, "password": password, "device_id": TILL, "device_name": "till-1"}
    return client.post("/api/v1/auth/login", json=body)


def _bearer(response) -> dict[str, str]:
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_disable_and_enable_show_in_the_list_and_hold_at_once(
    client: TestClient, admin: dict[str, str]
) -> None:
    ann = _bearer(_login(client, "ann"))
    answer = client.post(f"{ADMIN}/users/ann/disable", headers=admin)
    assert answer.json() == {"username": "ann", "role": "cashier", "branch": "Leeds",
                             "disabled": True}  # fmt: skip
    listed = {
        u["username"]: u["disabled"] for u in client.get(f"{ADMIN}/users", headers=admin).json()
    }
    assert listed == {"ada": False, "ann": True}
    assert client.get("/api/v1/sync/pull?cursor=0", headers=ann).status_code == 401
    assert client.post(f"{ADMIN}/users/ann/enable", headers=admin).json()["disabled"] is False
    assert _login(client, "ann").status_code == 200


def test_reset_password_checks_the_new_one_and_signs_the_user_out(
    client: TestClient, admin: dict[str, str]
) -> None:
    ann = _bearer(_login(client, "ann"))
    short = client.post(f"{ADMIN}/users/ann/reset-password", json={"password": "short"},
                        headers=admin)  # fmt: skip
    assert short.status_code == 422
    assert "password must be at least" in short.json()["detail"]
    assert _login(client, "ann").status_code == 200  # nothing changed
    answer = client.post(f"{ADMIN}/users/ann/reset-password",
                         json={"password": "a brand new password"}, headers=admin)  # fmt: skip
    assert answer.status_code == 200
    assert "password" not in answer.text and "hash" not in answer.text
    assert client.get("/api/v1/sync/pull?cursor=0", headers=ann).status_code == 401
    assert _login(client, "ann").status_code == 401
    assert _login(client, "ann", "a brand new password").status_code == 200


def test_signout_everywhere_refuses_the_tokens_but_not_the_password(
    client: TestClient, admin: dict[str, str]
) -> None:
    ann = _bearer(_login(client, "ann"))
    assert client.post(f"{ADMIN}/users/ann/signout-everywhere", headers=admin).status_code == 200
    assert client.get("/api/v1/sync/pull?cursor=0", headers=ann).status_code == 401
    assert _login(client, "ann").status_code == 200


def test_devices_are_listed_and_a_revoked_one_refuses_its_tokens(
    client: TestClient, admin: dict[str, str], server_factory: sessionmaker[Session]
) -> None:
    other = str(uuid.uuid4())
    body = {"username": "ann", "password": PASSWORD, "device_id": other, "device_name": "till-2"}
    ann = _bearer(client.post("/api/v1/auth/login", json=body))
    devices = client.get(f"{ADMIN}/devices", headers=admin).json()
    assert [(d["id"], d["name"], d["revoked_at"]) for d in devices] == [
        (TILL, "till-1", None), (other, "till-2", None)]  # fmt: skip
    revoked = client.post(f"{ADMIN}/devices/{other}/revoke", headers=admin).json()
    assert revoked["id"] == other and revoked["revoked_at"] is not None
    assert client.get("/api/v1/sync/pull?cursor=0", headers=ann).status_code == 401
    assert client.get(f"{ADMIN}/devices", headers=admin).status_code == 200  # till-1 still in


@pytest.mark.parametrize(
    "path",
    [
        "/users/nobody/disable",
        "/users/nobody/signout-everywhere",
        # A fixed id: test ids must be the same in every process that collects them.
        "/devices/00000000-0000-4000-8000-00000000dead/revoke",
    ],
)
def test_an_unknown_user_or_device_is_a_404_that_names_it(
    client: TestClient, admin: dict[str, str], path: str
) -> None:
    answer = client.post(ADMIN + path, headers=admin)
    assert answer.status_code == 404
    assert "no " in answer.json()["detail"]
