"""Every role against every endpoint and every push kind (docs/security.md is this table in
words): what a role may do succeeds, what it may not is refused with the right status, and
nothing is written by a refused item.
"""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient

from redteam import (
    REGISTERS,
    ROLES,
    Register,
    Staff,
    crosssell_feedback,
    customer_create,
    customer_edit,
    name,
)
from redteam import interaction as interaction_item

API = "/api/v1"
#: Who may call each read endpoint (any other signed-in role gets 403; no token 401).
#: An admin's action is on someone of the other branch (``{device}``: their workstation), so
#: the signed-in caller's own token keeps working.
ENDPOINTS = {
    ("GET", "/admin/users"): {"admin"},
    ("POST", "/admin/users/agent.leeds/disable"): {"admin"},
    ("POST", "/admin/users/agent.leeds/enable"): {"admin"},
    ("POST", "/admin/users/agent.leeds/signout-everywhere"): {"admin"},
    ("POST", "/admin/users/agent.leeds/reset-password"): {"admin"},
    ("GET", "/admin/devices"): {"admin"},
    ("POST", "/admin/devices/{device}/revoke"): {"admin"},
    ("GET", "/reports/crosssell-acceptance"): {"supervisor", "admin"},
    ("GET", "/sync/pull?cursor=0&limit=10"): set(ROLES),
    ("PUT", "/stock"): {"admin"},
}
TILL_ROLES = {"cashier", "supervisor"}
BODIES = {
    "/admin/users/agent.leeds/reset-password": {"password": "a new long password"},
    "/stock": {"rows": [{"sku": "NO-SUCH", "branch": "York", "warehouse": "main",
                         "on_hand": "1", "as_of": "2024-03-01T10:00:00Z"}]},
}  # fmt: skip
NO_DEVICE = str(uuid.uuid4())


def _call(
    api: TestClient,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    *,
    device: str = NO_DEVICE,
):
    body = BODIES.get(path)
    return api.request(method, API + path.format(device=device), headers=headers or {}, json=body)


@pytest.mark.parametrize(("method", "path"), list(ENDPOINTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_endpoint_answers_each_role(
    api: TestClient, staff: dict[str, Staff], role: str, method: str, path: str
) -> None:
    device = staff[name("agent", "Leeds")].device_id
    answer = _call(api, method, path, staff[name(role, "York")].headers, device=device)
    allowed = role in ENDPOINTS[(method, path)]
    assert answer.status_code == (200 if allowed else 403), answer.text


@pytest.mark.parametrize(("method", "path"), [*ENDPOINTS, ("POST", "/sync/push"),
                                              ("POST", "/devices")])  # fmt: skip
def test_no_endpoint_but_health_and_sign_in_answers_without_a_token(
    api: TestClient, method: str, path: str
) -> None:
    assert _call(api, method, path).status_code == 401
    forged = {"Authorization": "Bearer " + "x" * 43}
    assert _call(api, method, path, forged).status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_every_role_records_customer_work(
    api: TestClient, staff: dict[str, Staff], role: str
) -> None:
    """Customers are company-wide: a call-centre agent, a cashier, a supervisor and an admin
    each open a customer, log a contact, edit them and record a cross-sell offer."""
    user = staff[name(role, "York")]
    key = str(uuid.uuid4())
    items = [customer_create(key, f"RT-{role}"), interaction_item(key),
             customer_edit(key, "Red Team", "Red Team Ltd"), crosssell_feedback(key)]  # fmt: skip
    results = user.push(api, *items)
    assert [(r["status"], r["code"]) for r in results] == [("applied", 200)] * 4, results


@pytest.mark.parametrize("role", ROLES)
def test_only_cashiers_and_supervisors_push_till_items(
    api: TestClient, staff: dict[str, Staff], role: str
) -> None:
    user = staff[name(role, "York")]
    till = Register(REGISTERS["York"], user.username)
    opening, payment = till.open(), till.pay("20.00")
    results = user.push(api, opening, payment, till.close())
    if role in TILL_ROLES:
        assert [r["status"] for r in results] == ["applied"] * 3, results
        assert results[1]["result"]["accepted"] is True
    else:
        assert {r["code"] for r in results} == {403}, results
        assert f"is a {role}" in results[0]["detail"]
