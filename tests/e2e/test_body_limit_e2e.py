"""A real server refuses an oversized request body with 413 before reading it."""

from __future__ import annotations

import json
import select
import socket
import time
from pathlib import Path
from urllib.parse import urlsplit

HUGE = 200 * 1024 * 1024
CHUNK = b"x" * 65536
QUICKLY_S = 10


def test_a_200_mb_login_body_gets_413_before_it_is_sent(tmp_path: Path, start_server) -> None:
    server = start_server(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    address = urlsplit(server.url)
    started = time.monotonic()
    with socket.create_connection((address.hostname, address.port), timeout=QUICKLY_S) as conn:
        conn.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/json\r\n" + f"Content-Length: {HUGE}\r\n\r\n".encode()
        )
        sent = _send_until_answered(conn)
        status_line, _, rest = _answer(conn).partition(b"\r\n")
    assert status_line.split()[1] == b"413", status_line
    assert json.loads(rest.partition(b"\r\n\r\n")[2])["detail"].startswith("request body over")
    assert sent < HUGE and time.monotonic() - started < QUICKLY_S


def _send_until_answered(conn: socket.socket) -> int:
    """Send the body until the server answers (or stops reading); how much was sent."""
    sent = 0
    while sent < HUGE and not select.select([conn], [], [], 0)[0]:
        try:
            conn.sendall(CHUNK)
        except OSError:  # the server closed the connection after its answer
            break
        sent += len(CHUNK)
    return sent


def _answer(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data
