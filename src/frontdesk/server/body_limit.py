"""A limit on the size of every request body, as a pure ASGI middleware.

A body whose ``Content-Length`` is over the limit is answered 413 before any of it is read.
A body without one (chunked) is counted as it streams in: the first chunk past the limit
ends the request with 413, so no route ever holds more than the limit in memory. Whatever
the application made of the cut-off body (an error, a 400) is replaced by the 413.

A path may have a limit of its own (``paths``: the first prefix that matches wins), larger
or smaller than the rest: an attachment's upload is bounded by the attachment limit alone.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

Scope = dict[str, Any]
Message = dict[str, Any]


class _TooLarge(Exception):
    """The body grew past the limit while the application was reading it."""


class BodyLimit:
    """Answers 413 with ``{"detail": ...}`` to a request body larger than ``max_bytes``, or
    than the limit of its path's prefix in ``paths`` (``{prefix: (max_bytes, what)}``, where
    ``what`` names the body in the answer, e.g. "an attachment")."""

    def __init__(
        self,
        app: Any,
        *,
        max_bytes: int,
        paths: Mapping[str, tuple[int, str]] | None = None,
    ) -> None:
        self.app, self.max_bytes, self.paths = app, max_bytes, dict(paths or {})

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope.get("path", ""))
        if (_declared_length(scope) or 0) > limit[0]:
            await _refuse(send, limit)
        else:
            await _Counted(self, limit, receive, send).run(scope)

    def _limit(self, path: str) -> tuple[int, str]:
        for prefix, limit in self.paths.items():
            if path.startswith(prefix):
                return limit
        return self.max_bytes, "request body"


async def _refuse(send: Any, limit: tuple[int, str]) -> None:
    max_bytes, what = limit
    body = json.dumps({"detail": f"{what} over {max_bytes} bytes"}).encode()
    headers = [(b"content-type", b"application/json"), (b"connection", b"close"),
               (b"content-length", str(len(body)).encode())]  # fmt: skip
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class _Counted:
    """One request whose body is counted as it is received."""

    def __init__(
        self, middleware: BodyLimit, limit: tuple[int, str], receive: Any, send: Any
    ) -> None:
        self.middleware, self.limit = middleware, limit
        self._receive, self._send = receive, send
        self.received, self.over, self.started = 0, False, False

    async def run(self, scope: Scope) -> None:
        try:
            await self.middleware.app(scope, self.receive, self.send)
        except Exception:
            if not self.over or self.started:
                raise
        if self.over and not self.started:
            self.started = True
            await _refuse(self._send, self.limit)

    async def receive(self) -> Message:
        message: Message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.limit[0]:
                self.over = True
                raise _TooLarge(f"{self.limit[1]} over {self.limit[0]} bytes")
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
