"""Knowledge-base articles' pure rules: plain text of Markdown, freshness, snippets.

A snippet is a window of an article's plain text around the most matched words, with the
matched words' spans inside the window, so a viewer highlights them without parsing it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

LANGUAGES = ("en", "ru")
FRESH_DAYS = 365.0  # an article's freshness halves roughly every year
FRESH_WEIGHT = 0.1  # a fresh article gains at most this share of its score
SNIPPET = 220  # characters of a snippet, about two lines of the results list

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"(^|\n)\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)|[`*_~|]+")
_SPACE = re.compile(r"\s+")


def markdown_text(markdown: str) -> str:
    """The words of a Markdown text without its markup (links keep their text, images
    their alternative text), on one line."""
    text = _LINK.sub(r"\1", markdown)
    text = _MARKUP.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def freshness(updated_at: datetime, now: datetime) -> float:
    """A multiplier of a relevance score: 1 + FRESH_WEIGHT for today's article, towards 1
    for an old one (a small nudge between equally relevant answers, never more)."""
    days = max((now - updated_at).total_seconds() / 86_400, 0.0)
    return 1.0 + FRESH_WEIGHT * math.exp(-days / FRESH_DAYS)


@dataclass(frozen=True, slots=True)
class Snippet:
    """A window of text and the (start, end) of each matched word in it."""

    text: str
    spans: tuple[tuple[int, int], ...]


def snippet(text: str, matches: list[tuple[int, int]], *, width: int = SNIPPET) -> Snippet:
    """The ``width`` characters of ``text`` holding the most ``matches`` (its start when
    none), cut at word boundaries, with "…" where text was left out."""
    start = _best_start(matches, width) if matches else 0
    start = _word_start(text, start)
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    spans = tuple(
        (s - start + len(lead), e - start + len(lead))
        for s, e in matches
        if s >= start and e <= end
    )
    return Snippet(lead + text[start:end] + tail, spans)


def _best_start(matches: list[tuple[int, int]], width: int) -> int:
    """The start of the window with the most distinct matches, a little before the first."""
    best, best_count = matches[0][0], 0
    for i, (first, _) in enumerate(matches):
        count = sum(1 for s, e in matches[i:] if e <= first + width * 0.8)
        if count > best_count:
            best, best_count = first, count
    return max(0, best - width // 5)


def _word_start(text: str, index: int) -> int:
    if index <= 0:
        return 0
    space = text.rfind(" ", 0, index)
    return space + 1 if space >= 0 else 0
