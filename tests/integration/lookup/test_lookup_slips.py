"""Issue 22's messy queries on a real cache: the wrong keyboard layout, two typos in a long
surname, other transliteration schemes; through the engine and ``frontdesk lookup --json -``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lookup_rows import bought, page, person

from frontdesk.adapters.cache.queries import SqlAlchemyCustomerQueries

PEOPLE = [
    person(1, "Соловьёв Юрий"),
    person(2, "Mitchell Donna"),
    person(3, "Пономарёв Семён"),
    person(4, "Иванова Жанна"),
    person(5, "Смирнов Фёдор"),
    person(6, "Котова Алёна"),
    person(7, "Орлова Юлия"),
    person(8, "Mitchell Ben"),
    person(9, "Соловьёва Анна"),
    person(10, "Пономаренко Семён"),
    person(11, "Janna Sokolova"),  # stored in Latin, informal scheme
    person(12, "Fyodor Volkov"),
    person(13, "Peterson Ann"),
    person(14, "Зуев Олег"),  # "Pet" on the ЙЦУКЕН layout reads "Зуе"
]


@pytest.fixture
def people(apply) -> None:
    apply(page(PEOPLE, [bought(100, "c14", days=30), bought(101, "c9", days=40)]))


pytestmark = pytest.mark.usefixtures("people")


def ids(queries: SqlAlchemyCustomerQueries, text: str) -> list[str]:
    return [m.id for m in queries.search(text)]


@pytest.mark.parametrize(
    ("slipped", "typed_right"),
    [
        ("cjkjdmtd .hbq", "соловьев юрий"),
        ("ьшесрудд вщттф", "mitchell donna"),
        ("ьшесрудд", "mitchell"),
        ("cjkjd", "солов"),
        ("{jnjdf", "котова"),
        ("Cvbhyjd Atljh", "Смирнов Федор"),
    ],
)
def test_a_layout_slip_ranks_as_if_typed_right(queries, slipped: str, typed_right: str) -> None:
    assert ids(queries, slipped) == ids(queries, typed_right) != []


def test_a_name_valid_in_its_own_layout_keeps_its_results_first(queries) -> None:
    # Зуев bought more recently, but "Pet" is a real prefix as typed: Peterson first.
    assert ids(queries, "Pet") == ["c13", "c14"]
    assert sorted(ids(queries, "Mitchell")) == ["c2", "c8"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("понмараев семен", "c3"),  # one letter missing, one wrong, in 9 letters
        ("Пономрёав Семён", "c3"),  # a transposition is one edit
        ("Solovjeff Jurij", "c1"),
        ("Mithcel Donna", "c2"),
    ],
)
def test_two_typos_in_a_long_surname(queries, text: str, expected: str) -> None:
    assert ids(queries, text)[0] == expected


def test_two_typos_in_a_short_word_are_too_many(queries) -> None:
    assert ids(queries, "Сеиён Пномарёв") == ["c3"]  # 5 letters: one typo, found
    assert ids(queries, "Сиеон") == []  # 5 letters, two typos: not found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Janna", "c4"), ("Zhanna Ivanova", "c4"), ("Fyodor Smirnov", "c5"), ("Fedor", "c5"),
        ("Alyona Kotova", "c6"), ("Alena", "c6"), ("Iuliia Orlova", "c7"), ("Yuliya", "c7"),
        ("Julija", "c7"), ("Solovyov Yuriy", "c1"), ("Solovev Iurii", "c1"),
        ("Жанна Соколова", "c11"), ("Федор Волков", "c12"), ("Фёдор", "c12"),
    ],
)  # fmt: skip
def test_other_transliteration_schemes_both_ways(queries, text: str, expected: str) -> None:
    assert expected in ids(queries, text)


def test_lookup_json_lines_on_the_issues_examples(tmp_path: Path, cache_db) -> None:
    cache_db.dispose()
    env = {**os.environ, "FRONTDESK_DATA_DIR": str(tmp_path / "desk")}
    queries = ["cjkjdmtd .hbq", "ьшесрудд вщттф", "понмараев семен", "Janna", "Fyodor",
               "Alyona", "Iuliia"]  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-m", "frontdesk", "lookup", "--json", "-"],
        input="\n".join(queries) + "\n", capture_output=True, text=True, env=env, timeout=60,
        check=True,
    )  # fmt: skip
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    found = [{m["id"] for m in line["matches"]} for line in lines]
    assert found == [{"c1"}, {"c2"}, {"c3"}, {"c4", "c11"}, {"c5", "c12"}, {"c6"}, {"c7"}]
    tops = [line["matches"][0] for line in lines]
    assert (tops[0]["name"], tops[0]["span"]) == ("Соловьёв Юрий", [0, 8])
    assert (tops[1]["name"], tops[1]["span"]) == ("Mitchell Donna", [0, 8])
