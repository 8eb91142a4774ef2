"""The four case writes on the server, on SQLite and PostgreSQL: each applied, each refusal
with its reason, replays, conflicts, first response and due times."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from case_helpers import T0, Desk, sign_in, write_json
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.cases.models import Case, CaseEvent
from frontdesk.server.cases.reference import import_service_levels

pytestmark = pytest.mark.usefixtures("reference")


@pytest.fixture
def ann(api: TestClient) -> Desk:
    return sign_in(api, "ann")


def opened(desk: Desk, n: int = 1, **fields) -> str:
    item = desk.open(n, **fields)
    result = desk.push_one(item)
    assert result["status"] == "applied", result
    return item["key"]


def events(factory: sessionmaker[Session], case_id: str) -> list[tuple]:
    with factory() as session:
        rows = session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.change_seq)
        )
        return [(e.kind, e.author, e.old, e.new, e.body, e.branch) for e in rows]


def case(factory: sessionmaker[Session], case_id: str) -> Case:
    with factory() as session:
        return session.get_one(Case, case_id)


def test_a_desk_gets_its_case_prefix_at_login_and_refresh(api: TestClient) -> None:
    first, second = sign_in(api, "ann"), sign_in(api, "bob")
    assert first.prefix.startswith("D") and second.prefix != first.prefix
    login = api.post(
        "/api/v1/auth/login",
        json={"username": "ann", "password": "correct horse battery", "device_id": first.device_id},
    )
    refreshed = api.post(
        "/api/v1/auth/refresh", json={"refresh_token": login.json()["refresh_token"]}
    )
    assert refreshed.json()["case_prefix"] == first.prefix
    no_device = api.post(
        "/api/v1/auth/login", json={"username": "ann", "password": "correct horse battery"}
    )
    assert no_device.json()["case_prefix"] is None


def test_open_applies_with_the_servers_due_times(ann: Desk, server_factory) -> None:
    late = (T0 + timedelta(days=9)).isoformat()  # the desk's own estimate is not kept
    result = ann.push_one(ann.open(1, due_at=late, assignee_team="leeds-desk",
                                   links=[{"kind": "receipt", "ref": "SHOPA-000012"}]))  # fmt: skip
    assert result["status"] == "applied", result
    kept = case(server_factory, result["result"]["case_id"])
    assert (kept.number, kept.status, kept.branch, kept.opened_by) == (
        ann.number(1), "new", "Leeds", "ann")  # fmt: skip
    assert kept.first_response_due_at == T0 + timedelta(minutes=30)  # billing, normal
    assert kept.due_at == T0 + timedelta(minutes=240)
    assert kept.links == [{"kind": "receipt", "ref": "SHOPA-000012", "line": None}]
    assert events(server_factory, kept.id) == [("opened", "ann", None, "new", "", "Leeds")]


def test_due_times_follow_the_branchs_business_hours(ann: Desk, server_factory, tmp_path) -> None:
    week = {str(day): [["09:00", "17:00"]] for day in range(1, 6)}
    leeds = {"branch": "Leeds", "timezone": "Europe/London", "hours": week,
             "holidays": ["2025-03-10"]}  # fmt: skip
    import_service_levels(server_factory, write_json(tmp_path / "leeds.json",
                                                     {"calendars": [leeds]}))  # fmt: skip
    friday = T0 + timedelta(days=4, hours=6, minutes=30)  # Friday 16:30 in London (GMT)
    case_id = opened(ann, opened_at=friday.isoformat())
    kept = case(server_factory, case_id)
    # Billing: answered in 30 business minutes (by Friday's close), resolved in 240: 30 on
    # Friday, the rest on Tuesday (the weekend and Monday's holiday are shut).
    assert kept.first_response_due_at == T0 + timedelta(days=4, hours=7)
    assert kept.due_at == T0 + timedelta(days=8, hours=2, minutes=30)


def test_open_without_a_policy_has_no_due_time(ann: Desk, server_factory) -> None:
    case_id = opened(ann, priority="urgent")
    assert case(server_factory, case_id).due_at is None


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"customer_id": "nobody"}, "unknown customer nobody"),
        ({"category": "nope"}, "category: unknown category nope"),
        ({"category": "old"}, "category: old is no longer in use"),
        ({"assignee_user": "zed"}, "assignee_user: unknown user zed"),
        ({"assignee_team": "nope"}, "assignee_team: unknown team nope"),
        ({"assignee_user": "bob", "assignee_team": "leeds-desk"},
         "assignee_user: bob is not a member of team leeds-desk"),
    ],
)  # fmt: skip
def test_open_is_refused_for_what_the_server_does_not_know(ann: Desk, fields, reason) -> None:
    result = ann.push_one(ann.open(1, **fields))
    assert (result["status"], result["code"], result["detail"]) == ("rejected", 400, reason)


def test_a_case_number_of_another_desk_is_refused(api: TestClient, ann: Desk) -> None:
    other = sign_in(api, "bob")
    result = ann.push_one(ann.open(1, number=other.number(1)))
    assert (result["status"], result["code"]) == ("rejected", 403)
    assert result["detail"] == (
        f"number: {other.number(1)} is not this device's case number "
        f"(its numbers start with {ann.prefix}-)"
    )


def test_a_number_used_twice_is_refused(ann: Desk) -> None:
    opened(ann, 1)
    result = ann.push_one(ann.open(1))
    assert result["detail"] == f"number: {ann.number(1)} is taken by another case"


def test_an_admin_writes_no_cases(api: TestClient) -> None:
    root = sign_in(api, "root")
    result = root.push_one(root.open(1))
    assert (result["code"], result["detail"]) == (
        403, "root is a admin: only agents, cashiers and supervisors write cases")  # fmt: skip


def test_a_replay_returns_the_stored_result_and_writes_nothing(ann: Desk, server_factory) -> None:
    item = ann.open(1)
    first = ann.push_one(item)
    again = ann.push_one(item)
    assert again["replayed"] and again["result"] == first["result"]
    comment = ann.comment(item["key"], visibility="customer")
    ann.push_one(comment)
    assert ann.push_one(comment)["replayed"]
    assert [e[0] for e in events(server_factory, item["key"])] == ["opened", "comment"]


def test_comments_append_and_the_first_for_the_customer_is_the_first_response(
    ann: Desk, server_factory
) -> None:
    case_id = opened(ann)
    ann.push_one(ann.comment(case_id, "internal note"))
    assert case(server_factory, case_id).first_response_at is None
    answered = ann.comment(case_id, "We refunded you", visibility="customer",
                           at=(T0 + timedelta(minutes=20)).isoformat())  # fmt: skip
    assert ann.push_one(answered)["status"] == "applied"
    assert case(server_factory, case_id).first_response_at == T0 + timedelta(minutes=20)
    assert [e[4] for e in events(server_factory, case_id)] == [
        "", "internal note", "We refunded you"]  # fmt: skip


def test_a_batch_of_comments_is_applied_together_as_one_by_one_would(
    ann: Desk, server_factory
) -> None:
    first, second = opened(ann, 1), opened(ann, 2, assignee_team="leeds-desk")
    at = {m: (T0 + timedelta(minutes=m)).isoformat() for m in (10, 30, 40)}
    answer = ann.comment(second, "Refund on its way", visibility="customer", at=at[30])
    note = ann.comment(second, "Checked stock", at=at[40])
    later = ann.comment(second, "Anything else?", visibility="customer", at=at[40])
    lost = ann.comment("00000000-0000-4000-8000-00000000dead")
    stray = ann.comment(second)
    stray["payload"]["comment_id"] = str(uuid.uuid4())
    # The batch also moves the first case: its comments keep their place around the move.
    before = ann.comment(first, "Asked for photos", visibility="customer", at=at[10])
    moved = ann.status(first, "new", "waiting", at=at[30])
    after = ann.comment(first, "Photos received", at=at[40])
    batch = [answer, before, note, lost, moved, stray, after, later]
    results = ann.push(*batch)
    assert [r["status"] for r in results] == [
        "applied", "applied", "applied", "rejected", "applied", "rejected", "applied", "applied"
    ]  # fmt: skip
    assert results[3]["detail"] == "case_id: unknown case 00000000-0000-4000-8000-00000000dead"
    assert results[5]["detail"] == "comment_id: must be the item's key"
    assert [e[4] for e in events(server_factory, first)] == [
        "", "Asked for photos", "", "Photos received"]  # fmt: skip
    assert case(server_factory, first).first_response_at == T0 + timedelta(minutes=10)
    assert [e[4] for e in events(server_factory, second)] == [
        "", "Refund on its way", "Checked stock", "Anything else?"]  # fmt: skip
    kept = case(server_factory, second)
    assert kept.first_response_at == T0 + timedelta(minutes=30)
    seqs = [results[n]["result"]["change_seq"] for n in (0, 2, 7)]  # the second case's
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert kept.change_seq == seqs[0] - 1  # answered by the comment: numbered just before it
    with server_factory() as session:
        line = session.get_one(CaseEvent, note["key"])
        assert (line.case_branch, line.case_team, line.change_seq) == (
            "Leeds", "leeds-desk", seqs[1])  # fmt: skip
    again = ann.push(*batch)
    assert [r["replayed"] for r in again] == [True, True, True, False, True, False, True, True]
    assert [r.get("result") for r in again] == [r.get("result") for r in results]


def test_a_batch_of_moves_is_applied_together_as_one_by_one_would(
    ann: Desk, server_factory
) -> None:
    ids = [opened(ann, n) for n in range(1, 6)]
    ann.push_one(ann.status(ids[2], "new", "open"))
    later = (T0 + timedelta(hours=2)).isoformat()
    batch = [
        ann.status(ids[0], "new", "resolved", note="Refunded", at=later),
        ann.status(ids[1], "open", "waiting"),  # it is new, not open: a conflict
        ann.status(ids[2], "new", "open"),  # what it holds already
        ann.status(ids[3], "closed", "open"),  # not a move the domain allows
        ann.status("00000000-0000-4000-8000-00000000dead", "new", "open"),
        ann.status(ids[4], "new", "open"),
        ann.comment(ids[4], "Opened it"),  # the same case: both one by one, in this order
    ]
    results = ann.push(*batch)
    assert [r["status"] for r in results] == [
        "applied", "applied", "applied", "rejected", "rejected", "applied", "applied"]  # fmt: skip
    assert results[3]["detail"].startswith("new: a case that is closed cannot become open")
    assert results[4]["detail"] == "case_id: unknown case 00000000-0000-4000-8000-00000000dead"
    resolved = case(server_factory, ids[0])
    assert (resolved.status, resolved.resolved_at, resolved.first_response_at) == (
        "resolved", T0 + timedelta(hours=2), T0 + timedelta(hours=2))  # fmt: skip
    assert results[0]["result"]["change_seq"] == resolved.change_seq
    assert events(server_factory, ids[0])[-1] == (
        "status", "ann", "new", "resolved", "Refunded", "Leeds")  # fmt: skip
    assert results[1]["result"]["accepted"] is False
    assert results[1]["result"]["conflicts"] == [
        {"field": "status", "kept": "new", "yours": "waiting"}]  # fmt: skip
    assert events(server_factory, ids[1])[-1][:4] == ("conflict", "ann", "open", "waiting")
    assert results[2]["result"]["accepted"] is True
    assert [e[0] for e in events(server_factory, ids[2])] == ["opened", "status"]
    assert [e[0] for e in events(server_factory, ids[4])] == ["opened", "status", "comment"]
    again = ann.push(*batch)
    assert [r.get("result") for r in again] == [r.get("result") for r in results]


def test_a_batch_of_new_cases_is_opened_together_as_one_by_one_would(
    ann: Desk, server_factory
) -> None:
    batch = [
        ann.open(1, assignee_team="leeds-desk", category="returns"),
        ann.open(1),  # the number the first took
        ann.open(2, customer_id="00000000-0000-4000-8000-00000000dead"),
        ann.open(3, category="old"),
        ann.open(4, number="D999-00004"),
        ann.open(5),
    ]
    batch.append(ann.comment(batch[-1]["key"], "Opened in this batch"))  # one by one, after
    results = ann.push(*batch)
    assert [r["status"] for r in results] == ["applied", *["rejected"] * 4, "applied", "applied"]
    assert [r.get("detail") for r in results[1:5]] == [
        f"number: {ann.number(1)} is taken by another case",
        "unknown customer 00000000-0000-4000-8000-00000000dead",
        "category: old is no longer in use",
        f"number: D999-00004 is not this device's case number (its numbers start with "
        f"{ann.prefix}-)",
    ]
    first = case(server_factory, batch[0]["key"])
    assert (first.number, first.assignee_team, first.category, first.branch) == (
        ann.number(1), "leeds-desk", "returns", "Leeds")  # fmt: skip
    assert results[0]["result"]["change_seq"] == first.change_seq
    assert results[0]["result"]["due_at"] == first.due_at.isoformat()
    with server_factory() as session:
        line = session.get_one(CaseEvent, batch[0]["key"])
        assert (line.kind, line.change_seq, line.case_branch, line.case_team) == (
            "opened", first.change_seq + 1, "Leeds", "leeds-desk")  # fmt: skip
    assert [e[0] for e in events(server_factory, batch[5]["key"])] == ["opened", "comment"]
    again = ann.push(*batch)
    assert [r.get("result") for r in again] == [r.get("result") for r in results]


def test_comment_on_an_unknown_case_is_refused(ann: Desk) -> None:
    result = ann.push_one(ann.comment("00000000-0000-4000-8000-00000000dead"))
    assert result["detail"] == "case_id: unknown case 00000000-0000-4000-8000-00000000dead"


def test_assign_applies_and_records_the_hand_over(ann: Desk, server_factory) -> None:
    case_id = opened(ann)
    result = ann.push_one(ann.assign(case_id, new_user="sue", new_team="leeds-desk", note="VIP"))
    assert result["result"]["accepted"] is True and result["result"]["conflicts"] == []
    kept = case(server_factory, case_id)
    assert (kept.assignee_user, kept.assignee_team) == ("sue", "leeds-desk")
    assert events(server_factory, case_id)[-1] == (
        "assigned", "ann", "|", "sue|leeds-desk", "VIP", "Leeds")  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"new_user": "zed"}, "assignee_user: unknown user zed"),
        ({"new_team": "nope"}, "assignee_team: unknown team nope"),
    ],
)
def test_assign_to_someone_unknown_is_refused(ann: Desk, fields, reason) -> None:
    case_id = opened(ann)
    assert ann.push_one(ann.assign(case_id, **fields))["detail"] == reason


def test_a_status_move_applies(ann: Desk, server_factory) -> None:
    case_id = opened(ann)
    later = (T0 + timedelta(hours=2)).isoformat()
    result = ann.push_one(ann.status(case_id, "new", "resolved", note="Refunded", at=later))
    assert result["result"]["status"] == "resolved"
    kept = case(server_factory, case_id)
    assert kept.resolved_at == kept.first_response_at == T0 + timedelta(hours=2)
    assert events(server_factory, case_id)[-1] == (
        "status", "ann", "new", "resolved", "Refunded", "Leeds")  # fmt: skip


def test_a_move_the_domain_does_not_allow_is_refused(ann: Desk) -> None:
    case_id = opened(ann)
    result = ann.push_one(ann.status(case_id, "resolved", "open"))
    assert result["detail"] == (
        "new: a case that is resolved cannot become open (it can become: closed, reopened)"
    )


def test_two_desks_moving_one_case_keep_the_first_and_record_the_second(
    api: TestClient, ann: Desk, server_factory
) -> None:
    sue = sign_in(api, "sue")
    case_id = opened(ann)
    first = ann.push_one(ann.status(case_id, "new", "open"))
    second = sue.push_one(sue.status(case_id, "new", "closed"))
    assert first["result"]["accepted"] is True
    assert second["status"] == "applied"  # kept, answered: not a refusal
    assert second["result"]["accepted"] is False
    assert second["result"]["status"] == "open"
    assert second["result"]["conflicts"] == [{"field": "status", "kept": "open", "yours": "closed"}]
    assert case(server_factory, case_id).status == "open"
    assert events(server_factory, case_id)[-1] == (
        "conflict", "sue", "new", "closed", "status", "Leeds")  # fmt: skip
    assert sue.push_one(sue.status(case_id, "new", "closed"))["result"]["accepted"] is False


def test_two_desks_assigning_one_case_keep_the_first(
    api: TestClient, ann: Desk, server_factory
) -> None:
    sue = sign_in(api, "sue")
    case_id = opened(ann)
    ann.push_one(ann.assign(case_id, new_team="leeds-desk"))
    lost = sue.push_one(sue.assign(case_id, new_user="bob"))["result"]
    assert lost["accepted"] is False
    assert lost["conflicts"] == [{"field": "assignee", "kept": {"user": None, "team": "leeds-desk"},
                                  "yours": {"user": "bob", "team": None}}]  # fmt: skip
    assert (lost["assignee_user"], lost["assignee_team"]) == (None, "leeds-desk")
    assert events(server_factory, case_id)[-1][:4] == ("conflict", "sue", "|", "bob|")
