"""The knowledge base benchmark's peers over the same articles: SQLite FTS5 with the
unicode61 tokenizer and with porter (English stemming), and tantivy with its English and
Russian stemmers. Each answers a query as its users would ask it: the query's words OR'd,
ranked by its own BM25, the title weighted as Frontdesk weights it."""

from __future__ import annotations

import re
import sqlite3
import tempfile

import tantivy

from frontdesk.protocol.knowledge import KbArticlePublic

TITLE_WEIGHT = 6.0
_WORD = re.compile(r"[^\W_]+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)][:12]


class Fts5Peer:
    def __init__(self, articles: list[KbArticlePublic], documents: dict[str, str], *,
                 tokenizer: str) -> None:  # fmt: skip
        self.name = "fts5_" + tokenizer.split()[0]
        self.sources = [a.source for a in articles]
        self.db = sqlite3.connect(":memory:")
        self.db.execute(f"CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='{tokenizer}')")
        self.db.executemany(
            "INSERT INTO t (rowid, title, body) VALUES (?, ?, ?)",
            [(i, a.title, a.body_md + "\n" + _docs(a, documents)) for i, a in enumerate(articles)],
        )
        self.db.execute("INSERT INTO t (t) VALUES ('optimize')")

    def search(self, text: str, limit: int) -> list[str]:
        words = _words(text)
        if not words:
            return []
        expression = " OR ".join(f'"{w}"' for w in words)
        rows = self.db.execute(
            f"SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, {TITLE_WEIGHT}, 1.0) LIMIT ?",
            (expression, limit),
        )
        return [self.sources[r] for (r,) in rows]


class TantivyPeer:
    name = "tantivy"

    def __init__(self, articles: list[KbArticlePublic], documents: dict[str, str]) -> None:
        builder = tantivy.SchemaBuilder()
        builder.add_integer_field("n", stored=True)
        for lang, tokenizer in (("en", "en_stem"), ("ru", "ru_stem")):
            builder.add_text_field(f"title_{lang}", tokenizer_name=tokenizer)
            builder.add_text_field(f"body_{lang}", tokenizer_name=tokenizer)
        self.index = tantivy.Index(builder.build(), path=tempfile.mkdtemp(prefix="kb-tantivy-"))
        russian = (
            tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.stemmer("russian"))
            .build()
        )
        self.index.register_tokenizer("ru_stem", russian)
        self.sources = [a.source for a in articles]
        writer = self.index.writer(heap_size=100_000_000, num_threads=1)
        for i, a in enumerate(articles):
            writer.add_document(tantivy.Document(**{
                "n": i, f"title_{a.lang}": a.title,
                f"body_{a.lang}": a.body_md + "\n" + _docs(a, documents),
            }))  # fmt: skip
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()
        self.fields = ["title_en", "body_en", "title_ru", "body_ru"]
        self.boosts = {"title_en": TITLE_WEIGHT, "title_ru": TITLE_WEIGHT}

    def search(self, text: str, limit: int) -> list[str]:
        words = _words(text)
        if not words:
            return []
        query = self.index.parse_query(" ".join(words), self.fields, field_boosts=self.boosts)
        hits = self.searcher.search(query, limit).hits
        return [self.sources[self.searcher.doc(address)["n"][0]] for _, address in hits]


def _docs(article: KbArticlePublic, documents: dict[str, str]) -> str:
    return "\n".join(documents.get(h, "") for h in article.documents)
