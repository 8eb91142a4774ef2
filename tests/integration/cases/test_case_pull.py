"""What desks pull of cases, on SQLite and PostgreSQL: their branch's cases and their teams',
with the history; the reference lists; every case of a customer on demand."""

from __future__ import annotations

import pytest
from case_helpers import ANN, sign_in
from fastapi.testclient import TestClient

from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import CustomerCases

pytestmark = pytest.mark.usefixtures("reference")


def pulled(desk) -> PullPage:
    page = PullPage.model_validate(desk.pull())
    assert not page.has_more
    return page


def test_a_desk_pulls_its_branchs_cases_with_their_events(api: TestClient) -> None:
    ann, bob, yan = sign_in(api, "ann"), sign_in(api, "bob"), sign_in(api, "yan")
    item = ann.open(1)
    ann.push(item, ann.comment(item["key"], "Called back"))
    leeds, york = pulled(bob), pulled(yan)
    assert [c.number for c in leeds.cases] == [ann.number(1)]
    assert [(e.kind, e.body) for e in leeds.case_events] == [
        ("opened", ""),
        ("comment", "Called back"),
    ]
    assert york.cases == [] and york.case_events == []


def test_another_branchs_case_comes_once_it_is_queued_for_a_team_of_the_puller(
    api: TestClient,
) -> None:
    ann, yan, yaz = sign_in(api, "ann"), sign_in(api, "yan"), sign_in(api, "yaz")
    item = ann.open(1)
    ann.push(item, ann.comment(item["key"], "Before the hand-over"))
    cursor = pulled(yan).cursor
    ann.push_one(ann.assign(item["key"], new_team="york-returns"))
    page = PullPage.model_validate(yan.pull(cursor))
    assert [c.assignee_team for c in page.cases] == ["york-returns"]
    # The history before the hand-over comes with it.
    assert [e.kind for e in page.case_events] == ["opened", "comment", "assigned"]
    assert pulled(yaz).cases == []  # York, but not of the team


def test_a_desk_pulls_its_branchs_and_its_teams_cases_page_by_page_each_once(
    api: TestClient,
) -> None:
    ann, yan = sign_in(api, "ann"), sign_in(api, "yan")
    theirs = ann.open(1, assignee_team="york-returns")  # Leeds's, queued for York's team
    ours = yan.open(1)  # York's, no team
    both = yan.open(2, assignee_team="york-returns")  # York's and its team's at once
    ann.push(theirs, ann.comment(theirs["key"], "For York"))
    yan.push(ours, both, yan.comment(both["key"], "Ours twice over"))
    cases, events, cursor, pages = [], [], 0, 0
    while True:  # pages of two changes: each index range is cut and merged many times
        response = api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": 2},
                           headers=yan.headers)  # fmt: skip
        page = PullPage.model_validate(response.json())
        cases += [c.number for c in page.cases]
        events += [(e.case_id, e.kind) for e in page.case_events]
        cursor, pages = page.cursor, pages + 1
        if not page.has_more:
            break
    assert pages > 4
    assert sorted(cases) == sorted([ann.number(1), yan.number(1), yan.number(2)])
    assert sorted(events) == sorted([
        (theirs["key"], "opened"),
        (theirs["key"], "comment"),
        (ours["key"], "opened"),
        (both["key"], "opened"),
        (both["key"], "comment"),
    ])  # fmt: skip
    for key in (theirs["key"], both["key"]):  # each case's history in its order
        assert [kind for case_id, kind in events if case_id == key] == ["opened", "comment"]


def test_the_reference_lists_come_to_every_desk(api: TestClient) -> None:
    page = pulled(sign_in(api, "yan"))
    assert [(c.code, c.active) for c in page.case_categories] == [
        ("billing", True), ("returns", True), ("old", False)]  # fmt: skip
    assert {t.code: t.members for t in page.teams} == {
        "leeds-desk": ["ann", "sue"], "york-returns": ["yan"]}  # fmt: skip
    assert {(p.category, p.priority, p.first_response_minutes) for p in page.service_policies} == {
        ("*", "normal", 60), ("billing", "normal", 30)}  # fmt: skip
    (calendar,) = page.business_calendars
    assert (calendar.branch, calendar.timezone, calendar.hours[1]) == (
        "*", "UTC", [("00:00", "23:59")])  # fmt: skip


def test_every_write_of_a_case_comes_in_the_next_pull(api: TestClient) -> None:
    ann, sue = sign_in(api, "ann"), sign_in(api, "sue")
    item = ann.open(1)
    ann.push_one(item)
    cursor = pulled(sue).cursor
    for write in (ann.status(item["key"], "new", "open"), ann.assign(item["key"], new_user="sue")):
        ann.push_one(write)
        page = PullPage.model_validate(sue.pull(cursor))
        assert [c.id for c in page.cases] == [item["key"]] and len(page.case_events) == 1
        cursor = page.cursor
    ann.push_one(ann.comment(item["key"], "internal"))
    page = PullPage.model_validate(sue.pull(cursor))
    assert page.cases == [] and [e.kind for e in page.case_events] == ["comment"]


def test_every_case_of_a_customer_on_demand(api: TestClient) -> None:
    ann, yan = sign_in(api, "ann"), sign_in(api, "yan")
    item = ann.open(1)
    ann.push(item, ann.comment(item["key"], "Leeds note"))
    yan.push_one(yan.open(1, category="returns"))
    response = api.get("/api/v1/cases", params={"customer_id": ANN}, headers=yan.headers)
    assert response.status_code == 200, response.text
    found = CustomerCases.model_validate(response.json())
    assert sorted(c.number for c in found.cases) == sorted([ann.number(1), yan.number(1)])
    assert len(found.case_events) == 3
    none = api.get("/api/v1/cases", params={"customer_id": "nobody"}, headers=yan.headers)
    assert none.json() == {"customer_id": "nobody", "cases": [], "case_events": []}


def test_the_on_demand_cases_need_a_desk_users_token(api: TestClient) -> None:
    assert api.get("/api/v1/cases", params={"customer_id": ANN}).status_code == 401
    root = sign_in(api, "root")
    assert api.get("/api/v1/cases", params={"customer_id": ANN},
                   headers=root.headers).status_code == 403  # fmt: skip
    bad = api.get(
        "/api/v1/cases", params={"customer_id": "a\x00b"}, headers=sign_in(api, "ann").headers
    )
    assert bad.status_code == 422


def test_a_page_with_cases_is_written_as_pull_page_writes_it(api: TestClient) -> None:
    ann, yan = sign_in(api, "ann"), sign_in(api, "yan")
    item = ann.open(1, links=[{"kind": "purchase", "ref": "p-1", "line": "TEA"}])
    ann.push(item, ann.comment(item["key"], "Привет", visibility="customer"))
    ann.push_one(ann.assign(item["key"], new_team="york-returns"))
    response = api.get("/api/v1/sync/pull", params={"cursor": 0}, headers=yan.headers)
    page = PullPage.model_validate_json(response.content)
    assert len(page.cases) == 1 and len(page.business_calendars) == 1
    assert response.content == page.model_dump_json(by_alias=True).encode()


def test_a_case_handed_away_from_the_pullers_team_is_named_as_left_once(
    api: TestClient,
) -> None:
    ann, yan, yaz = sign_in(api, "ann"), sign_in(api, "yan"), sign_in(api, "yaz")
    item = ann.open(1, assignee_team="york-returns")  # Leeds's, queued for York's team
    ann.push(item)
    first = pulled(yan)
    assert [c.id for c in first.cases] == [item["key"]] and first.cases_left == []
    leeds_cursor, yaz_cursor = pulled(ann).cursor, pulled(yaz).cursor
    ann.push_one(ann.assign(item["key"], old_team="york-returns", new_team="leeds-desk"))
    page = PullPage.model_validate(yan.pull(first.cursor))
    # Nothing of the case comes any more, only the word that it left.
    assert (page.cases, page.case_events, page.cases_left) == ([], [], [item["key"]])
    assert page.cursor > first.cursor and not page.has_more
    assert PullPage.model_validate(yan.pull(page.cursor)).cases_left == []
    # Leeds keeps it (its branch's); York's other agent never had it.
    assert PullPage.model_validate(ann.pull(leeds_cursor)).cases_left == []
    assert PullPage.model_validate(yaz.pull(yaz_cursor)).cases_left == []


def test_a_case_the_pullers_branch_hands_to_someone_elsewhere_is_named_as_left(
    api: TestClient,
) -> None:
    ann, yan = sign_in(api, "ann"), sign_in(api, "yan")
    item = ann.open(1, assignee_team="york-returns")
    ann.push(item)
    cursor = pulled(yan).cursor
    # York hands the Leeds case to a Leeds agent, with no team: out of York's scope.
    yan.push_one(yan.assign(item["key"], old_team="york-returns", new_user="ann"))
    pages, left, after = 0, [], cursor
    while True:  # a page of one change at a time: the hand-over ends a page of its own
        page = PullPage.model_validate(_pull(api, yan, after, 1))
        left += page.cases_left
        after, pages = page.cursor, pages + 1
        if not page.has_more:
            break
    assert left == [item["key"]]
    # Back to York's team: the case comes again, whole, and is not named as left.
    ann.push_one(ann.assign(item["key"], old_user="ann", new_team="york-returns"))
    back = PullPage.model_validate(yan.pull(after))
    assert [c.id for c in back.cases] == [item["key"]] and back.cases_left == []
    assert [e.kind for e in back.case_events][-2:] == ["assigned", "assigned"]


def test_a_hand_over_among_many_changes_is_named_as_left_on_its_page_once(
    api: TestClient,
) -> None:
    ann, yan = sign_in(api, "ann"), sign_in(api, "yan")
    item = ann.open(1, assignee_team="york-returns")
    ann.push(item)
    cursor = pulled(yan).cursor
    # Pages of two changes that other lists fill: the hand-over is looked for only up to
    # where they would end the page, and still ends the page it falls in.
    before = [ann.open(n, assignee_team="york-returns") for n in range(2, 6)]
    ann.push(*before)
    ann.push_one(ann.assign(item["key"], old_team="york-returns", new_team="leeds-desk"))
    after = [ann.open(n, assignee_team="york-returns") for n in range(6, 9)]
    ann.push(*after)
    left, cases, pages = [], [], 0
    while True:
        page = PullPage.model_validate(_pull(api, yan, cursor, 2))
        left, cases = left + page.cases_left, cases + [c.id for c in page.cases]
        cursor, pages = page.cursor, pages + 1
        if not page.has_more:
            break
    assert left == [item["key"]]
    assert cases == [i["key"] for i in before + after] and pages == 8  # 15 changes


def test_a_first_pull_names_no_case_as_left(api: TestClient) -> None:
    ann, yan = sign_in(api, "ann"), sign_in(api, "yan")
    item = ann.open(1, assignee_team="york-returns")
    ann.push(item)
    ann.push_one(ann.assign(item["key"], old_team="york-returns", new_team="leeds-desk"))
    assert pulled(yan).cases_left == []


def _pull(api: TestClient, desk, cursor: int, limit: int) -> dict:
    response = api.get("/api/v1/sync/pull", params={"cursor": cursor, "limit": limit},
                       headers=desk.headers)  # fmt: skip
    assert response.status_code == 200
    return response.json()
