"""The knowledge base's API: a CMS's article (admins only, checked input), documents with
Range (a desk resumes), feedback and drafts pushed through /sync/push, the report, the
pull by audience."""

from __future__ import annotations

import io
import uuid
from contextlib import redirect_stdout

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cli import main
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.knowledge.store import DocumentContent, save_document
from frontdesk.server.users import add_user

PASSWORD = "a long enough pass"
AT = "2026-03-01T10:00:00+00:00"
CONTENT = bytes(range(256)) * 40  # 10,240 bytes
ARTICLE = {"lang": "en", "title": "Returns", "body_md": "Within 30 days.", "audience": "agents"}


@pytest.fixture
def staff(server_factory: sessionmaker[Session]) -> None:
    for role in ("admin", "supervisor", "agent", "cashier"):
        add_user(server_factory, username=f"{role}.one", password=PASSWORD, role=role,
                 branch="York")  # fmt: skip


def _login(client: TestClient, role: str, device: str | None = None) -> dict[str, str]:
    body = {"username": f"{role}.one", "password": PASSWORD}
    if device:
        body["device_id"] = device
    login = client.post("/api/v1/auth/login", json=body)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _put(client: TestClient, role: str, source: str = "cms:returns", **changes: object):
    headers = _login(client, role)
    return client.put(f"/api/v1/kb/articles/{source}", json={**ARTICLE, **changes}, headers=headers)


def test_only_an_admin_puts_articles_and_an_unchanged_one_writes_nothing(
    client: TestClient, staff: None
) -> None:
    assert client.put("/api/v1/kb/articles/cms:x", json=ARTICLE).status_code == 401
    assert _put(client, "supervisor").status_code == 403
    first = _put(client, "admin").json()
    assert (first["version"], first["changed"]) == (1, True)
    assert _put(client, "admin").json() == {**first, "changed": False}
    assert _put(client, "admin", title="Returns, 30 days").json()["version"] == 2


@pytest.mark.parametrize(
    ("source", "changes"),
    [("cms:x", {"lang": "de"}), ("cms:x", {"title": ""}), ("cms:x", {"body_md": "x" * 200_001}),
     ("bad%20source", {}), ("cms:x", {"documents": ["0" * 64]}), ("cms:x", {"owner": "me"})],
)  # fmt: skip
def test_bad_articles_are_refused_with_422(
    client: TestClient, staff: None, source: str, changes: dict
) -> None:
    assert _put(client, "admin", source, **changes).status_code == 422


def _document(factory: sessionmaker[Session]) -> str:
    doc = DocumentContent(CONTENT, "sheet.pdf", "application/pdf", "", False, 1, None)
    with transaction(factory) as session:
        save_document(session, doc, now=utcnow())
    return doc.sha256


def test_a_document_downloads_whole_or_by_range_and_resumes(
    client: TestClient, staff: None, server_factory: sessionmaker[Session]
) -> None:
    sha = _document(server_factory)
    url, headers = f"/api/v1/kb/documents/{sha}", _login(client, "cashier")
    whole = client.get(url, headers=headers)
    assert (whole.status_code, whole.content) == (200, CONTENT)
    assert whole.headers["accept-ranges"] == "bytes"
    cut = client.get(url, headers={**headers, "Range": "bytes=0-4095"})
    rest = client.get(url, headers={**headers, "Range": f"bytes={len(cut.content)}-"})
    assert (cut.status_code, rest.status_code) == (206, 206)
    assert rest.headers["content-range"] == f"bytes 4096-10239/{len(CONTENT)}"
    assert cut.content + rest.content == CONTENT
    tail = client.get(url, headers={**headers, "Range": "bytes=-10"})
    assert tail.content == CONTENT[-10:]
    stale = client.get(url, headers={**headers, "Range": "bytes=5-", "If-Range": '"other"'})
    assert (stale.status_code, stale.content) == (200, CONTENT)
    for bad in ("bytes=10240-", "bytes=9-3", "bytes=0-1,5-6", "items=0-1", "bytes=-0"):
        refused = client.get(url, headers={**headers, "Range": bad})
        assert refused.status_code == 416, bad
        assert refused.headers["content-range"] == f"bytes */{len(CONTENT)}"
    assert client.get(url).status_code == 401
    assert client.get(f"/api/v1/kb/documents/{'0' * 64}", headers=headers).status_code == 404


def _item(kind: str, payload: dict) -> dict:
    key = payload.get("draft_id") or str(uuid.uuid4())
    return {"key": key, "kind": kind, "seq": 1, "created_at": AT, "payload": payload}


def _push(client: TestClient, role: str, items: list[dict]) -> list[dict]:
    device = str(uuid.uuid4())
    headers = _login(client, role, device)
    for seq, item in enumerate(items, start=1):
        item["seq"] = seq
    answer = client.post("/api/v1/sync/push", json={"device_id": device, "items": items},
                         headers=headers)  # fmt: skip
    assert answer.status_code == 200, answer.text
    return answer.json()["results"]


def test_feedback_pushed_by_desks_reaches_the_report_and_the_cli(
    client: TestClient, staff: None, migrated_url: str
) -> None:
    article = _put(client, "admin").json()["id"]
    case = str(uuid.uuid4())
    verdicts = ["shown", "helpful", "helpful", "not_helpful"]
    items = [
        _item("kb.feedback", {"article_id": article, "verdict": v, "at": AT}) for v in verdicts
    ]
    items.append(_item("kb.feedback", {"article_id": article, "verdict": "used_in_case",
                                       "case_id": case, "query": "return", "at": AT}))  # fmt: skip
    items.append(_item("kb.feedback", {"article_id": str(uuid.uuid4()), "verdict": "shown",
                                       "at": AT}))  # fmt: skip
    results = _push(client, "agent", items)
    assert [r["status"] for r in results] == ["applied"] * 5 + ["rejected"]
    assert "unknown article" in results[-1]["detail"]
    assert client.get("/api/v1/kb/report", headers=_login(client, "agent")).status_code == 403
    rows = client.get("/api/v1/kb/report", headers=_login(client, "admin")).json()["rows"]
    assert [(r["source"], r["lang"], r["shown"], r["helpful"], r["not_helpful"],
             r["used_in_case"]) for r in rows] == [("cms:returns", "en", 1, 2, 1, 1)]  # fmt: skip
    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["--db", migrated_url, "kb", "report", "--csv"]) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("article_id,lang,title,source,shown")
    assert lines[1].endswith(",en,Returns,cms:returns,1,2,1,1")


def test_a_supervisors_draft_waits_for_an_admin_who_publishes_it(
    client: TestClient, staff: None
) -> None:
    article = _put(client, "admin").json()["id"]
    draft = {"draft_id": str(uuid.uuid4()), "article_id": article, "base_version": 1,
             "title": "Returns", "body_md": "Within 28 days.", "at": AT}  # fmt: skip
    refused = _push(client, "agent", [_item("kb.draft", dict(draft))])
    assert (refused[0]["status"], refused[0]["code"]) == ("rejected", 403)
    assert _push(client, "supervisor", [_item("kb.draft", draft)])[0]["status"] == "applied"
    admin = _login(client, "admin")
    pending = client.get("/api/v1/kb/drafts", headers=admin).json()
    assert [d["id"] for d in pending] == [draft["draft_id"]]
    _put(client, "admin", title="Returns policy")  # the article moved on meanwhile
    publish = f"/api/v1/kb/drafts/{draft['draft_id']}/publish"
    assert client.post(publish, headers=admin).status_code == 409
    published = client.post(f"{publish}?force=true", headers=admin).json()
    assert (published["version"], published["changed"]) == (3, True)
    assert client.post(publish, headers=admin).status_code == 409  # decided already


def test_a_till_pulls_the_articles_of_its_audience_and_drops_the_others(
    client: TestClient, staff: None
) -> None:
    agents = _put(client, "admin", "cms:agents-only").json()["id"]
    everyone = _put(client, "admin", "cms:everyone", audience="all").json()["id"]
    cashier = client.get("/api/v1/sync/pull", headers=_login(client, "cashier")).json()
    assert [a["id"] for a in cashier["kb_articles"]] == [everyone]
    assert cashier["kb_articles_left"] == [agents]
    agent = client.get("/api/v1/sync/pull", headers=_login(client, "agent")).json()
    assert {a["id"] for a in agent["kb_articles"]} == {agents, everyone}
    assert agent["kb_articles"][0]["version"] == 1 and agent["kb_articles_left"] == []
