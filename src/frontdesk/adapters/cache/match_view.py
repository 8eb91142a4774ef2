"""A lookup hit as the screens show it: the phone or e-mail that matched, and the span to
highlight in it (or in the name), in the characters of the shown text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from frontdesk.adapters.cache.search_index import cached_name_keys, phone_forms
from frontdesk.adapters.cache.tables import CachedCustomer
from frontdesk.domain.keyboard import slipped
from frontdesk.domain.text import MAX_QUERY, alnum, digits, fold, word_spans, words
from frontdesk.services.read_models import CustomerMatch

Span = tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class _Query:
    """What every hit of one query is compared with, worked out once per query."""

    text: str
    number: str
    folded: str
    compact: str
    queried: tuple[tuple[str, tuple[str, ...]], ...]  # each word with its keys


@lru_cache(maxsize=64)
def _parse(query: str) -> _Query:
    text = query.replace("\x00", "")[:MAX_QUERY].strip()
    # A query typed in the other layout highlights what its intended reading matched.
    both = words(text) + words(slipped(text) or "")
    queried = tuple((word, tuple(cached_name_keys(word))) for word in both)
    return _Query(text, digits(text), fold(text), alnum(text), queried)


def describe_match(customer: CachedCustomer, field: str, query: str) -> CustomerMatch:
    q = _parse(query)
    number = q.number
    phone = _first(customer.phones, lambda p: bool(number) and _digit_span(p, number) is not None)
    email = _first(customer.emails, lambda e: _email_span(e, q) is not None)
    spans = {
        "name": lambda: _name_span(customer.display_name, q),
        "phone": lambda: _digit_span(phone, number),
        "email": lambda: _email_span(email, q),
        "account_number": lambda: _prefix_span(customer.account_number, q.folded),
    }
    return CustomerMatch(
        id=customer.id,
        account_number=customer.account_number,
        display_name=customer.display_name,
        phone=phone,
        email=email,
        branch=customer.branch,
        matched_field=field,
        span=spans[field]() if field in spans else None,
    )


def _first(values: list[str], wanted: object) -> str:
    """The first value ``wanted`` accepts, else the first value, else ''."""
    return next((v for v in values if wanted(v)), values[0] if values else "")  # type: ignore[operator]


def _name_span(shown: str, q: _Query) -> Span:
    """The first name word the query's words start (or, for a typo, resemble)."""
    for folded, start, end, keys in _name_words(shown):
        for query_word, query_keys in q.queried:
            if folded.startswith(query_word) and len(folded) == end - start:
                return (start, start + len(query_word))
            if any(k.startswith(q) for k in keys for q in query_keys):
                return (start, end)
    for _, start, end, _ in _name_words(shown)[:1]:  # one-typo match: the first word will do
        return (start, end)
    return None


@lru_cache(maxsize=4096)
def _name_words(shown: str) -> list[tuple[str, int, int, list[str]]]:
    return [(w, start, end, cached_name_keys(w)) for w, start, end in word_spans(shown)]


def _digit_span(shown: str, number: str) -> Span:
    """Where ``number`` sits in ``shown``; a national 8/0 trunk prefix may stand for +7/+44."""
    positions = [i for i, char in enumerate(shown) if char.isdigit()]
    shown_digits = "".join(shown[i] for i in positions)
    trunkless = number[1:] if number[:1] in ("0", "8") else number
    for wanted in (number, trunkless, *phone_forms(number)):
        at = shown_digits.find(wanted) if len(wanted) >= 4 else -1
        if at >= 0:
            return (positions[at], positions[at + len(wanted) - 1] + 1)
    return None


def _email_span(email: str, q: _Query) -> Span:
    folded = fold(email)
    at = folded.find(q.folded)
    if at >= 0 and len(folded) == len(email):
        return (at, at + len(q.text))
    return None if not q.compact else _alnum_span(email, q.compact)


def _alnum_span(email: str, wanted: str) -> Span:
    kept = [(i, c) for i, c in enumerate(email.casefold()) if c.isalnum()]
    at = "".join(c for _, c in kept).find(wanted)
    return None if at < 0 else (kept[at][0], kept[at + len(wanted) - 1][0] + 1)


def _prefix_span(account: str, folded_query: str) -> Span:
    if not fold(account).startswith(folded_query):
        return None
    return (0, min(len(folded_query), len(account)))
