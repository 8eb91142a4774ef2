"""A push batch applied set-based, on SQLite and PostgreSQL: every kind of outcome in one
batch, each item's result in request order, and the stored rows match the answers."""

from __future__ import annotations

import uuid

import test_push_endpoint as endpoint
from sqlalchemy import select

from frontdesk.server.db import transaction
from frontdesk.server.models import AppliedItem, CrossSellFeedback, Customer, Interaction, Product

# The push endpoint's fixtures: a server with agent ann (Leeds) and Ann Smith (id c1).
api, device = endpoint.api, endpoint.device
call, push, T0 = endpoint.call, endpoint.push, endpoint.T0


def new_customer(account: str) -> dict:
    key = str(uuid.uuid4())
    payload = {"customer_id": key, "account_number": account, "created_at": T0.isoformat()}
    return {"key": key, "kind": "customer.create", "seq": 1, "created_at": T0.isoformat(),
            "payload": {**payload, "full_name": "Zinaida Quill"}}  # fmt: skip


def test_one_batch_with_every_outcome(api, device, server_factory) -> None:
    earlier, other = call(1, reason="first push"), call(2, reason="pushed before too")
    first, _ = push(api, device, [earlier, other])
    changed = {**call(2), "key": other["key"]}  # a known key with another body
    created = new_customer("Q-1")
    for_created = call(3, customer_id=created["key"], reason="for the new customer")
    batch = [
        call(4, reason="fresh one"),
        earlier,  # replay
        changed,
        call(5, customer_id="nobody"),
        {**call(6), "kind": "no.such.kind"},
        for_created,  # after its customer's creation in the request, applied after it
        created,
        {**call(7), "payload": {"customer_id": "c1"}},  # invalid payload
        call(8, reason="fresh two"),
    ]
    results = push(api, device, batch)

    assert [r["key"] for r in results] == [i["key"] for i in batch]
    statuses = [(r["status"], r["replayed"]) for r in results]
    assert statuses == [
        ("applied", False),
        ("applied", True),
        ("conflict", False),
        ("rejected", False),
        ("rejected", False),
        ("applied", False),
        ("applied", False),
        ("rejected", False),
        ("applied", False),
    ]
    assert results[1]["result"] == first["result"]
    assert "unknown customer nobody" in results[3]["detail"]
    assert "unknown item kind 'no.such.kind'" in results[4]["detail"]
    assert results[7]["detail"].startswith("invalid item: payload.")

    seqs = [results[i]["result"]["change_seq"] for i in (0, 5, 6, 8)]
    assert len(set(seqs)) == 4 and results[6]["result"]["change_seq"] < min(
        results[i]["result"]["change_seq"] for i in (0, 5, 8)
    )
    with server_factory() as session:
        stored = dict(session.execute(select(AppliedItem.key, AppliedItem.result)).all())
        interactions = dict(session.execute(select(Interaction.id, Interaction.change_seq)).all())
        assert session.get(Customer, created["key"]) is not None
    applied = {batch[i]["key"]: results[i]["result"] for i in (0, 1, 5, 6, 8)}
    applied[other["key"]] = stored[other["key"]]  # the conflict left the stored one alone
    assert stored == applied  # rejected items left no claim behind
    assert stored[other["key"]]["interaction_id"] == other["key"]
    assert interactions == {
        **{batch[i]["key"]: results[i]["result"]["change_seq"] for i in (0, 1, 5, 8)},
        other["key"]: stored[other["key"]]["change_seq"],
    }


def test_a_key_twice_in_one_batch_applies_once_and_replays(api, device, server_factory) -> None:
    item = call(1)
    results = push(api, device, [item, call(2), item])
    assert [(r["status"], r["replayed"]) for r in results] == [
        ("applied", False),
        ("applied", False),
        ("applied", True),
    ]
    assert results[2]["result"] == results[0]["result"]
    assert endpoint._count(server_factory, Interaction) == 2


def test_a_batch_of_the_largest_size_applies_every_item_once(api, device, server_factory):
    batch = [call(n + 1, reason=f"call {n}") for n in range(500)]
    results = push(api, device, batch)
    again = push(api, device, batch)
    assert {r["status"] for r in results + again} == {"applied"}
    assert all(r["replayed"] for r in again) and not any(r["replayed"] for r in results)
    assert [r["result"] for r in again] == [r["result"] for r in results]
    seqs = sorted(r["result"]["change_seq"] for r in results)
    assert seqs == list(range(seqs[0], seqs[0] + 500))
    assert endpoint._count(server_factory, Interaction) == 500


def feedback(seq: int, *, customer_id: str = "c1", sku: str = "MUG", outcome: str = "accepted"):
    payload = {"customer_id": customer_id, "sku": sku, "outcome": outcome, "model_version": 1}
    payload["occurred_at"] = T0.isoformat()
    key, at = str(uuid.uuid4()), T0.isoformat()
    return {
        "key": key,
        "kind": "crosssell.feedback",
        "seq": seq,
        "created_at": at,
        "payload": payload,
    }


def test_crosssell_feedback_in_bulk_rejects_item_by_item(api, device, server_factory) -> None:
    with transaction(server_factory) as session:
        session.add(Product(sku="MUG", name="Mug", unit_price_scaled=250_000, currency="GBP",
                            change_seq=0))  # fmt: skip
    batch = [
        feedback(1),
        feedback(2, customer_id="nobody"),
        feedback(3, sku="NOPE"),
        feedback(4, outcome="maybe"),
        call(5),
        feedback(6, outcome="declined"),
    ]
    results = push(api, device, batch)
    assert [r["status"] for r in results] == [
        "applied", "rejected", "rejected", "rejected", "applied", "applied"
    ]  # fmt: skip
    assert results[1]["detail"] == "unknown customer nobody"
    assert results[2]["detail"] == "unknown product NOPE"
    assert results[3]["detail"].startswith("invalid item: payload.outcome")
    assert results[0]["result"] == {"feedback_id": batch[0]["key"]}
    with server_factory() as session:
        stored = session.execute(select(CrossSellFeedback.id, CrossSellFeedback.outcome)).all()
        claims = set(session.scalars(select(AppliedItem.key)))
    assert sorted(stored) == sorted([(batch[0]["key"], "accepted"), (batch[5]["key"], "declined")])
    assert claims == {batch[i]["key"] for i in (0, 4, 5)}
