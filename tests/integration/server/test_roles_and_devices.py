"""Role checks (admin endpoints for admins only) and device ownership (pushes as itself)."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.users import add_user

ADMIN_USERS = "/api/v1/admin/users"
PASSWORD = "a long enough pass"


def _bearer(client: TestClient, username: str) -> dict[str, str]:
    login = client.post("/api/v1/auth/login", json={"username": username, "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


@pytest.fixture
def staff(server_factory: sessionmaker[Session]) -> list[str]:
    """One user of each role, named after it."""
    for role in ("admin", "supervisor", "agent", "cashier"):
        add_user(
            server_factory, username=f"{role}.one", password=PASSWORD, role=role, branch="York"
        )
    return ["admin.one", "supervisor.one", "agent.one", "cashier.one"]


def test_admin_lists_users_with_roles_and_no_secrets(client: TestClient, staff: list[str]) -> None:
    response = client.get(ADMIN_USERS, headers=_bearer(client, "admin.one"))
    assert response.status_code == 200
    listed = response.json()
    assert [u["username"] for u in listed] == sorted(staff)
    assert {u["role"] for u in listed} == {"admin", "supervisor", "agent", "cashier"}
    assert all(set(u) == {"username", "role", "branch", "disabled"} for u in listed)


@pytest.mark.parametrize("username", ["cashier.one", "agent.one", "supervisor.one"])
def test_other_roles_get_403_on_admin_endpoints(
    client: TestClient, staff: list[str], username: str
) -> None:
    response = client.get(ADMIN_USERS, headers=_bearer(client, username))
    assert response.status_code == 403
    assert response.json()["detail"] == (
        f"this needs the role admin; {username} is {username.split('.')[0]}"
    )


def test_admin_endpoints_need_a_token(client: TestClient) -> None:
    assert client.get(ADMIN_USERS).status_code == 401


def _call(seq: int) -> dict:
    """An interaction for a customer the server does not know: answered, item by item."""
    return {
        "key": str(uuid.uuid4()),
        "kind": "interaction.record",
        "seq": seq,
        "created_at": "2026-03-01T09:30:00+00:00",
        "payload": {"customer_id": "nobody", "channel": "call", "reason": "Card lost"},
    }


def test_a_device_is_registered_once_and_a_token_without_a_device_never_pushes(
    client: TestClient, staff: list[str]
) -> None:
    owner, other = _bearer(client, "agent.one"), _bearer(client, "cashier.one")
    device = str(uuid.uuid4())
    assert (
        client.post("/api/v1/devices", json={"device_id": device}, headers=owner).status_code == 204
    )

    taken = client.post("/api/v1/devices", json={"device_id": device}, headers=other)
    assert taken.status_code == 403
    assert taken.json()["detail"] == f"device {device} belongs to another user"

    body = {"device_id": device, "items": [_call(1)]}
    for headers in (owner, other):  # even the user who registered it: log in with the device
        refused = client.post("/api/v1/sync/push", json=body, headers=headers)
        assert refused.status_code == 403
        assert "made without a device id and cannot push" in refused.json()["detail"]
