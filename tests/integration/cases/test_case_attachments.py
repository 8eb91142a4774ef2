"""Case attachments on the server, on SQLite and PostgreSQL: the upload (hash checked, size
bounded by its own limit, idempotent, device logins only), ``case.attach`` (deferred until
its content is there, then a history line every puller gets), and the download scoped as
the case pull is."""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

import pytest
from case_helpers import T0, Desk, sign_in
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.cases.models import CaseAttachment, CaseAttachmentBlob
from frontdesk.server.settings import Settings

pytestmark = pytest.mark.usefixtures("reference")
CONTENT = b"%PDF-1.4 a receipt, scanned\n" * 40
SHA = hashlib.sha256(CONTENT).hexdigest()


def put(desk: Desk, content: bytes, sha: str | None = None) -> Any:
    sha = sha or hashlib.sha256(content).hexdigest()
    return desk.api.put(f"/api/v1/attachments/{sha}", content=content, headers=desk.headers)


def attach(desk: Desk, case_id: str, *, sha: str = SHA, size: int = len(CONTENT), **fields):
    attachment_id = str(uuid.uuid4())
    payload = {"case_id": case_id, "attachment_id": attachment_id, "sha256": sha,
               "file_name": "receipt.pdf", "media_type": "application/pdf", "size": size,
               "at": T0.isoformat(), **fields}  # fmt: skip
    return desk.item("case.attach", payload, key=attachment_id)


def opened(desk: Desk) -> str:
    item = desk.open(1)
    assert desk.push_one(item)["status"] == "applied"
    return item["key"]


def blobs(factory: sessionmaker[Session]) -> int:
    with factory() as session:
        return session.scalar(select(func.count()).select_from(CaseAttachmentBlob))


def test_an_upload_is_kept_once_by_its_hash(api: TestClient, server_factory) -> None:
    ann = sign_in(api, "ann")
    first = put(ann, CONTENT)
    assert first.status_code == 201, first.text
    again = put(sign_in(api, "yan"), CONTENT)
    assert again.status_code == 200, again.text
    assert blobs(server_factory) == 1


def test_an_upload_whose_content_is_not_its_address_is_refused(api, server_factory) -> None:
    ann = sign_in(api, "ann")
    response = put(ann, CONTENT + b"changed on the way", SHA)
    assert response.status_code == 422
    assert "SHA-256" in response.json()["detail"] and SHA in response.json()["detail"]
    assert blobs(server_factory) == 0
    bad_address = ann.api.put("/api/v1/attachments/ABC", content=b"x", headers=ann.headers)
    assert bad_address.status_code == 422


def test_an_upload_over_the_attachment_limit_is_refused_before_it_is_read(
    migrated_url: str, server_factory
) -> None:
    settings = Settings(database_url=migrated_url, attachment_max_bytes=1000,
                        max_body_bytes=300)  # fmt: skip
    with TestClient(create_app(settings)) as client:
        ann = sign_in(client, "ann")
        assert client.get("/api/v1/attachments/limits", headers=ann.headers).json() == {
            "max_bytes": 1000
        }
        too_big = put(ann, b"x" * 1001)
        assert too_big.status_code == 413
        assert too_big.json()["detail"] == "an attachment over 1000 bytes"
        # its own limit, not the general one (300 bytes)
        assert put(ann, b"y" * 500).status_code == 201
        chunked = ann.api.put(f"/api/v1/attachments/{SHA}", headers=ann.headers,
                              content=iter([b"z" * 600, b"z" * 600]))  # fmt: skip
        assert chunked.status_code == 413
    assert blobs(server_factory) == 1


def test_uploads_need_a_device_login_of_a_desk_user(api: TestClient) -> None:
    assert api.put(f"/api/v1/attachments/{SHA}", content=CONTENT).status_code == 401
    bare = api.post("/api/v1/auth/login",
                    json={"username": "ann", "password": "correct horse battery"})  # fmt: skip
    headers = {"Authorization": f"Bearer {bare.json()['access_token']}"}
    refused = api.put(f"/api/v1/attachments/{SHA}", content=CONTENT, headers=headers)
    assert refused.status_code == 403 and "device id" in refused.json()["detail"]
    root = sign_in(api, "root")
    assert put(root, CONTENT).status_code == 403


def test_an_attach_before_its_upload_is_deferred_then_applied(api: TestClient, server_factory):
    ann = sign_in(api, "ann")
    case_id = opened(ann)
    item = attach(ann, case_id)
    early = ann.push_one(item)
    assert early["status"] == "deferred" and early["code"] == 424
    assert "not been uploaded" in early["detail"]
    assert put(ann, CONTENT).status_code == 201
    later = ann.push_one(item)
    assert later["status"] == "applied" and not later["replayed"], later
    assert ann.push_one(item)["replayed"]
    with server_factory() as session:
        assert session.scalar(select(func.count()).select_from(CaseAttachment)) == 1


def test_an_attach_whose_size_is_not_the_contents_is_refused(api: TestClient) -> None:
    ann = sign_in(api, "ann")
    case_id = opened(ann)
    put(ann, CONTENT)
    result = ann.push_one(attach(ann, case_id, size=len(CONTENT) + 1))
    assert result["status"] == "rejected" and "size" in result["detail"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("file_name", "../etc/passwd"), ("file_name", "a\nb.txt"), ("file_name", "x" * 256),
     ("sha256", SHA.upper()), ("size", 0), ("media_type", "pdf")],
)  # fmt: skip
def test_a_malformed_attach_is_refused_with_its_field(api: TestClient, field, value) -> None:
    ann = sign_in(api, "ann")
    case_id = opened(ann)
    result = ann.push_one(attach(ann, case_id, **{field: value}))
    assert result["status"] == "rejected" and result["code"] == 422
    assert field in result["detail"]


def test_the_pull_brings_the_attachment_and_the_download_keeps_to_the_cases_scope(
    api: TestClient,
) -> None:
    ann, sue, yan = sign_in(api, "ann"), sign_in(api, "sue"), sign_in(api, "yan")
    case_id = opened(ann)
    put(ann, CONTENT)
    assert ann.push_one(attach(ann, case_id, visibility="customer"))["status"] == "applied"
    (line,) = [e for e in sue.pull()["case_events"] if e["kind"] == "attached"]
    assert line["body"] == "receipt.pdf" and line["visibility"] == "customer"
    shown = {"sha256": SHA, "file_name": "receipt.pdf", "media_type": "application/pdf",
             "size": len(CONTENT)}  # fmt: skip
    assert line["attachment"] == shown
    assert [e for e in yan.pull()["case_events"] if e["case_id"] == case_id] == []
    got = api.get(f"/api/v1/attachments/{SHA}", headers=sue.headers)
    assert got.status_code == 200 and got.content == CONTENT
    # York pulls no Leeds case: the content is not there for it, as if unknown
    refused = api.get(f"/api/v1/attachments/{SHA}", headers=yan.headers)
    assert refused.status_code == 404
    assert api.get(f"/api/v1/attachments/{SHA}").status_code == 401
    # once the case is queued for a York team, York's member may fetch it
    moved = ann.assign(case_id, new_team="york-returns")
    assert ann.push_one(moved)["status"] == "applied"
    assert api.get(f"/api/v1/attachments/{SHA}", headers=yan.headers).content == CONTENT


def test_missing_names_the_contents_to_upload(api: TestClient) -> None:
    ann = sign_in(api, "ann")
    other = hashlib.sha256(b"other").hexdigest()
    put(ann, CONTENT)
    answer = api.post("/api/v1/attachments/missing", json={"sha256": [SHA, other]},
                      headers=ann.headers)  # fmt: skip
    assert answer.status_code == 200 and answer.json() == {"sha256": [other]}
