"""Resumable downloads: the one byte range a request asks for, and the headers that go with it.

A desk resumes a large download (a knowledge-base document, a snapshot) with ``Range`` and
``If-Range``: when what the desk holds is no longer what the server has (another ETag),
the whole content comes again, never a piece of the new one glued to the old.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from fastapi import HTTPException, Request, status

_RANGE = re.compile(r"^bytes=(\d{0,19})-(\d{0,19})$")


@dataclass(frozen=True)
class ServedRange:
    """What to send: bytes ``start..end`` (inclusive), the status and the headers."""

    start: int
    end: int
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)


def served_range(request: Request, *, size: int, etag: str) -> ServedRange:
    """The range of a ``size``-byte content named ``etag`` (quoted) that ``request`` asks
    for: all of it (200) without ``Range`` or when ``If-Range`` names another content, else
    one range (206); 416 when that range is malformed or outside."""
    headers = {"Accept-Ranges": "bytes", "ETag": etag, "Cache-Control": "private, max-age=0"}
    wanted = request.headers.get("range")
    if_range = request.headers.get("if-range")
    if wanted is None or (if_range is not None and if_range.strip() != etag):
        start, end, code = 0, size - 1, status.HTTP_200_OK
    else:
        start, end = byte_range(wanted, size)
        code = status.HTTP_206_PARTIAL_CONTENT
        headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    headers["Content-Length"] = str(end - start + 1)
    return ServedRange(start, end, code, headers)


def byte_range(header: str, size: int) -> tuple[int, int]:
    """The one range ``header`` asks for, inclusive; 416 when it is malformed or outside."""
    matched = _RANGE.match(header.strip().replace(" ", ""))
    refused = HTTPException(
        status.HTTP_416_RANGE_NOT_SATISFIABLE,
        detail=f"Range {header[:100]!r}: one range bytes=N-, bytes=N-M or bytes=-N within "
        f"{size} bytes",
        headers={"Content-Range": f"bytes */{size}"},
    )
    if matched is None or matched.groups() == ("", ""):
        raise refused
    first, last = matched.groups()
    if first == "":  # the last N bytes
        start, end = max(0, size - int(last)), size - 1
        if int(last) == 0:
            raise refused
    else:
        start, end = int(first), min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        raise refused
    return start, end
