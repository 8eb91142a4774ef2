"""A shared till, real processes: two users on one workstation are one device.

A real server process, the real client CLI in a keyring session, one cache. Ann logs in,
records a call and leaves it unsent (the server is down); Bob logs in at the same till when
it is back (a token for the same device, no refusal over Ann's waiting write), records his
own, and one ``frontdesk sync`` delivers both, each under the name of who made it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from e2e_support import run_server_command
from test_pull_e2e import FIRST_FILE, PASSWORD, Desk
from test_push_offline_e2e import Server


@pytest.fixture
def server(tmp_path: Path):
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    retail = tmp_path / "retail.csv"
    retail.write_text(FIRST_FILE)
    run_server_command(db_url, "import", "online-retail", str(retail))
    for name in ("ann", "bob"):
        run_server_command(
            db_url,
            "add-user",
            name,
            "--role",
            "cashier",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
    running = Server(db_url, tmp_path)
    running.start()
    yield running
    running.stop()


@pytest.fixture
def desk(tmp_path: Path, keyring_env: dict[str, str]) -> Desk:
    env = {**os.environ, **keyring_env}
    env.pop("FRONTDESK_DATA_DIR", None)
    return Desk(tmp_path / "till", env)


def _log_call(desk: Desk, customer_id: str, reason: str) -> str:
    args = ("interaction", "add", "--customer", customer_id, "--channel", "visit")
    return desk.ok(*args, "--reason", reason).strip()


def test_the_next_user_at_a_till_pushes_the_previous_users_write_under_their_name(
    server: Server, desk: Desk
) -> None:
    login = ("login", "--server", server.url, "--password-stdin")
    desk.ok(*login, "--user", "ann", stdin=PASSWORD)
    desk.ok("sync")
    device_id = json.loads(desk.ok("sync", "--status", "--json"))["device_id"]
    (line,) = desk.ok("lookup", "12347", "--json").splitlines()
    customer_id = json.loads(line)["id"]
    server.stop()
    ann_key = _log_call(desk, customer_id, "ann's visit")
    server.start()

    desk.ok(*login, "--user", "bob", stdin=PASSWORD)
    bob_key = _log_call(desk, customer_id, "bob's visit")
    assert "Pushed 2 items" in desk.ok("sync")

    status = json.loads(desk.ok("sync", "--status", "--json"))
    assert (status["device_id"], status["username"], status["waiting"]) == (device_id, "bob", 0)
    assert server.scalar("SELECT count(*) FROM devices") == 1
    assert server.scalar(f"SELECT count(*) FROM device_users WHERE device_id = '{device_id}'") == 2
    for key, agent in ((ann_key, "ann"), (bob_key, "bob")):
        sql = f"SELECT count(*) FROM interactions WHERE id = '{key}' AND agent = '{agent}'"
        assert server.scalar(sql) == 1, f"{agent}'s visit is not on the server as {agent}'s"
        applied = (
            "SELECT count(*) FROM applied_items JOIN users ON users.id = applied_by "
            f"WHERE key = '{key}' AND username = '{agent}'"
        )
        assert server.scalar(applied) == 1
