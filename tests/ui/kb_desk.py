"""A desk cache holding a few knowledge-base articles (English and Russian, translations
linked, a link between articles, a remote image, a product and a case category) and a small
PDF, for the knowledge-base window tests. ``held=False`` keeps the PDF off the desk."""

from __future__ import annotations

import hashlib
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

from frontdesk.adapters.cache.database import CacheDatabase, open_cache
from frontdesk.adapters.cache.knowledge.files import FOLDER, FileDocumentStore
from frontdesk.adapters.cache.knowledge.queries import SqlAlchemyKnowledge
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.protocol import PullPage
from frontdesk.protocol.knowledge import KbArticlePublic, KbDocumentPublic
from frontdesk.services.errors import ServerUnreachable
from frontdesk.services.knowledge.desk import DeskKnowledge

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from kb_data import minimal_pdf

AT = datetime(2026, 1, 5, tzinfo=UTC)
PDF_BYTES = minimal_pdf(["Package pinning manual", "apt-mark hold keeps a version"])
PDF = hashlib.sha256(PDF_BYTES).hexdigest()


def _id(source: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, source))


KERNEL_ID = _id("faq/en/kernel")


def _article(source: str, lang: str, title: str, body: str, *, group: str, seq: int,
             **fields) -> KbArticlePublic:  # fmt: skip
    values = dict(
        id=_id(source), translation_group=_id(group), lang=lang, title=title, body_md=body,
        category="faq", tags=[], product_skus=[], case_categories=[], audience="all",
        version=1, author="docs", status="published", source=source, updated_at=AT,
        documents=[], seq=seq,
    )  # fmt: skip
    values.update(fields)
    return KbArticlePublic(**values)


HOLD_EN = _article(
    "faq/en/hold", "en", "How do I put a package on hold?",
    "Use `apt-mark hold` so that the package is **not upgraded**.\n\n"
    f"See also [removing old kernels](kb:article/{KERNEL_ID}) and the "
    f"[manual, page 1](kb:document/{PDF}#page=1).\n\n"
    "![diagram](https://images.example.com/hold.png) <script>alert(1)</script>\n\n"
    "More at [Debian](https://www.debian.org/).",
    group="hold", seq=1, product_skus=["SKU-1"], case_categories=["software"], documents=[PDF],
)  # fmt: skip
HOLD_RU = _article(
    "faq/ru/hold", "ru", "Как зафиксировать пакет?",
    "Команда `apt-mark hold` запрещает обновление пакета.", group="hold", seq=2,
)  # fmt: skip
KERNEL_EN = _article(
    "faq/en/kernel", "en", "Can I remove an old kernel?",
    "Yes: remove the old kernel package with apt once the new one boots.", group="kernel",
    seq=3, product_skus=["SKU-1", "SKU-2"],
)  # fmt: skip
MIRROR_RU = _article(
    "faq/ru/mirror", "ru", "Где найти зеркало?",
    "Список зеркал архива на сайте; выберите ближайшее зеркало.", group="mirror", seq=4,
)  # fmt: skip
MANUAL = KbDocumentPublic(
    sha256=PDF, name="hold-manual.pdf", mime="application/pdf", size=len(PDF_BYTES),
    page_count=1, text="Package pinning manual", article_ids=[HOLD_EN.id],
    product_skus=["SKU-1"], seq=5,
)  # fmt: skip


def kb_cache(folder: Path, *, held: bool = True) -> CacheDatabase:
    database = open_cache(folder / "cache.sqlite3")
    uow = SqlAlchemyUnitOfWork(database.writer)
    page = PullPage(cursor=10, has_more=False, kb_documents=[MANUAL],
                    kb_articles=[HOLD_EN, HOLD_RU, KERNEL_EN, MIRROR_RU])  # fmt: skip
    with uow:
        uow.replica.apply(page)
        uow.commit()
    if held:
        files = FileDocumentStore(folder / FOLDER)
        write, done = files.appender(PDF)
        write(PDF_BYTES)
        done()
        assert files.finish(PDF)
    return database


class OfflineSource:
    """The server, unreachable: what a desk without a network meets."""

    def download_document(self, sha256: str, *, offset: int, write) -> int:
        raise ServerUnreachable("connection refused")


def kb_knowledge(database: CacheDatabase, folder: Path, *, language: str = "en") -> DeskKnowledge:
    return DeskKnowledge(
        SqlAlchemyKnowledge(database.reader, writer=database.writer), language=language,
        files=FileDocumentStore(folder / FOLDER), source=OfflineSource,
    )  # fmt: skip
