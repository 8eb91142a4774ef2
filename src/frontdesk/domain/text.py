"""Text normalisation for customer lookup: folding, script-agnostic name keys, phone digits.

Everything here is pure and total: any string in, a (possibly empty) normalised form out,
never an exception. The lookup index stores these forms and the query is normalised the
same way, so a Latin query meets a Cyrillic name on one phonetic Latin key
("Щукин", "Shchukin" and "Schukin" all become ``sukin``).
"""

from __future__ import annotations

import re
import unicodedata

MAX_QUERY = 200  # longer input is cut: no name, phone or e-mail is longer

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g", "ў": "u",
}  # fmt: skip
_UNDECOMPOSED = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d",
                 "þ": "th", "ı": "i"}  # fmt: skip
# Variant spellings of one sound, longest first; applied to the transliterated Latin form.
_LATIN_VARIANTS = (
    ("shch", "S"), ("sch", "S"), ("zh", "Z"), ("kh", "h"), ("ch", "C"), ("sh", "X"),
    ("tz", "c"), ("ts", "c"), ("ph", "f"), ("x", "ks"), ("w", "v"), ("y", "i"), ("j", "i"),
    ("q", "k"), ("ck", "k"),
)  # fmt: skip
# The placeholders above become letters no earlier rule can leave behind.
_SOUNDS = str.maketrans({"S": "q", "Z": "j", "C": "w", "X": "x"})
_REPEATS = re.compile(r"([^\W\d_])\1+")  # doubled letters; digits stay as they are
_WORD = re.compile(r"[^\W_]+")
_NON_DIGITS = re.compile(r"\D")
_NON_ALNUM = re.compile(r"[\W_]+")


class _Folding(dict[int, int | str | None]):
    """``str.translate``'s table for a decomposed text, filled a character at a time as
    characters are first met: marks go, й comes back, undecomposed letters are spelt out.
    A table lookup is C; deciding per character in Python was most of indexing a case."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        value = None if unicodedata.combining(char) else _UNDECOMPOSED.get(char, code)
        self[code] = value
        return value


_FOLDING = _Folding({ord("\x01"): "й"})


def fold(text: str) -> str:
    """Case-, accent- and ё-insensitive form: ``"Zoë Семёнова"`` -> ``"zoe семенова"``."""
    text = text.replace("\x00", "")
    if text.isascii() and "\x01" not in text:
        # ASCII decomposes to itself and has no marks (\x01 is the placeholder below):
        # the same result without the per-character work, most of indexing a large pull.
        return text.casefold()
    text = text.casefold().replace("ё", "е").replace("й", "\x01")
    return unicodedata.normalize("NFKD", text).translate(_FOLDING)


def words(text: str) -> list[str]:
    """The folded letter-and-digit runs of ``text``, in order."""
    return _WORD.findall(fold(text[: MAX_QUERY * 2]))


def word_spans(text: str) -> list[tuple[str, int, int]]:
    """Each word of ``text`` (folded) with its start and end in the *original* string."""
    spans = []
    for match in _WORD.finditer(text):
        folded = fold(match.group())
        if folded:
            spans.append((folded, match.start(), match.end()))
    return spans


def transliterate(folded: str) -> str:
    """Folded Cyrillic letters as Latin (GOST-like); other characters unchanged."""
    return "".join(_CYRILLIC.get(c, c) for c in folded)


def name_key(word: str) -> str:
    """One phonetic Latin key for a name word in either script.

    Variant spellings collapse (shch/sch, kh/h, ts/tz, y/i/j, yu/iu/ju, ks/x ...), as do
    doubled letters, so ``Щукин``/``Shchukin``/``Schukin`` and ``Анна``/``Anna`` each share
    a key. The key is only ever compared with other keys.
    """
    latin = transliterate(fold(word))
    for variant, sound in _LATIN_VARIANTS:
        latin = latin.replace(variant, sound)
    return _REPEATS.sub(r"\1", latin.translate(_SOUNDS))


def word_keys(word: str) -> list[str]:
    """Every key a name word is found by: as written (folded), transliterated, phonetic.

    Prefixes are taken of each (a prefix may cut a digraph the phonetic key has merged:
    "Hump" for "Humphries"), and one-typo matching compares like with like.
    """
    folded = _NON_ALNUM.sub("", fold(word))
    keys = (folded, _NON_ALNUM.sub("", transliterate(folded)), name_key(word))
    return [key for key in dict.fromkeys(keys) if key]


# Latin spellings of Russian names that the one key cannot merge, because the same letters
# spell another sound elsewhere: j is ж ("Janna") as well as й ("Sergej"); yo/jo (not after
# a vowel: "Mayorov") or io after a consonant, and ye/je/ie, are ё and е ("Fyodor",
# "Alyona", "Yevgeniy", "Vasiliev") where the Cyrillic, ё folded to е, reads e.
_AMBIGUOUS = frozenset("jyi")  # every rule below starts at one of these
_J_AS_ZH = (re.compile("j"), "zh")
_YO_AS_E = (re.compile("(?<![aeiouy])[yj]o|(?<=[bcdfghklmnprstvz])io"), "e")
_YE_AS_E = (re.compile("[yj]e|(?<=[bcdfghklmnprstvz])ie"), "e")


def spelling_keys(word: str) -> list[str]:
    """The phonetic keys of a Latin name word read in the other common schemes.

    ``"Janna"`` -> ``["jana"]`` (as Жанна), ``"Fyodor"`` -> ``["fedor"]`` (as Фёдор). Empty
    for words in other scripts (their transliteration is ours, one scheme) and for words
    that read one way only.
    """
    folded = _NON_ALNUM.sub("", fold(word))
    if not folded.isascii() or not _AMBIGUOUS.intersection(folded):
        return []
    vowels = _rewrite(folded, _YO_AS_E, _YE_AS_E)
    readings = {_rewrite(folded, _J_AS_ZH), vowels, _rewrite(vowels, _J_AS_ZH)} - {folded}
    own = name_key(folded)
    return sorted({key for key in map(name_key, readings) if key and key != own})


def _rewrite(text: str, *rules: tuple[re.Pattern[str], str]) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def name_word_keys(word: str) -> list[str]:
    """A customer's name word's keys: ``word_keys`` and its ``spelling_keys``."""
    return list(dict.fromkeys([*word_keys(word), *spelling_keys(word)]))


def allowed_edits(word: str) -> int:
    """Typos forgiven in a word of this length, as Elasticsearch's AUTO fuzziness: none up
    to 2 letters, one up to 5, two beyond (a transposition is one edit)."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def digits(text: str) -> str:
    return _NON_DIGITS.sub("", text)


def phone_key(text: str) -> str:
    """Phone digits in international form: Russian 8XXXXXXXXXX -> 7..., UK 0XXXXXXXXXX -> 44...

    A number already international (``+7``, ``+44``, ``7 9...``) keeps its digits.
    """
    number = digits(text)
    if len(number) == 11 and number.startswith("8") and not text.lstrip().startswith("+"):
        return "7" + number[1:]
    if number.startswith("0") and not number.startswith("00") and 10 <= len(number) <= 11:
        return "44" + number[1:]
    return number.removeprefix("00")


def alnum(text: str) -> str:
    """``text`` folded with everything but letters and digits removed."""
    return _NON_ALNUM.sub("", fold(text))
