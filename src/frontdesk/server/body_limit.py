"""A limit on the size of every request body, as a pure ASGI middleware.

A body whose ``Content-Length`` is over the limit is answered 413 before any of it is read.
A body without one (chunked) is counted as it streams in: the first chunk past the limit
ends the request with 413, so no route ever holds more than the limit in memory. Whatever
the application made of the cut-off body (an error, a 400) is replaced by the 413.
"""

from __future__ import annotations

import json
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]


class _TooLarge(Exception):
    """The body grew past the limit while the application was reading it."""


class BodyLimit:
    """Answers 413 with ``{"detail": ...}`` to a request body larger than ``max_bytes``."""

    def __init__(self, app: Any, *, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        elif (_declared_length(scope) or 0) > self.max_bytes:
            await self._refuse(send)
        else:
            await _Counted(self, receive, send).run(scope)

    async def _refuse(self, send: Any) -> None:
        body = json.dumps({"detail": f"request body over {self.max_bytes} bytes"}).encode()
        headers = [(b"content-type", b"application/json"), (b"connection", b"close"),
                   (b"content-length", str(len(body)).encode())]  # fmt: skip
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


class _Counted:
    """One request whose body is counted as it is received."""

    def __init__(self, limit: BodyLimit, receive: Any, send: Any) -> None:
        self.limit, self._receive, self._send = limit, receive, send
        self.received, self.over, self.started = 0, False, False

    async def run(self, scope: Scope) -> None:
        try:
            await self.limit.app(scope, self.receive, self.send)
        except Exception:
            if not self.over or self.started:
                raise
        if self.over and not self.started:
            self.started = True
            await self.limit._refuse(self._send)

    async def receive(self) -> Message:
        message: Message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit.max_bytes:
                self.over = True
                raise _TooLarge(f"request body over {self.limit.max_bytes} bytes")
        return message

    async def send(self, message: Message) -> None:
        if self.over and not self.started:
            return  # the application's answer to a cut-off body: the 413 replaces it
        self.started = self.started or message["type"] == "http.response.start"
        await self._send(message)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            return int(value) if value.strip().isdigit() else None
    return None
