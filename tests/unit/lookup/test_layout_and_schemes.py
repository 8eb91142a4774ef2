"""Layout slips, transliteration schemes and typos by word length, without a database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from frontdesk.adapters.cache.search_index import NAME_TYPOS
from frontdesk.domain.keyboard import slipped, swap_layout
from frontdesk.domain.text import allowed_edits, name_word_keys, words

QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>? 0123456789@-"
JCUKEN = "ёйцукенгшщзхъфывапролджэячсмитьбю.ЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ, 0123456789@-"


@pytest.mark.parametrize(
    ("typed", "meant"), [("cjkjdmtd .hbq", "соловьев юрий"), ("ьшесрудд вщттф", "mitchell donna")]
)
def test_the_issues_slips_read_back(typed: str, meant: str) -> None:
    assert swap_layout(typed) == meant
    assert slipped(typed) == meant


def test_shifted_keys_and_capitals_follow_the_layout() -> None:
    assert swap_layout("{fhbnjyjdf <jhbc") == "Харитонова Борис"
    assert swap_layout("Харитонова Борис") == "{fhbnjyjdf <jhbc"


@given(st.text(alphabet=QWERTY).filter(lambda t: any(c.isalpha() for c in t)))
def test_latin_keys_round_trip(text: str) -> None:
    assert swap_layout(swap_layout(text)) == text


@given(st.text(alphabet=JCUKEN).filter(lambda t: any(c.isalpha() for c in t)))
def test_cyrillic_keys_round_trip(text: str) -> None:
    assert swap_layout(swap_layout(text)) == text


@pytest.mark.parametrize("text", ["", "   ", "79123456789", "+7 (912) 345-67-89", "@"])
def test_nothing_to_move_is_no_slip(text: str) -> None:
    assert slipped(text) is None


# Each Cyrillic letter's spellings in the passport (ICAO), BGN/PCGN and informal schemes.
SCHEMES = {
    "а": ["a"], "б": ["b"], "в": ["v"], "г": ["g"], "д": ["d"], "е": ["e"],
    "ё": ["e", "yo", "jo", "io"], "ж": ["zh", "j"], "з": ["z"], "и": ["i"],
    "й": ["i", "y", "j"], "к": ["k"], "л": ["l"], "м": ["m"], "н": ["n"], "о": ["o"],
    "п": ["p"], "р": ["r"], "с": ["s"], "т": ["t"], "у": ["u"], "ф": ["f"], "х": ["kh", "h"],
    "ц": ["ts", "c", "tz"], "ч": ["ch"], "ш": ["sh"], "щ": ["shch", "sch"], "ы": ["y"],
    "ь": [""], "э": ["e"], "ю": ["yu", "ju", "iu"], "я": ["ya", "ja", "ia"],
}  # fmt: skip
ENDINGS = {"ий": ["iy", "y", "ii", "ij", "i"], "ый": ["y", "yy", "yi", "iy"]}
INITIAL_E = ["e", "ye", "je"]  # е at a word's start or after a vowel or soft sign
SOFT_BEFORE_VOWEL = ["", "y", "i"]  # ь before а, и, о: Ilin, Ilyin, Iliin (Ильин)
NAMES = [
    "Жанна", "Фёдор", "Алёна", "Юлия", "Юрий", "Евгений", "Соловьёв", "Щукин", "Хохлов",
    "Цветков", "Ильин", "Дмитрий", "Наталья", "Мария", "Яковлев", "Журавлёв", "Ксения",
    "Пётр", "Сергей", "Семён", "Артём", "Ефимов", "Майя", "Зиновий", "Белый", "Андреев",
    "Кудрявцев", "Елена", "Ёлкин", "Васильев", "Анастасия", "Жуков", "Чайковский",
]  # fmt: skip
VOWELS = "аеёиоуыэюя"


@st.composite
def spelled(draw: st.DrawFn, name: str) -> str:
    """``name`` in Latin, each letter in any scheme's spelling (schemes mix in real data)."""
    low, out, i = name.lower(), [], 0
    while i < len(low):
        ending = low[i:]
        if ending in ENDINGS:
            out.append(draw(st.sampled_from(ENDINGS[ending])))
            break
        char, before, after = low[i], low[i - 1 : i], low[i + 1 : i + 2]
        options = SCHEMES[char]
        if char == "е" and (not before or before in VOWELS + "ь"):
            options = INITIAL_E
        if char == "ё" and (not before or before in VOWELS):
            options = ["e", "yo", "jo"]  # io only after a consonant: Fiodor, not Iolkin
        if char == "ь" and after and after in "аио":
            options = SOFT_BEFORE_VOWEL
        out.append(draw(st.sampled_from(options)))
        i += 1
    return "".join(out).capitalize()


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_every_scheme_meets_the_cyrillic_both_ways(name: str, data: st.DataObject) -> None:
    latin = data.draw(spelled(name))
    # The query's keys meet the stored name's whichever of the two is in Latin.
    assert set(name_word_keys(latin)) & set(name_word_keys(name)), (latin, name)


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_two_schemes_meet_each_other(name: str, data: st.DataObject) -> None:
    one, other = data.draw(spelled(name)), data.draw(spelled(name))
    assert set(name_word_keys(one)) & set(name_word_keys(other)), (one, other)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [("Janna", "Жанна"), ("Fyodor", "Фёдор"), ("Alyona", "Алёна"), ("Iuliia", "Юлия"),
     ("Yevgeniy", "Евгений"), ("Solovyov", "Соловьёв"), ("Dmitrii", "Дмитрий")],
)  # fmt: skip
def test_the_issues_names(latin: str, cyrillic: str) -> None:
    assert set(name_word_keys(latin)) & set(name_word_keys(cyrillic.replace("ё", "е")))


@pytest.mark.parametrize(
    ("word", "edits"), [("", 0), ("ab", 0), ("abc", 1), ("abcde", 1), ("abcdef", 2), ("a" * 30, 2)]
)
def test_edits_by_word_length_as_elasticsearch_auto(word: str, edits: int) -> None:
    assert allowed_edits(word) == edits


LETTERS = "abcdefghiklmnoprstuvz"


@st.composite
def edited(draw: st.DrawFn, word: str, count: int) -> str:
    """``word`` with ``count`` random edits: insert, delete, substitute or transpose."""
    for _ in range(count):
        at = draw(st.integers(0, max(len(word) - 1, 0)))
        kind = draw(st.sampled_from(["insert", "delete", "substitute", "transpose"]))
        letter = draw(st.sampled_from(LETTERS))
        if kind == "insert" or not word:
            word = word[:at] + letter + word[at:]
        elif kind == "delete" and len(word) > 1:
            word = word[:at] + word[at + 1 :]
        elif kind == "transpose" and at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        else:
            word = word[:at] + letter + word[at + 1 :]
    return word


@given(
    word=st.text(alphabet=LETTERS, min_size=2, max_size=14),
    count=st.integers(1, 2),
    data=st.data(),
)
def test_a_word_within_its_edits_shares_a_stored_variant(
    word: str, count: int, data: st.DataObject
) -> None:
    """SymSpell over the first seven letters loses nothing the edit budget allows."""
    typed = data.draw(edited(word, count))
    budget = allowed_edits(typed)
    if OSA.distance(typed, word) > budget or len(word) < NAME_TYPOS.min_length:
        return
    assert NAME_TYPOS.variants(typed, budget) & NAME_TYPOS.variants(word), (typed, word)


def test_a_transposition_is_one_edit() -> None:
    assert OSA.distance("олге", "олег") == 1
    assert NAME_TYPOS.variants("олге", allowed_edits("олге")) & NAME_TYPOS.variants("олег")


def test_a_slipped_query_splits_into_the_words_meant() -> None:
    assert words(swap_layout("cjkjdmtd .hbq")) == ["соловьев", "юрий"]
