"""The signed till journal end to end: a real ``frontdesk-server serve`` process makes its
key file in its data directory on first start, a desk's ``frontdesk`` till CLI pushes a
shift to it, and the real ``frontdesk-server verify-journal`` passes it, then names the
register and entry of a payment row edited behind the server's back. A server whose key
file is open to others does not start.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from e2e_support import add_register, server_command
from test_till_branch_e2e import SUE, _till, server  # noqa: F401 (fixture)


def _verify(db_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(server_command(db_url, "verify-journal"), capture_output=True,
                          text=True, timeout=120)  # fmt: skip


def test_a_served_journal_is_signed_and_an_edited_payment_row_is_named(
    server,  # noqa: F811
    tmp_path: Path,
    keyring_env: dict[str, str],
    monkeypatch,
) -> None:
    key = Path(os.environ["FRONTDESK_SERVER_DATA_DIR"]) / "signing-key.pem"
    assert key.stat().st_mode & 0o777 == 0o600  # made by the server process on its start
    for name, value in keyring_env.items():  # the CLI runs here: its keyring is this session's
        if not name.startswith("FRONTDESK_"):
            monkeypatch.setenv(name, value)
    add_register(server.db_url, "SHOP7", branch="Leeds")
    till = _till(tmp_path, server, "cat", "SHOP7")
    for amount in ("30.00", "12.50"):
        till.till("pay", "--walk-in", "--amount", amount, "--currency", "GBP", "--tender", "cash")
    till.till("refund", "SHOP7-00000001", "--amount", "10.00", "--supervisor", "sue", stdin=SUE)
    till.ok("sync")
    db = tmp_path / "central.sqlite3"
    db_url = f"sqlite:///{db}"
    done = _verify(db_url)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SHOP7: 4 entries, ok" in done.stdout and "signature counter 4;" in done.stdout
    shown = subprocess.run(server_command(db_url, "signing-key", "show"), capture_output=True,
                           text=True, timeout=60)  # fmt: skip
    key_id = shown.stdout.split("key id ")[1].split()[0]
    assert key_id in done.stdout
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE till_payments SET amount_minor = 3300 "
                           "WHERE receipt_no = 'SHOP7-00000001'")  # fmt: skip
    done = _verify(db_url)
    assert done.returncode == 1
    assert ("SHOP7 entry 2: its payment row differs: amount_minor 3300 (the entry says 3000)"
            in done.stdout), done.stdout  # fmt: skip


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_a_server_whose_key_file_others_can_read_does_not_start(tmp_path: Path) -> None:
    key = tmp_path / "journal.pem"
    made = subprocess.run(
        server_command(f"sqlite:///{tmp_path / 'x.sqlite3'}", "signing-key", "new", "--out",
                       str(key)), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert made.returncode == 0 and "key id " in made.stdout, made.stderr
    key.chmod(0o640)
    env = os.environ | {"FRONTDESK_SERVER_SIGNING_KEY": str(key)}
    command = server_command(f"sqlite:///{tmp_path / 'central.sqlite3'}", "serve", "--port", "9")
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"frontdesk-server serve: error: the journal signing key {key} is open to group or "
        f"others (mode 0640): chmod 600 {key}"
    )
