"""Generated customers and the fixed lookup workload for bench/lookup.py.

Names come from Faker's word lists (read once, never one Faker call per customer), combined
with a seeded RNG: Russian customers in Cyrillic (some stored in Latin transliteration),
British customers in Latin. Every customer keeps its name in each script it has, so the
workload's "truly matching" sets (the recall ceiling) are script-agnostic, like the engine.
"""

from __future__ import annotations

import bisect
import random
import string
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from faker.providers.person.en_GB import Provider as British
from faker.providers.person.en_US import Provider as American
from faker.providers.person.ru_RU import Provider as Russian
from faker.providers.person.uk_UA import Provider as Ukrainian

from frontdesk.domain.text import fold, phone_key

STANDARD = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i",
    "ї": "yi", "є": "ye", "ґ": "g",
}  # fmt: skip
VARIANTS = {"щ": ("shch", "sch"), "х": ("kh", "h"), "ц": ("ts", "tz"), "ю": ("yu", "iu", "ju"),
            "я": ("ya", "ia", "ja"), "й": ("y", "i", "j"), "ё": ("e", "yo")}  # fmt: skip
T_END = datetime(2026, 1, 1, tzinfo=UTC)
DOMAINS = ("mail.ru", "yandex.ru", "gmail.com", "outlook.com", "bk.ru", "btinternet.com")
QUERY_MIX = {
    "name_prefix": 400, "full_name": 250, "other_script": 300, "typo_surname": 300,
    "phone": 350, "email": 150, "card_suffix": 150, "nothing": 100,
    "layout_ru": 150, "layout_en": 100, "typo2_long": 200, "scheme": 200, "mixed": 150,
}  # fmt: skip


def latin(cyrillic: str, rng: random.Random | None = None) -> str:
    """Cyrillic in Latin letters: the standard scheme, or a random common variant per letter."""
    out = []
    for char in cyrillic:
        low = char.lower()
        options = VARIANTS.get(low) if rng else None
        text = rng.choice(options) if options and rng else STANDARD.get(low, char)
        out.append(text.capitalize() if char != low and text else text)
    return "".join(out)


@dataclass
class Person:
    id: str
    full_name: str  # as stored
    words: list[str]  # folded words in every script the name has
    other_script: str  # the name in the script it is not stored in ("" for British names)
    surname: str
    first: str
    phone: str
    email: str
    card: str | None
    account: str
    active: datetime


@dataclass
class Population:
    people: list[Person]
    by_word: dict[str, list[int]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    phones: str = ""  # every number's international digits, "|"-separated
    nationals: str = ""  # "|8...|0..." so "|" + run counts numbers dialled from that run
    emails: Counter[str] = field(default_factory=Counter)
    card_suffixes: Counter[str] = field(default_factory=Counter)


def generate(count: int, *, seed: int) -> Population:
    rng = random.Random(seed)
    people = [_person(rng, n) for n in range(count)]
    return _indexed(Population(people))


def _person(rng: random.Random, n: int) -> Person:
    if rng.random() < 0.6:
        return _russian(rng, n)
    return _british(rng, n)


def _russian(rng: random.Random, n: int) -> Person:
    female = rng.random() < 0.5
    source = Russian if rng.random() < 0.8 else Ukrainian
    last = rng.choice(source.last_names_female if female else source.last_names_male)
    first = rng.choice(Russian.first_names_female if female else Russian.first_names_male)
    middle = rng.choice(Russian.middle_names_female if female else Russian.middle_names_male)
    cyr = f"{last} {first} {middle}"
    lat = latin(cyr)
    stored_latin = rng.random() < 0.2
    phone = f"+7 9{rng.randrange(10**9):09d}"
    return _make(rng, n, stored=lat if stored_latin else cyr, other=cyr if stored_latin else lat,
                 words=cyr.split() + lat.split(), surname=last, first=first, phone=phone,
                 email_name=latin(last).lower())  # fmt: skip


def _british(rng: random.Random, n: int) -> Person:
    last = rng.choice(list(British.last_names) + list(American.last_names))
    first = rng.choice(list(British.first_names) + list(American.first_names))
    name = f"{first} {last}"
    phone = f"+44 7{rng.randrange(10**9):09d}"
    return _make(rng, n, stored=name, other="", words=name.split(), surname=last, first=first,
                 phone=phone, email_name=last.lower())  # fmt: skip


def _make(rng: random.Random, n: int, **kw: str | list[str]) -> Person:
    local = f"{kw['email_name']}.{rng.randrange(10**6)}".replace("'", "")
    card = f"6006{rng.randrange(10**12):012d}" if rng.random() < 0.7 else None
    return Person(
        id=f"c{n:07d}",
        full_name=str(kw["stored"]),
        words=sorted({fold(w) for w in kw["words"]}),  # type: ignore[union-attr]
        other_script=str(kw["other"]),
        surname=str(kw["surname"]),
        first=str(kw["first"]),
        phone=_phone_format(rng, str(kw["phone"])),
        email=f"{local}@{rng.choice(DOMAINS)}",
        card=card,
        account=f"A{n + 10_000_000:08d}",
        active=T_END - timedelta(seconds=rng.randrange(2 * 365 * 86400)),
    )


def _phone_format(rng: random.Random, phone: str) -> str:
    digits = phone.replace(" ", "").lstrip("+")
    if digits.startswith("7") and rng.random() < 0.3:
        return "8" + digits[1:]  # stored as dialled at home
    return phone.replace(" ", "") if rng.random() < 0.5 else phone


def _indexed(population: Population) -> Population:
    for i, person in enumerate(population.people):
        for word in person.words:
            population.by_word.setdefault(word, []).append(i)
        if person.card:
            population.card_suffixes[person.card[-4:]] += 1
        population.emails[fold(person.email.split("@")[0])] += 1
    population.vocabulary = sorted(population.by_word)
    keys = [phone_key(p.phone) for p in population.people]
    population.phones = "|".join(keys)
    population.nationals = "|" + "|".join(_national(key) for key in keys)
    return population


def _national(key: str) -> str:
    return "0" + key[2:] if key.startswith("44") else "8" + key[1:]


def digit_matches(pop: Population, run: str) -> int:
    """Customers a digit run truly finds: inside a number, at the start of its national
    form, or at the end of a card."""
    found = pop.phones.count(run) + pop.nationals.count("|" + run)
    return found + (pop.card_suffixes[run] if len(run) == 4 else 0)


# --- the workload ----------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    target: str | None  # the customer it is meant to find; None for "nothing"
    matching: int  # how many customers truly match (the intended query)


def workload(population: Population, *, seed: int) -> list[Query]:
    rng = random.Random(seed + 1)
    from lookup_slips import MAKERS as SLIPS

    makers = {
        "name_prefix": _name_prefix, "full_name": _full_name, "other_script": _other_script,
        "typo_surname": _typo_surname, "phone": _phone_query, "email": _email_query,
        "card_suffix": _card_query, "nothing": _nothing, **SLIPS,
    }  # fmt: skip
    queries = []
    for kind, count in QUERY_MIX.items():
        for _ in range(count):
            queries.append(makers[kind](rng, population))
    return queries


def _pick(rng: random.Random, population: Population, *, russian: bool = False) -> Person:
    while True:
        person = rng.choice(population.people)
        if not russian or person.other_script:
            return person


def _name_prefix(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    parts = [p.surname[: rng.randint(3, 5)], p.first[: rng.randint(2, 4)]]
    rng.shuffle(parts)
    return _name_query("name_prefix", " ".join(parts), p, pop, intended=parts)


def _full_name(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    return _name_query("full_name", p.full_name, p, pop, intended=p.full_name.split())


def _other_script(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop, russian=True)
    words = p.other_script.split()[:2]
    cyrillic = words if not words[0].isascii() else None
    shown = [latin(w, rng) for w in words] if cyrillic else words
    text = " ".join(shown if cyrillic else words)
    return _name_query("other_script", text, p, pop, intended=words)


def _typo_surname(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    while len(p.surname) < 5:
        p = _pick(rng, pop)
    text = f"{_one_edit(rng, p.surname)} {p.first}"
    return _name_query("typo_surname", text, p, pop, intended=[p.surname, p.first])


def _one_edit(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)  # the first letter is rarely the one misheard
    letters = "абвгдеклмнопрст" if not word.isascii() else string.ascii_lowercase
    edit = rng.choice(("insert", "delete", "substitute", "transpose"))
    if edit == "insert":
        return word[:i] + rng.choice(letters) + word[i:]
    if edit == "delete":
        return word[:i] + word[i + 1 :]
    if edit == "substitute":
        other = rng.choice([c for c in letters if c != word[i].lower()])
        return word[:i] + other + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _name_query(kind: str, text: str, p: Person, pop: Population, *, intended) -> Query:
    return Query(kind, text, p.id, _name_matches(pop, intended))


def _name_matches(pop: Population, words: list[str]) -> int:
    """Customers with a name word starting with each intended word (either script)."""
    found: set[int] | None = None
    for word in (fold(w) for w in words):
        start = bisect.bisect_left(pop.vocabulary, word)
        ids: set[int] = set()
        for vocab_word in pop.vocabulary[start:]:
            if not vocab_word.startswith(word):
                break
            ids.update(pop.by_word[vocab_word])
        found = ids if found is None else found & ids
    return max(len(found or ()), 1)


def _phone_query(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    key = phone_key(p.phone)
    style = rng.choice(("whole_plus", "whole_national", "whole_digits", "last4", "run6", "mid7"))
    if style.startswith("whole"):
        text = _dialled(key, style)
        return Query("phone", text, p.id, 1)
    size = {"last4": 4, "run6": 6, "mid7": 7}[style]
    start = len(key) - size if style == "last4" else rng.randrange(2, len(key) - size + 1)
    run = key[start : start + size]
    return Query("phone", run, p.id, max(digit_matches(pop, run), 1))


def _dialled(key: str, style: str) -> str:
    uk = key.startswith("44")
    national = ("0" if uk else "8") + key[2 if uk else 1 :]
    if uk:
        return {"whole_national": f"{national[:5]} {national[5:]}",
                "whole_plus": f"+44 {key[2:6]} {key[6:]}"}.get(style, national)  # fmt: skip
    dashed = f"8 ({key[1:4]}) {key[4:7]}-{key[7:9]}-{key[9:]}"
    plus = f"+7 {key[1:4]} {key[4:7]} {key[7:9]} {key[9:]}"
    return {"whole_national": dashed, "whole_plus": plus}.get(style, national)


def _email_query(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    if rng.random() < 0.5:
        return Query("email", p.email, p.id, 1)
    local = p.email.split("@")[0]
    return Query("email", local, p.id, pop.emails[fold(local)])


def _card_query(rng: random.Random, pop: Population) -> Query:
    p = _pick(rng, pop)
    while p.card is None:
        p = _pick(rng, pop)
    if rng.random() < 0.3:
        return Query("card_suffix", p.card, p.id, 1)
    return Query("card_suffix", p.card[-4:], p.id, digit_matches(pop, p.card[-4:]))


def _nothing(rng: random.Random, pop: Population) -> Query:
    style = rng.randrange(3)
    if style == 0:
        text = "".join(rng.choice("qxzwvj") for _ in range(7)) + " " + "zzq"
    elif style == 1:
        text = f"+1 555 {rng.randrange(10**7):07d}"
    else:
        text = f"nobody{rng.randrange(10**6)}@nowhere.invalid"
    return Query("nothing", text, None, 0)
