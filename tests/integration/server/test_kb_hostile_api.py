"""The knowledge base's API against a tampered desk and odd clients: replayed and doubled
feedback, drafts replayed or re-aimed, Range headers at the edges."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.db import transaction, utcnow
from frontdesk.server.knowledge.models import KbDraft, KbFeedback
from frontdesk.server.knowledge.store import DocumentContent, save_document
from frontdesk.server.users import add_user

PASSWORD = "a long enough pass"
AT = "2026-03-01T10:00:00+00:00"
CONTENT = bytes(range(256)) * 8
ARTICLE = {"lang": "en", "title": "Returns", "body_md": "Within 30 days."}


@pytest.fixture
def staff(server_factory: sessionmaker[Session]) -> None:
    for role in ("admin", "supervisor", "agent"):
        add_user(server_factory, username=f"{role}.one", password=PASSWORD, role=role,
                 branch="York")  # fmt: skip


def _login(client: TestClient, role: str, device: str) -> dict[str, str]:
    body = {"username": f"{role}.one", "password": PASSWORD, "device_id": device}
    login = client.post("/api/v1/auth/login", json=body)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _article(client: TestClient) -> str:
    headers = _login(client, "admin", str(uuid.uuid4()))
    answer = client.put("/api/v1/kb/articles/cms:returns", json=ARTICLE, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["id"]


def _push(client: TestClient, role: str, device: str, items: list[dict]) -> list[dict]:
    headers = _login(client, role, device)
    body = {"device_id": device, "items": items}
    answer = client.post("/api/v1/sync/push", json=body, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def _item(kind: str, key: str, seq: int, payload: dict) -> dict:
    return {"key": key, "kind": kind, "seq": seq, "created_at": AT, "payload": payload}


def test_feedback_replayed_or_doubled_in_a_batch_is_counted_once(
    client: TestClient, staff: None, server_factory: sessionmaker[Session]
) -> None:
    article, device, key = _article(client), str(uuid.uuid4()), str(uuid.uuid4())
    payload = {"article_id": article, "verdict": "helpful", "at": AT}
    doubled = [_item("kb.feedback", key, 1, payload), _item("kb.feedback", key, 2, payload)]
    first = _push(client, "agent", device, doubled)
    assert first[0]["status"] == "applied"
    assert first[1]["status"] in ("applied", "rejected")
    again = _push(client, "agent", device, [_item("kb.feedback", key, 3, payload)])
    assert again[0]["status"] == "applied" and again[0]["replayed"]
    changed = {**payload, "verdict": "not_helpful"}
    reused = _push(client, "agent", device, [_item("kb.feedback", key, 4, changed)])
    assert reused[0]["status"] != "applied"
    with server_factory() as session:
        assert session.scalar(select(func.count()).select_from(KbFeedback)) == 1


def test_a_draft_replayed_stays_one_and_cannot_be_re_aimed(
    client: TestClient, staff: None, server_factory: sessionmaker[Session]
) -> None:
    article, device, key = _article(client), str(uuid.uuid4()), str(uuid.uuid4())
    draft = {"draft_id": key, "article_id": article, "base_version": 1, "title": "Returns",
             "body_md": "Within 28 days.", "at": AT}  # fmt: skip
    assert _push(client, "supervisor", device, [_item("kb.draft", key, 1, draft)])[0][
        "status"] == "applied"  # fmt: skip
    replay = _push(client, "supervisor", device, [_item("kb.draft", key, 2, draft)])
    assert replay[0]["status"] == "applied" and replay[0]["replayed"]
    other = {**draft, "body_md": "Within 3 days.", "base_version": 9}
    assert _push(client, "supervisor", device, [_item("kb.draft", key, 3, other)])[0][
        "status"] != "applied"  # fmt: skip
    fresh = str(uuid.uuid4())
    ahead = {**draft, "draft_id": fresh, "base_version": 2}
    refused = _push(client, "supervisor", device, [_item("kb.draft", fresh, 4, ahead)])
    assert refused[0]["status"] == "rejected"
    with server_factory() as session:
        drafts = session.scalars(select(KbDraft)).all()
        assert [(d.body_md, d.author) for d in drafts] == [("Within 28 days.", "supervisor.one")]


def test_range_headers_at_the_edges(
    client: TestClient, staff: None, server_factory: sessionmaker[Session]
) -> None:
    doc = DocumentContent(CONTENT, "sheet.pdf", "application/pdf", "", False, 1, None)
    with transaction(server_factory) as session:
        save_document(session, doc, now=utcnow())
    url, headers = f"/api/v1/kb/documents/{doc.sha256}", _login(client, "agent", str(uuid.uuid4()))
    size = len(CONTENT)

    def get(range_: str, **more: str):
        return client.get(url, headers={**headers, "Range": range_, **more})

    huge_tail = get("bytes=-99999999999")
    assert (huge_tail.status_code, huge_tail.content) == (206, CONTENT)
    past_end = get(f"bytes=10-{10**18}")
    assert (past_end.status_code, past_end.content) == (206, CONTENT[10:])
    assert past_end.headers["content-range"] == f"bytes 10-{size - 1}/{size}"
    for bad in (f"bytes=0-{'9' * 25}", "bytes=-1-2", "bytes=1--2", "bytes=" + "0-1," * 500,
                "bytes=0x10-"):  # fmt: skip
        assert get(bad).status_code == 416, bad
    dated = get("bytes=0-9", **{"If-Range": "Wed, 21 Oct 2015 07:28:00 GMT"})
    assert (dated.status_code, dated.content) == (200, CONTENT)
    weak = get("bytes=0-9", **{"If-Range": f'W/"{doc.sha256}"'})
    assert weak.status_code == 200
    strong = get("bytes=0-9", **{"If-Range": f'"{doc.sha256}"'})
    assert (strong.status_code, strong.content) == (206, CONTENT[:10])
