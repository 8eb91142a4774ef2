"""A desk's first sync of the knowledge base (``bench/kb.py --sync``): the benchmark's
articles written as a folder of Markdown files (front matter; a translation key joins an
article and its translation) with their PDFs, imported by ``frontdesk-server kb import``
into a SQLite central, served on loopback; a new desk pulls everything in a child process
(seconds, pages, its cache's size), then fetches the PDFs ahead (seconds, bytes)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from frontdesk.protocol.knowledge import KbArticlePublic, KbDocumentPublic
from sync import PASSWORD, Server, log, server_cli

_CHILD = """
import json, sys, time
from pathlib import Path
from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.knowledge.files import FileDocumentStore
from frontdesk.adapters.cache.knowledge.queries import SqlAlchemyKnowledge
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.adapters.central_client import CentralClient
from frontdesk.services.knowledge.documents import prefetch
from frontdesk.sync.service import workstation_transport
from frontdesk.sync.pull import pull_all
url, password, cache = sys.argv[1], sys.argv[2], Path(sys.argv[3])
central = CentralClient(url, timeouts=(5.0, 300.0))
database = open_cache(cache)
uow = SqlAlchemyUnitOfWork(database.writer)
transport = workstation_transport(central, uow, "ann", password)
started = time.perf_counter()
result = pull_all(transport, uow)
seconds = time.perf_counter() - started
kb = SqlAlchemyKnowledge(database.reader, writer=database.writer)
files = FileDocumentStore(cache.parent / "kb-documents")
started = time.perf_counter()
done = prefetch(kb, files, source=transport, budget=10**10, largest=10**9)
fetch_seconds = time.perf_counter() - started
articles = database.engine.connect().exec_driver_sql("SELECT count(*) FROM kb_articles").scalar()
print(json.dumps({"seconds": round(seconds, 2), "pages": result.pages, "articles": articles,
                  "cache_bytes": sum(p.stat().st_size for p in cache.parent.glob(cache.name + "*")),
                  "pdf_fetch_seconds": round(fetch_seconds, 2),
                  "pdfs_fetched": done.fetched, "pdf_bytes": files.total()}))
"""


def first_sync(articles: list[KbArticlePublic], documents: list[KbDocumentPublic],
               contents: dict[str, bytes]) -> dict:  # fmt: skip
    workdir = Path(tempfile.mkdtemp(prefix="kb-sync-"))
    folder = _write_folder(workdir / "kb", articles, contents)
    db_url = f"sqlite:///{workdir / 'central.sqlite3'}"
    server_cli(db_url, "add-user", "ann", "--role", "agent", "--password-stdin",
               stdin=PASSWORD + "\n")  # fmt: skip
    log(f"[kb sync] importing {len(articles)} articles and {len(contents)} PDFs")
    started = time.perf_counter()
    server_cli(db_url, "kb", "import", str(folder))
    imported = round(time.perf_counter() - started, 2)
    server = Server(db_url, workdir)
    try:
        log("[kb sync] a new desk pulls them")
        child = subprocess.run(
            [sys.executable, "-c", _CHILD, server.url, PASSWORD,
             str(workdir / "desk" / "c.sqlite3")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    finally:
        server.stop()
    if child.returncode != 0:
        raise SystemExit(f"the desk's first sync failed: {child.stderr[-2000:]}")
    return {"server_import_s": imported, **json.loads(child.stdout.splitlines()[-1])}


def _write_folder(folder: Path, articles: list[KbArticlePublic],
                  contents: dict[str, bytes]) -> Path:  # fmt: skip
    (folder / "docs").mkdir(parents=True)
    names = {}
    for n, (digest, pdf) in enumerate(contents.items()):
        names[digest] = f"docs/d{n}.pdf"
        (folder / names[digest]).write_bytes(pdf)
    for n, article in enumerate(articles):
        key = article.source.replace("/", "_").replace("#", "_")
        group = article.translation_group
        front = {"title": article.title, "lang": article.lang, "translation": group,
                 "tags": article.tags, "products": article.product_skus,
                 "documents": [names[d] for d in article.documents if d in names]}  # fmt: skip
        lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in front.items()]
        (folder / f"a{n}-{key[:60]}.{article.lang}.md").write_text(
            "\n".join([*lines, "---", article.body_md, ""]), encoding="utf-8"
        )
    return folder
