"""The central client over real HTTP on loopback, against a scripted server.

The scripted server answers each path with a fixed status and body, so every failure the
client must translate (refused, timeout, 401 with a reason, 5xx, non-JSON, wrong shape) is
produced by a real socket, not a patched library.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from frontdesk import __version__
from frontdesk.adapters.central_client import CentralClient, InvalidServerUrl, server_url
from frontdesk.protocol.versions import DeskVersions
from frontdesk.services.errors import AuthFailed, DeskTooOld, ProtocolError, ServerUnreachable

TOKENS = {
    "access_token": "a" * 43,
    "refresh_token": "r" * 43,
    "token_type": "bearer",
    "expires_in": 900,
    "user": {"username": "ann", "role": "agent", "branch": "Leeds"},
}


class Script(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, bytes, float]]] = {}
    seen: ClassVar[list[tuple[str, str, dict[str, str], bytes]]] = []

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((self.command, self.path, dict(self.headers), body))
        status, payload, delay = self.routes.get(self.path.split("?")[0], (404, b"{}", 0.0))
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture
def scripted() -> Iterator[str]:
    Script.routes, Script.seen = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Script)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def route(path: str, status: int, body: object, *, delay: float = 0.0) -> None:
    payload = body if isinstance(body, bytes) else json.dumps(body).encode()
    Script.routes[f"/api/v1{path}"] = (status, payload, delay)


def test_login_posts_the_credentials_and_parses_the_tokens(scripted: str) -> None:
    route("/auth/login", 200, TOKENS)

    tokens = CentralClient(scripted).login("ann", "s3cret")

    assert tokens.user.username == "ann"
    method, path, headers, body = Script.seen[0]
    assert (method, path) == ("POST", "/api/v1/auth/login")
    assert json.loads(body) == {"username": "ann", "password": "s3cret"}
    assert headers["User-Agent"].startswith("frontdesk/")


def test_pull_sends_the_bearer_token_and_the_cursor(scripted: str) -> None:
    route("/sync/pull", 200, {"cursor": 7, "has_more": False})

    page = CentralClient(scripted).pull(5, limit=100, access_token="tok")

    assert page.cursor == 7
    _, path, headers, _ = Script.seen[0]
    assert path == "/api/v1/sync/pull?cursor=5&limit=100"
    assert headers["Authorization"] == "Bearer tok"


def test_logout_accepts_no_content(scripted: str) -> None:
    route("/auth/logout", 204, b"")

    CentralClient(scripted).logout("r" * 43)

    assert json.loads(Script.seen[0][3]) == {"refresh_token": "r" * 43}


def test_a_refusal_carries_the_servers_reason(scripted: str) -> None:
    route("/auth/login", 401, {"detail": "invalid username or password"})

    with pytest.raises(AuthFailed, match=r"^invalid username or password$"):
        CentralClient(scripted).login("ann", "wrong")


def test_a_locked_account_is_an_auth_failure_saying_until_when(scripted: str) -> None:
    lock = "too many failed logins for this account; it is locked until 2026-03-01 10:00:00 UTC"
    route("/auth/login", 429, {"detail": lock})

    with pytest.raises(AuthFailed) as refused:
        CentralClient(scripted).login("ann", "right")
    assert str(refused.value) == lock


def test_a_server_error_reads_as_the_server_failing(scripted: str) -> None:
    route("/sync/pull", 503, {"detail": "database unavailable"})

    with pytest.raises(ServerUnreachable, match=r"HTTP 503\): database unavailable"):
        CentralClient(scripted).pull(0, limit=10, access_token="t")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>proxy error</html>", "not a valid PullPage"),
        ({"cursor": "seven", "has_more": False}, "cursor"),
        ({"cursor": 1}, "has_more"),
    ],
)
def test_an_answer_of_the_wrong_shape_is_a_protocol_error(scripted: str, body, message: str):
    route("/sync/pull", 200, body)

    with pytest.raises(ProtocolError, match=message):
        CentralClient(scripted).pull(0, limit=10, access_token="t")


def test_an_unexpected_client_error_is_a_protocol_error(scripted: str) -> None:
    route("/sync/pull", 422, {"detail": [{"loc": ["query", "limit"], "msg": "too big"}]})

    with pytest.raises(ProtocolError, match="HTTP 422"):
        CentralClient(scripted).pull(0, limit=10, access_token="t")


VERSIONS = {"current": "0.3.0", "minimum": "0.2.0", "download_url": "https://dl.example/fd"}


def test_the_desk_versions_are_asked_without_a_token_naming_this_desk(scripted: str) -> None:
    route("/desk/version", 200, VERSIONS)

    versions = CentralClient(scripted).desk_versions()

    assert versions == DeskVersions(**VERSIONS)
    method, path, headers, _body = Script.seen[0]
    assert (method, path) == ("GET", "/api/v1/desk/version")
    assert "Authorization" not in headers
    assert headers["User-Agent"] == f"frontdesk/{__version__}"


def test_a_server_without_version_rules_publishes_none(scripted: str) -> None:
    route("/desk/version", 404, {"detail": "Not Found"})  # a server older than the route
    assert CentralClient(scripted).desk_versions() is None


def test_a_426_is_desk_too_old_with_the_versions_it_names(scripted: str) -> None:
    detail = "Frontdesk 0.1.0 is older than the server takes pushes from (0.2.0 or newer)"
    route("/sync/push", 426, {**VERSIONS, "detail": detail, "desk_version": "0.1.0"})

    with pytest.raises(DeskTooOld, match=r"^Frontdesk 0\.1\.0 is older") as refused:
        CentralClient(scripted).push("d1", [], access_token="t")
    assert refused.value.versions == DeskVersions(**VERSIONS)


def test_a_426_of_another_shape_still_says_the_desk_is_too_old(scripted: str) -> None:
    route("/sync/push", 426, b"<html>Upgrade Required</html>")

    with pytest.raises(DeskTooOld) as refused:
        CentralClient(scripted).push("d1", [], access_token="t")
    assert refused.value.versions is None


def test_a_closed_port_is_unreachable_with_a_short_reason() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens once the probe closes

    with pytest.raises(
        ServerUnreachable, match=r"^cannot reach the server at .*: Connection refused$"
    ):
        CentralClient(f"http://127.0.0.1:{port}").login("ann", "pw")


def test_a_slow_server_times_out(scripted: str) -> None:
    route("/auth/login", 200, TOKENS, delay=1.0)

    with pytest.raises(ServerUnreachable, match=r"did not answer within 0\.2 s"):
        CentralClient(scripted, timeouts=(1.0, 0.2)).login("ann", "pw")


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("HTTPS://HQ.Example:8765/", "https://hq.example:8765"),
        ("http://127.0.0.1:8765/frontdesk/", "http://127.0.0.1:8765/frontdesk"),
    ],
)
def test_server_urls_are_canonical(raw: str, canonical: str) -> None:
    assert server_url(raw) == canonical


@pytest.mark.parametrize("raw", ["hq.example:8765", "ftp://hq", "https://", "http://u:p@hq/"])
def test_bad_server_urls_are_refused(raw: str) -> None:
    with pytest.raises(InvalidServerUrl):
        server_url(raw)


def test_a_customers_orders_and_an_order_by_number_are_asked_with_the_token(scripted) -> None:
    route("/orders", 200, {"orders": [], "order_events": []})
    route("/orders/WEB%2F7", 404, {"detail": "no order WEB/7"})
    client = CentralClient(scripted)

    assert client.customer_orders("c1", access_token="tok").orders == []
    assert client.order("WEB/7", access_token="tok") is None  # none so numbered: no error
    (_, first, headers, _), (_, second, _, _) = Script.seen
    assert first == "/api/v1/orders?customer_id=c1" and headers["Authorization"] == "Bearer tok"
    assert second == "/api/v1/orders/WEB%2F7"
