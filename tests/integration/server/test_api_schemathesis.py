"""The API under schemathesis, in-process (ASGI), on SQLite and PostgreSQL: zero 5xx.

Every operation of the app's own OpenAPI schema gets a bounded number of generated requests,
valid and invalid, with an admin's bearer token so the handlers behind the auth check run too.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.users import add_user

EXAMPLES_PER_OPERATION = 25
PASSWORD = "fuzzing admin pass"


@pytest.fixture
def admin_headers(client: TestClient, server_factory: sessionmaker[Session]) -> dict[str, str]:
    add_user(server_factory, username="fuzz.admin", password=PASSWORD, role="admin")
    login = client.post("/api/v1/auth/login", json={"username": "fuzz.admin", "password": PASSWORD})
    assert login.status_code == 200, login.text
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_operation_answers_5xx(
    client: TestClient, admin_headers: dict[str, str], mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8  # the schema really lists the API

    for operation in operations:

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,  # the same requests on every run: a red suite is reproducible
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def probe(case: schemathesis.Case) -> None:
            headers = {**(case.headers or {}), **admin_headers}  # a live token, always
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
