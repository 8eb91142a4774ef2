"""The red team's tools (tests/security, and the end-to-end reproductions): staff of every
role in two branches, each signed in on a workstation of their own, and till journal entries
built by hand the way a tampered desk would send them (each correctly chained and hashed, so
only the server's rules stand in the way).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from frontdesk.domain.till import next_entry

PASSWORD = "a long red team passphrase"
ROLES = ("agent", "cashier", "supervisor", "admin")
BRANCHES = ("York", "Leeds")
#: The till register each branch has set up.
REGISTERS = {"York": "YORK1", "Leeds": "LEEDS1"}
#: A second Leeds register.
SPARE = "LEEDS2"
AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC).isoformat()


def name(role: str, branch: str) -> str:
    return f"{role}.{branch.lower()}"


@dataclass
class Staff:
    """One signed-in user: their workstation and bearer token."""

    username: str
    device_id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def push(self, api: TestClient, *items: dict[str, Any]) -> list[dict[str, Any]]:
        """Push ``items`` from this user's workstation; the per-item results."""
        body = {"device_id": self.device_id, "items": list(items)}
        answer = api.post("/api/v1/sync/push", json=body, headers=self.headers)
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]


def sign_in(api: TestClient, username: str) -> Staff:
    device_id = str(uuid.uuid4())
    body = {"username": username, "password": PASSWORD, "device_id": device_id}
    answer = api.post("/api/v1/auth/login", json=body)
    assert answer.status_code == 200, answer.text
    return Staff(username, device_id, answer.json()["access_token"])


def item(kind: str, payload: dict[str, Any], *, key: str | None = None) -> dict[str, Any]:
    key = key or payload.get("entry", {}).get("key") or str(uuid.uuid4())
    return {"key": key, "kind": kind, "seq": 1, "created_at": AT, "payload": payload}


def customer_create(key: str, account: str) -> dict[str, Any]:
    payload = {"customer_id": key, "account_number": account, "full_name": "Red Team",
               "created_at": AT}  # fmt: skip
    return item("customer.create", payload, key=key)


def interaction(customer_id: str) -> dict[str, Any]:
    payload = {"customer_id": customer_id, "channel": "call", "occurred_at": AT,
               "reason": "Card lost"}  # fmt: skip
    return item("interaction.record", payload)


def customer_edit(customer_id: str, old: str, new: str) -> dict[str, Any]:
    payload = {"customer_id": customer_id, "changes": {"full_name": {"old": old, "new": new}}}
    return item("customer.edit", payload)


def crosssell_feedback(customer_id: str) -> dict[str, Any]:
    payload = {"customer_id": customer_id, "sku": "85123A", "outcome": "offered",
               "model_version": 1, "occurred_at": AT}  # fmt: skip
    return item("crosssell.feedback", payload)


@dataclass
class Register:
    """A register's chain as a desk builds it: each new entry links to the last one made."""

    code: str
    cashier: str
    shift: str = field(default_factory=lambda: str(uuid.uuid4()))
    head: tuple[int, str] | None = None
    receipts: int = 0

    def _entry(self, kind: str, body: dict[str, Any], key: str | None = None) -> dict[str, Any]:
        entry = next_entry(register=self.code, head=self.head, kind=kind,
                           key=key or str(uuid.uuid4()), at=AT, body=body)  # fmt: skip
        self.head = (entry.seq, entry.hash)
        return item(f"till.{kind}", {"entry": entry.as_wire()}, key=entry.key)

    def _receipt(self) -> str:
        self.receipts += 1
        return f"{self.code}-{self.receipts:08d}"

    def open(self) -> dict[str, Any]:
        body = {"cashier": self.cashier, "currency": "GBP", "float": "50.00"}
        return self._entry("shift_open", body, key=self.shift)

    def pay(self, amount: str = "20.00", **changes: Any) -> dict[str, Any]:
        """A payment of ``amount`` by card; ``changes`` replace or add fields of its body."""
        return self._entry("payment", self._money(amount, links_to=None) | changes)

    def refund(self, payment_key: str, amount: str, approval: dict | None) -> dict[str, Any]:
        body = self._money(amount, links_to=payment_key, reason="faulty")
        return self._entry("refund", body | {"approval": approval})

    def void(self, payment_key: str, amount: str, approval: dict | None) -> dict[str, Any]:
        body = self._money(amount, links_to=payment_key, reason="keyed twice")
        return self._entry("void", body | {"approval": approval})

    def close(self) -> dict[str, Any]:
        body = {"shift_id": self.shift, "currency": "GBP", "counted": "50.00",
                "denominations": {}, "expected_cash": "50.00", "over_short": "0.00",
                "net": "0.00", "unsynced_at_close": 0}  # fmt: skip
        return self._entry("shift_close", body)

    def _money(self, amount: str, *, links_to: str | None, reason: str = "") -> dict[str, Any]:
        return {"shift_id": self.shift, "receipt": self._receipt(), "cashier": self.cashier,
                "customer_id": None, "purpose": "purchase", "currency": "GBP",
                "amount": amount, "tenders": [{"tender": "card", "amount": amount}],
                "change": "0.00", "links_to": links_to, "reason": reason}  # fmt: skip


def offline_approval(supervisor: str) -> dict[str, str]:
    return {"supervisor": supervisor, "method": "offline", "at": AT}
