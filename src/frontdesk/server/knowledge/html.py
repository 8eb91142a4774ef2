"""HTML pages as Markdown: a small tree from the standard library's parser, then a renderer
that keeps paragraphs, headings, lists, code, emphasis and links, and drops scripts, styles,
navigation and images of the page's chrome.

Links go through a ``resolve`` function: the importer turns a link to another imported page
into ``kb:article/<id>``, keeps web addresses, and drops what leads nowhere (the text stays).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements whose content is never text of the article.
_DROPPED = frozenset({"script", "style", "head", "title", "noscript", "iframe", "object",
                      "embed", "svg", "form", "button", "template"})  # fmt: skip
_VOID = frozenset({"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr"})
_BLOCKS = frozenset({"p", "div", "ul", "ol", "dl", "pre", "blockquote", "table",
                     "h1", "h2", "h3", "h4", "h5", "h6", "hr"})  # fmt: skip
_CHROME_CLASSES = frozenset({"navheader", "navfooter", "toc", "titlepage"})
_CODE = frozenset({"code", "tt", "kbd", "samp"})
#: The most nesting kept: deeper markup is flattened into its text, never recursed into.
MAX_DEPTH = 200
Resolve = Callable[[str], str | None]


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> Iterator[Node]:
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed([c for c in node.children if isinstance(c, Node)]))

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def ids(self) -> set[str]:
        return {n.attrs[key] for n in self.walk() for key in ("id", "name") if n.attrs.get(key)}


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self._stack = [self.root]
        self._dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropping or tag in _DROPPED:
            self._dropping += tag not in _VOID
            return
        node = Node(tag, {k: v or "" for k, v in attrs})
        self._stack[-1].children.append(node)
        if tag not in _VOID and len(self._stack) < MAX_DEPTH:
            self._stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._dropping and tag not in _DROPPED:
            self._stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self._dropping:
            self._dropping -= tag not in _VOID
            return
        # An end tag closes its element and whatever was left open inside it; a stray one
        # (no such element open) is ignored.
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self._dropping:
            self._stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


# --------------------------------------------------------------------------- rendering

_ESCAPED = re.compile(r"([\\`*_\[\]<>])")
#: A line break survives the collapsing of white space as this, and becomes Markdown's.
_BREAK = "\x00br\x00"
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "kb:")


class _Renderer:
    def __init__(self, resolve: Resolve, *, heading_shift: int) -> None:
        self.resolve = resolve
        self.shift = heading_shift

    def blocks(self, node: Node, depth: int = 0) -> list[str]:
        """The node's content as Markdown blocks (paragraphs, lists, code...)."""
        out: list[str] = []
        inline: list[Node | str] = []
        for child in node.children:
            if isinstance(child, Node) and (
                child.tag in _BLOCKS or child.tag in ("li", "dt", "dd")
            ):
                out += _paragraph(self.inline(inline))
                inline = []
                out += self.block(child, depth)
            else:
                inline.append(child)
        return out + _paragraph(self.inline(inline))

    def block(self, node: Node, depth: int) -> list[str]:
        if node.classes & _CHROME_CLASSES - {"titlepage"} or depth > MAX_DEPTH // 2:
            return []
        tag = node.tag
        if tag in ("ul", "ol"):
            return [self.listing(node, ordered=tag == "ol", depth=depth)]
        if tag == "pre":
            return [_fence(_raw_text(node))]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = max(1, min(6, int(tag[1]) - self.shift))
            return [f"{'#' * level} {self.inline(node.children)}"]
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(node, depth + 1))
            return ["\n".join(f"> {line}" if line else ">" for line in inner.splitlines())]
        if tag == "hr":
            return ["---"]
        if tag == "dt":
            return _paragraph(f"**{self.inline(node.children)}**")
        return self.blocks(node, depth + 1)

    def listing(self, node: Node, *, ordered: bool, depth: int) -> str:
        items = [c for c in node.children if isinstance(c, Node) and c.tag == "li"]
        lines = []
        for number, item in enumerate(items, start=1):
            marker = f"{number}. " if ordered else "- "
            body = "\n\n".join(self.blocks(item, depth + 1)) or ""
            indented = body.replace("\n", "\n" + " " * len(marker))
            lines.append(marker + indented)
        return "\n".join(lines)

    def inline(self, parts: list[Node | str]) -> str:
        text = "".join(self.span(part) for part in parts)
        text = " ".join(text.split()).replace(f" {_BREAK} ", _BREAK)
        return text.replace(_BREAK, "  \n").strip()

    def span(self, part: Node | str) -> str:
        if isinstance(part, str):
            return _ESCAPED.sub(r"\\\1", part)
        tag = part.tag
        if tag == "br":
            return f" {_BREAK} "
        if tag == "img":
            return ""
        if tag in _CODE or "literal" in part.classes or "command" in part.classes:
            return _code_span(part.text())
        inner = self.inline(part.children)
        if not inner:
            return ""
        if tag in ("em", "i"):
            return f" *{inner}* "
        if tag in ("strong", "b"):
            return f" **{inner}** "
        if tag == "a" and part.attrs.get("href"):
            return self.link(inner, part.attrs["href"])
        return f" {inner} " if tag in _BLOCKS or tag in ("li", "dd", "dt") else inner

    def link(self, text: str, href: str) -> str:
        target = self.resolve(href.strip())
        if target is None or not target.startswith(_SAFE_SCHEMES):
            return text
        return f"[{text}](<{target}>)" if " " in target else f"[{text}]({target})"


def _paragraph(text: str) -> list[str]:
    text = text.strip()
    return [text] if text else []


def _raw_text(node: Node) -> str:
    return "".join(c if isinstance(c, str) else _raw_text(c) for c in node.children)


def _fence(code: str) -> str:
    code = code.strip("\n")
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code}\n{fence}"


def _code_span(text: str) -> str:
    if not text:
        return ""
    ticks = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def to_markdown(node: Node, resolve: Resolve, *, heading_shift: int = 0) -> str:
    """``node``'s content as Markdown; headings ``heading_shift`` levels up (an h3 under
    the article's h2 becomes ``##``)."""
    blocks = _Renderer(resolve, heading_shift=heading_shift).blocks(node)
    return "\n\n".join(blocks).strip() + "\n"
