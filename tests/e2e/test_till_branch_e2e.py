"""Two tills of one branch: the client CLI on two desks (own caches, one keyring session)
and a real server process on loopback.

Till A takes a payment and syncs; till B pulls it and refunds part of it; A pulls B's refund
and is capped by it. Then both refund what each thinks is left before hearing of the other:
the server takes the first and declines the second, which its till's shift report lists
as declined with the reason, as does the server's ``declined-refunds``. Syncing again
changes nothing.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e_support import run_server_command
from sqlalchemy import create_engine, text

from frontdesk import cli
from frontdesk.server.db import make_engine, migrate, session_factory
from frontdesk.server.till.registers import add_register
from frontdesk.server.users import add_user

PASSWORD = "correct horse battery"
SUE = PASSWORD + "\n"


@pytest.fixture
def server(tmp_path: Path, start_server):
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    migrate(db_url)  # in this process: three add-user commands would each start Python
    engine = make_engine(db_url)
    try:
        for user, role in (("sue", "supervisor"), ("cat", "cashier"), ("dan", "cashier")):
            add_user(session_factory(engine), username=user, password=PASSWORD, role=role,
                     branch="Leeds")  # fmt: skip
        for register in ("SHOPA", "SHOPB"):
            add_register(session_factory(engine), register, branch="Leeds")
    finally:
        engine.dispose()
    return start_server(db_url)


@dataclass
class Till:
    """One desk: the client CLI (in this process, for speed) on its own data directory."""

    data_dir: Path
    register: str

    def run(self, *args: str, stdin: str = "") -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = cli.main(["--data-dir", str(self.data_dir), *args], stdin=io.StringIO(stdin),
                        stdout=out, stderr=err)  # fmt: skip
        return code, out.getvalue(), err.getvalue()

    def ok(self, *args: str, stdin: str = "") -> str:
        code, out, err = self.run(*args, stdin=stdin)
        assert code == 0, f"frontdesk {' '.join(args)}: {err}"
        return out

    def till(self, *args: str, stdin: str = "") -> dict:
        said = self.ok(*args, "--register", self.register, "--json", stdin=stdin)
        return json.loads(said)


def _till(root: Path, server, user: str, register: str) -> Till:
    till = Till(root / register, register)
    till.ok("login", "--server", server.url, "--user", user, "--password-stdin",
            stdin=PASSWORD + "\n")  # fmt: skip
    till.till("shift", "open", "--float", "0")
    return till


def test_a_payment_taken_at_till_a_is_refunded_at_till_b(
    server, tmp_path, keyring_env, monkeypatch
):
    for name, value in keyring_env.items():  # the CLI runs here: its keyring is this session's
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FRONTDESK_DATA_DIR", raising=False)
    a = _till(tmp_path, server, "cat", "SHOPA")
    b = _till(tmp_path, server, "dan", "SHOPB")
    paid = a.till("pay", "--walk-in", "--amount", "10.00", "--currency", "GBP", "--tender", "cash")
    a.ok("sync")
    refund = ("refund", paid["receipt"], "--supervisor", "sue", "--amount")
    code, _, said = b.run(*refund, "4.00", "--register", "SHOPB", stdin=SUE)
    assert code == 1 and "no payment 'SHOPA-00000001'" in said
    b.ok("sync")  # pulls A's payment
    assert b.till(*refund, "4.00", stdin=SUE)["receipt"] == "SHOPB-00000001"
    said = b.run(*refund, "6.01", "--register", "SHOPB", stdin=SUE)[2]
    assert "only 6.00 GBP of SHOPA-00000001 is left to refund" in said
    b.ok("sync")
    a.ok("sync")  # pulls B's refund
    said = a.run(*refund, "6.01", "--register", "SHOPA", stdin=SUE)[2]
    assert "only 6.00 GBP of SHOPA-00000001 is left to refund" in said
    # Each pays back what it thinks is left before hearing of the other's refund.
    a.till(*refund, "6.00", stdin=SUE)
    late = b.till(*refund, "5.00", stdin=SUE)
    a.ok("sync")
    b.ok("sync")
    reason = "more than is left to refund of SHOPA-00000001 (0.00 GBP left, 5.00 GBP asked)"
    assert b.till("shift", "report")["declined"] == [
        {"receipt": late["receipt"], "amount": "5.00", "reason": reason}
    ]
    assert a.till("shift", "report")["declined"] == []
    listed = run_server_command(server.db_url, "declined-refunds")
    assert listed.splitlines()[0].startswith("SHOPB-00000002 refund of SHOPA-00000001: 5.00 GBP")
    assert listed.splitlines()[0].endswith(reason) and listed.splitlines()[1] == "1 declined"
    before = _server_rows(server.db_url)
    a.ok("sync")
    b.ok("sync")
    assert _server_rows(server.db_url) == before == (1000, 3, 1)


def _server_rows(db_url: str) -> tuple[int, int, int]:
    """What the server paid back of the payment, its refund rows, how many declined."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            return tuple(connection.execute(text(
                "SELECT (SELECT refunded_minor FROM till_payments),"
                " (SELECT count(*) FROM till_refunds),"
                " (SELECT count(*) FROM till_refunds WHERE NOT accepted)"
            )).one())  # fmt: skip
    finally:
        engine.dispose()
