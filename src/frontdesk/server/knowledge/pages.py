"""Articles out of HTML pages: one per question (an ``h2`` section with an anchor, as the
Debian FAQ's chapters have them), or one for a page without such sections.

Pages are read in two steps: ``outline`` finds every page's sections and the anchors inside
each, so that ``articles`` can turn a link to any anchor of any imported page into a link to
the article that holds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from frontdesk.server.knowledge.html import Node, Resolve, parse, to_markdown
from frontdesk.server.knowledge.store import article_id

#: A question's number before its title: "8.1. ", "7.12.3. ".
_NUMBER = re.compile(r"^\s*(\d+\.)+\s*")
_WEB = ("http://", "https://", "mailto:", "ftp://")


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    node: Node
    anchors: frozenset[str]


@dataclass(frozen=True)
class Page:
    """A parsed page: where it is (relative to the import's folder), its sections."""

    path: PurePosixPath
    lang: str
    chapter: str
    title: str
    root: Node
    sections: tuple[Section, ...]


def outline(path: PurePosixPath, html: str, *, lang: str) -> Page:
    root = parse(html)
    sections = tuple(_sections(root))
    title = _page_title(root)
    chapter = path.name.split(".")[0]
    return Page(path, lang, chapter, title, root, sections)


def _sections(root: Node) -> list[Section]:
    parents = {id(child): node for node in root.walk() for child in node.children
               if isinstance(child, Node)}  # fmt: skip
    found = []
    for heading in root.walk():
        anchor = _anchor(heading) if heading.tag == "h2" else None
        if anchor is None:
            continue
        holder = _section_of(heading, parents)
        title = _NUMBER.sub("", heading.text())
        found.append(Section(anchor, title, holder, frozenset(holder.ids())))
    return found


def _anchor(heading: Node) -> str | None:
    for node in heading.walk():
        for key in ("id", "name"):
            if node.attrs.get(key):
                return node.attrs[key]
    return None


def _section_of(heading: Node, parents: dict[int, Node]) -> Node:
    node = heading
    while id(node) in parents:
        node = parents[id(node)]
        if node.tag in ("div", "section") and "section" in node.classes | {node.tag}:
            return node
    return heading


def _page_title(root: Node) -> str:
    for tag in ("h1", "title"):
        for node in root.walk():
            if node.tag == tag and node.text():
                return node.text()
    return ""


class Links:
    """Where a link from a page leads: an article of the import, a document, the web."""

    def __init__(self, pages: list[Page], *, collection: str, documents: dict[str, str]) -> None:
        self._targets: dict[tuple[str, str], str] = {}
        self._first: dict[str, str] = {}
        self._documents = documents  # relative path -> sha256
        for page in pages:
            for section in page.sections:
                source = source_of(page, section, collection=collection)
                for anchor in section.anchors:
                    self._targets.setdefault((str(page.path), anchor), source)
                self._first.setdefault(str(page.path), source)

    def resolver(self, page: Page) -> Resolve:
        def resolve(href: str) -> str | None:
            return self.resolve(page, href)

        return resolve

    def resolve(self, page: Page, href: str) -> str | None:
        if href.lower().startswith(_WEB):
            return href
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None  # javascript:, file:, data: and the like lead nowhere at a desk
        target = page.path if not parts.path else join(page.path, unquote(parts.path))
        if target is None:
            return None
        if str(target) in self._documents:
            return f"kb:document/{self._documents[str(target)]}"
        anchor = unquote(parts.fragment)
        source = self._targets.get((str(target), anchor)) if anchor else None
        source = source or self._first.get(str(target))
        return f"kb:article/{article_id(source)}" if source else None


def join(base: PurePosixPath, relative: str) -> PurePosixPath | None:
    """``relative`` from ``base``'s folder, or None when it climbs out of the import."""
    parts: list[str] = list(base.parent.parts)
    for part in PurePosixPath(relative).parts:
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in (".", "/"):
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


def source_of(page: Page, section: Section | None, *, collection: str) -> str:
    folder = "/".join(page.path.parent.parts)
    where = f"{collection}/{folder}/{page.chapter}" if folder else f"{collection}/{page.chapter}"
    return f"{where}#{section.anchor}" if section else where


def translation_key(page: Page, section: Section | None, *, collection: str) -> str:
    """The source without its language: the same question in another language shares it."""
    folder = [p for p in page.path.parent.parts if p != page.lang]
    where = "/".join([collection, *folder, page.chapter])
    return f"{where}#{section.anchor}" if section else where


def section_markdown(page: Page, section: Section, links: Links) -> str:
    """The section's body without its own heading; its sub-questions become ``##``."""
    body = Node("div", children=[c for c in section.node.children if not _is_heading(c, section)])
    return to_markdown(body, links.resolver(page), heading_shift=1)


def page_markdown(page: Page, links: Links) -> str:
    return to_markdown(page.root, links.resolver(page), heading_shift=0)


def _is_heading(child: Node | str, section: Section) -> bool:
    if not isinstance(child, Node):
        return False
    if "titlepage" in child.classes:
        return True
    return child.tag == "h2" and _anchor(child) == section.anchor
