"""A server with cases set up (fixtures and helpers): Leeds and York staff, a customer,
service level; helpers to sign in on a device and push case items."""

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
from frontdesk.server.cases.reference import (
    import_categories,
    import_service_levels,
    import_teams,
)
from frontdesk.server.db import allocate_seq, transaction
from frontdesk.server.models import Customer
from frontdesk.server.settings import Settings
from frontdesk.server.users import add_user

PASSWORD = "correct horse battery"
T0 = datetime(2025, 3, 3, 10, 0, tzinfo=UTC)  # a Monday
ANN = "00000000-0000-4000-8000-0000000000a1"
STAFF = {
    "ann": ("agent", "Leeds"),
    "bob": ("cashier", "Leeds"),
    "sue": ("supervisor", "Leeds"),
    "yan": ("agent", "York"),
    "yaz": ("agent", "York"),
    "root": ("admin", ""),
}
CATEGORIES = {
    "categories": [
        {"code": "billing", "name_en": "Billing", "name_ru": "Оплата"},
        {"code": "returns", "name_en": "Returns", "name_ru": "Возвраты"},
        {"code": "old", "name_en": "Old", "name_ru": "Старое", "active": False},
    ]
}
TEAMS = {
    "teams": [
        {"code": "leeds-desk", "name": "Leeds desk", "branch": "Leeds", "members": ["ann", "sue"]},
        {"code": "york-returns", "name": "York returns", "branch": "York", "members": ["yan"]},
    ]
}
SERVICE_LEVELS = {
    "policies": [
        {"category": "*", "priority": "normal", "first_response_minutes": 60,
         "resolution_minutes": 480},
        {"category": "billing", "priority": "normal", "first_response_minutes": 30,
         "resolution_minutes": 240},
    ],
    "calendars": [
        {"branch": "*", "timezone": "UTC",
         "hours": {str(d): [["00:00", "23:59"]] for d in range(1, 8)}, "holidays": []},
    ],
}  # fmt: skip


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def reference(server_factory: sessionmaker[Session], tmp_path: Path) -> None:
    for name, (role, branch) in STAFF.items():
        add_user(server_factory, username=name, password=PASSWORD, role=role, branch=branch)
    with transaction(server_factory) as session:
        session.add(Customer(id=ANN, account_number="ACC-ANN", full_name="Ann Smith", phones=[],
                             emails=[], loyalty_card=None, branch="Leeds", notes="",
                             created_at=T0, updated_at=T0,
                             change_seq=allocate_seq(session)))  # fmt: skip
    import_categories(server_factory, write_json(tmp_path / "categories.json", CATEGORIES))
    import_teams(server_factory, write_json(tmp_path / "teams.json", TEAMS))
    import_service_levels(server_factory, write_json(tmp_path / "sla.json", SERVICE_LEVELS))


@pytest.fixture
def api(migrated_url: str, reference: None) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(database_url=migrated_url))) as client:
        yield client


@dataclass
class Desk:
    """A workstation signed in at the server: its device, token and case prefix."""

    api: TestClient
    device_id: str
    token: str
    prefix: str
    user: str
    seq: int = 0

    def number(self, n: int) -> str:
        return f"{self.prefix}-{n:05d}"

    def push(self, *items: dict[str, Any]) -> list[dict[str, Any]]:
        response = self.api.post(
            "/api/v1/sync/push",
            json={"device_id": self.device_id, "items": list(items)},
            headers=self.headers,
        )
        assert response.status_code == 200, response.text
        return response.json()["results"]

    def push_one(self, item: dict[str, Any]) -> dict[str, Any]:
        (result,) = self.push(item)
        return result

    def pull(self, cursor: int = 0) -> dict[str, Any]:
        response = self.api.get("/api/v1/sync/pull", params={"cursor": cursor},
                                headers=self.headers)  # fmt: skip
        assert response.status_code == 200, response.text
        return response.json()

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def item(self, kind: str, payload: dict[str, Any], *, key: str | None = None) -> dict:
        self.seq += 1
        return {"key": key or str(uuid.uuid4()), "kind": kind, "seq": self.seq,
                "created_at": T0.isoformat(), "payload": payload}  # fmt: skip

    def open(self, n: int = 1, **fields: Any) -> dict[str, Any]:
        case_id = fields.pop("case_id", str(uuid.uuid4()))
        payload = {"case_id": case_id, "number": self.number(n), "customer_id": ANN,
                   "channel": "phone", "category": "billing", "subject": "Charged twice",
                   "opened_at": T0.isoformat(), **fields}  # fmt: skip
        return self.item("case.open", payload, key=case_id)

    def comment(self, case_id: str, body: str = "Looking", **fields: Any) -> dict[str, Any]:
        comment_id = str(uuid.uuid4())
        payload = {"case_id": case_id, "comment_id": comment_id, "body": body,
                   "at": T0.isoformat(), **fields}  # fmt: skip
        return self.item("case.comment", payload, key=comment_id)

    def assign(self, case_id: str, **fields: Any) -> dict[str, Any]:
        payload = {"case_id": case_id, "old_user": None, "old_team": None, "new_user": None,
                   "new_team": None, "at": T0.isoformat(), **fields}  # fmt: skip
        return self.item("case.assign", payload)

    def status(self, case_id: str, old: str, new: str, **fields: Any) -> dict[str, Any]:
        payload = {"case_id": case_id, "old": old, "new": new, "at": T0.isoformat(), **fields}
        return self.item("case.status", payload)


def sign_in(api: TestClient, user: str) -> Desk:
    device_id = str(uuid.uuid4())
    body = {"username": user, "password": PASSWORD, "device_id": device_id}
    response = api.post("/api/v1/auth/login", json=body)
    assert response.status_code == 200, response.text
    pair = response.json()
    return Desk(api, device_id, pair["access_token"], pair["case_prefix"], user)
