"""Words to index terms for the knowledge base: folded, stop words out, Snowball-stemmed.

Each word is stemmed by its own script, not by the article's language: a Russian article
that names ``apt-get`` or "stable" keeps their English stems, so an English word typed at a
Russian desk meets them. Indexing and searching run the same analysis, so a query in
another grammatical form ("packages", "пакетов") meets the stored stem ("packag", "пакет").
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from frontdesk.domain.text import fold

_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = re.compile(r"[а-я]")
MAX_WORD = 40  # longer runs are hashes, URLs or base64: never typed, never a useful term

_ENGLISH_WORDS = (
    "a an and are as at be been but by can could did do does doing for from had has have how"
    " i if in into is it its me my no not of on or our so such than that the their them then"
    " there these they this to was we were what when where which who why will with would you"
    " your yours am any all also just should shall may might must one some"
    # Contractions typed without their apostrophe.
    " whats thats theres hows wheres whos im ive dont doesnt isnt arent"
)
_ENGLISH_STOP = frozenset(_ENGLISH_WORDS.split())
_RUSSIAN_WORDS = (
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только"
    " ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни"
    " быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут"
    " где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под"
    " будет ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем"
    " чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после"
    " над больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо"
    " свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между"
    " это как-то мне меня можно нужно ли"
    # The other forms of the pronouns above: the list names one form of each.
    " такое такая такие таких таким такую эта эти этих этим этому какое какая какие каких"
    " каким какую который которая которое которые которых котором которым"
)
_RUSSIAN_STOP = frozenset(_RUSSIAN_WORDS.split())


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Stemmer.Stemmer, Stemmer.Stemmer]:
    return Stemmer.Stemmer("english", 50_000), Stemmer.Stemmer("russian", 50_000)


def words(text: str) -> list[str]:
    """The folded words of ``text`` (ё as е, accents off), overlong runs left out."""
    return [w for w in _WORD.findall(fold(text)) if len(w) <= MAX_WORD]


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


def is_stop(word: str) -> bool:
    return word in _RUSSIAN_STOP if is_cyrillic(word) else word in _ENGLISH_STOP


def stem(word: str) -> str:
    """One folded word's Snowball stem, by the word's script (digits stay as they are)."""
    english, russian = _stemmers()
    if is_cyrillic(word):
        return russian.stemWord(word).replace("ё", "е")
    return english.stemWord(word) if word.isalpha() else word


def terms(text: str, *, stops: bool = False) -> list[str]:
    """The index terms of ``text``, in order, stop words out unless ``stops``."""
    return [stem(w) for w in words(text) if stops or not is_stop(w)]


def term_text(text: str, *, stops: bool = False) -> str:
    """``terms`` joined by spaces: what an FTS5 column of this index holds."""
    return " ".join(terms(text, stops=stops))


def matches(text: str, stems: frozenset[str], prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """The (start, end) in ``text`` of each word whose stem is one of ``stems`` or begins
    with one of ``prefixes`` (for highlighting what matched). Only the words that begin as
    a stem does are found (one regular expression) and stemmed: folding and stemming every
    word of an article was most of a search's time."""
    heads = {t[:3] for t in stems} | {p[:3] for p in prefixes}
    if not heads:
        return []
    found = []
    for match in _heads(tuple(sorted(heads))).finditer(text):
        folded = fold(match.group())
        if len(folded) <= MAX_WORD:
            term = stem(folded)
            if term in stems or term.startswith(prefixes):
                found.append((match.start(), match.end()))
    return found


@lru_cache(maxsize=256)
def _heads(heads: tuple[str, ...]) -> re.Pattern[str]:
    """Words beginning with any of ``heads`` (folded; ё read as е), in any letter case."""
    choices = "|".join(re.escape(h).replace("е", "[её]") for h in heads)
    return re.compile(rf"(?<![^\W_])(?:{choices})[^\W_]*", re.IGNORECASE)
