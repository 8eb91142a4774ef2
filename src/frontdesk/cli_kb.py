"""Headless knowledge-base commands of ``frontdesk`` (wired in by ``frontdesk.cli``).

    frontdesk kb search QUERY [--limit N] [--language en|ru] [--json]
    frontdesk kb search - --json          one query per stdin line, one JSON line each
    frontdesk kb show ID [--language en|ru] [--json]

``search`` works offline over this desk's cache: each answer with its title, language,
source and score (``--json``: one object per answer, with its snippet and the spans of the
matched words; none found exits 1, like ``lookup``). An answer found in either language is
shown in ``--language`` when it has that version. ``show`` prints an article (``--json``:
its fields, translations and documents, each marked available offline or not).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from frontdesk.config import Settings
    from frontdesk.services.knowledge.desk import DeskKnowledge
    from frontdesk.services.knowledge.ports import KbArticle, KbHit

EXIT_OK, EXIT_NOTHING = 0, 1


def add_parsers(sub: Any) -> None:
    kb = sub.add_parser("kb", help="search the knowledge base offline, show an article")
    actions = kb.add_subparsers(dest="action", required=True)
    search = actions.add_parser("search", help="articles that answer a question")
    search.add_argument("query", help="the question; - reads one query per line of stdin")
    search.add_argument("--limit", type=int, default=10)
    show = actions.add_parser("show", help="an article, its translations and documents")
    show.add_argument("id")
    for parser in (search, show):
        parser.add_argument("--language", choices=("en", "ru"), default="en")
        parser.add_argument("--json", action="store_true", help="machine-readable output")


def kb_command(args: argparse.Namespace, settings: Settings, io: Any) -> int:
    from frontdesk.bootstrap import build_client

    client = build_client(settings)
    try:
        desk = client.knowledge(language=args.language)
        return _ACTIONS[args.action](args, desk, io)
    finally:
        client.close()


def _search(args: argparse.Namespace, desk: DeskKnowledge, io: Any) -> int:
    if args.query == "-":
        for line in io.stdin:
            query = line.rstrip("\r\n")
            hits = desk.search(query, limit=args.limit)
            io.say(json.dumps({"query": query, "results": [hit_json(h) for h in hits]},
                              ensure_ascii=False))  # fmt: skip
            io.stdout.flush()
        return EXIT_OK
    hits = desk.search(args.query, limit=args.limit)
    for hit in hits:
        io.say(json.dumps(hit_json(hit), ensure_ascii=False) if args.json else _line(hit))
    if not hits:
        print(f"frontdesk: no article answers {args.query!r}", file=io.stderr)
        return EXIT_NOTHING
    return EXIT_OK


def _show(args: argparse.Namespace, desk: DeskKnowledge, io: Any) -> int:
    article = desk.article(args.id)
    if args.json:
        io.say(json.dumps(article_json(article), ensure_ascii=False))
        return EXIT_OK
    io.say(f"{article.title}\n[{article.lang}] {article.source}  v{article.version}")
    for other, lang in article.translations:
        io.say(f"translation [{lang}]: {other}")
    io.say("")
    io.say(article.body_md)
    for document in article.documents:
        where = "offline" if document.offline else "not available offline"
        io.say(f"document: {document.name} ({document.size} bytes, {where}) {document.sha256}")
    return EXIT_OK


def _line(hit: KbHit) -> str:
    return f"{hit.score:8.3f}  [{hit.lang}] {hit.title}  ({hit.source})  {hit.article_id}"


def hit_json(hit: KbHit) -> dict[str, Any]:
    return {
        "id": hit.article_id,
        "title": hit.title,
        "language": hit.lang,
        "source": hit.source,
        "score": hit.score,
        "snippet": hit.snippet,
        "spans": [list(s) for s in hit.spans],
        "title_spans": [list(s) for s in hit.title_spans],
        "translation": {"id": hit.translation_id, "language": hit.translation_lang}
        if hit.translation_id
        else None,
    }


def article_json(article: KbArticle) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "language": article.lang,
        "source": article.source,
        "version": article.version,
        "category": article.category,
        "tags": list(article.tags),
        "audience": article.audience,
        "author": article.author,
        "updated_at": article.updated_at.isoformat(),
        "body_md": article.body_md,
        "product_skus": list(article.product_skus),
        "case_categories": list(article.case_categories),
        "translations": [{"id": i, "language": lang} for i, lang in article.translations],
        "documents": [
            {
                "sha256": d.sha256,
                "name": d.name,
                "mime": d.mime,
                "size": d.size,
                "pages": d.pages,
                "offline": d.offline,
            }
            for d in article.documents
        ],
    }


_ACTIONS = {"search": _search, "show": _show}
COMMANDS = {"kb": kb_command}
