"""Tokens bound to the workstation: a shared till is one device for all its users, a device
pushes only as itself, and each item keeps the author who made it at the desk.

A token issued without a device may read and pull but never push.

Real server app (TestClient) on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.models import AppliedItem, Customer, Device, Interaction, User
from frontdesk.server.seed import seed_demo
from frontdesk.server.users import add_user

PASSWORD = "a long enough pass"
TILL, OTHER_TILL = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture
def staff(server_factory: sessionmaker[Session]) -> str:
    """Two cashiers at Leeds, one at York; a customer to log calls for. Returns its id."""
    for name, branch in (("ann", "Leeds"), ("bob", "Leeds"), ("yan", "York")):
        add_user(server_factory, username=name, password=PASSWORD, role="cashier", branch=branch)
    seed_demo(server_factory, customers=1, seed=1)
    with server_factory() as session:
        return session.scalars(select(Customer.id)).one()


def _login(client: TestClient, user: str, device: str | None = TILL):
    body = {"username": user, "password": PASSWORD, "device_id": device, "device_name": "till-1"}
    return client.post("/api/v1/auth/login", json=body)


def _bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def _call(customer_id: str, seq: int, author: str | None) -> dict:
    return {
        "key": str(uuid.uuid4()),
        "kind": "interaction.record",
        "seq": seq,
        "created_at": "2026-03-01T09:30:00+00:00",
        "payload": {
            "customer_id": customer_id,
            "channel": "call",
            "occurred_at": "2026-03-01T09:29:00+00:00",
            "reason": f"call {seq}",
        },
        "author": author,
    }


def _push(client: TestClient, tokens: dict, items: list[dict], device: str = TILL):
    body = {"device_id": device, "items": items}
    return client.post("/api/v1/sync/push", json=body, headers=_bearer(tokens))


def test_the_first_login_registers_the_till_for_its_branch(
    client: TestClient, staff: str, server_factory: sessionmaker[Session]
) -> None:
    tokens = _login(client, "ann")
    assert tokens.status_code == 200, tokens.text
    assert tokens.json()["device_id"] == TILL
    with server_factory() as session:
        device = session.get_one(Device, TILL)
        assert (device.name, device.branch) == ("till-1", "Leeds")


def test_a_second_user_at_the_till_pushes_what_the_first_left_under_their_name(
    client: TestClient, staff: str, server_factory: sessionmaker[Session]
) -> None:
    assert _login(client, "ann").status_code == 200
    bob = _login(client, "bob")
    assert bob.status_code == 200 and bob.json()["device_id"] == TILL
    items = [_call(staff, 1, "ann"), _call(staff, 2, "bob"), _call(staff, 3, None)]
    answer = _push(client, bob.json(), items)
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["applied"] * 3, answer.text
    with server_factory() as session:
        agents = {i.reason: i.agent for i in session.scalars(select(Interaction))}
        applied_by = {
            a.device_seq: session.get_one(User, a.applied_by).username
            for a in session.scalars(select(AppliedItem))
        }
    assert agents == {"call 1": "ann", "call 2": "bob", "call 3": "bob"}
    assert applied_by == {1: "ann", 2: "bob", 3: "bob"}


def test_an_author_who_never_signed_in_at_the_till_is_refused_item_by_item(
    client: TestClient, staff: str, server_factory: sessionmaker[Session]
) -> None:
    ann = _login(client, "ann").json()
    assert _login(client, "bob", OTHER_TILL).status_code == 200  # bob: another till only
    items = [_call(staff, 1, "bob"), _call(staff, 2, "nobody"), _call(staff, 3, "ann")]
    results = _push(client, ann, items).json()["results"]
    assert [(r["status"], r["detail"]) for r in results] == [
        ("rejected", f"author bob has never signed in on device {TILL}"),
        ("rejected", "author 'nobody' is not a known user"),
        ("applied", ""),
    ]
    with server_factory() as session:
        assert [i.agent for i in session.scalars(select(Interaction))] == ["ann"]


def test_a_token_pushes_only_for_its_own_device_also_after_a_refresh(
    client: TestClient, staff: str
) -> None:
    ann = _login(client, "ann").json()
    assert _login(client, "bob", OTHER_TILL).status_code == 200  # OTHER_TILL exists
    expected = (
        f"this login was made on device {TILL} and cannot push for device {OTHER_TILL}: "
        "a device pushes only as itself"
    )
    refused = _push(client, ann, [_call(staff, 1, "ann")], device=OTHER_TILL)
    assert (refused.status_code, refused.json()["detail"]) == (403, expected)
    renewed = client.post("/api/v1/auth/refresh", json={"refresh_token": ann["refresh_token"]})
    assert renewed.json()["device_id"] == TILL
    again = _push(client, renewed.json(), [_call(staff, 1, "ann")], device=OTHER_TILL)
    assert (again.status_code, again.json()["detail"]) == (403, expected)
    taken = client.post(
        "/api/v1/devices", json={"device_id": OTHER_TILL}, headers=_bearer(renewed.json())
    )
    assert taken.status_code == 403


def test_a_user_of_another_branch_cannot_sign_in_at_the_till(
    client: TestClient, staff: str
) -> None:
    assert _login(client, "ann").status_code == 200
    refused = _login(client, "yan")
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        f"device {TILL} belongs to branch Leeds; yan works at York and cannot sign in there"
    )


def test_logout_at_one_till_leaves_the_users_session_at_another(
    client: TestClient, staff: str
) -> None:
    here, there = _login(client, "ann").json(), _login(client, "ann", OTHER_TILL).json()
    client.post("/api/v1/auth/logout", json={"refresh_token": here["refresh_token"]})
    assert _push(client, here, [_call(staff, 1, "ann")]).status_code == 401
    answer = _push(client, there, [_call(staff, 1, "ann")], device=OTHER_TILL)
    assert answer.status_code == 200


def test_a_token_without_a_device_reads_but_never_pushes_and_a_bound_push_replays_once(
    client: TestClient, staff: str, server_factory: sessionmaker[Session]
) -> None:
    till = _login(client, "ann").json()  # registers TILL; ann has signed in there
    plain = _login(client, "ann", device=None).json()
    assert plain["device_id"] is None
    pulled = client.get("/api/v1/sync/pull", headers=_bearer(plain))
    assert pulled.status_code == 200 and pulled.json()["customers"]
    renewed = client.post("/api/v1/auth/refresh", json={"refresh_token": plain["refresh_token"]})
    assert renewed.json()["device_id"] is None  # a refresh does not bind it either
    item = _call(staff, 1, None)
    for tokens in (plain, renewed.json()):
        refused = _push(client, tokens, [item])
        assert (refused.status_code, refused.json()["detail"]) == (
            403,
            "this login was made without a device id and cannot push: log in again with the "
            f"device id of the workstation ({TILL}) to push for it",
        )
    with server_factory() as session:
        assert session.scalars(select(Interaction)).all() == []
    first, again = (_push(client, till, [item]).json()["results"][0] for _ in range(2))
    assert (first["status"], first["replayed"]) == ("applied", False)
    assert (again["status"], again["replayed"], again["result"]) == (
        "applied", True, first["result"]
    )  # fmt: skip
    assert _push(client, plain, [item]).status_code == 403  # not even a replay
    with server_factory() as session:
        assert [i.agent for i in session.scalars(select(Interaction))] == ["ann"]
