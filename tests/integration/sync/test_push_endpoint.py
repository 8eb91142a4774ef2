"""POST /api/v1/sync/push on SQLite and PostgreSQL: each item takes effect at most once."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.db import transaction
from frontdesk.server.models import AppliedItem, Customer, Interaction
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

T0 = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture
def api(migrated_url: str, server_factory: sessionmaker[Session]) -> Iterator[TestClient]:
    add_user(server_factory, username="ann", password=PASSWORD, role="agent", branch="Leeds")
    with transaction(server_factory) as session:
        session.add(
            Customer(
                id="c1",
                account_number="A1",
                full_name="Ann Smith",
                phones=["0113"],
                emails=[],
                branch="Leeds",
                notes="",
                created_at=T0,
                updated_at=T0,
                change_seq=0,
            )
        )
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        login = client.post("/api/v1/auth/login", json={"username": "ann", "password": PASSWORD})
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        yield client


@pytest.fixture
def device(api: TestClient) -> str:
    device_id = str(uuid.uuid4())
    log_in_on(api, device_id)
    assert api.post("/api/v1/devices", json={"device_id": device_id}).status_code == 204
    return device_id


def log_in_on(api: TestClient, device_id: str) -> None:
    """ann logs in on ``device_id`` (registering it); ``api`` pushes with that login."""
    body = {"username": "ann", "password": PASSWORD, "device_id": device_id}
    login = api.post("/api/v1/auth/login", json=body)
    assert login.status_code == 200, login.text
    api.headers["Authorization"] = f"Bearer {login.json()['access_token']}"


def call(seq: int, *, customer_id: str = "c1", reason: str = "Card not working") -> dict:
    return {
        "key": str(uuid.uuid4()),
        "kind": "interaction.record",
        "seq": seq,
        "created_at": T0.isoformat(),
        "payload": {
            "customer_id": customer_id,
            "channel": "call",
            "occurred_at": T0.isoformat(),
            "reason": reason,
        },
    }


def push(api: TestClient, device: str, items: list[dict]) -> list[dict]:
    response = api.post("/api/v1/sync/push", json={"device_id": device, "items": items})
    assert response.status_code == 200, response.text
    return response.json()["results"]


def _count(factory: sessionmaker[Session], model) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_replay_returns_the_stored_result_and_applies_once(api, device, server_factory) -> None:
    items = [call(1), call(2)]
    first = push(api, device, items)
    assert [r["status"] for r in first] == ["applied", "applied"]
    assert not any(r["replayed"] for r in first)
    again = push(api, device, items)
    assert [r["replayed"] for r in again] == [True, True]
    assert [r["result"] for r in again] == [r["result"] for r in first]
    assert _count(server_factory, Interaction) == 2
    assert _count(server_factory, AppliedItem) == 2


def test_same_key_different_body_is_a_conflict(api, device, server_factory) -> None:
    item = call(1)
    push(api, device, [item])
    changed = {**item, "payload": {**item["payload"], "reason": "Something else"}}
    (result,) = push(api, device, [changed])
    assert result["status"] == "conflict"
    assert "applied before with a different body" in result["detail"]
    with server_factory() as session:
        assert session.get(Interaction, item["key"]).reason == "Card not working"


def test_bad_item_gets_its_own_error_and_the_rest_apply(api, device, server_factory) -> None:
    items = [call(1), call(2, customer_id="nobody"), call(3), {**call(4), "kind": "nonsense"}]
    items.append({**call(5), "payload": {"customer_id": "c1", "channel": "fax"}})
    results = push(api, device, items)
    assert [r["status"] for r in results] == [
        "applied",
        "rejected",
        "applied",
        "rejected",
        "rejected",
    ]
    assert results[1]["detail"] == "unknown customer nobody"
    assert results[3]["detail"] == "unknown item kind 'nonsense'"
    assert results[4]["detail"].startswith("invalid item: payload.channel:")
    assert [r["code"] for r in results] == [200, 400, 200, 422, 422]
    assert _count(server_factory, Interaction) == 2


def test_malformed_items_get_a_422_each_naming_the_field(api, device) -> None:
    bad = [{**call(1), "key": "not-a-uuid"}, {**call(2), "seq": 0}, call(3)]
    first, second, good = push(api, device, bad)
    assert (first["code"], second["code"], good["status"]) == (422, 422, "applied")
    assert first["key"] == "not-a-uuid" and "key:" in first["detail"]
    assert "seq:" in second["detail"]
    empty = api.post("/api/v1/sync/push", json={"device_id": device, "items": []})
    assert empty.status_code == 422


def test_unregistered_device_and_missing_token_are_refused(api, device) -> None:
    other = str(uuid.uuid4())
    response = api.post("/api/v1/sync/push", json={"device_id": other, "items": [call(1)]})
    assert response.status_code == 403
    assert "cannot push for device" in response.json()["detail"]
    anonymous = api.post(
        "/api/v1/sync/push",
        json={"device_id": device, "items": [call(1)]},
        headers={"Authorization": ""},
    )
    assert anonymous.status_code == 401


def test_another_device_cannot_replay_a_key(api, device) -> None:
    item = call(1)
    push(api, device, [item])
    second = str(uuid.uuid4())
    log_in_on(api, second)
    (result,) = push(api, second, [item])
    assert (result["status"], result["detail"]) == (
        "conflict",
        f"key {item['key']} was pushed by another device",
    )


def test_applied_interactions_come_back_through_pull(api, device) -> None:
    (applied,) = push(api, device, [call(1)])
    page = api.get("/api/v1/sync/pull", params={"cursor": 0}).json()
    (interaction,) = page["interactions"]
    assert interaction["seq"] == applied["result"]["change_seq"] == page["cursor"]
    assert (interaction["agent"], interaction["reason"]) == ("ann", "Card not working")


def edit(seq: int, changes: dict) -> dict:
    return {
        "key": str(uuid.uuid4()),
        "kind": "customer.edit",
        "seq": seq,
        "created_at": T0.isoformat(),
        "payload": {"customer_id": "c1", "changes": changes},
    }


def test_concurrent_edits_merge_fields_and_report_the_losing_value(api, device, server_factory):
    desk_a = edit(1, {"full_name": {"old": "Ann Smith", "new": "Anne Smith"}})
    desk_b = edit(
        2,
        {
            "full_name": {"old": "Ann Smith", "new": "Annie Smith"},
            "notes": {"old": "", "new": "Prefers e-mail"},
        },
    )
    (a,) = push(api, device, [desk_a])
    (b,) = push(api, device, [desk_b])
    assert a["result"]["applied"] == ["full_name"]
    assert b["result"]["applied"] == ["notes"]
    assert b["result"]["conflicts"] == [
        {"field": "full_name", "kept": "Anne Smith", "yours": "Annie Smith"}
    ]
    with server_factory() as session:
        customer = session.get(Customer, "c1")
        assert (customer.full_name, customer.notes) == ("Anne Smith", "Prefers e-mail")
        assert customer.change_seq == b["result"]["change_seq"]


def _customer_item(kind: str, payload: dict) -> dict:
    return {**call(9), "kind": kind, "payload": payload}


HOSTILE_ITEMS = {
    "5 MB of notes": {**call(1), "payload": {**call(1)["payload"], "notes": "x" * 5_242_880}},
    "NUL in the reason": call(1, reason="Card\x00"),
    "occurred_at without a zone": {
        **call(1), "payload": {**call(1)["payload"], "occurred_at": "2024-03-01T09:30:00"}
    },
    "a new customer without a zone": _customer_item(
        "customer.create",
        {"customer_id": "c9", "account_number": "D1", "created_at": "2024-03-01T09:30:00"},
    ),
    "an edit to a dictionary": _customer_item(
        "customer.edit",
        {"customer_id": "c1", "changes": {"full_name": {"old": "Ann", "new": {"a": 1}}}},
    ),
    "an edit of the id": _customer_item(
        "customer.edit", {"customer_id": "c1", "changes": {"id": {"old": "c1", "new": "c2"}}}
    ),
    "a thousand phones": _customer_item(
        "customer.create",
        {"customer_id": "c9", "account_number": "D1", "created_at": T0.isoformat(),
         "phones": ["0113 496 0000"] * 1000},
    ),
    "an offer from model 0": _customer_item(
        "crosssell.feedback",
        {"customer_id": "c1", "sku": "S1", "outcome": "offered", "model_version": 0,
         "occurred_at": T0.isoformat()},
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(HOSTILE_ITEMS))
def test_a_hostile_item_gets_its_own_422_and_writes_nothing(
    api, device, server_factory, name
) -> None:
    refused, applied = push(api, device, [HOSTILE_ITEMS[name], call(2)])
    assert (refused["status"], refused["code"], applied["status"]) == (
        "rejected",
        422,
        "applied",
    ), refused
    assert _count(server_factory, AppliedItem) == 1
