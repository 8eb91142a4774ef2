"""The query types of issue 22 for bench/lookup.py: how people really mistype a name.

- ``layout_ru``: a Russian name typed with QWERTY on ("cjkjdmtd .hbq" for «соловьёв юрий»);
- ``layout_en``: an English name typed with ЙЦУКЕН on ("ьшесрудд вщттф" for "mitchell donna");
- ``typo2_long``: a surname of 7+ letters with two edits, then the first name;
- ``scheme``: surname and first name in the passport (ICAO), BGN/PCGN or an informal scheme;
- ``mixed``: one of the last two kinds of slip with one typo in the surname on top.

Written apart from the engine's own tables (``domain.keyboard``, ``domain.text``): the
keyboard rows and the schemes here are what a typist meets, not what the engine expects.
"""

from __future__ import annotations

import random

from lookup_data import Person, Population, Query, _name_query, _one_edit, _pick

_KEYS_EN = "`qwertyuiop[]asdfghjkl;'zxcvbnm,./"
_KEYS_RU = "ёйцукенгшщзхъфывапролджэячсмитьбю."
# A Ukrainian name's own letters sit where the Ukrainian layout has them.
_RU_TO_EN = {**dict(zip(_KEYS_RU, _KEYS_EN, strict=True)), "і": "s", "ї": "]", "є": "'"}
_EN_TO_RU = dict(zip(_KEYS_EN, _KEYS_RU, strict=True))
_VOWELS = "аеёиоуыэюя"
# Names whose е is said (and, in Latin, written) ё; Faker writes most of them with е.
_YO_WORDS = {"федор", "артем", "семен", "петр", "алена", "федорович", "артемович", "семенович",
             "федоровна", "артемовна", "семеновна", "фекла", "аксенович"}  # fmt: skip
_ICAO = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "і": "i", "ї": "i", "є": "ie", "ґ": "g",
}  # fmt: skip
_BGN = {**_ICAO, "й": "y", "ю": "yu", "я": "ya", "ё": "yo", "ъ": "", "є": "ye", "ї": "yi"}
_INFORMAL = {**_BGN, "ж": "j", "х": "h", "ц": "c", "щ": "sch", "й": "j", "ю": "ju", "я": "ja"}


def scheme_spelling(word: str, scheme: dict[str, str]) -> str:
    """``word`` (Cyrillic) in a scheme, with the context rules the schemes have: е as ye at
    the start and after a vowel or soft sign (BGN), ё where it is said, -ий as -iy or -y."""
    low = word.lower()
    yo = low in _YO_WORDS
    out = []
    for i, char in enumerate(low):
        before = low[i - 1] if i else ""
        text = scheme.get(char, char)
        if char == "е" and scheme is not _ICAO and (not before or before in _VOWELS + "ьъ"):
            text = "ye" if scheme is _BGN else "e"
        if char == "е" and yo and scheme is not _ICAO and before not in _VOWELS:
            text = "yo" if scheme is _BGN else "jo"
        if char == "ь" and scheme is not _ICAO and low[i + 1 : i + 2] in ("е", "ё", "и"):
            text = "y" if low[i + 1] != "е" or scheme is _BGN else ""
        out.append(text)
    latin = "".join(out)
    if low.endswith(("ий", "ый")) and scheme is _INFORMAL:
        latin = latin[:-2] + "y"
    return latin.capitalize()


def _russian_words(p: Person) -> list[str]:
    """Surname and first name in Cyrillic, whichever script the customer is stored in."""
    return [p.surname, p.first]


def _layout_ru(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop, russian=True)
    words = _russian_words(p)
    typed = " ".join("".join(_RU_TO_EN.get(c, c) for c in w.lower()) for w in words)
    return _name_query("layout_ru", typed, p, pop, intended=words)


def _layout_en(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    while p.other_script:
        p = _pick(rng, pop)
    words = [p.first, p.surname] if rng.random() < 0.5 else [p.surname, p.first]
    typed = " ".join("".join(_EN_TO_RU.get(c, c) for c in w.lower()) for w in words)
    return _name_query("layout_en", typed, p, pop, intended=words)


def _typo2_long(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    while len(p.surname) < 7:
        p = _pick(rng, pop)
    twice = _one_edit(rng, _one_edit(rng, p.surname))
    return _name_query("typo2_long", f"{twice} {p.first}", p, pop, intended=[p.surname, p.first])


def _scheme(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop, russian=True)
    scheme = rng.choice((_ICAO, _BGN, _INFORMAL))
    words = _russian_words(p)
    typed = " ".join(scheme_spelling(w, scheme) for w in words)
    return _name_query("scheme", typed, p, pop, intended=words)


def _mixed(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop, russian=True)
    while len(p.surname) < 6:
        p = _pick(rng, pop, russian=True)
    surname, first = _one_edit(rng, p.surname.lower()), p.first.lower()
    if rng.random() < 0.5:
        scheme = rng.choice((_ICAO, _BGN, _INFORMAL))
        typed = f"{scheme_spelling(surname, scheme)} {scheme_spelling(first, scheme)}"
    else:
        typed = "".join(_RU_TO_EN.get(c, c) for c in f"{surname} {first}")
    return _name_query("mixed", typed, p, pop, intended=[p.surname, p.first])


MAKERS = {
    "layout_ru": _layout_ru, "layout_en": _layout_en, "typo2_long": _typo2_long,
    "scheme": _scheme, "mixed": _mixed,
}  # fmt: skip
