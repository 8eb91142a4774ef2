"""``frontdesk-server`` commands: add-user and migrate in-process, serve as a real process."""

from __future__ import annotations

import io
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk import __version__
from frontdesk.server.app import create_app
from frontdesk.server.cli import main
from frontdesk.server.models import User
from frontdesk.server.settings import Settings
from frontdesk.server.users import DuplicateUsername, InvalidUser, add_user

ARGON2ID_HASH = re.compile(
    r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$"
)


def _add_user(monkeypatch, capsys, *, url: str, stdin: str, extra: tuple[str, ...] = ()):
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    argv = ["--db", url, "add-user", "bo.cashier", "--role", "cashier", *extra, "--password-stdin"]
    code = main(argv)
    return code, capsys.readouterr()


def test_add_user_reads_the_first_stdin_line_and_can_log_in(
    db_url: str, monkeypatch, capsys
) -> None:
    code, out = _add_user(
        monkeypatch,
        capsys,
        url=db_url,
        stdin="s3cret pass phrase\nignored\n",
        extra=("--branch", "York"),
    )
    assert (code, out.err) == (0, "")
    assert out.out == "created user 'bo.cashier' (role cashier, branch 'York')\n"
    with TestClient(create_app(Settings(database_url=db_url))) as client:
        ok = client.post(
            "/api/v1/auth/login", json={"username": "bo.cashier", "password": "s3cret pass phrase"}
        )
        with_newline = client.post(
            "/api/v1/auth/login",
            json={"username": "bo.cashier", "password": "s3cret pass phrase\n"},
        )
    assert ok.status_code == 200
    assert ok.json()["user"] == {"username": "bo.cashier", "role": "cashier", "branch": "York"}
    assert with_newline.status_code == 401


def test_add_user_errors_are_one_line_and_exit_1(db_url: str, monkeypatch, capsys) -> None:
    assert _add_user(monkeypatch, capsys, url=db_url, stdin="long enough\n")[0] == 0
    cases = {
        "long enough\n": "username 'bo.cashier' is already taken",
        "short\n": "password must be at least 8 characters (got 5)",
        "": "no password on stdin",
    }
    for stdin, message in cases.items():
        code, out = _add_user(monkeypatch, capsys, url=db_url, stdin=stdin)
        assert code == 1
        assert out.out == ""
        assert out.err.startswith(f"frontdesk-server add-user: error: {message}")
        assert out.err.count("\n") == 1


def test_add_user_rejects_an_unknown_role(server_factory: sessionmaker[Session]) -> None:
    with pytest.raises(InvalidUser, match="unknown role 'boss'"):
        add_user(server_factory, username="x", password="long enough", role="boss")
    with pytest.raises(InvalidUser, match="must not be empty"):
        add_user(server_factory, username="  ", password="long enough", role="agent")
    add_user(server_factory, username="x", password="long enough", role="agent")
    with pytest.raises(DuplicateUsername):
        add_user(server_factory, username="x", password="other pass", role="admin")


def test_stored_hash_is_argon2id_with_strong_parameters(
    server_factory: sessionmaker[Session], user: str
) -> None:
    with server_factory() as session:
        stored = session.scalar(select(User.password_hash).where(User.username == user))
    match = ARGON2ID_HASH.match(stored)
    assert match, stored
    memory_kib, passes = int(match[1]), int(match[2])
    assert memory_kib >= 19456 and passes >= 2


def test_migrate_command_creates_the_schema(db_url: str, capsys) -> None:
    assert main(["--db", db_url, "migrate"]) == 0
    assert "is up to date" in capsys.readouterr().out
    assert main(["--db", db_url, "migrate"]) == 0


def test_unreachable_database_is_a_one_line_error(capsys) -> None:
    url = f"postgresql+psycopg://postgres@127.0.0.1:{_free_port()}/nothing"
    assert main(["--db", url, "migrate"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("frontdesk-server migrate: error: database error: ")
    assert err.count("\n") == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _server_command() -> list[str]:
    script = Path(sys.executable).with_name("frontdesk-server")
    return [str(script)] if script.exists() else [sys.executable, "-m", "frontdesk.server.cli"]


def _wait_for_health(url: str, process: subprocess.Popen, *, timeout: float = 30.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            return httpx.get(url, timeout=2).json()
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError(f"no answer from {url} within {timeout}s")


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_runs_as_a_real_process(db_url: str, tmp_path: Path, workers: int) -> None:
    port = _free_port()
    command = [*_server_command(), "--db", db_url, "serve", "--port", str(port)]
    log = (tmp_path / "server.log").open("w+")
    process = subprocess.Popen(
        [*command, "--workers", str(workers)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        start_new_session=True,  # its own process group: workers go down with it
    )
    try:
        health = _wait_for_health(f"http://127.0.0.1:{port}/api/v1/health", process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        log.seek(0)
        output = log.read()
        log.close()
    assert health["status"] == "ok", output
    assert health["version"] == __version__
    assert health["database"] == ("sqlite" if db_url.startswith("sqlite") else "postgresql")
    assert f"serving http://127.0.0.1:{port} with {workers} worker(s)" in output
