"""A lookup hit as the screens show it: the phone or e-mail that matched, and the span to
highlight in it (or in the name), in the characters of the shown text."""

from __future__ import annotations

from frontdesk.adapters.cache.search_index import cached_word_keys, phone_forms
from frontdesk.adapters.cache.tables import CachedCustomer
from frontdesk.domain.text import MAX_QUERY, alnum, digits, fold, word_spans, words
from frontdesk.services.read_models import CustomerMatch

Span = tuple[int, int] | None


def describe_match(customer: CachedCustomer, field: str, query: str) -> CustomerMatch:
    text = query.replace("\x00", "")[:MAX_QUERY].strip()
    number = digits(text)
    phone = _first(customer.phones, lambda p: bool(number) and _digit_span(p, number) is not None)
    email = _first(customer.emails, lambda e: _email_span(e, text) is not None)
    spans = {
        "name": lambda: _name_span(customer.display_name, text),
        "phone": lambda: _digit_span(phone, number),
        "email": lambda: _email_span(email, text),
        "account_number": lambda: _prefix_span(customer.account_number, text),
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


def _name_span(shown: str, text: str) -> Span:
    """The first name word the query's words start (or, for a typo, resemble)."""
    queried = [(word, cached_word_keys(word)) for word in words(text)]
    for folded, start, end in word_spans(shown):
        keys = cached_word_keys(folded)
        for query_word, query_keys in queried:
            if folded.startswith(query_word) and len(folded) == end - start:
                return (start, start + len(query_word))
            if any(k.startswith(q) for k in keys for q in query_keys):
                return (start, end)
    for _, start, end in word_spans(shown)[:1]:  # a one-typo match: the first word will do
        return (start, end)
    return None


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


def _email_span(email: str, text: str) -> Span:
    at = fold(email).find(fold(text))
    if at >= 0 and len(fold(email)) == len(email):
        return (at, at + len(text))
    return None if not alnum(text) else _alnum_span(email, alnum(text))


def _alnum_span(email: str, wanted: str) -> Span:
    kept = [(i, c) for i, c in enumerate(email.casefold()) if c.isalnum()]
    at = "".join(c for _, c in kept).find(wanted)
    return None if at < 0 else (kept[at][0], kept[at + len(wanted) - 1][0] + 1)


def _prefix_span(account: str, text: str) -> Span:
    return (0, min(len(text), len(account))) if fold(account).startswith(fold(text)) else None
