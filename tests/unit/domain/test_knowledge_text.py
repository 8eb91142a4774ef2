"""Articles' pure rules: Markdown to words, freshness, snippets around matched words."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from frontdesk.domain.knowledge import FRESH_WEIGHT, freshness, markdown_text, snippet

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_markdown_keeps_words_and_drops_markup() -> None:
    text = "# Hold\n\n* run `apt-mark hold` **now**\n* see [the FAQ](kb:article/x)\n![pic](a.png)"
    assert markdown_text(text) == "Hold run apt-mark hold now see the FAQ pic"


def test_fresh_articles_gain_a_little_and_old_ones_nothing_much() -> None:
    assert freshness(NOW, NOW) == 1 + FRESH_WEIGHT
    old = freshness(NOW - timedelta(days=3650), NOW)
    assert 1.0 < old < 1.001
    assert freshness(NOW + timedelta(days=5), NOW) == 1 + FRESH_WEIGHT  # a clock ahead


def test_a_snippet_is_cut_around_the_matches_with_their_spans() -> None:
    text = " ".join(["filler"] * 100) + " put the package on hold " + " ".join(["tail"] * 100)
    start = text.index("hold")
    cut = snippet(text, [(start, start + 4)], width=80)
    assert cut.text.startswith("…") and cut.text.endswith("…")
    ((s, e),) = cut.spans
    assert cut.text[s:e] == "hold"
    assert len(cut.text) <= 82


def test_a_snippet_without_matches_is_the_start() -> None:
    cut = snippet("short text", [])
    assert cut.text == "short text" and cut.spans == ()
