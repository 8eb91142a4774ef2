"""Plain http only to loopback, over real sockets: a name of this machine is refused before
anything is sent, unless FRONTDESK_ALLOW_PLAIN_HTTP=1, and then ``sync --status`` warns.

The scripted server listens on 127.0.0.1 and the tests reach it by this machine's host name,
so no traffic leaves loopback.
"""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import pytest
from test_central_client_http import Script, route, scripted  # noqa: F401

from frontdesk import cli
from frontdesk.adapters.central_client import CentralClient
from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.services.transport import PlainHttpRefused, is_loopback

HEALTH = {"status": "ok", "version": "1", "database": "ok"}


@pytest.fixture
def by_name(scripted: str) -> str:  # noqa: F811
    """The scripted server's address by this machine's name, which resolves to loopback."""
    name = socket.gethostname()
    try:
        resolved = socket.gethostbyname(name)
    except OSError:
        pytest.skip(f"this machine's name {name!r} does not resolve")
    if resolved != "127.0.0.1" or is_loopback(name):
        pytest.skip(f"this machine's name {name!r} resolves to {resolved}, not 127.0.0.1")
    return scripted.replace("127.0.0.1", name)


def _cli(data_dir: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdin=io.StringIO(stdin), stdout=out,
                    stderr=err)  # fmt: skip
    return code, out.getvalue(), err.getvalue()


def test_a_name_of_this_machine_is_refused_before_anything_is_sent(by_name: str) -> None:
    route("/health", 200, HEALTH)

    with pytest.raises(PlainHttpRefused, match="FRONTDESK_ALLOW_PLAIN_HTTP=1"):
        CentralClient(by_name).login("ann", "s3cret")
    assert CentralClient(by_name).is_reachable() is False
    assert Script.seen == []

    assert CentralClient(by_name, allow_plain_http=True).is_reachable() is True
    assert len(Script.seen) == 1  # the name does lead here: only the setting stopped it


def test_login_from_the_command_line_is_refused_naming_the_setting(
    by_name: str, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.delenv("FRONTDESK_ALLOW_PLAIN_HTTP", raising=False)

    code, _, err = _cli(tmp_path, "login", "--server", by_name, "--user", "ann",
                        "--password-stdin", stdin="pw\n")  # fmt: skip

    assert code != 0
    assert "plain http" in err and "FRONTDESK_ALLOW_PLAIN_HTTP=1" in err
    assert Script.seen == []


def test_sync_status_warns_when_the_setting_allows_plain_http(
    by_name: str, tmp_path: Path, monkeypatch
) -> None:
    route("/health", 200, HEALTH)
    client = build_client(load_settings(data_dir=tmp_path))
    with client.uow:
        client.uow.sync_state.set_login(by_name, "ann")
        client.uow.commit()
    client.close()
    monkeypatch.setenv("FRONTDESK_ALLOW_PLAIN_HTTP", "1")

    code, out, _ = _cli(tmp_path, "sync", "--status")
    assert code == 0
    assert f"warning: {by_name} is plain http: unencrypted (FRONTDESK_ALLOW_PLAIN_HTTP=1)" in out
    code, out, _ = _cli(tmp_path, "sync", "--status", "--json")
    assert json.loads(out)["plain_http"] is True
    assert json.loads(out)["online"] is True
