"""Branches stay apart: a till of one branch can neither reach nor learn about another's
payments, registers or staff, through a push, a refusal's text or a pull."""

from __future__ import annotations

import uuid

from fastapi.testclient import TestClient

from redteam import REGISTERS, SPARE, Register, Staff, offline_approval


def _york_payment(api: TestClient, staff: dict[str, Staff]) -> tuple[str, str]:
    """A York cashier's payment of 40.00: its key and receipt."""
    york = Register(REGISTERS["York"], "cashier.york")
    opening, payment = york.open(), york.pay("40.00")
    assert [r["status"] for r in staff["cashier.york"].push(api, opening, payment)] == [
        "applied"
    ] * 2
    return payment["key"], payment["payload"]["entry"]["body"]["receipt"]


def test_a_refund_of_another_branchs_payment_is_answered_as_if_there_were_none(
    api: TestClient, staff: dict[str, Staff]
) -> None:
    payment_key, receipt = _york_payment(api, staff)
    leeds = Register(REGISTERS["Leeds"], "cashier.leeds")
    approval = offline_approval("supervisor.leeds")
    nowhere = str(uuid.uuid4())
    results = staff["cashier.leeds"].push(
        api, leeds.open(), leeds.refund(payment_key, "40.00", approval)
    )
    unknown = Register(SPARE, "cashier.leeds")
    ghost = staff["cashier.leeds"].push(
        api, unknown.open(), unknown.refund(nowhere, "40.00", approval)
    )
    refused = results[1]
    assert (refused["status"], refused["code"]) == ("rejected", 400), refused
    assert refused["detail"].replace(payment_key, "ID") == ghost[1]["detail"].replace(nowhere, "ID")
    for leak in ("York", "YORK1", receipt, "40.00", "cashier.york"):
        assert leak not in refused["detail"]


def test_a_register_of_another_branch_refuses_its_staff_without_naming_the_branch(
    api: TestClient, staff: dict[str, Staff]
) -> None:
    _york_payment(api, staff)
    intruder = Register(REGISTERS["York"], "cashier.leeds")
    results = staff["cashier.leeds"].push(api, intruder.open())
    assert results[0]["code"] == 403, results
    assert "York" not in results[0]["detail"] and "cashier.york" not in results[0]["detail"]


def test_a_supervisor_of_another_branch_does_not_approve_and_is_not_named(
    api: TestClient, staff: dict[str, Staff]
) -> None:
    york = Register(REGISTERS["York"], "cashier.york")
    opening, payment = york.open(), york.pay("30.00")
    refund = york.refund(payment["key"], "30.00", offline_approval("supervisor.leeds"))
    results = staff["cashier.york"].push(api, opening, payment, refund)
    assert results[2]["status"] == "applied" and results[2]["result"]["accepted"] is False
    assert "Leeds" not in results[2]["result"]["reason"]


def test_a_pull_carries_only_the_pullers_branchs_till(
    api: TestClient, staff: dict[str, Staff]
) -> None:
    """A call-centre agent pulls no till at all; cashiers and supervisors their own branch's."""
    payment_key, _ = _york_payment(api, staff)
    for role in ("agent", "cashier", "supervisor", "admin"):
        for branch, sees in (("leeds", False), ("york", role != "agent")):
            page = api.get(
                "/api/v1/sync/pull?cursor=0&limit=500",
                headers=staff[f"{role}.{branch}"].headers,
            ).json()
            keys = {t["id"] for t in page.get("till_transactions", [])}
            assert (payment_key in keys) is sees, (role, branch)


def test_naming_an_approver_tells_nothing_about_who_works_where(
    api: TestClient, staff: dict[str, Staff]
) -> None:
    """No password comes with an offline approval: a name of another branch, of another role
    or of nobody at all gets the same answer."""
    york = Register(REGISTERS["York"], "cashier.york")
    opening, payment = york.open(), york.pay("30.00")
    names = ("supervisor.leeds", "admin.york", "agent.york", "nobody.at.all")
    refunds = [york.refund(payment["key"], "1.00", offline_approval(n)) for n in names]
    results = staff["cashier.york"].push(api, opening, payment, *refunds)[2:]
    said = {r["result"]["reason"].replace(n, "NAME") for r, n in zip(results, names, strict=True)}
    assert said == {"no valid supervisor approval: NAME is not a supervisor of this register's "
                    "branch"}  # fmt: skip
