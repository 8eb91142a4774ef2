"""``POST /sync/push`` under schemathesis, from the published union of every write kind.

The requests come from each role's own registered device in turn (the generated
``device_id`` is replaced by it), so generated items reach the per-item role checks and the
appliers instead of the device check. Zero 5xx, and every kind of the union is exercised.
"""

from __future__ import annotations

import uuid

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol import KINDS
from frontdesk.server.users import add_user

PASSWORD = "fuzzing cashier pass"
#: A cashier reaches every applier; the other roles meet the till's role check too.
EXAMPLES = {"cashier": 300, "agent": 25, "supervisor": 25, "admin": 25}


def _device_login(
    client: TestClient, factory: sessionmaker[Session], role: str
) -> tuple[str, dict]:
    add_user(factory, username=f"fuzz.{role}", password=PASSWORD, role=role, branch="B1")
    device = str(uuid.uuid4())
    body = {"username": f"fuzz.{role}", "password": PASSWORD, "device_id": device}
    login = client.post("/api/v1/auth/login", json=body)
    assert login.status_code == 200, login.text
    return device, {"Authorization": f"Bearer {login.json()['access_token']}"}


@pytest.mark.parametrize("role", list(EXAMPLES))
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_push_answers_no_5xx_for_any_kind(
    client: TestClient, server_factory: sessionmaker[Session], mode: GenerationMode, role: str
) -> None:
    device, headers = _device_login(client, server_factory, role)
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operation = schema["/api/v1/sync/push"]["POST"]
    failures: list[str] = []
    kinds_sent: set[str] = set()

    @settings(
        max_examples=EXAMPLES[role],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def probe(case: schemathesis.Case) -> None:
        if isinstance(case.body, dict):
            case.body["device_id"] = device
            items = case.body.get("items")
            kinds_sent.update(
                i["kind"] for i in items or [] if isinstance(i, dict) and i.get("kind") in KINDS
            ) if isinstance(items, list) else None
        response = case.call(headers={**(case.headers or {}), **headers})
        if response.status_code >= 500:
            failures.append(f"{response.status_code} for {case.body!r:.2000}")

    probe()
    assert failures == []
    if mode is GenerationMode.POSITIVE and role == "cashier":
        assert kinds_sent == set(KINDS)
