"""The knowledge base's benchmark articles: the Debian FAQ (both languages) as the desk gets
them on the wire, and generated articles for scale.

The FAQ is read from ``../shared/data/kb/debian-faq/{en,ru}``: every numbered question (an
h2/h3 section of a chapter) is one article, ``source`` ``debian-faq/<lang>/<chapter>#<anchor>``,
its translation the same chapter and anchor in the other language. Generated articles mix
sentences of the FAQ with product descriptions of the Online Retail data set, in both
languages, so they compete with the FAQ's answers for the same words.
"""

from __future__ import annotations

import html
import lzma
import random
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from frontdesk.protocol.knowledge import KbArticlePublic, KbDocumentPublic

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
FAQ = SHARED / "kb" / "debian-faq"
NAMESPACE = uuid.UUID("6f1c1c8e-6a53-4d0c-9a77-0d3c3e0b6b20")
_HEADING = re.compile(
    r'<h([23]) class="title"><a id="([^"]+)"></a>(.*?)</h\1>', re.DOTALL | re.IGNORECASE
)
_BLOCK = re.compile(r"</?(p|li|pre|div|dt|dd|tr|h\d|br)[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_NUMBER = re.compile(r"^\s*[\d.]+\s*")


def faq_sections(lang: str) -> list[tuple[str, str, str]]:
    """(chapter#anchor, title, body text) of every question of the FAQ in ``lang``."""
    found = []
    for path in sorted((FAQ / lang).glob(f"*.{lang}.html")):
        chapter = path.name.split(".")[0]
        page = path.read_text(encoding="utf-8")
        headings = list(_HEADING.finditer(page))
        for i, heading in enumerate(headings):
            end = headings[i + 1].start() if i + 1 < len(headings) else len(page)
            title = _NUMBER.sub("", _text(heading.group(3)))
            found.append((f"{chapter}#{heading.group(2)}", title, _text(page[heading.end() : end])))
    return found


def _text(fragment: str) -> str:
    text = _TAG.sub("", _BLOCK.sub("\n\n", fragment))
    paragraphs = [" ".join(p.split()) for p in html.unescape(text).split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def faq_articles(*, first_seq: int = 1) -> list[KbArticlePublic]:
    articles = []
    at = datetime(2025, 6, 1, tzinfo=UTC)
    for lang in ("en", "ru"):
        for key, title, body in faq_sections(lang):
            articles.append(_article(key, lang, title, body, seq=first_seq + len(articles), at=at))
    return articles


def _article(key: str, lang: str, title: str, body: str, *, seq: int, at: datetime,
             tags: list[str] | None = None, skus: list[str] | None = None,
             documents: list[str] | None = None) -> KbArticlePublic:  # fmt: skip
    source = f"debian-faq/{lang}/{key}" if "#" in key else key
    return KbArticlePublic(
        id=str(uuid.uuid5(NAMESPACE, source)),
        translation_group=str(uuid.uuid5(NAMESPACE, "group:" + key)),
        lang=lang,  # type: ignore[arg-type]
        title=title[:300],
        body_md=body,
        category=key.split("#")[0],
        tags=tags or [],
        product_skus=skus or [],
        case_categories=[],
        audience="all",
        version=1,
        author="bench",
        status="published",
        source=source,
        updated_at=at,
        documents=documents or [],
        seq=seq,
    )


def retail_products(limit: int = 4_000) -> list[tuple[str, str]]:
    """(stock code, description) of distinct products of the Online Retail data set."""
    seen: dict[str, str] = {}
    with lzma.open(SHARED / "online_retail.csv.xz", "rt", encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            parts = line.split(",")
            if len(parts) > 3 and parts[2] and parts[1] not in seen:
                seen[parts[1]] = parts[2].strip().strip('"')
                if len(seen) >= limit:
                    break
    return list(seen.items())


def generated_articles(
    count: int, *, documents: int, first_seq: int, seed: int = 20
) -> tuple[list[KbArticlePublic], list[KbDocumentPublic], dict[str, bytes]]:
    """``count`` articles (half each language) of FAQ sentences and product descriptions,
    the first ``documents`` of them with a PDF each; returns the PDFs' contents by hash."""
    rng = random.Random(seed)
    sentences = {lang: _sentences(lang) for lang in ("en", "ru")}
    products = retail_products()
    articles, docs, contents = [], [], {}
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for n in range(count):
        lang = "en" if n % 2 == 0 else "ru"
        sku, name = products[n % len(products)]
        title = f"{name.title()}: " + rng.choice(sentences[lang])[:80]
        body = "\n\n".join([f"{name} ({sku}).", *rng.sample(sentences[lang], 6), name.lower()])
        hashes = []
        if n < documents:
            pdf = minimal_pdf([title, *body.split("\n\n")[:4]])
            digest = _sha256(pdf)
            contents[digest] = pdf
            hashes.append(digest)
        article = _article(
            f"generated/{n // 2}/{lang}", lang, title, body, seq=first_seq + n,
            at=now - timedelta(days=rng.randint(0, 1500)), tags=[sku, "catalogue"],
            skus=[sku], documents=hashes,
        )  # fmt: skip
        articles.append(article)
        if hashes:
            docs.append(_document(hashes[0], pdf, article, body, seq=first_seq + n))
    return articles, docs, contents


def _document(digest: str, pdf: bytes, article: KbArticlePublic, body: str, *, seq: int):
    return KbDocumentPublic(
        sha256=digest, name=f"{article.category}.pdf", mime="application/pdf", size=len(pdf),
        page_count=1, text=body, article_ids=[article.id],
        product_skus=list(article.product_skus), seq=seq,
    )  # fmt: skip


def _sentences(lang: str) -> list[str]:
    sentences = []
    for _, _, body in faq_sections(lang):
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if 30 < len(s) < 300]
    return sentences


def _sha256(content: bytes) -> str:
    import hashlib

    return hashlib.sha256(content).hexdigest()


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing ``lines`` (Latin-1 text; other characters become '?'), made by
    hand: no PDF library is a dependency of the project."""
    text = "".join(f"({_pdf_string(line[:90])}) Tj 0 -16 Td\n" for line in lines)
    stream = f"BT /F1 11 Tf 40 800 Td\n{text}ET".encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)  # fmt: skip
    return bytes(out)


def _pdf_string(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
