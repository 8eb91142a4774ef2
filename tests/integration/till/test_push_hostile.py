"""A tampered desk's till items: each malformed one gets its own 422, writes nothing, and
the register, its branch's pulls and the items beside it carry on as if it never came.

Each hostile entry is hashed over its own (tampered) content, so the chain link is right and
only the item's typed model stands between it and the database.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker
from till_helpers import add_register, new_device

from frontdesk.domain.till import JournalEntry, genesis_hash, next_entry
from frontdesk.protocol import PullPage
from frontdesk.server.models import AppliedItem
from frontdesk.server.till.models import TillFeedRow, TillJournalEntry, TillPayment, TillRegister

REGISTER = "HOSTILE1"
AT = datetime(2024, 3, 1, 9, 30, tzinfo=UTC).isoformat()
SHIFT = str(uuid.uuid4())
FIVE_MB = "x" * (5 * 1024 * 1024)


def _open_entry() -> JournalEntry:
    body = {"cashier": "cat", "currency": "GBP", "float": "50.00"}
    return next_entry(register=REGISTER, head=None, kind="shift_open", key=SHIFT, at=AT, body=body)


def _payment_body(**changes: Any) -> dict[str, Any]:
    body = {
        "shift_id": SHIFT, "receipt": f"{REGISTER}-00000001", "cashier": "cat",
        "customer_id": None, "purpose": "purchase", "currency": "GBP", "amount": "5.00",
        "tenders": [{"tender": "cash", "amount": "10.00"}], "change": "5.00",
        "links_to": None, "reason": "",
    }  # fmt: skip
    return body | changes


def _payment_entry(body: Any, *, at: Any = AT) -> dict[str, Any]:
    """The second entry of the register, linked and hashed over exactly this content."""
    head = _open_entry()
    entry = next_entry(
        register=REGISTER, head=(head.seq, head.hash), kind="payment",
        key=str(uuid.uuid4()), at=at, body=body,
    )  # fmt: skip
    return entry.as_wire()


def _item(kind: str, payload: Any, *, key: str | None = None, seq: int = 1) -> dict[str, Any]:
    if key is None:
        entry = payload.get("entry") if isinstance(payload, dict) else None
        key = entry["key"] if isinstance(entry, dict) else ""
    return {
        "key": key or str(uuid.uuid4()), "kind": kind, "seq": seq, "created_at": AT,
        "payload": payload,
    }  # fmt: skip


def _push(api: TestClient, device: str, items: list[Any]) -> list[dict[str, Any]]:
    # json.dumps escapes a lone surrogate as \ud800, as a hostile desk's JSON would carry it.
    body = json.dumps({"device_id": device, "items": items})
    answer = api.post(
        "/api/v1/sync/push", content=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


HOSTILE_BODIES = {
    "unknown tender": _payment_body(tenders=[{"tender": "bitcoin", "amount": "10.00"}]),
    "change not a number": _payment_body(change="x"),
    "empty tender": _payment_body(tenders=[{}]),
    "tenders do not add up": _payment_body(
        tenders=[{"tender": "cash", "amount": "999.00"}], change="-999.00"
    ),
    "change out of a card": _payment_body(tenders=[{"tender": "card", "amount": "10.00"}]),
    "amount as a float": _payment_body(amount=5.0),
    "more places than the currency": _payment_body(
        amount="5.001", tenders=[{"tender": "cash", "amount": "5.001"}], change="0"
    ),
    "NUL character": _payment_body(reason="void\x00"),
    "5 MB string": _payment_body(reason=FIVE_MB),
    "unknown field": _payment_body(loyalty_points="1000"),
    "body is a list": ["shift_id", SHIFT],
    "body is null": None,
}


def _counts(factory: sessionmaker[Session]) -> tuple[int, ...]:
    with factory() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (TillJournalEntry, TillPayment, TillFeedRow, AppliedItem)
        )


def _head(factory: sessionmaker[Session]) -> tuple[int, str]:
    with factory() as session:
        head = session.get_one(TillRegister, REGISTER)
        return head.head_seq, head.head_hash


@pytest.fixture
def opened(api: TestClient, server_factory: sessionmaker[Session]) -> str:
    add_register(server_factory, REGISTER)
    device = new_device(api)
    (result,) = _push(api, device, [_item("till.shift_open", {"entry": _open_entry().as_wire()})])
    assert result["status"] == "applied", result
    return device


@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_a_malformed_till_entry_is_refused_alone_and_writes_nothing(
    api: TestClient, server_factory: sessionmaker[Session], opened: str, name: str
) -> None:
    before, head = _counts(server_factory), _head(server_factory)
    hostile = _item("till.payment", {"entry": _payment_entry(HOSTILE_BODIES[name])})
    good = _item("till.payment", {"entry": _payment_entry(_payment_body())}, seq=3)
    refused, applied = _push(api, opened, [hostile, good])
    assert (refused["status"], refused["code"]) == ("rejected", 422), refused
    assert "entry.body" in refused["detail"] or "item" in refused["detail"], refused
    assert applied["status"] == "applied", applied
    assert _counts(server_factory) == tuple(n + 1 for n in before)  # the good one's rows only
    assert _head(server_factory)[0] == head[0] + 1
    _pull_whole_branch(api)


def _with_lone_surrogate() -> dict[str, Any]:
    # No hash can be taken over a lone surrogate (it is not UTF-8): put it in afterwards.
    entry = _payment_entry(_payment_body())
    return {"entry": entry | {"body": entry["body"] | {"cashier": "cat\ud800"}}}


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(_with_lone_surrogate(), id="lone surrogate"),
        pytest.param({"entry": _payment_entry(_payment_body(), at=123)}, id="at is a number"),
        pytest.param({"entry": _payment_entry(_payment_body(), at="yesterday")}, id="at is text"),
        pytest.param([], id="payload is a list"),
        pytest.param(None, id="payload is null"),
        pytest.param({"entry": None}, id="entry is null"),
    ],
)
def test_malformed_payloads_get_a_422_each(
    api: TestClient, server_factory: sessionmaker[Session], opened: str, payload: Any
) -> None:
    before = _counts(server_factory)
    (refused,) = _push(api, opened, [_item("till.payment", payload)])
    assert (refused["status"], refused["code"]) == ("rejected", 422), refused
    assert _counts(server_factory) == before


@pytest.mark.parametrize(
    "item", [None, [], "till.payment", 7], ids=["null", "list", "text", "number"]
)
def test_an_item_that_is_not_an_object_is_refused_beside_a_good_one(
    api: TestClient, server_factory: sessionmaker[Session], opened: str, item: Any
) -> None:
    good = _item("till.payment", {"entry": _payment_entry(_payment_body())}, seq=2)
    refused, applied = _push(api, opened, [item, good])
    assert (refused["key"], refused["code"], applied["status"]) == ("", 422, "applied")


def test_a_declined_item_leaves_no_journal_link_behind(
    api: TestClient, server_factory: sessionmaker[Session], opened: str
) -> None:
    """A refund of a payment the server never saw is refused after the link was written:
    the savepoint takes the link back, so the register's next entry is still entry 2."""
    head = _head(server_factory)
    refund = _payment_body(links_to=str(uuid.uuid4()), tenders=[{"tender": "cash",
                           "amount": "5.00"}], change="0.00")  # fmt: skip
    entry = next_entry(
        register=REGISTER, head=head, kind="refund", key=str(uuid.uuid4()), at=AT, body=refund
    ).as_wire()
    (refused,) = _push(api, opened, [_item("till.refund", {"entry": entry})])
    assert (refused["status"], refused["code"]) == ("rejected", 400), refused
    assert _head(server_factory) == head
    assert head[1] != genesis_hash(REGISTER)


def _pull_whole_branch(api: TestClient) -> None:
    cursor, more = 0, True
    while more:
        answer = api.get("/api/v1/sync/pull", params={"cursor": cursor})
        assert answer.status_code == 200, answer.text
        page = PullPage.model_validate(answer.json())
        cursor, more = page.cursor, page.has_more
