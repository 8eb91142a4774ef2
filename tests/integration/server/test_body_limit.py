"""The request body limit in process: a declared length over it, and a chunked body that
grows past it while streaming, both get 413 with a ``detail``; the body is never read whole."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from frontdesk.server.app import create_app
from frontdesk.server.body_limit import BodyLimit
from frontdesk.server.settings import (
    DEFAULT_MAX_BODY_BYTES,
    MAX_BODY_ENV,
    Settings,
    _max_body_bytes,
)

LIMIT = 1024
LOGIN = "/api/v1/auth/login"


@pytest.fixture
def api(migrated_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=migrated_url, max_body_bytes=LIMIT))) as c:
        yield c


def _chunks(count: int, size: int = 100) -> Iterator[bytes]:
    yield b'{"username": "ann", "password": "'
    for _ in range(count):
        yield b"x" * size
    yield b'"}'


def test_a_declared_length_over_the_limit_gets_413(api: TestClient) -> None:
    answer = api.post(LOGIN, content=b"x" * (LIMIT + 1), headers={"Content-Type": "text/plain"})
    assert answer.status_code == 413
    assert answer.json() == {"detail": f"request body over {LIMIT} bytes"}


def test_a_chunked_body_past_the_limit_gets_413(api: TestClient) -> None:
    answer = api.post(LOGIN, content=_chunks(50), headers={"Content-Type": "application/json"})
    assert "content-length" not in answer.request.headers
    assert answer.status_code == 413
    assert answer.json() == {"detail": f"request body over {LIMIT} bytes"}


def test_a_body_within_the_limit_reaches_the_route(api: TestClient) -> None:
    answer = api.post(LOGIN, content=_chunks(5), headers={"Content-Type": "application/json"})
    assert answer.status_code == 401, answer.text


class ReadingApp:
    """An ASGI app that reads its body chunk by chunk and answers 400 if it cannot."""

    def __init__(self) -> None:
        self.chunks_read = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        more = True
        try:
            while more:
                message = await receive()
                self.chunks_read, more = self.chunks_read + 1, message.get("more_body", False)
        except Exception:
            await send({"type": "http.response.start", "status": 400, "headers": []})
            await send({"type": "http.response.body", "body": b"bad body"})
            return
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"read"})


def _run(app: Any, chunks: int, *, headers: list[tuple[bytes, bytes]]) -> list[dict[str, Any]]:
    messages = iter(
        [{"type": "http.request", "body": b"x" * 100, "more_body": n < chunks - 1}
         for n in range(chunks)]
    )  # fmt: skip
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return next(messages)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/", "headers": headers}
    asyncio.run(BodyLimit(app, max_bytes=LIMIT)(scope, receive, send))
    return sent


def test_a_streamed_body_is_cut_at_the_first_chunk_past_the_limit() -> None:
    app = ReadingApp()
    start, body = _run(app, 1000, headers=[])
    assert (start["status"], body["body"]) == (413, b'{"detail": "request body over 1024 bytes"}')
    assert app.chunks_read == LIMIT // 100  # the 11th chunk was never handed over


def test_a_declared_length_over_the_limit_is_not_read_at_all() -> None:
    app = ReadingApp()
    start, _ = _run(app, 1000, headers=[(b"content-length", b"100000")])
    assert (start["status"], app.chunks_read) == (413, 0)


def test_a_body_within_the_limit_is_the_apps() -> None:
    start, body = _run(ReadingApp(), 10, headers=[])
    assert (start["status"], body["body"]) == (200, b"read")


@pytest.mark.parametrize("raw", ["0", "-5", "lots", "1.5"])
def test_the_limit_must_be_a_positive_number_of_bytes(raw: str) -> None:
    with pytest.raises(ValueError, match=MAX_BODY_ENV):
        _max_body_bytes(raw)


def test_the_limit_defaults_to_16_mib() -> None:
    assert _max_body_bytes(None) == _max_body_bytes(" ") == DEFAULT_MAX_BODY_BYTES == 16 * 2**20
    assert _max_body_bytes("2048") == 2048
