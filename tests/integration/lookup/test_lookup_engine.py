"""Customer lookup over a real cache: every field, both scripts, typos, ranking, bad input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lookup_rows import bought, page, person

from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries
from frontdesk.services.read_models import CustomerMatch

PEOPLE = [
    person(1, "Петров Иван Сергеевич", phones=("+7 (912) 345-67-89",), emails=("ivan@mail.ru",)),
    person(2, "Щукин Олег", phones=("+44 7911 123456",), card="6006123412349876"),
    person(3, "Семёнова Zoë", emails=("zoe.semenova@example.co.uk",), account="ACC-778"),
    person(4, "Ivanova Maria", phones=("8 903 111 2233",)),
    person(5, "Alexandra Kuznetsova"),
    person(6, "Kuznetsova Anna", emails=("anna.k@firm.com",)),
    person(7, "Иванов Павел", card="1111222233334444"),
]


@pytest.fixture
def people(apply) -> None:
    apply(page(PEOPLE, [bought(100, "c6", days=5), bought(101, "c5", days=9)]))


def ids(matches: list[CustomerMatch]) -> list[str]:
    return [m.id for m in matches]


def top(queries: SqlAlchemyCustomerQueries, text: str) -> CustomerMatch:
    return queries.search(text)[0]


pytestmark = pytest.mark.usefixtures("people")


@pytest.mark.parametrize("text", ["ива петр", "петр ива", "Петров Иван", "серг пет", "IVAN PETR"])
def test_name_words_in_any_order_as_prefixes(queries, text: str) -> None:
    assert top(queries, text).id == "c1"


@pytest.mark.parametrize(
    "text", ["+7 (912) 345-67-89", "8 912 345 6789", "89123456789", "6789", "912 345", "3456789"]
)
def test_a_phone_in_any_format_or_any_run_of_four_digits(queries, text: str) -> None:
    found = top(queries, text)
    assert (found.id, found.matched_field) == ("c1", "phone")


@pytest.mark.parametrize("text", ["07911 123456", "+44 7911 123456", "447911123456", "07911"])
def test_a_uk_number_with_0_or_plus_44(queries, text: str) -> None:
    assert (top(queries, text).id, top(queries, text).matched_field) == ("c2", "phone")


def test_a_national_number_finds_a_stored_8_prefix(queries) -> None:
    assert top(queries, "+7 903 111-22-33").id == "c4"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zoe.semenova@example.co.uk", "c3"),
        ("zoe.semenova", "c3"),
        ("example.co.uk", "c3"),
        ("firm.com", "c6"),
        ("ACC-778", "c3"),
        ("acc778", "c3"),
        ("6006123412349876", "c2"),
        ("6006 1234 1234 9876", "c2"),
        ("9876", "c2"),
        ("12349876", "c2"),
    ],
)
def test_email_account_and_card(queries, text: str, expected: str) -> None:
    assert top(queries, text).id == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ivanov", "c7"),
        ("Иванова", "c4"),
        ("shchukin", "c2"),
        ("Schukin", "c2"),
        ("SHCHUKIN OLEG", "c2"),
        ("Семенова", "c3"),
        ("semenova zoe", "c3"),
        ("Зое", "c3"),
        ("Кузнецова Анна", "c6"),
    ],
)
def test_script_case_accent_and_yo_agnostic(queries, text: str, expected: str) -> None:
    assert top(queries, text).id == expected


@pytest.mark.parametrize(
    "typo",
    ["Kuzentsova", "Kuznetsva", "Kuznettsova", "Kuzmetsova", "Щукни", "Petrrov", "Zemenova"],
)
def test_one_edit_in_a_long_name_word_still_finds(queries, typo: str) -> None:
    found = queries.search(typo)
    assert found and found[0].matched_field == "name"
    assert found[0].id in {"c5", "c6", "c2", "c1", "c3"}


def test_typos_forgiven_by_word_length_as_elasticsearch_auto(queries) -> None:
    assert queries.search("Оп") == []  # 2 letters: none ("Ол" with one edit)
    assert ids(queries.search("Олкг")) == ["c2"]  # 3-5 letters: one
    assert queries.search("Щуинк") == []  # two edits in 5 letters
    assert ids(queries.search("Kuzmetsiva")) == ["c5", "c6"]  # 6+ letters: two
    assert queries.search("Kazmetsiva") == []  # three


def test_exact_beats_prefix_beats_fuzzy_and_recency_breaks_ties(queries) -> None:
    # Kuznetsova: both exact; c5 bought last. "Kuznetsov": prefix of both; "Kuznetsowa": typo.
    assert ids(queries.search("Kuznetsova")) == ["c5", "c6"]
    assert ids(queries.search("Kuznetsova Anna")) == ["c6"]
    assert ids(queries.search("ivanov")) == ["c7", "c4"]  # exact Иванов, then Ivanova prefix


def test_an_exact_phone_ranks_above_a_name(apply, queries) -> None:
    apply(page([person(8, "Mr 79123456789")], cursor=2))
    assert ids(queries.search("+79123456789"))[0] == "c1"


def test_matches_carry_field_and_span(queries) -> None:
    by_name = top(queries, "петр ива")
    by_phone = top(queries, "345-67")
    by_uk = top(queries, "07911 12")
    by_email = top(queries, "example.co")
    assert by_name.display_name[slice(*by_name.span)] == "Петр"
    assert by_phone.phone[slice(*by_phone.span)] == "345-67"
    assert by_uk.phone[slice(*by_uk.span)] == "7911 12"
    assert by_email.email[slice(*by_email.span)] == "example.co"


def test_at_most_limit_results(apply, queries) -> None:
    apply(page([person(100 + n, f"Smith{n:02d} Jones") for n in range(30)], cursor=3))
    assert len(queries.search("jones")) == 20
    assert len(queries.search("jones", limit=5)) == 5
    assert queries.search("jones", limit=0) == []


@pytest.mark.parametrize(
    "text",
    ["", "   ", "x" * 10_000, '"', "*", "NEAR", "NEAR(a b)", "'", "%", "_", "\\", "\x00",
     "a\x00b", "😀", "Иван😀Smith", "a OR b", "name:ivan", "-ivan", "^ivan", "(", ")", "{a}",
     "ivan' OR 1=1 --", "9" * 5_000, "+", "@", "@@", "..."],
)  # fmt: skip
def test_odd_input_never_raises(queries, text: str) -> None:
    assert isinstance(queries.search(text), list)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_text_gives_a_list(queries, text: str) -> None:
    matches = queries.search(text)
    assert len(matches) <= 20
    for match in matches:
        assert match.span is None or 0 <= match.span[0] <= match.span[1]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hump Car", "Carly Humphries"),  # the prefix cuts the "ph" the phonetic key merges
        ("Sanc Terr", "Terri Sanchez"),
        ("Potvs", "Nina Potts"),  # a typo next to a digraph
        ("Mccyo", "Lisa Mccoy"),  # a 5-letter word whose phonetic key has 4
        ("Кошеева", "Kosheleva Zhanna"),  # a typo in the other script
        ("Хмик", "Хомик Василиса"),  # the customer's word has 5 letters, the typed one 4
    ],
)
def test_prefixes_and_typos_around_digraphs(apply, queries, text: str, name: str) -> None:
    apply(page([person(50, name)], cursor=5))
    assert top(queries, text).id == "c50"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Alexandr Kuznetso", "c5"), ("Kuznetso Ann", "c6"), ("сергеевич", "c1"), ("Семёнов", "c3")],
)
def test_prefixes_longer_than_the_prefix_index(queries, text: str, expected: str) -> None:
    # Past six letters a prefix is looked up as the whole keys of the vocabulary under it.
    found = top(queries, text)
    assert (found.id, found.matched_field) == (expected, "name")


def test_a_long_prefix_under_many_keys_still_finds_them_all(apply, queries) -> None:
    apply(page([person(200 + n, f"Abramovich{n:02d}x Lee") for n in range(45)], cursor=3))
    assert len(queries.search("abramovich", limit=50)) == 45


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("zoe.semenova@ex", "email", "c3"),
        ("anna.k@fi", "email", "c6"),
        ("acc7", "account_number", "c3"),
    ],
)
def test_email_and_account_prefixes(queries, text: str, field: str, expected: str) -> None:
    found = queries.search(text)
    assert (found[0].id, found[0].matched_field) == (expected, field)


def test_a_bare_name_word_is_not_an_email_prefix(queries) -> None:
    # "ivan" starts ivan@mail.ru, but a name word is searched among names only.
    found = queries.search("ivan")
    assert sorted(m.id for m in found) == ["c1", "c4", "c7"]
    assert {m.matched_field for m in found} == {"name"}


def test_an_exact_name_brings_no_typo_neighbours(apply, queries) -> None:
    apply(page([person(301, "Sokolov Ilya"), person(302, "Sokolev Ilya")], cursor=3))
    assert [m.id for m in queries.search("Sokolov")] == ["c301"]
    assert [m.id for m in queries.search("Sokolev")] == ["c302"]
    assert sorted(m.id for m in queries.search("Sokolpv")) == ["c301", "c302"]
