"""The knowledge base's analysis: folded words, Snowball stems by script, stop words."""

from __future__ import annotations

from frontdesk.adapters.cache.knowledge.analysis import matches, stem, terms


def test_english_and_russian_words_are_stemmed_by_their_own_script() -> None:
    assert terms("Installing packages") == ["instal", "packag"]
    assert terms("установка пакетов") == ["установк", "пакет"]
    # A Russian article naming an English word keeps its English stem.
    assert terms("пакеты для Debian packages") == ["пакет", "debian", "packag"]


def test_stop_words_go_and_yo_is_ye() -> None:
    assert terms("How do I put it on hold?") == ["put", "hold"]
    assert terms("Это всё ещё ёлка") == terms("это все еще елка") == ["елк"]


def test_inflected_forms_meet_one_stem() -> None:
    assert stem("packages") == stem("package") == "packag"
    assert stem("пакетов") == stem("пакета") == "пакет"


def test_matches_find_every_form_of_a_stem_in_the_original_text() -> None:
    text = "Packages: a package, ПАКЕТЫ and пакетов; apt-get."
    found = [text[s:e] for s, e in matches(text, frozenset({"packag", "пакет"}), ())]
    assert found == ["Packages", "package", "ПАКЕТЫ", "пакетов"]
    assert [text[s:e] for s, e in matches(text, frozenset(), ("apt",))] == ["apt"]
