"""TLS: a real ``frontdesk-server serve`` over HTTPS with trustme certificates.

The client refuses a certificate from an untrusted (self-signed) root, one for another host
and an expired one, with a message saying certificate verification failed, and sends nothing:
the server issues no token and counts no login attempt. With ``FRONTDESK_CA_BUNDLE`` naming
the trustme CA the same client logs in.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme
from e2e_support import free_port, run_server_command, server_command
from sqlalchemy import func, select

from frontdesk.adapters.central_client import CentralClient, ServerUnreachable
from frontdesk.config import load_settings
from frontdesk.server.db import make_engine, session_factory
from frontdesk.server.models import AuthToken, LoginThrottle

PASSWORD = "tls test password"
START_TIMEOUT_S = 30.0

Serve = Callable[[trustme.LeafCert], str]


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    run_server_command(url, "add-user", "ann", "--role", "agent", "--password-stdin",
                       stdin=PASSWORD + "\n")  # fmt: skip
    return url


@pytest.fixture
def serve(tmp_path: Path, db_url: str) -> Iterator[Serve]:
    """Start the server over HTTPS with a given leaf certificate; returns its https:// URL."""
    processes: list[subprocess.Popen[bytes]] = []

    def start(leaf: trustme.LeafCert) -> str:
        port = free_port()
        cert, key = tmp_path / f"cert-{port}.pem", tmp_path / f"key-{port}.pem"
        leaf.private_key_and_cert_chain_pem.write_to_path(str(cert))
        leaf.private_key_pem.write_to_path(str(key))
        log = (tmp_path / f"server-{port}.log").open("wb")
        args = (
            "serve",
            "--port",
            str(port),
            "--ssl-certfile",
            str(cert),
            "--ssl-keyfile",
            str(key),
        )
        process = subprocess.Popen(server_command(db_url, *args), stdout=log, stderr=log)
        processes.append(process)
        _wait_listening(port, process)
        return f"https://127.0.0.1:{port}"

    yield start
    for process in processes:
        process.terminate()
        process.wait(timeout=15)


def _wait_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server exited with {process.returncode}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the HTTPS server did not listen on {port} within {START_TIMEOUT_S} s")


def _client(url: str, ca_file: Path | None) -> CentralClient:
    environ = {"FRONTDESK_CA_BUNDLE": str(ca_file)} if ca_file else {}
    settings = load_settings(data_dir="/nonexistent-unused", environ=environ)
    return CentralClient(url, timeouts=settings.timeouts, ca_bundle=settings.ca_bundle)


def _server_saw_nothing(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with session_factory(engine)() as session:
            for table in (AuthToken, LoginThrottle):
                assert session.scalar(select(func.count()).select_from(table)) == 0
    finally:
        engine.dispose()


@pytest.fixture
def ca_file(tmp_path: Path, ca: trustme.CA) -> Path:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return path


def test_untrusted_root_is_refused_and_nothing_is_sent(
    serve: Serve, ca: trustme.CA, db_url: str
) -> None:
    url = serve(ca.issue_cert("127.0.0.1"))
    with pytest.raises(ServerUnreachable, match="certificate verify failed") as refused:
        _client(url, None).login("ann", PASSWORD)
    assert "its certificate is not trusted" in str(refused.value)
    _server_saw_nothing(db_url)


def test_certificate_for_another_host_is_refused(
    serve: Serve, ca: trustme.CA, ca_file: Path, db_url: str
) -> None:
    url = serve(ca.issue_cert("frontdesk.example"))
    with pytest.raises(ServerUnreachable, match="certificate verify failed") as refused:
        _client(url, ca_file).login("ann", PASSWORD)
    assert "127.0.0.1" in str(refused.value)
    _server_saw_nothing(db_url)


def test_expired_certificate_is_refused(
    serve: Serve, ca: trustme.CA, ca_file: Path, db_url: str
) -> None:
    now = datetime.now(UTC)
    leaf = ca.issue_cert(
        "127.0.0.1", not_before=now - timedelta(days=30), not_after=now - timedelta(days=1)
    )
    url = serve(leaf)
    with pytest.raises(ServerUnreachable, match=r"certificate verify failed.*expired"):
        _client(url, ca_file).login("ann", PASSWORD)
    _server_saw_nothing(db_url)


def test_the_configured_ca_bundle_is_trusted(serve: Serve, ca: trustme.CA, ca_file: Path) -> None:
    url = serve(ca.issue_cert("127.0.0.1"))
    client = _client(url, ca_file)
    assert client.health().status == "ok"
    assert client.login("ann", PASSWORD).user.username == "ann"


@pytest.mark.parametrize("variable", ["REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"])
def test_a_ca_bundle_in_the_environment_is_not_trusted(
    serve: Serve, ca: trustme.CA, ca_file: Path, db_url: str, monkeypatch, variable: str
) -> None:
    # FRONTDESK_CA_BUNDLE is the one CA setting: requests' own variables change nothing.
    monkeypatch.setenv(variable, str(ca_file))
    url = serve(ca.issue_cert("127.0.0.1"))
    with pytest.raises(ServerUnreachable, match="certificate verify failed"):
        _client(url, None).login("ann", PASSWORD)
    _server_saw_nothing(db_url)
