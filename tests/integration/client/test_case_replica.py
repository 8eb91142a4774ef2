"""The replica's case lists: applied by key, idempotent, a newer ``seq`` wins; this desk's
provisional history lines give way to the server's; the full-text index in Russian and
English follows every change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from case_pages import T0, case, event, reference_page

from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.protocol import PullPage
from frontdesk.protocol.cases import TeamPublic

K1 = "0b7f6a2e-4c1d-4e8a-9f3b-2a6c5d8e1f00"


@pytest.fixture
def cases(cache_db) -> SqlAlchemyCaseQueries:
    return SqlAlchemyCaseQueries(cache_db.reader)


def page(seq: int, *items, **lists) -> PullPage:
    return PullPage(cursor=seq, has_more=False, **lists)


def test_every_list_is_applied_and_a_page_twice_changes_nothing(apply, cases) -> None:
    full = reference_page()
    full.cases.append(case(30, assignee_team="returns"))
    full.case_events.append(event(31, id="e1", body="first note"))
    apply(full)
    apply(full)
    assert [c.code for c in cases.categories()] == ["billing", "old"]
    assert [(t.code, t.members) for t in cases.teams()] == [
        ("returns", ("ann", "bob")),
        ("vip", ("bob",)),
    ]
    assert cases.case("k1").assignee_team == "returns"
    assert [(e.id, e.body) for e in cases.history("k1")] == [("e1", "first note")]
    assert [r.id for r in cases.search("first")] == ["k1"]


def test_a_newer_seq_wins_whichever_page_commits_last(apply, cases) -> None:
    apply(page(50, cases=[case(40, status="resolved")]))
    apply(page(30, cases=[case(20, status="open")]))  # an older, overlapping pull
    assert cases.case("k1").status == "resolved"
    team = TeamPublic(code="vip", name="VIP", branch="Leeds", members=["ann"], active=True,
                      seq=60)  # fmt: skip
    apply(page(60, teams=[team]))
    apply(page(61, teams=[team.model_copy(update={"members": ["zed"], "seq": 5})]))
    assert [t.members for t in cases.teams()] == [("ann",)]


def test_a_renamed_subject_and_new_comments_are_found_and_the_old_words_are_not(apply, cases):
    apply(page(10, cases=[case(10, subject="Broken kettle")]))
    assert [r.id for r in cases.search("kettle")] == ["k1"]
    apply(page(20, cases=[case(20, subject="Cracked teapot")],
               case_events=[event(21, id="c1", body="Customer sent photos")]))  # fmt: skip
    assert cases.search("kettle") == []
    assert [r.id for r in cases.search("teapot photo")] == ["k1"]


@pytest.mark.parametrize(
    "query",
    [
        "ВОЗВРАТ",  # another letter case
        "возврата",  # another grammatical case of the word in the subject
        "возвр",  # a prefix
        "Ёлка",  # ё as е
        "refund",  # an English prefix of "refunded", no stemming
        "REFUNDED kettle",  # every word, any case, subject and comment together
        "cafe",  # accents folded (the description says café)
    ],
)
def test_full_text_search_in_russian_and_english(apply, cases, query: str) -> None:
    apply(page(10, cases=[
        case(10, subject="Возврат денег за чайник", description="Кафе: ёлка сломалась, café"),
        case(11, id="k2", number="D7-00002", subject="Delivery late", description="Courier"),
    ], case_events=[event(12, id="c1", body="Refunded the kettle in full")]))  # fmt: skip
    assert [r.id for r in cases.search(query)] == ["k1"]


def test_search_ignores_query_syntax_and_ranks_better_matches_first(apply, cases) -> None:
    apply(page(10, cases=[
        case(10, subject="Mug chipped", description="mug mug mug"),
        case(11, id="k2", number="D7-00002", subject="Plate", description="a mug too"),
    ]))  # fmt: skip
    assert [r.id for r in cases.search("mug")] == ["k1", "k2"]
    for nasty in ('"', "mug AND", "NEAR(mug", "*", "subject:mug", ""):
        cases.search(nasty)  # no FTS5 syntax error reaches the caller
    assert cases.search("   ") == []


def test_provisional_lines_give_way_once_their_write_was_acknowledged(apply, cases, uow):
    apply(page(10, cases=[case(10, id=K1)]))
    with uow:
        uow.sync_state.set_login("https://central.example", "ann")
        uow.commit()
    from frontdesk.services.cases.writes import comment_case

    note = comment_case(uow, case_id=K1, body="local note", clock=lambda: T0)
    assert [(e.body, e.pending) for e in cases.history(K1)] == [("local note", True)]
    # Its comment_id is the server's event id: the pulled line replaces it at once.
    apply(page(20, case_events=[event(20, id=note.id, case_id=K1, body="local note")]))
    assert [(e.body, e.pending) for e in cases.history(K1)] == [("local note", False)]


def test_a_fetched_case_never_leaves_the_queues_it_was_in(apply, cases, uow) -> None:
    from frontdesk.protocol.cases import CustomerCases

    apply(page(10, cases=[case(10, assignee_user="ann")]))
    with uow:
        fetched = CustomerCases(customer_id="c1", cases=[case(11, assignee_user="ann")],
                                case_events=[])  # fmt: skip
        uow.cases.keep_fetched(fetched)
        uow.commit()
    now = T0 - timedelta(hours=1)
    assert [r.id for r in cases.queue("mine", agent="ann", now=now, day_ends_at=now)] == ["k1"]


def test_switching_server_clears_every_case_list(apply, cases, uow) -> None:
    full = reference_page()
    full.cases.append(case(30))
    apply(full)
    with uow:
        uow.replica.clear()
        uow.commit()
    assert cases.case("k1") is None and cases.teams() == [] and cases.search("charged") == []


def test_a_word_in_very_many_cases_ranks_the_newest_of_them(apply, cases) -> None:
    from frontdesk.adapters.cache.cases.search import RANKED

    many = [
        case(n + 1, id=f"k{n}", number=f"D7-{n:05d}", subject="Mug", description="")
        for n in range(RANKED + 2)
    ]
    # The best match of all is among the oldest two, past what is ranked; among the
    # newest, the best is the last but one.
    many[0] = case(1, id="k0", number="D7-00000", subject="Mug", description="mug mug mug")
    many[-2] = case(RANKED + 1, id="best", number="D7-BEST", subject="Mug", description="mug")
    apply(page(RANKED + 2, cases=many))

    found = [row.id for row in cases.search("mug", limit=RANKED + 2)]

    assert found[0] == "best" and len(found) == RANKED
    assert "k0" not in found and "k1" not in found
