"""Markdown files with YAML front matter, read strictly: a malformed or unknown key is an
error naming the file and the line, never a guess.

```
---
title: How long may a customer return a purchase?
lang: en
translation: returns/window        # the same key in the Russian file links the two
category: returns
tags: [refund, till]
products: [FD-01011]
case_categories: [returns]
audience: cashiers                  # agents | cashiers | all (default all)
author: Back office
status: published                   # published | archived
documents: [leaflets/returns.pdf]   # files of the same import, relative to this file
---
Body in Markdown. [Another article](other.md), ![a leaflet](leaflets/returns.pdf).
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from frontdesk.protocol.cases import CodeText
from frontdesk.protocol.catalogue import SkuText
from frontdesk.protocol.knowledge import (
    MAX_BODY,
    MAX_LINKS,
    MAX_TAGS,
    MAX_TITLE,
    ArticleStatusName,
    AudienceName,
    LanguageName,
    SourceText,
    TagText,
)
from frontdesk.protocol.wire import Text
from frontdesk.server.knowledge.store import KbInputError

_FENCE = "---"
#: Relative links and images in the body: ``[text](target)`` and ``![alt](target)``.
LINK = re.compile(r"(!?\[[^\]\n]*\]\()([^)\s]+)(\))")


class FrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: Text(MAX_TITLE, min_length=1)
    lang: LanguageName
    translation: Text(300, min_length=1) | None = None
    id: SourceText | None = None
    category: Text(64) = ""
    tags: list[TagText] = Field(default_factory=list, max_length=MAX_TAGS)
    products: list[SkuText] = Field(default_factory=list, max_length=MAX_LINKS)
    case_categories: list[CodeText] = Field(default_factory=list, max_length=MAX_LINKS)
    audience: AudienceName = "all"
    author: Text(100) = ""
    status: ArticleStatusName = "published"
    documents: list[Text(500, min_length=1)] = Field(default_factory=list, max_length=MAX_LINKS)


@dataclass(frozen=True)
class MarkdownFile:
    meta: FrontMatter
    body: str
    body_line: int  # the file's line the body starts on


def read(name: str, text: str) -> MarkdownFile:
    """The front matter and body of the file ``name``; ``KbInputError`` saying where not."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != _FENCE:
        raise KbInputError(f"{name}:1: front matter must start with a line '---'")
    end = next((n for n in range(1, len(lines)) if lines[n].rstrip("\r\n") == _FENCE), None)
    if end is None:
        raise KbInputError(f"{name}:1: front matter has no closing line '---'")
    raw = _yaml(name, "".join(lines[1:end]))
    meta = _checked(name, raw, lines[1:end])
    body = "".join(lines[end + 1 :]).strip() + "\n"
    if len(body) > MAX_BODY:
        raise KbInputError(f"{name}: the body is over {MAX_BODY} characters ({len(body)})")
    return MarkdownFile(meta, body, end + 2)


def _yaml(name: str, text: str) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error)
        raise KbInputError(f"{name}:{line}: front matter is not valid YAML: {problem}") from None
    if not isinstance(loaded, dict):
        raise KbInputError(f"{name}:2: front matter must be a mapping of keys to values")
    return loaded


def _checked(name: str, raw: dict[str, Any], lines: list[str]) -> FrontMatter:
    try:
        return FrontMatter.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        key = str(first["loc"][0]) if first["loc"] else ""
        line = _line_of(key, lines)
        where = ".".join(str(p) for p in first["loc"]) or "front matter"
        raise KbInputError(f"{name}:{line}: {where}: {first['msg']}") from None


def _line_of(key: str, lines: list[str]) -> int:
    for number, line in enumerate(lines, start=2):
        if re.match(rf"^{re.escape(key)}\s*:", line):
            return number
    return 1
