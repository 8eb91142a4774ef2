"""Text normalisation for lookup: folding, one phonetic key for both scripts, phone digits."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.text import _UNDECOMPOSED, fold, name_key, phone_key, word_spans, words


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Семёнов", "Семенов"),
        ("Zoë", "Zoe"),
        ("ÅSTRÖM", "astrom"),
        ("ИВАНОВ", "иванов"),
        ("Straße", "STRASSE"),
    ],
)
def test_case_accents_and_yo_fold_away(left: str, right: str) -> None:
    assert fold(left) == fold(right)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_folds_as_the_general_path_does(text: str) -> None:
    # A trailing "é" sends the same text down the general (NFKD) path.
    assert fold(text) == fold(text + "é")[:-1]


def _fold_char_by_char(text: str) -> str:
    """The definition ``fold`` implements with a translation table: decompose, drop every
    combining mark, keep й, spell out the letters Unicode does not decompose."""
    text = text.replace("\x00", "").casefold().replace("ё", "е").replace("й", "\x01")
    kept = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(_UNDECOMPOSED.get(c, c) for c in kept.replace("\x01", "й"))


def test_every_character_of_the_basic_plane_folds_as_defined() -> None:
    # Each alone, after a letter, and before a combining acute; "é" keeps it off the
    # ASCII path. The table behind ``fold`` fills as characters come: this fills it all.
    wrong = [
        hex(code)
        for code in range(0x10000)
        if not 0xD800 <= code <= 0xDFFF
        for text in (chr(code) + "é", "й" + chr(code), chr(code) + "\u0301")
        if fold(text) != _fold_char_by_char(text)
    ]
    assert wrong == []


@given(st.text())
def test_any_text_folds_as_defined(text: str) -> None:
    assert fold(text) == _fold_char_by_char(text)


@pytest.mark.parametrize(
    "spellings",
    [
        ("Щукин", "Shchukin", "Schukin", "SHCHUKIN"),
        ("Иванов", "ivanov", "Ivanov"),
        ("Юлия", "Yulia", "Julia", "Iuliia"),
        ("Цветкова", "Tsvetkova", "Tzvetkova"),
        ("Хохлов", "Khokhlov"),
        ("Жуков", "Zhukov"),
        ("Чехов", "Chekhov"),
        ("Дмитрий", "Dmitry", "Dmitriy"),
        ("Семёнов", "Semenov"),
        ("Анна", "Anna"),
    ],
)
def test_one_key_for_every_spelling_in_either_script(spellings: tuple[str, ...]) -> None:
    assert len({name_key(spelling) for spelling in spellings}) == 1


def test_different_names_keep_different_keys() -> None:
    keys = [name_key(n) for n in ("Чехов", "Шехов", "Щехов", "Цехов", "Жуков", "Зуков")]
    assert len(set(keys)) == len(keys)
    assert name_key("100") == "100"  # digits are not letters to collapse


@pytest.mark.parametrize(
    "raw",
    ["+7 (912) 345-67-89", "8 912 345 6789", "89123456789", "7 912 345 67 89"],
)
def test_russian_numbers_share_the_plus_7_form(raw: str) -> None:
    assert phone_key(raw) == "79123456789"


@pytest.mark.parametrize("raw", ["07911 123456", "+44 7911 123456", "0044 7911 123456"])
def test_uk_numbers_share_the_plus_44_form(raw: str) -> None:
    assert phone_key(raw) == "447911123456"


def test_words_and_their_spans_in_the_original() -> None:
    assert words("  Петров-Водкин, Zoë!! 😀 x_y") == ["петров", "водкин", "zoe", "x", "y"]
    assert word_spans("Zoë  Семёнов") == [("zoe", 0, 3), ("семенов", 5, 12)]


@given(st.text())
def test_normalisation_is_total(text: str) -> None:
    assert "\x00" not in fold(text)
    for word in words(text):
        key = name_key(word)
        assert key == key.casefold() and not any(c.isspace() or c == '"' for c in key)
    assert phone_key(text) == "" or phone_key(text).isdigit()
