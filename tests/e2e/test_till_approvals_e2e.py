"""Supervisor approvals through a real ``frontdesk-server serve`` process and the real
``frontdesk`` till CLI (own cache, the OS keyring in a D-Bus session).

A refund approved online carries the token the server issued for it and is verified when
pushed; with the server stopped, the same supervisor approves a refund offline, which the
server records as unverified once it is back and pushed, and ``frontdesk-server approvals
--unverified`` lists. And the fraud this closes: a desk that just names a supervisor, pushed
straight over HTTP, gets no refund accepted.
"""

from __future__ import annotations

import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path

import requests
from e2e_support import add_register, run_server_command, server_command, wait_healthy
from sqlalchemy import create_engine, text
from test_till_branch_e2e import SUE, _till, server  # noqa: F401 (fixture)

from frontdesk.domain.till import next_entry


def _refund_checks(db_url: str) -> list[tuple[str, str, bool]]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT receipt_no, approval_check, accepted FROM till_refunds "
                "ORDER BY receipt_no"))  # fmt: skip
            return [(r[0], r[1], bool(r[2])) for r in rows]
    finally:
        engine.dispose()


def _restart(server, tmp_path: Path) -> subprocess.Popen[bytes]:  # noqa: F811
    """The same server (database, port) started again after it was stopped."""
    port = server.url.rsplit(":", 1)[1]
    log_path = tmp_path / "server-again.log"
    process = subprocess.Popen(
        server_command(server.db_url, "serve", "--host", "127.0.0.1", "--port", port),
        stdout=log_path.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    wait_healthy(server.url, process, log_path)
    return process


def test_online_approvals_are_verified_and_offline_ones_listed_unverified(
    server,  # noqa: F811
    tmp_path,
    keyring_env,
    monkeypatch,
) -> None:
    for name, value in keyring_env.items():  # the CLI runs here: its keyring is this session's
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FRONTDESK_DATA_DIR", raising=False)
    a = _till(tmp_path, server, "cat", "SHOPA")
    paid = a.till("pay", "--walk-in", "--amount", "30.00", "--currency", "GBP", "--tender", "cash")
    refund = ("refund", paid["receipt"], "--supervisor", "sue", "--amount")
    code, _, said = a.run(*refund, "10.00", "--register", "SHOPA", stdin="not her password\n")
    assert code == 1 and "invalid supervisor name or password" in said
    online = a.till(*refund, "10.00", stdin=SUE)
    a.ok("sync")
    assert _refund_checks(server.db_url) == [(online["receipt"], "valid", True)]
    server.process.terminate()  # the server goes away; sue was approved online here just now
    server.process.wait(timeout=15)
    offline = a.till(*refund, "5.00", stdin=SUE)
    report = a.till("shift", "report")
    assert report["offline_approvals"] == {"count": 1, "receipts": [offline["receipt"]]}
    again = _restart(server, tmp_path)
    try:
        a.ok("sync")
        assert _refund_checks(server.db_url) == [
            (online["receipt"], "valid", True), (offline["receipt"], "unverified", True)
        ]  # fmt: skip
        listed = run_server_command(server.db_url, "approvals", "--unverified").splitlines()
        assert listed[-1] == "1 unverified approvals" and len(listed) == 2
        assert f"SHOPA refund {offline['receipt']} 5.00 GBP by cat, approved by sue " \
               "(offline): unverified" in listed[0]  # fmt: skip
        every = run_server_command(server.db_url, "approvals", "--register", "SHOPA")
        assert every.splitlines()[-1] == "2 approvals"
        assert "approved by sue (online): valid" in every
        _forged_refund_is_not_accepted(server.url, server.db_url)
    finally:
        again.terminate()
        again.wait(timeout=15)


def _forged_refund_is_not_accepted(url: str, db_url: str) -> None:
    """A tampered desk: cat's own login, a chain of its own, a supervisor merely named."""
    add_register(db_url, "SHOPX", branch="Leeds")
    device = str(uuid.uuid4())
    login = requests.post(f"{url}/api/v1/auth/login", json={
        "username": "cat", "password": SUE.strip(), "device_id": device}, timeout=10)  # fmt: skip
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    at, shift, head, items = datetime.now(UTC).isoformat(), str(uuid.uuid4()), None, []
    bodies = [
        ("shift_open", {"cashier": "cat", "currency": "GBP", "float": "0.00"}),
        ("payment", _body(shift, "SHOPX-00000001", None)),
    ]
    payment_key = None
    for kind, body in bodies:
        entry = next_entry(register="SHOPX", head=head, kind=kind, key=str(uuid.uuid4()), at=at,
                           body=body)  # fmt: skip
        head, payment_key = (entry.seq, entry.hash), entry.key
        items.append(entry)
    forged = {"supervisor": "sue", "method": "online", "at": at}
    entry = next_entry(
        register="SHOPX",
        head=head,
        kind="refund",
        key=str(uuid.uuid4()),
        at=at,
        body=_body(shift, "SHOPX-00000002", payment_key) | {"approval": forged},
    )
    items.append(entry)
    payload = {"device_id": device, "items": [
        {"key": e.key, "kind": f"till.{e.kind}", "seq": n, "created_at": at,
         "payload": {"entry": e.as_wire()}} for n, e in enumerate(items, start=1)]}  # fmt: skip
    answer = requests.post(f"{url}/api/v1/sync/push", json=payload, headers=headers, timeout=30)
    assert answer.status_code == 200, answer.text
    result = answer.json()["results"][-1]
    assert result["status"] == "applied" and result["result"]["accepted"] is False
    assert "an online approval without a server token" in result["result"]["reason"]
    assert ("SHOPX-00000002", result["result"]["reason"].split(": ", 1)[1], False) in (
        _refund_checks(db_url)
    )


def _body(shift: str, receipt: str, links_to: str | None) -> dict:
    return {
        "shift_id": shift, "receipt": receipt, "cashier": "cat", "customer_id": None,
        "purpose": "purchase", "currency": "GBP", "amount": "9.00",
        "tenders": [{"tender": "cash", "amount": "9.00"}], "change": "0.00",
        "links_to": links_to, "reason": "",
    }  # fmt: skip
