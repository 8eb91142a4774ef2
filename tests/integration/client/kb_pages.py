"""Knowledge-base pull pages for desk tests: a few articles, translated, with documents."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from frontdesk.protocol import PullPage
from frontdesk.protocol.knowledge import KbArticlePublic, KbDocumentPublic

AT = datetime(2026, 1, 5, tzinfo=UTC)
PDF = "ab" * 32


def article(source: str, lang: str, title: str, body: str, *, group: str | None = None,
            seq: int = 1, **fields) -> KbArticlePublic:  # fmt: skip
    values = dict(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, source)),
        translation_group=str(uuid.uuid5(uuid.NAMESPACE_URL, group or source)),
        lang=lang, title=title, body_md=body, category="faq", tags=[], product_skus=[],
        case_categories=[], audience="all", version=1, author="docs", status="published",
        source=source, updated_at=AT, documents=[], seq=seq,
    )  # fmt: skip
    values.update(fields)
    return KbArticlePublic(**values)


HOLD_EN = article(
    "faq/en/hold", "en", "How do I put a package on hold?",
    "Use `apt-mark hold` so that the package is **not upgraded**.\n\nUndo with unhold.",
    group="hold", product_skus=["SKU-1"], case_categories=["software"], documents=[PDF],
)  # fmt: skip
HOLD_RU = article(
    "faq/ru/hold", "ru", "Как зафиксировать пакет?",
    "Команда `apt-mark hold` запрещает обновление пакета.", group="hold", seq=2,
)  # fmt: skip
KERNEL_EN = article(
    "faq/en/kernel", "en", "Can I remove an old kernel?",
    "Yes: remove the old kernel package with apt once the new one boots.", seq=3,
    product_skus=["SKU-1", "SKU-2"],
)  # fmt: skip
MIRROR_RU = article(
    "faq/ru/mirror", "ru", "Где найти зеркало?",
    "Список зеркал архива на сайте; выберите ближайшее зеркало.", seq=4,
)  # fmt: skip
MANUAL = KbDocumentPublic(
    sha256=PDF, name="hold-manual.pdf", mime="application/pdf", size=1000, page_count=2,
    text="Pinning preferences keep versions steady", article_ids=[HOLD_EN.id],
    product_skus=["SKU-1"], seq=5,
)  # fmt: skip


def kb_page(*articles: KbArticlePublic, documents: tuple = (), left: tuple = (),
            cursor: int = 10) -> PullPage:  # fmt: skip
    return PullPage(
        cursor=cursor, has_more=False, kb_articles=list(articles),
        kb_documents=list(documents), kb_articles_left=list(left),
    )  # fmt: skip


def first_page() -> PullPage:
    return kb_page(HOLD_EN, HOLD_RU, KERNEL_EN, MIRROR_RU, documents=(MANUAL,))
