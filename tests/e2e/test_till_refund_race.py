"""Two tills refund one payment at the same moment, through real server processes.

Till A took a payment of 10.00; tills A and B each push a 7.00 refund of it at once (two
threads released by one barrier). The server must accept at most the paid amount in total:
one refund is accepted, the other is kept in its register's chain with ``accepted: false``
and the reason. Replaying both pushes changes nothing. On SQLite one server process takes
both; on PostgreSQL two server processes share the database, one per till.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
import requests
from e2e_support import add_register, run_server_command
from sqlalchemy import create_engine, text
from test_push_two_servers import pg_url  # noqa: F401 (a fixture)

from frontdesk.domain.till import JournalEntry, next_entry

PASSWORD = "correct horse battery"
PAID, EACH = "10.00", "7.00"


@dataclass
class Till:
    """A register's chain built entry by entry, pushed as a real desk would push it."""

    url: str
    register: str
    headers: dict[str, str]
    device: str = field(default_factory=lambda: str(uuid.uuid4()))
    entries: list[JournalEntry] = field(default_factory=list)

    def add(self, kind: str, body: dict) -> JournalEntry:
        head = (self.entries[-1].seq, self.entries[-1].hash) if self.entries else None
        entry = next_entry(register=self.register, head=head, kind=kind, key=str(uuid.uuid4()),
                           at=datetime.now(UTC).isoformat(), body=body)  # fmt: skip
        self.entries.append(entry)
        return entry

    def push(self, entries: list[JournalEntry]) -> list[dict]:
        items = [
            {"key": e.key, "kind": f"till.{e.kind}", "seq": e.seq,
             "created_at": e.at, "payload": {"entry": e.as_wire()}}
            for e in entries
        ]  # fmt: skip
        answer = requests.post(f"{self.url}/api/v1/sync/push", headers=self.headers, timeout=60,
                               json={"device_id": self.device, "items": items})  # fmt: skip
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]


def _till(url: str, user: str, register: str) -> Till:
    device = str(uuid.uuid4())
    body = {"username": user, "password": PASSWORD, "device_id": device}
    login = requests.post(f"{url}/api/v1/auth/login", json=body, timeout=30)
    headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
    till = Till(url, register, headers, device)
    requests.post(f"{url}/api/v1/devices", json={"device_id": till.device}, headers=headers,
                  timeout=30).raise_for_status()  # fmt: skip
    till.add("shift_open", {"cashier": user, "currency": "GBP", "float": "0"})
    return till


def _body(till: Till, *, amount: str, receipt: int, links_to: str | None = None) -> dict:
    return {
        "shift_id": till.entries[0].key, "receipt": f"{till.register}-{receipt:08d}",
        "cashier": "cat", "customer_id": None, "purpose": "purchase", "currency": "GBP",
        "amount": amount, "tenders": [{"tender": "cash", "amount": amount}], "change": "0",
        "links_to": links_to, "reason": "returned goods" if links_to else "",
    } | ({"approval": _APPROVAL} if links_to else {})  # fmt: skip


# A refund needs a supervisor's approval; sue, a supervisor of the tills' branch, gave it
# offline (the server takes it as unverified; an online one would need a token it issued).
_APPROVAL = {"supervisor": "sue", "method": "offline", "at": "2026-11-28T09:00:00+00:00"}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def servers(request, tmp_path, start_server) -> tuple[str, str]:
    """The URLs tills A and B push to: one SQLite server, or two servers on one PostgreSQL."""
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    else:
        db_url = request.getfixturevalue("pg_url")
    for user, role in (("cat", "cashier"), ("dan", "cashier"), ("sue", "supervisor")):
        run_server_command(db_url, "add-user", user, "--role", role, "--branch", "Leeds",
                           "--password-stdin", stdin=PASSWORD + "\n")  # fmt: skip
    for register in ("SHOPA", "SHOPB"):
        add_register(db_url, register, branch="Leeds")
    first = start_server(db_url)
    second = first if request.param == "sqlite" else start_server(db_url)
    request.node.db_url = db_url
    return first.url, second.url


def test_two_tills_refunding_at_once_never_pay_back_more_than_was_paid(servers, request):
    a, b = _till(servers[0], "cat", "SHOPA"), _till(servers[1], "dan", "SHOPB")
    payment = a.add("payment", _body(a, amount=PAID, receipt=1))
    assert [r["status"] for r in a.push(a.entries)] == ["applied", "applied"]
    assert [r["status"] for r in b.push(b.entries)] == ["applied"]
    refunds = [
        till.add("refund", _body(till, amount=EACH, receipt=n, links_to=payment.key))
        for till, n in ((a, 2), (b, 1))
    ]
    barrier = threading.Barrier(2)

    def push_refund(pair: tuple[Till, JournalEntry]) -> dict:
        till, entry = pair
        barrier.wait(timeout=30)
        (result,) = till.push([entry])
        return result

    pairs = list(zip((a, b), refunds, strict=True))
    with ThreadPoolExecutor(2) as pool:
        first_round = list(pool.map(push_refund, pairs))
    assert [r["status"] for r in first_round] == ["applied", "applied"], first_round
    outcomes = sorted((r["result"]["accepted"], r["result"].get("reason")) for r in first_round)
    assert outcomes == [
        (False, "more than is left to refund of SHOPA-00000001 (3.00 GBP left, 7.00 GBP asked)"),
        (True, None),
    ]
    assert _refunded(request.node.db_url) == (700, 2)
    with ThreadPoolExecutor(2) as pool:
        replayed = list(pool.map(push_refund, pairs))
    assert [r["result"] for r in replayed] == [r["result"] for r in first_round]
    assert _refunded(request.node.db_url) == (700, 2)


def _refunded(db_url: str) -> tuple[int, int]:
    """What the server paid back of the payment, and how many refund rows it keeps."""
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            paid_back = connection.execute(text("SELECT refunded_minor FROM till_payments"))
            rows = connection.execute(text("SELECT count(*) FROM till_refunds"))
            return paid_back.scalar_one(), rows.scalar_one()
    finally:
        engine.dispose()
