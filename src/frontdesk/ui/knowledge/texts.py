"""The knowledge base's words in the agent's language, and the HTML the results and the
article are shown with (escaped: nothing an article or a query holds becomes markup)."""

from __future__ import annotations

import html

from markdown_it import MarkdownIt
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "Knowledge"
LANGUAGE_NAMES = {
    "en": QT_TRANSLATE_NOOP("Knowledge", "English"),
    "ru": QT_TRANSLATE_NOOP("Knowledge", "Russian"),
}
OPEN_IN = {
    "en": QT_TRANSLATE_NOOP("Knowledge", "Open in English"),
    "ru": QT_TRANSLATE_NOOP("Knowledge", "Open in Russian"),
}
# Raw HTML off: an article's tags are shown as text, never obeyed. Links and images keep
# markdown-it's own scheme check (no javascript:, file: or vbscript:).
_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def language_name(code: str | None) -> str:
    return tr(LANGUAGE_NAMES[code]) if code in LANGUAGE_NAMES else (code or "")


def open_in(code: str) -> str:
    return tr(OPEN_IN[code]) if code in OPEN_IN else code


def marked(text: str, spans: tuple[tuple[int, int], ...], *, color: str) -> str:
    """``text`` as HTML with its ``spans`` in bold ``color`` (overlapping spans merged)."""
    out, at = [], 0
    for start, end in sorted(spans):
        start = max(start, at)
        if end <= start:
            continue
        out.append(html.escape(text[at:start]))
        out.append(f'<b style="color:{color}">{html.escape(text[start:end])}</b>')
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)


def article_html(body_md: str) -> str:
    """The article's Markdown as HTML for a ``QTextBrowser``."""
    return _MARKDOWN.render(body_md)
