"""A server with orders set up (fixtures and helpers): Leeds and York staff, a customer of
each branch, a few products with prices and stock, and helpers to sign in and push."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.app import create_app
from frontdesk.server.catalogue.imports import import_catalogue
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Customer
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

PASSWORD = "correct horse battery"
T0 = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)
ANN = "00000000-0000-4000-8000-0000000000a1"  # a Leeds customer
YURI = "00000000-0000-4000-8000-0000000000b2"  # a York customer
STAFF = {"ann": ("agent", "Leeds"), "bob": ("cashier", "Leeds"), "yan": ("agent", "York"),
         "root": ("admin", "")}  # fmt: skip
PRODUCTS = [
    {"sku": "22423", "names": {"en": "Regency cakestand"}},
    {"sku": "85123A", "names": {"en": "Heart t-light holder"}},
    {"sku": "W1", "names": {"en": "Ribbon by the metre"}, "unit": "m"},
]
PRICES = [
    {"sku": "22423", "currency": "GBP", "unit_price": "12.75", "valid_from": "2025-01-01"},
    {"sku": "22423", "currency": "GBP", "unit_price": "12.50", "valid_from": "2024-01-01",
     "valid_until": "2024-12-31"},
    {"sku": "85123A", "currency": "GBP", "unit_price": "2.55", "valid_from": "2025-01-01"},
    {"sku": "85123A", "currency": "GBP", "unit_price": "2.45", "valid_from": "2025-01-01",
     "branch": "Leeds"},
    {"sku": "W1", "currency": "GBP", "unit_price": "0.333", "valid_from": "2025-01-01"},
]  # fmt: skip
STOCK = [
    {"sku": "22423", "branch": "Leeds", "warehouse": "main", "on_hand": "5", "reserved": "1",
     "as_of": "2025-03-01T08:00:00+00:00"},
    {"sku": "22423", "branch": "Leeds", "warehouse": "yard", "on_hand": "2",
     "as_of": "2025-03-01T08:00:00+00:00"},
    {"sku": "85123A", "branch": "Leeds", "warehouse": "main", "on_hand": "2",
     "as_of": "2025-03-01T08:00:00+00:00"},
    {"sku": "W1", "branch": "Leeds", "warehouse": "main", "on_hand": "100",
     "as_of": "2025-03-01T08:00:00+00:00"},
    {"sku": "22423", "branch": "York", "warehouse": "main", "on_hand": "10",
     "as_of": "2025-03-01T08:00:00+00:00"},
]  # fmt: skip


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _customer(customer_id: str, name: str, branch: str, seq: int) -> Customer:
    return Customer(id=customer_id, account_number=f"ACC-{name}", full_name=name, phones=[],
                    emails=[], loyalty_card=None, branch=branch, notes="", created_at=T0,
                    updated_at=T0, change_seq=seq)  # fmt: skip


@pytest.fixture
def shop(server_factory: sessionmaker[Session], tmp_path: Path) -> None:
    for name, (role, branch) in STAFF.items():
        add_user(server_factory, username=name, password=PASSWORD, role=role, branch=branch)
    with transaction(server_factory) as session:
        session.add(_customer(ANN, "Ann", "Leeds", allocate_seq(session)))
        session.add(_customer(YURI, "Yuri", "York", allocate_seq(session)))
    for kind, rows in (("products", PRODUCTS), ("prices", PRICES), ("stock", STOCK)):
        report = import_catalogue(server_factory, kind, write_json(tmp_path / f"{kind}.json", rows))
        assert report.refused == 0, report.summary()


@pytest.fixture
def api(migrated_url: str, shop: None) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        yield client


@dataclass
class Desk:
    """A workstation signed in at the server: its device, token and number prefix."""

    api: TestClient
    device_id: str
    token: str
    prefix: str
    seq: int = 0

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def number(self, n: int) -> str:
        return f"{self.prefix}-O{n:05d}"

    def push(self, *items: dict[str, Any]) -> list[dict[str, Any]]:
        body = {"device_id": self.device_id, "items": list(items)}
        response = self.api.post("/api/v1/sync/push", json=body, headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def push_one(self, item: dict[str, Any]) -> dict[str, Any]:
        (result,) = self.push(item)
        return result

    def pull(self, cursor: int = 0) -> dict[str, Any]:
        response = self.api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 5000},
                                headers=self.headers)  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()

    def item(self, kind: str, payload: dict[str, Any], *, key: str | None = None) -> dict:
        self.seq += 1
        return {"key": key or str(uuid.uuid4()), "kind": kind, "seq": self.seq,
                "created_at": T0.isoformat(), "payload": payload}  # fmt: skip

    def place(self, n: int = 1, lines: list[dict] | None = None, **fields: Any) -> dict:
        order_id = fields.pop("order_id", str(uuid.uuid4()))
        lines = lines or [line(1, "22423", "2", "12.75")]
        total = sum_of(lines)
        payload = {"order_id": order_id, "number": self.number(n), "customer_id": ANN,
                   "currency": "GBP", "lines": lines, "total": total,
                   "placed_at": T0.isoformat(), **fields}  # fmt: skip
        return self.item("order.place", payload, key=order_id)

    def cancel(self, number: str, reason: str = "Found it cheaper") -> dict:
        payload = {"number": number, "reason": reason, "at": T0.isoformat()}
        return self.item("order.cancel_request", payload)


def line(no: int, sku: str, quantity: str, price: str, total: str | None = None) -> dict:
    from decimal import ROUND_HALF_UP, Decimal

    due = (Decimal(quantity) * Decimal(price)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {"line_no": no, "sku": sku, "quantity": quantity, "unit_price": price,
            "line_total": total or str(due)}  # fmt: skip


def sum_of(lines: list[dict]) -> str:
    from decimal import Decimal

    return str(sum(Decimal(item["line_total"]) for item in lines))


def sign_in(api: TestClient, user: str) -> Desk:
    device_id = str(uuid.uuid4())
    body = {"username": user, "password": PASSWORD, "device_id": device_id}
    response = api.post("/api/v1/auth/login", json=body)
    assert response.status_code == 200, response.text
    pair = response.json()
    return Desk(api, device_id, pair["access_token"], pair["case_prefix"])


def admin_headers(api: TestClient) -> dict[str, str]:
    response = api.post("/api/v1/auth/login", json={"username": "root", "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def order_in(number: str = "WEB-1001", **fields: Any) -> dict[str, Any]:
    """A back-office order of two lines for Ann."""
    lines = fields.pop("lines", [line(1, "22423", "2", "12.75"), line(2, "W1", "1.5", "0.333")])
    return {"number": number, "channel": "web", "customer_id": ANN, "branch": "Leeds",
            "currency": "GBP", "lines": lines, "total": sum_of(lines),
            "placed_at": T0.isoformat(), **fields}  # fmt: skip
