"""A real server process, a real client cache and the real keyring, driven through both CLIs.

The server imports a small Online Retail file written here (known totals), a client logs in
with ``--password-stdin``, syncs over HTTP, looks customer 12347 up, syncs again after new
data arrives, records an interaction and pushes it, and logs out. The refresh token must be
in the OS keyring and nowhere else: not in the cache file or its WAL (read as raw bytes,
freed pages included), not in any output of the desk or the server's log; nor the password.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from e2e_support import RunningServer, run_server_command

PASSWORD = "correct horse battery staple"
HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
FIRST_FILE = HEADER + (
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,"
    "United Kingdom\n"
    "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom\n"
    "537626,85116,BLACK CANDELABRA T-LIGHT HOLDER,12,2010-12-07 14:57:00,2.1,12347.0,Iceland\n"
    "537626,22375,AIRLINE BAG VINTAGE JET SET BROWN,4,2010-12-07 14:57:00,4.25,12347.0,Iceland\n"
    "542237,84625A,PINK NEW BAROQUECANDLESTICK CANDLE,24,2011-01-26 14:30:00,0.85,12347.0,"
    "Iceland\n"
    "C542238,84625A,PINK NEW BAROQUECANDLESTICK CANDLE,-2,2011-01-27 10:00:00,0.85,12347.0,"
    "Iceland\n"
)
SECOND_FILE = HEADER + (
    "549999,22375,AIRLINE BAG VINTAGE JET SET BROWN,2,2011-04-01 11:00:00,5,12347.0,Iceland\n"
)


class Desk:
    """One workstation: the client CLI on its own data directory, in the keyring session."""

    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        self.data_dir = data_dir
        self.env = env
        self.outputs: list[str] = []

    def run(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [sys.executable, "-m", "frontdesk", "--data-dir", str(self.data_dir), *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=120,
        )
        self.outputs += [done.stdout, done.stderr]
        return done

    def ok(self, *args: str, stdin: str = "") -> str:
        done = self.run(*args, stdin=stdin)
        assert done.returncode == 0, f"frontdesk {' '.join(args)}: {done.stderr}"
        return done.stdout

    def keyring_token(self, server_url: str, user: str) -> str | None:
        """The token this desk keeps in the keyring (its entry names the desk's device)."""
        device_id = json.loads(self.ok("sync", "--status", "--json"))["device_id"]
        script = "import sys, keyring\nprint(keyring.get_password('frontdesk', sys.argv[1]) or '')"
        done = subprocess.run(
            [sys.executable, "-c", script, f"{server_url}|{user}|{device_id}"],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=60,
            check=True,
        )
        return done.stdout.strip() or None

    def cache_bytes(self) -> bytes:
        """The cache file, its WAL and shared-memory file if present, as raw bytes."""
        return b"".join(p.read_bytes() for p in self.data_dir.glob("cache.sqlite3*"))


def _assert_nowhere(secret: str, *, desk: Desk, server_logs: list[Path]) -> None:
    assert secret.encode() not in desk.cache_bytes()
    assert not any(secret in output for output in desk.outputs)
    assert not any(secret.encode() in log.read_bytes() for log in server_logs)


@pytest.fixture
def desk(tmp_path: Path, keyring_env: dict[str, str]) -> Desk:
    env = {**os.environ, **keyring_env}
    env.pop("FRONTDESK_DATA_DIR", None)
    return Desk(tmp_path / "desk", env)


def _lookup(desk: Desk, query: str) -> list[dict]:
    return [json.loads(line) for line in desk.ok("lookup", query, "--json").splitlines()]


def test_login_sync_lookup_logout(server: RunningServer, desk: Desk, tmp_path: Path) -> None:
    said = desk.ok(
        "login",
        "--server",
        server.url + "/",
        "--user",
        "ann",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert said.strip() == f"Logged in to {server.url} as ann (role agent)."
    token = desk.keyring_token(server.url, "ann")
    assert token and len(token) >= 22  # >= 128 bits, however it is encoded

    first = desk.ok("sync")
    assert first.startswith("Pulled 1 pages: 2 customers,")
    assert "5 purchases" in first

    (customer,) = _lookup(desk, "12347")
    assert (customer["account_number"], customer["matched_field"]) == ("12347", "account_number")
    assert customer["branch"] == "Iceland"
    purchases = {p["number"]: p for p in customer["purchases"]}
    assert purchases["537626"]["total"] == "42.20"
    assert purchases["537626"]["currency"] == "GBP"
    assert [i["quantity"] for i in purchases["537626"]["items"]] == ["12", "4"]
    assert purchases["542237"]["total"] == "20.40"
    returns = [p for p in customer["purchases"] if p["is_return"]]
    assert [r["total"] for r in returns] == ["-1.70"]
    dates = [p["purchased_at"] for p in customer["purchases"]]
    assert dates == sorted(dates, reverse=True)

    # New data on the server: the next sync pulls only what changed since the cursor.
    second = tmp_path / "retail-2.csv"
    second.write_text(SECOND_FILE)
    run_server_command(server.db_url, "import", "online-retail", str(second))
    assert "1 purchases" in desk.ok("sync")
    (customer,) = _lookup(desk, "12347")
    assert customer["purchases"][0]["number"] == "549999"
    assert customer["purchases"][0]["total"] == "10.00"

    status = json.loads(desk.ok("status", "--json"))
    assert (status["server_url"], status["username"], status["purchases"]) == (server.url, "ann", 6)

    # A local write goes out through the outbox on the next sync.
    desk.ok("interaction", "add", "--customer", customer["id"], "--channel", "call",
            "--reason", "Card not working", "--notes", "asked for a new one")  # fmt: skip
    desk.ok("sync")
    assert json.loads(desk.ok("sync", "--status", "--json"))["waiting"] == 0
    server_logs = list(tmp_path.glob("server-*.log"))
    assert server_logs and b"/api/v1/sync/push" in b"".join(p.read_bytes() for p in server_logs)
    for secret in (token, PASSWORD):
        _assert_nowhere(secret, desk=desk, server_logs=server_logs)

    assert desk.ok("logout").strip() == "Logged out."
    assert desk.keyring_token(server.url, "ann") is None
    refused = desk.run("sync")
    assert refused.returncode == 1
    assert refused.stderr == "frontdesk: this workstation is not logged in; log in first\n"
    assert len(_lookup(desk, "12347")) == 1  # the cache still answers offline


def test_failures_are_one_line_without_traceback(server: RunningServer, desk: Desk) -> None:
    wrong = desk.run(
        "login",
        "--server",
        server.url,
        "--user",
        "ann",
        "--password-stdin",
        stdin="not the password\n",
    )
    assert wrong.returncode == 1
    assert wrong.stderr == "frontdesk: invalid username or password\n"
    assert desk.keyring_token(server.url, "ann") is None

    desk.ok(
        "login", "--server", server.url, "--user", "ann", "--password-stdin", stdin=PASSWORD + "\n"
    )
    server.process.terminate()
    server.process.wait(timeout=15)
    offline = desk.run("sync")
    assert offline.returncode == 1
    assert offline.stderr.startswith(f"frontdesk: cannot reach the server at {server.url}")
    assert offline.stderr.count("\n") == 1 and "Traceback" not in offline.stderr

    missing = desk.run("lookup", "nobody-has-this-name")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == "frontdesk: no customer matches 'nobody-has-this-name'\n"
