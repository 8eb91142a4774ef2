"""Cases at the desk over a real cache: the four writes (cache row, history line and outbox
item in one transaction), refusals that write nothing, the queues and their counts, a case
by its number, and the conflicts a push answer brings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from case_pages import T0, case, event, reference_page
from sqlalchemy import text

from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.adapters.cache.tables import Base
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.errors import ValidationError
from frontdesk.protocol import ItemResult, PushResponse, PushStatus
from frontdesk.protocol.cases import CustomerCases
from frontdesk.services.cases.conflicts import KEEP_THEIRS, USE_MINE, UnknownCaseConflict
from frontdesk.services.cases.desk import AbstractCaseSource, DeskCases
from frontdesk.services.cases.writes import NoCasePrefix, UnknownCase
from frontdesk.services.writes import record_interaction
from frontdesk.sync.push import push_all
from frontdesk.sync.service import sync_status

NOW = T0 + timedelta(hours=1)  # Monday 10:00 UTC


@pytest.fixture
def desk(cache_db, uow: SqlAlchemyUnitOfWork, apply) -> DeskCases:
    apply(reference_page())
    _sign_in(uow, prefix="D7")
    return DeskCases(uow.fresh, SqlAlchemyCaseQueries(cache_db.reader), clock=lambda: NOW,
                     zone=UTC)  # fmt: skip


def _sign_in(uow: SqlAlchemyUnitOfWork, *, prefix: str | None, user: str = "ann") -> None:
    with uow:
        uow.sync_state.set_login("https://central.example", user)
        uow.sync_state.keep_case_desk(case_prefix=prefix, branch="Leeds")
        uow.workstation.sign_in(user, role="agent")
        uow.commit()


def _outbox(uow: SqlAlchemyUnitOfWork) -> list[tuple[str, dict[str, Any]]]:
    with uow:
        return [(e.kind, e.payload) for e in uow.outbox.pending(limit=100)]


def _open(desk: DeskCases, **fields: Any):
    values = {"channel": "phone", "category": "billing", "subject": "Charged twice"}
    return desk.open("c1", **{**values, **fields})


def test_opening_numbers_the_case_estimates_its_due_time_and_queues_it(desk, uow) -> None:
    first = _open(desk, description="Card charged twice for one order", assignee_user="ann")
    second = _open(desk, subject="Refund please", assignee_team="returns", priority="high")
    assert (first.number, second.number) == ("D7-00001", "D7-00002")
    # 60 and 480 business minutes from Monday 10:00 in 09-18 hours: 11:00 and 18:00.
    assert first.first_response_due_at == datetime(2024, 3, 4, 11, 0, tzinfo=UTC)
    assert first.due_at == datetime(2024, 3, 4, 18, 0, tzinfo=UTC)
    assert second.due_at is None  # no policy for high priority
    (kind, payload), _ = _outbox(uow)
    assert kind == "case.open" and payload["case_id"] == first.id
    assert payload["number"] == "D7-00001" and payload["due_at"].startswith("2024-03-04T18:00")
    assert [e.kind for e in desk.history(first.id)] == ["opened"]
    assert desk.history(first.id)[0].pending
    # Before any sync: in the desk's queues, its counts, a number typed loosely finds it.
    assert [row.number for row in desk.queue("mine")] == ["D7-00001"]
    assert [row.number for row in desk.queue("team")] == ["D7-00002"]
    assert desk.counts() == {"mine": 1, "team": 1, "due-today": 1, "overdue": 0,
                             "waiting": 0, "follow-ups": 0}  # fmt: skip
    assert desk.find_number(" d7-1 ").id == first.id
    assert desk.find_number("D8-00001") is None and desk.find_number("refund") is None
    assert [row.customer_name for row in desk.of_customer("c1")] == ["Ann Smith"] * 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"channel": "fax"}, "channel: 'fax' is not one of: phone"),
        ({"priority": "asap"}, "priority: 'asap' is not one of: low"),
        ({"subject": "   "}, "subject: must not be empty"),
        ({"subject": "x" * 201}, "subject: longer than 200 characters"),
        ({"category": "nope"}, "category: no case category 'nope' at this desk"),
        ({"category": "old"}, "category: the case category 'old' is no longer in use"),
        ({"assignee_team": "ghosts"}, "assignee_team: no team 'ghosts' at this desk"),
        ({"links": [{"kind": "parcel", "ref": "1"}]}, "links: 'parcel' is not one of"),
        ({"links": [{"kind": "receipt", "ref": ""}]}, "links.0.ref"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_written(desk, uow, fields, message):
    with pytest.raises(ValidationError) as refused:
        _open(desk, **fields)
    assert message in str(refused.value)
    assert _outbox(uow) == [] and desk.queue("mine") == [] and desk.of_customer("c1") == []
    assert _open(desk, assignee_user="ann").number == "D7-00001"  # no number used up


def test_an_unknown_customer_is_refused(desk, uow) -> None:
    with pytest.raises(ValidationError, match="customer_id: no customer c404"):
        desk.open("c404", channel="phone", category="billing", subject="Hello")
    assert _outbox(uow) == []


def test_a_desk_without_a_prefix_says_it_cannot_open_cases(desk, uow) -> None:
    _sign_in(uow, prefix=None)
    assert "no case prefix" in (desk.cannot_open() or "")
    with pytest.raises(NoCasePrefix, match="gave it no case prefix"):
        _open(desk)
    assert _outbox(uow) == []


def test_comment_assign_and_move_each_queue_one_item_and_a_history_line(desk, uow) -> None:
    opened = _open(desk)
    note = desk.comment(opened.id, "Called back, refund agreed", visibility="customer")
    assigned = desk.assign(opened.id, team="returns", note="for the refund")
    waiting = desk.change_status(opened.id, "waiting", note="bank details asked")
    assert (assigned.assignee_team, waiting.status) == ("returns", "waiting")
    kinds = [kind for kind, _ in _outbox(uow)]
    assert kinds == ["case.open", "case.comment", "case.assign", "case.status"]
    _, comment, assign, move = (payload for _, payload in _outbox(uow))
    assert comment["comment_id"] == note.id and comment["visibility"] == "customer"
    assert (assign["old_team"], assign["new_team"]) == (None, "returns")
    assert (move["old"], move["new"]) == ("new", "waiting")
    history = desk.history(opened.id)
    assert [(e.kind, e.old, e.new) for e in history] == [
        ("opened", None, None),
        ("comment", None, None),
        ("assigned", "|", "|returns"),
        ("status", "new", "waiting"),
    ]
    case_now = desk.case(opened.id)
    assert case_now.first_response_at == NOW and case_now.status == "waiting"
    assert [row.id for row in desk.queue("waiting")] == [opened.id]
    assert [(row.id, row.status) for row in desk.queue("team")] == [(opened.id, "waiting")]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda d, k: d.change_status(k, "reopened"), "status: a case that is new cannot become"),
        (lambda d, k: d.change_status(k, "done"), "status: 'done' is not one of"),
        (lambda d, k: d.assign(k), "assignee: a case is assigned to a user, a team, or both"),
        (lambda d, k: d.assign(k, user="ann"), "assignee: case D7-00001 is already assigned"),
        (lambda d, k: d.assign(k, team="ghosts"), "assignee_team: no team 'ghosts'"),
        (lambda d, k: d.comment(k, "  "), "body: must not be empty"),
        (lambda d, k: d.comment(k, "hi", visibility="public"), "visibility: 'public' is not"),
        (lambda d, k: d.change_status(k, "open", note="n" * 2001), "note: longer than 2000"),
    ],
)
def test_bad_changes_are_refused_and_write_nothing(desk, uow, call, message) -> None:
    opened = _open(desk, assignee_user="ann")
    with pytest.raises(ValidationError) as refused:
        call(desk, opened.id)
    assert message in str(refused.value)
    assert len(_outbox(uow)) == 1 and len(desk.history(opened.id)) == 1
    assert desk.case(opened.id) == opened


def test_a_closed_case_is_reopened_before_it_is_assigned(desk) -> None:
    opened = _open(desk)
    desk.change_status(opened.id, "closed")
    with pytest.raises(ValidationError, match="is closed: reopen it"):
        desk.assign(opened.id, user="bob")
    assert desk.change_status(opened.id, "reopened").closed_at is None
    with pytest.raises(UnknownCase, match="no case nope"):
        desk.comment("nope", "hello")


def test_due_today_overdue_and_waiting_queues(desk, apply) -> None:
    page = reference_page(seq=100)
    page.cases.extend([
        case(201, id="a", number="D9-00001", due_at=NOW + timedelta(hours=2)),
        case(202, id="b", number="D9-00002", due_at=NOW - timedelta(minutes=1)),
        case(203, id="c", number="D9-00003", due_at=NOW + timedelta(days=1)),
        case(204, id="d", number="D9-00004", due_at=NOW - timedelta(hours=1), status="waiting"),
        case(205, id="e", number="D9-00005", due_at=NOW - timedelta(hours=1), status="closed"),
    ])  # fmt: skip
    apply(page)
    assert [r.id for r in desk.queue("due-today")] == ["a"]
    assert [r.id for r in desk.queue("overdue")] == ["b"]  # waiting's clock is stopped
    assert [r.id for r in desk.queue("waiting")] == ["d"]
    counts = desk.counts()
    assert (counts["due-today"], counts["overdue"], counts["waiting"]) == (1, 1, 1)
    with pytest.raises(ValueError, match="no case queue 'all'"):
        desk.queue("all")


def test_follow_ups_from_contacts_until_a_case_is_opened_from_them(desk, uow) -> None:
    due = record_interaction(uow, customer_id="c1", channel="call", reason="refund",
                             agent="ann", follow_up=NOW.date(), clock=lambda: T0)  # fmt: skip
    record_interaction(uow, customer_id="c1", channel="call", reason="later", agent="ann",
                       follow_up=NOW.date() + timedelta(days=3), clock=lambda: T0)  # fmt: skip
    record_interaction(uow, customer_id="c2", channel="call", reason="bob's", agent="bob",
                       follow_up=NOW.date(), clock=lambda: T0)  # fmt: skip
    assert [(f.reason, f.customer_name) for f in desk.follow_ups()] == [("refund", "Ann Smith")]
    assert desk.counts()["follow-ups"] == 1
    _open(desk, links=[{"kind": "interaction", "ref": due.id}])
    assert desk.follow_ups() == [] and desk.counts()["follow-ups"] == 0


def _push_answer(uow, answers: dict[str, dict[str, Any]]) -> None:
    """Push the outbox to a server that answers each kind as given (else plain accepted)."""

    class Server:
        def push(self, device_id, items):
            return PushResponse(results=[
                ItemResult(key=i.key, status=PushStatus.APPLIED, result=answers.get(i.kind, {}))
                for i in items
            ])  # fmt: skip

    push_all(Server(), uow, clock=lambda: NOW)


def test_a_move_another_desk_beat_is_a_conflict_on_the_case(desk, uow, apply) -> None:
    opened = _open(desk)
    desk.change_status(opened.id, "closed")
    lost = {"accepted": False, "conflicts": [{"field": "status", "kept": "resolved",
                                              "yours": "closed"}], "change_seq": 300}  # fmt: skip
    _push_answer(uow, {"case.status": lost})
    (conflict,) = desk.conflicts(opened.id)
    assert (conflict.field, conflict.kept, conflict.yours) == ("status", "resolved", "closed")
    status = sync_status(uow, central=None)
    assert (status["case_conflicts"], status["conflicts"]) == (1, 0)  # not an edit conflict
    assert desk.case(opened.id).status == "resolved"  # the server's value, shown again
    _push_answer(uow, {"case.status": lost})  # nothing new to push: nothing recorded twice
    assert len(desk.conflicts(opened.id)) == 1
    # The pull brings the server's history: the other desk's move and this desk's conflict.
    page = reference_page(seq=100)
    page.cases.append(case(310, id=opened.id, number=opened.number, status="resolved"))
    page.case_events.extend([
        event(301, id=opened.id, case_id=opened.id, kind="opened", author="ann"),
        event(302, id="x", case_id=opened.id, kind="status", old="new", new="resolved"),
        event(303, id=conflict.outbox_key, case_id=opened.id, kind="conflict", author="ann",
              body="status", old="new", new="closed"),
    ])  # fmt: skip
    apply(page)
    history = desk.history(opened.id)
    assert [(e.kind, e.old, e.new, e.pending) for e in history] == [
        ("opened", None, None, False),
        ("status", "new", "resolved", False),
        ("conflict", "new", "closed", False),
    ]
    # Keep theirs: settled, nothing sent. Settled twice: refused.
    assert desk.resolve_conflict(conflict.id, KEEP_THEIRS) is None
    assert sync_status(uow, central=None)["case_conflicts"] == 0  # settled: no longer counted
    with pytest.raises(UnknownCaseConflict):
        desk.resolve_conflict(conflict.id, KEEP_THEIRS)
    assert _outbox(uow) == []


def test_use_mine_sends_the_assignment_again_from_the_kept_value(desk, uow) -> None:
    opened = _open(desk)
    desk.assign(opened.id, user="ann")
    bob, ann = {"user": "bob", "team": None}, {"user": "ann", "team": None}
    lost = {"accepted": False, "conflicts": [{"field": "assignee", "kept": bob, "yours": ann}]}
    _push_answer(uow, {"case.assign": lost})
    assert desk.case(opened.id).assignee_user == "bob"
    (conflict,) = desk.conflicts(opened.id)
    key = desk.resolve_conflict(conflict.id, USE_MINE)
    ((kind, payload),) = _outbox(uow)
    assert kind == "case.assign" and (payload["old_user"], payload["new_user"]) == ("bob", "ann")
    assert desk.conflicts(opened.id)[0].resolution_key == key
    assert desk.case(opened.id).assignee_user == "ann"


def test_a_malformed_case_conflict_leaves_the_batch_pending(desk, uow) -> None:
    opened = _open(desk)
    desk.change_status(opened.id, "open")
    with pytest.raises(Exception, match="malformed case conflict"):
        _push_answer(uow, {"case.status": {"conflicts": [{"field": "colour"}]}})
    assert len(_outbox(uow)) == 2


def test_a_customers_cases_fetched_from_the_server_stay_out_of_the_queues(desk, cache_db):
    class Source(AbstractCaseSource):
        def customer_cases(self, customer_id: str) -> CustomerCases:
            other = case(900, id="far", number="D3-00009", customer_id=customer_id,
                         branch="York", assignee_user="ann")  # fmt: skip
            return CustomerCases(customer_id=customer_id, cases=[other], case_events=[
                event(901, id="e9", case_id="far", body="from York")])  # fmt: skip

    fetching = DeskCases(desk._make_uow, desk._queries, source=Source, clock=lambda: NOW)
    assert [r.number for r in fetching.fetch_of_customer("c1")] == ["D3-00009"]
    assert desk.queue("mine") == [] and desk.counts()["mine"] == 0
    assert [r.number for r in desk.search("york")] == ["D3-00009"]


def test_the_case_tables_match_their_models(cache_db) -> None:
    with cache_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        fts = connection.execute(text("SELECT count(*) FROM case_fts")).scalar_one()
    names = ("cases", "case_", "teams", "service_policies", "business_calendars", "sync_state")
    ours = [d for d in diff if any(n in repr(d) for n in names) and "case_fts" not in repr(d)]
    assert ours == [] and fts == 0
