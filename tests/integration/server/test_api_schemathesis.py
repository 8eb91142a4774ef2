"""The API under schemathesis, in-process (ASGI), on SQLite and PostgreSQL: zero 5xx.

Every operation of the app's own OpenAPI schema gets a bounded number of generated requests,
valid and invalid, with the bearer token of each role in turn (signed in on a workstation of
its own), so the handlers behind the auth and role checks run too.
"""

from __future__ import annotations

import uuid

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.users import add_user

#: The admin reaches every handler; the other roles mostly meet the role checks.
EXAMPLES_PER_OPERATION = {"admin": 25, "supervisor": 6, "cashier": 6, "agent": 6}
PASSWORD = "fuzzing admin pass"


def _headers(client: TestClient, factory: sessionmaker[Session], role: str) -> dict[str, str]:
    add_user(factory, username=f"fuzz.{role}", password=PASSWORD, role=role, branch="B1")
    body = {"username": f"fuzz.{role}", "password": PASSWORD, "device_id": str(uuid.uuid4())}
    login = client.post("/api/v1/auth/login", json=body)
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


@pytest.fixture
def admin_headers(client: TestClient, server_factory: sessionmaker[Session]) -> dict[str, str]:
    return _headers(client, server_factory, "admin")


@pytest.mark.parametrize("role", list(EXAMPLES_PER_OPERATION))
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_5xx(
    client: TestClient, server_factory: sessionmaker[Session], mode: GenerationMode, role: str
) -> None:
    role_headers = _headers(client, server_factory, role)
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8  # the schema really lists the API

    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION[role],
            deadline=None,
            database=None,
            derandomize=True,  # the same requests on every run: a red suite is reproducible
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def probe(case: schemathesis.Case) -> None:
            headers = {**(case.headers or {}), **role_headers}  # a live token, always
            response = case.call(headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.operation.label}: {response.status_code} for {case!r}")

        try:
            probe()
        except Unsatisfiable:
            # Nothing in the operation can be made invalid (no body, no parameters).
            assert mode is GenerationMode.NEGATIVE, operation.label
    assert failures == []


def test_nul_characters_get_422_not_a_database_error(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    """Found by the run above on PostgreSQL, whose text cannot hold NUL."""
    login = client.post("/api/v1/auth/login", json={"username": "\x00", "password": "x"})
    assert login.status_code == 422
    assert "body.username: Value error, must not contain NUL characters" in login.json()["detail"]
    device = {"device_id": "6f1c1c9e-8f5e-4b8e-9a65-2f1f0c3b7a10", "name": "till\x00"}
    assert client.post("/api/v1/devices", json=device, headers=admin_headers).status_code == 422
