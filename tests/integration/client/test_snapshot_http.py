"""The central client's side of snapshots over real HTTP on loopback: the description (or
none), a download resumed with ``Range`` only while ``If-Range`` still names the file, and
the floor sent with a pull only when there is one."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from frontdesk.adapters.central_client import CentralClient
from frontdesk.protocol.snapshot import SnapshotPublic
from frontdesk.services.errors import ProtocolError

CONTENT = bytes(range(256)) * 40
SHA = hashlib.sha256(CONTENT).hexdigest()
ABOUT = SnapshotPublic(id=3, format=1, cursor=9, sha256=SHA, size=len(CONTENT),
                       built_at=datetime(2024, 3, 2, tzinfo=UTC))  # fmt: skip


class Snapshots(BaseHTTPRequestHandler):
    offered: ClassVar[bool] = True
    etag: ClassVar[str] = f'"{SHA}"'
    seen: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def do_GET(self) -> None:
        self.seen.append((self.path, dict(self.headers)))
        if self.path == "/api/v1/sync/snapshot":
            body = ABOUT.model_dump_json().encode() if self.offered else b'{"detail":"none"}'
            return self._send(200 if self.offered else 404, body, {})
        if self.path.startswith("/api/v1/sync/pull"):
            return self._send(200, json.dumps({"cursor": 9, "has_more": False}).encode(), {})
        self._content()

    def _content(self) -> None:
        wanted, validator = self.headers.get("Range"), self.headers.get("If-Range")
        if wanted and validator in (None, self.etag):
            start = int(wanted.removeprefix("bytes=").rstrip("-"))
            headers = {"Content-Range": f"bytes {start}-{len(CONTENT) - 1}/{len(CONTENT)}"}
            return self._send(206, CONTENT[start:], headers)
        self._send(200, CONTENT, {"ETag": self.etag})

    def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    Snapshots.offered, Snapshots.etag, Snapshots.seen = True, f'"{SHA}"', []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Snapshots)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_snapshot_is_described_or_none(server: str) -> None:
    client = CentralClient(server)
    assert client.snapshot(access_token="tok") == ABOUT
    Snapshots.offered = False
    assert client.snapshot(access_token="tok") is None


def test_a_download_resumes_only_while_the_file_is_the_same(server: str) -> None:
    client, got = CentralClient(server), bytearray()
    assert client.download_snapshot(ABOUT, offset=0, access_token="t", write=got.extend) == len(
        CONTENT
    )
    assert bytes(got) == CONTENT and "If-Range" not in Snapshots.seen[-1][1]
    tail = bytearray()
    client.download_snapshot(ABOUT, offset=1000, access_token="t", write=tail.extend)
    path, headers = Snapshots.seen[-1]
    assert path == "/api/v1/sync/snapshots/3"
    assert (headers["Range"], headers["If-Range"]) == ("bytes=1000-", f'"{SHA}"')
    assert bytes(tail) == CONTENT[1000:]
    Snapshots.etag = '"' + "0" * 64 + '"'  # the server's file changed: it sends it whole
    with pytest.raises(ProtocolError, match="did not resume at byte 1000"):
        client.download_snapshot(ABOUT, offset=1000, access_token="t", write=tail.extend)


def test_the_floor_goes_with_a_pull_only_when_there_is_one(server: str) -> None:
    client = CentralClient(server)
    client.fetch_pull(0, limit=10, access_token="t").page()
    client.fetch_pull(0, limit=10, access_token="t", floor=9).page()
    paths = [path for path, _ in Snapshots.seen]
    assert paths == ["/api/v1/sync/pull?cursor=0&limit=10",
                     "/api/v1/sync/pull?cursor=0&limit=10&floor=9"]  # fmt: skip
