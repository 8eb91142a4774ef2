"""An admin sets a register up; no till of another branch can claim it first.

A real ``frontdesk-server serve`` process, the real ``frontdesk-server register ...`` commands
and two desks running the real ``frontdesk`` CLI (in their own processes, with the OS
keyring): York's till pushes to SHOPA2 before anyone added it (refused: not set up), then
again once an admin added it for Leeds (refused: another branch, which the refusal does not
name); Leeds' till then works, binds the register to its device, and stops once the register
is retired.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from e2e_support import RunningServer, run_server_command, server_command
from test_pull_e2e import Desk

PASSWORD = "correct horse battery"


@pytest.fixture
def server(tmp_path: Path, start_server) -> RunningServer:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    for user, branch in (("cat", "Leeds"), ("yve", "York")):
        run_server_command(db_url, "add-user", user, "--role", "cashier", "--branch", branch,
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    return start_server(db_url)


def _desk(root: Path, keyring_env: dict[str, str], server: RunningServer, user: str) -> Desk:
    env = {**os.environ, **keyring_env, "FRONTDESK_REGISTER": "SHOPA2"}
    env.pop("FRONTDESK_DATA_DIR", None)
    desk = Desk(root / user, env)
    desk.ok("login", "--server", server.url, "--user", user, "--password-stdin",
            stdin=PASSWORD + "\n")  # fmt: skip
    return desk


def _failed(desk: Desk) -> list[str]:
    return [i["error"] for i in json.loads(desk.ok("sync", "--status", "--json"))["failed_items"]]


def _pay(desk: Desk, amount: str) -> None:
    desk.ok("pay", "--walk-in", "--amount", amount, "--currency", "GBP", "--tender", "cash")


def _registers(server: RunningServer) -> list[dict]:
    listed = run_server_command(server.db_url, "register", "list", "--json")
    return [json.loads(line) for line in listed.splitlines()]


def test_a_register_is_set_up_by_an_admin_not_claimed_by_the_first_till(
    server: RunningServer, keyring_env: dict[str, str], tmp_path: Path
) -> None:
    york = _desk(tmp_path, keyring_env, server, "yve")
    york.ok("shift", "open", "--float", "10")
    york.run("sync")
    assert _failed(york) == [
        "rejected: register SHOPA2 is not set up on this server: an admin adds it with "
        "`frontdesk-server register add`"
    ]
    assert _registers(server) == []

    added = run_server_command(server.db_url, "register", "add", "SHOPA2", "--branch", "Leeds",
                               "--name", "Till 2, front")  # fmt: skip
    assert added.startswith("SHOPA2 (Till 2, front)  branch Leeds  device unbound")
    assert york.run("sync", "--retry-failed").returncode == 1
    assert _failed(york) == ["rejected: register SHOPA2 belongs to another branch"]

    leeds = _desk(tmp_path, keyring_env, server, "cat")
    leeds.ok("shift", "open", "--float", "10")
    _pay(leeds, "4.20")
    assert leeds.run("sync").returncode == 0 and _failed(leeds) == []
    device = json.loads(leeds.ok("sync", "--status", "--json"))["device_id"]
    (row,) = _registers(server)
    assert (row["branch"], row["device_id"], row["entries"]) == ("Leeds", device, 2)
    verified = run_server_command(server.db_url, "verify-journal", "--register", "SHOPA2")
    assert verified.startswith("SHOPA2: 2 entries, ok\nsignature counter 2; signing keys: ")

    run_server_command(server.db_url, "register", "retire", "SHOPA2")
    _pay(leeds, "1.00")
    leeds.run("sync")
    assert _failed(leeds) == ["rejected: register SHOPA2 is retired and takes no further entries"]
    assert _registers(server)[0]["entries"] == 2


def test_register_add_refuses_an_empty_branch_in_one_line(tmp_path: Path) -> None:
    import subprocess

    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    done = subprocess.run(server_command(db_url, "register", "add", "SHOPA2", "--branch", ""),
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "frontdesk-server register add: error: --branch: a register belongs to a branch; "
        "give its name\n"
    )
