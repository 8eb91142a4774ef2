"""The snapshot's routes: its description, its content resumable by byte range, and the
pull's floor. SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib

import pytest
from snapshot_helpers import fill

from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.server.snapshot import store
from frontdesk.server.snapshot.build import build_snapshot

NEWEST = "/api/v1/sync/snapshot"
PULL = "/api/v1/sync/pull"


def _content(snapshot_id: int) -> str:
    return f"/api/v1/sync/snapshots/{snapshot_id}"


@pytest.fixture
def built(server_factory, monkeypatch) -> SnapshotPublic:
    """A snapshot in chunks of 4 KiB, so that ranges cross chunks."""
    fill(server_factory)
    monkeypatch.setattr(store, "CHUNK_SIZE", 4096)
    return build_snapshot(server_factory)


def test_none_built_is_404(client, auth_headers) -> None:
    found = client.get(NEWEST, headers=auth_headers)
    assert found.status_code == 404 and "no snapshot" in found.json()["detail"]
    assert client.get(_content(1), headers=auth_headers).status_code == 404


def test_a_desk_user_must_be_signed_in(client, built) -> None:
    assert client.get(NEWEST).status_code == 401
    assert client.get(_content(built.id)).status_code == 401
    bad = {"Authorization": "Bearer not-a-token"}
    assert client.get(_content(built.id), headers=bad).status_code == 401


def test_the_newest_is_described_and_served_whole(client, auth_headers, built) -> None:
    described = client.get(NEWEST, headers=auth_headers)
    assert SnapshotPublic.model_validate_json(described.content) == built
    whole = client.get(_content(built.id), headers=auth_headers)
    assert whole.status_code == 200 and len(whole.content) == built.size > 3 * 4096
    assert hashlib.sha256(whole.content).hexdigest() == built.sha256
    assert whole.headers["etag"] == f'"{built.sha256}"'
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.headers["content-type"] == "application/vnd.sqlite3"


def test_a_download_resumes_by_range(client, auth_headers, built) -> None:
    whole = client.get(_content(built.id), headers=auth_headers).content
    etag = f'"{built.sha256}"'
    for asked, start, end in (("bytes=5000-", 5000, built.size - 1),
                              ("bytes=4095-8192", 4095, 8192),
                              ("bytes=-10", built.size - 10, built.size - 1)):  # fmt: skip
        headers = {**auth_headers, "Range": asked, "If-Range": etag}
        part = client.get(_content(built.id), headers=headers)
        assert part.status_code == 206, asked
        assert part.headers["content-range"] == f"bytes {start}-{end}/{built.size}"
        assert part.content == whole[start : end + 1]


def test_another_if_range_gets_the_whole_content(client, auth_headers, built) -> None:
    headers = {**auth_headers, "Range": "bytes=100-", "If-Range": '"' + "0" * 64 + '"'}
    whole = client.get(_content(built.id), headers=headers)
    assert whole.status_code == 200 and len(whole.content) == built.size
    assert "content-range" not in whole.headers


@pytest.mark.parametrize("asked", ["bytes=999999999-", "bytes=10-5", "bytes=0-1,5-6", "lines=1-"])
def test_a_bad_range_is_416(client, auth_headers, built, asked) -> None:
    refused = client.get(_content(built.id), headers={**auth_headers, "Range": asked})
    assert refused.status_code == 416
    assert refused.headers["content-range"] == f"bytes */{built.size}"


def test_the_floor_of_a_pull(client, auth_headers, built) -> None:
    floored = client.get(PULL, params={"floor": built.cursor, "limit": 5000}, headers=auth_headers)
    assert floored.status_code == 200
    page = floored.json()
    assert page["cursor"] >= built.cursor and not page["customers"] and not page["purchases"]
    plain = client.get(PULL, params={"limit": 5000}, headers=auth_headers).json()
    assert len(plain["customers"]) == built.rows["customers"]
    for floor in (-1, 2**63, "x"):
        refused = client.get(PULL, params={"floor": floor}, headers=auth_headers)
        assert refused.status_code == 422 and "floor" in refused.json()["detail"]
