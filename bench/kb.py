"""Knowledge-base benchmark: offline search at the desk, its relevance and latency against
SQLite FTS5 (unicode61; porter) and tantivy (English and Russian stemmers) over the same
articles, and a desk's first sync of the articles from a real server.

    .venv/bin/python bench/kb.py [--articles 10000] [--pdfs 1000] [--latency-runs 3]
        [--sync | --no-sync]

1. **Articles**: the Debian FAQ in English and Russian (``../shared/data/kb/debian-faq``,
   each question an article, its translation linked) and ``--articles`` generated ones
   (FAQ sentences and Online Retail product descriptions, both languages), ``--pdfs`` of
   them with a PDF whose text is the article's own words. They reach the desk's cache
   through its pull applier, as a pulled page does, and the index is built once.
2. **Relevance**: ``bench/kb_queries/debian_faq.json``, paraphrased questions in English
   and Russian, each naming the FAQ question that answers it (chapter#anchor, either
   language's article counts, an article and its translation count once for every engine):
   success@3 and MRR@10 per engine and language.
3. **Latency**: every query ``--latency-runs`` times, Frontdesk through its port (ranking,
   translations and highlighted snippets), the peers their ranked ids: p50/p95 in ms of wall
   time, and of this process's CPU time (``cpu_p50_ms``, ``cpu_p95_ms``: on a shared, loaded
   machine the wall time counts the waits for a core too). Frontdesk's first search reads
   its index into memory: ``desk_first_search_ms``, apart from the percentiles.
4. **First sync** (``--sync``, ``bench/kb_sync.py``): the same articles (as Markdown files
   with front matter) and PDFs imported by ``frontdesk-server kb import`` into a SQLite
   central served on loopback; a new desk pulls them (seconds) and fetches the PDFs ahead.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.knowledge.index import rebuild_index
from frontdesk.adapters.cache.knowledge.pull import apply_pulled_knowledge
from frontdesk.adapters.cache.knowledge.queries import SqlAlchemyKnowledge
from frontdesk.protocol import PullPage
from kb_data import faq_articles, generated_articles
from kb_peers import Fts5Peer, TantivyPeer

QUERIES = Path(__file__).resolve().parent / "kb_queries" / "debian_faq.json"
PAGE = 500


def main() -> None:
    args = _args()
    faq = faq_articles()
    generated, documents, contents = generated_articles(
        args.articles, documents=args.pdfs, first_seq=len(faq) + 1
    )
    articles = faq + generated
    results: dict = {"faq_articles": len(faq), "articles": len(articles), "pdfs": len(documents)}
    desk, results["desk_index_s"] = _desk(articles, documents)
    texts = {d.sha256: d.text for d in documents}
    engines: dict[str, Callable[[str, str], list[str]]] = {
        "frontdesk": lambda q, lang: [h.source for h in desk.search(q, lang=lang, limit=10)]
    }
    for peer in (Fts5Peer(articles, texts, tokenizer="unicode61"),
                 Fts5Peer(articles, texts, tokenizer="porter unicode61"),
                 TantivyPeer(articles, texts)):  # fmt: skip
        engines[peer.name] = lambda q, lang, peer=peer: peer.search(q, 30)
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    started = time.perf_counter()
    engines["frontdesk"](queries[0]["query"], queries[0]["lang"])
    results["desk_first_search_ms"] = round((time.perf_counter() - started) * 1000, 1)
    for name, engine in engines.items():
        results[name] = _measure(engine, queries, runs=args.latency_runs)
        print(name, results[name], flush=True)
    if args.sync:
        from kb_sync import first_sync

        results["sync"] = first_sync(articles, documents, contents)
    print(json.dumps(results))


def _desk(articles, documents) -> tuple[SqlAlchemyKnowledge, float]:
    cache = open_cache(Path(tempfile.mkdtemp(prefix="kb-bench-")) / "cache.sqlite3")
    started = time.perf_counter()
    with cache.writer() as session:
        for start in range(0, len(articles), PAGE):
            page = PullPage(cursor=start, has_more=True, kb_articles=articles[start : start + PAGE],
                            kb_documents=documents if start == 0 else [])  # fmt: skip
            apply_pulled_knowledge(session, page, index=False)
        rebuild_index(session.connection())
        session.commit()
    return SqlAlchemyKnowledge(cache.reader), round(time.perf_counter() - started, 3)


def _key(source: str) -> str:
    """An answer's chapter#anchor, whichever language's article it is."""
    parts = source.split("/")
    return parts[-1] if source.startswith("debian-faq/") else source


def _measure(engine: Callable[[str, str], list[str]], queries: list[dict], *, runs: int) -> dict:
    ranks: dict[str, list[int | None]] = {"en": [], "ru": []}
    timings, cpu = [], []
    for query in queries:
        for _ in range(runs):
            started, used = time.perf_counter(), time.process_time()
            found = engine(query["query"], query["lang"])
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        keys = list(dict.fromkeys(_key(s) for s in found))[:10]
        ranks[query["lang"]].append(
            keys.index(query["answer"]) + 1 if query["answer"] in keys else None
        )
    figures = {f"{lang}_{k}": v for lang, r in ranks.items() for k, v in _relevance(r).items()}
    figures.update(_relevance(ranks["en"] + ranks["ru"]))
    for prefix, values in (("", timings), ("cpu_", cpu)):
        values.sort()
        figures[f"{prefix}p50_ms"] = round(statistics.median(values), 2)
        figures[f"{prefix}p95_ms"] = round(values[int(len(values) * 0.95) - 1], 2)
    return figures


def _relevance(ranks: list[int | None]) -> dict:
    if not ranks:
        return {}
    return {
        "success_at_3": round(sum(1 for r in ranks if r and r <= 3) / len(ranks), 3),
        "mrr_at_10": round(sum(1 / r for r in ranks if r) / len(ranks), 3),
        "queries": len(ranks),
    }


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="generated articles")
    parser.add_argument("--pdfs", type=int, default=1_000)
    parser.add_argument("--latency-runs", type=int, default=3)
    parser.add_argument("--sync", action=argparse.BooleanOptionalAction, default=False)
    return parser.parse_args()


if __name__ == "__main__":
    main()
