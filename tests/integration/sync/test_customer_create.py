"""``customer.create`` pushed to a real server on SQLite and PostgreSQL: the customer is stored
with a change number and comes back through the pull; duplicates are refused item by item."""

from __future__ import annotations

import uuid

import test_push_endpoint as endpoint
from fastapi.testclient import TestClient

from frontdesk.server.models import Customer

# The push endpoint's fixtures: a server with agent ann (Leeds) and Ann Smith (account A1).
api, device = endpoint.api, endpoint.device
push, T0 = endpoint.push, endpoint.T0


def create(*, account: str, card: str | None = None, name: str = "Zinaida Quill") -> dict:
    key = str(uuid.uuid4())
    return {
        "key": key,
        "kind": "customer.create",
        "seq": 1,
        "created_at": T0.isoformat(),
        "payload": {
            "customer_id": key,
            "account_number": account,
            "full_name": name,
            "phones": ["+49 30 901820"],
            "emails": ["z.quill@example.com"],
            "loyalty_card": card,
            "branch": "",
            "notes": "",
            "created_at": T0.isoformat(),
        },
    }


def test_new_customer_is_stored_and_pulled_back(api: TestClient, device, server_factory) -> None:
    item = create(account="D0123456789", card="4000 1234")
    [result] = push(api, device, [item])
    assert result["status"] == "applied", result
    assert result["result"]["account_number"] == "D0123456789"
    with server_factory() as session:
        customer = session.get(Customer, item["key"])
        assert customer is not None
        assert customer.branch == "Leeds"  # the pushing agent's branch
        assert customer.loyalty_card == "40001234"
        assert customer.change_seq == result["result"]["change_seq"]
    page = api.get("/api/v1/sync/pull", params={"cursor": 0}).json()
    pulled = {c["id"]: c for c in page["customers"]}
    assert pulled[item["key"]]["full_name"] == "Zinaida Quill"
    assert pulled[item["key"]]["phones"] == ["+4930901820"]


def test_duplicate_account_or_card_is_rejected_with_its_reason(api: TestClient, device) -> None:
    first = create(account="D-1", card="4000 1234")
    taken_account = create(account="A1", name="Copy of Ann")  # Ann Smith's account
    taken_card = create(account="D-2", card="40001234")
    bad_phone = {**create(account="D-3")}
    bad_phone["payload"] = {**bad_phone["payload"], "phones": ["call me"]}
    results = push(api, device, [first, taken_account, taken_card, bad_phone])
    assert [r["status"] for r in results] == ["applied", "rejected", "rejected", "rejected"]
    assert results[1]["detail"] == "account_number: A1 already belongs to another customer"
    assert results[2]["detail"] == "loyalty_card: 40001234 already belongs to account D-1"
    assert results[3]["detail"].startswith("phones:")


def test_the_customer_id_must_be_the_items_key(api: TestClient, device) -> None:
    item = create(account="D-9")
    item["payload"] = {**item["payload"], "customer_id": str(uuid.uuid4())}
    [result] = push(api, device, [item])
    assert result["status"] == "rejected"
    assert result["detail"] == "customer_id: must be the item's key"
