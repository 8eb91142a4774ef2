"""``frontdesk-server kb import DIR``: a folder of Markdown files, HTML pages, PDFs and images.

Every file is read and checked before anything is written; one bad file (malformed front
matter, a page over the size limit, a link or a symbolic link out of the folder) stops the
import with its name and line, and nothing of it is written. Then, in one transaction:
documents by hash, each article as a new version only if it changed, and the articles of
files gone from the folder archived. Articles are keyed by their source, the folder's name
and the file's path in it (``debian-faq/en/pkgtools#apt-get``), so a re-import of an
unchanged folder writes nothing.

HTML pages: each ``h2`` section with an anchor is one article (a question of the Debian FAQ);
a page without such sections is one article, but a folder's ``index`` page (a table of
contents) is none. The language comes from the name (``pkgtools.ru.html``), the page's
``lang`` or the folder (``ru/``). Pages in two languages with the same chapter and anchor are
each other's translations. A PDF that no article names is linked to the articles of the
HTML pages in its folder (the whole FAQ as one PDF per language).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.knowledge import MAX_BODY, MAX_DOCUMENT_BYTES, MAX_TITLE
from frontdesk.protocol.wire import text_problem
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.knowledge import markdown, pages
from frontdesk.server.knowledge.documents import MIME, read_document
from frontdesk.server.knowledge.models import KbArticle
from frontdesk.server.knowledge.store import (
    ArticleContent,
    DocumentContent,
    KbInputError,
    archive,
    article_id,
    save_article,
    save_document,
)

MAX_PAGE_BYTES = 5 * 1024**2
MAX_FILES = 20_000
PAGE_SUFFIXES = (".html", ".htm")
MARKDOWN_SUFFIXES = (".md", ".markdown")
DEFAULT_AUTHOR = "back office import"
_LANG_IN_NAME = re.compile(r"\.(en|ru)$")


@dataclass
class ImportReport:
    folder: str
    files: int = 0
    skipped: int = 0
    articles: Counter[str] = field(default_factory=Counter)
    created: int = 0
    new_versions: int = 0
    unchanged: int = 0
    archived: int = 0
    documents: int = 0
    documents_written: int = 0
    translations_linked: int = 0
    without_translation: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {**self.__dict__, "articles": dict(sorted(self.articles.items()))}

    def summary(self) -> str:
        langs = ", ".join(f"{n} {lang}" for lang, n in sorted(self.articles.items())) or "none"
        return (
            f"kb import {self.folder}: {self.files} files ({self.skipped} skipped); articles "
            f"{langs}: {self.created} new, {self.new_versions} new versions, {self.unchanged} "
            f"unchanged, {self.archived} archived; {self.translations_linked} translation "
            f"groups linked, {len(self.without_translation)} without a translation; "
            f"{self.documents} documents ({self.documents_written} written)"
        )


@dataclass
class _Plan:
    documents: dict[str, DocumentContent] = field(default_factory=dict)  # relative path ->
    articles: list[ArticleContent] = field(default_factory=list)


def import_folder(
    factory: sessionmaker[Session], folder: str | Path, *, author: str = DEFAULT_AUTHOR,
    now: datetime | None = None,
) -> ImportReport:  # fmt: skip
    """Import ``folder`` (see the module's doc); ``KbInputError`` (nothing written) if any
    file of it is refused."""
    root = Path(folder)
    if not root.is_dir():
        raise KbInputError(f"{folder}: not a folder")
    collection = root.resolve().name
    report = ImportReport(folder=collection)
    files = list(_files(root, report))
    plan = _read(root, files, collection=collection, author=author)
    _count(plan, report)
    with transaction(factory) as session:
        _write(session, plan, collection=collection, report=report, now=now or utcnow())
    return report


def _files(root: Path, report: ImportReport) -> Iterator[PurePosixPath]:
    """The folder's files of a kind the import takes, each checked to lie inside it."""
    inside = root.resolve()
    for path in sorted(root.rglob("*")):
        relative = PurePosixPath(path.relative_to(root).as_posix())
        if any(part.startswith(".") for part in relative.parts) or path.is_dir():
            continue
        if not path.resolve().is_relative_to(inside):
            raise KbInputError(f"{relative}: leads out of the folder (a symbolic link); refused")
        report.files += 1
        if report.files > MAX_FILES:
            raise KbInputError(f"{root}: more than {MAX_FILES} files")
        if path.suffix.lower() in (*PAGE_SUFFIXES, *MARKDOWN_SUFFIXES, *MIME):
            yield relative
        else:
            report.skipped += 1


def _read(root: Path, files: list[PurePosixPath], *, collection: str, author: str) -> _Plan:
    plan = _Plan()
    for relative in files:
        suffix = relative.suffix.lower()
        if suffix in MIME:
            content = _bytes(root, relative, limit=MAX_DOCUMENT_BYTES)
            origin = f"{collection}/{relative}"
            plan.documents[str(relative)] = read_document(
                str(relative), content, suffix=suffix, origin=origin
            )
    shas = {path: doc.sha256 for path, doc in plan.documents.items()}
    html = [relative for relative in files if relative.suffix.lower() in PAGE_SUFFIXES]
    notes = [relative for relative in files if relative.suffix.lower() in MARKDOWN_SUFFIXES]
    plan.articles += _page_articles(root, html, collection=collection, shas=shas, author=author)
    plan.articles += _markdown_articles(root, notes, collection=collection, shas=shas)
    return plan


def _bytes(root: Path, relative: PurePosixPath, *, limit: int) -> bytes:
    path = root / relative
    size = path.stat().st_size
    if size > limit:
        raise KbInputError(f"{relative}: {size} bytes, over the limit of {limit}")
    return path.read_bytes()


def _text(root: Path, relative: PurePosixPath) -> str:
    try:
        text = _bytes(root, relative, limit=MAX_PAGE_BYTES).decode("utf-8")
    except UnicodeDecodeError as error:
        raise KbInputError(f"{relative}: not UTF-8 text (byte {error.start})") from None
    if text_problem(text) is not None:
        raise KbInputError(f"{relative}: {text_problem(text)}")
    return text


# --------------------------------------------------------------------------- HTML pages


def _page_articles(
    root: Path, files: list[PurePosixPath], *, collection: str, shas: dict[str, str], author: str
) -> list[ArticleContent]:
    parsed = [_outline(root, relative) for relative in files]
    parsed = [page for page in parsed if page.sections or page.chapter != "index"]
    links = pages.Links(parsed, collection=collection, documents=shas)
    articles = []
    for page in parsed:
        folder_docs = _folder_documents(page.path, shas)
        for section in page.sections or (None,):
            articles.append(_page_article(page, section, links, collection=collection,
                                          author=author, documents=folder_docs))  # fmt: skip
    return articles


def _outline(root: Path, relative: PurePosixPath) -> pages.Page:
    text = _text(root, relative)
    return pages.outline(relative, text, lang=_language(relative, text))


def _language(relative: PurePosixPath, text: str) -> str:
    found = _LANG_IN_NAME.search(PurePosixPath(relative.stem).name)
    if found:
        return found.group(1)
    declared = re.search(r"<html[^>]*\blang=\"(en|ru)", text[:4000], re.IGNORECASE)
    if declared:
        return declared.group(1).lower()
    folders = [p for p in relative.parent.parts if p in ("en", "ru")]
    if folders:
        return folders[-1]
    raise KbInputError(f"{relative}: cannot tell its language (name it x.en.html or x.ru.html)")


def _folder_documents(page: PurePosixPath, shas: dict[str, str]) -> tuple[str, ...]:
    beside = [sha for path, sha in sorted(shas.items()) if PurePosixPath(path).parent == page.parent
              and path.endswith(".pdf")]  # fmt: skip
    return tuple(beside)


def _page_article(
    page: pages.Page, section: pages.Section | None, links: pages.Links, *, collection: str,
    author: str, documents: tuple[str, ...],
) -> ArticleContent:  # fmt: skip
    if section is None:
        title, body = page.title, pages.page_markdown(page, links)
    else:
        title, body = section.title, pages.section_markdown(page, section, links)
    source = pages.source_of(page, section, collection=collection)
    _check_sizes(source, title, body)
    return ArticleContent(
        source=source, lang=page.lang, title=title, body_md=body,
        translation_key=pages.translation_key(page, section, collection=collection),
        category=page.chapter, tags=(collection,), author=author, documents=documents,
        origin=f"{collection}/{page.path}",
    )  # fmt: skip


def _check_sizes(source: str, title: str, body: str) -> None:
    if not title:
        raise KbInputError(f"{source}: has no title")
    if len(title) > MAX_TITLE or len(body) > MAX_BODY:
        raise KbInputError(
            f"{source}: over the limits of {MAX_TITLE} characters of title and {MAX_BODY} of "
            f"body ({len(title)}, {len(body)})"
        )


# --------------------------------------------------------------------------- Markdown


def _markdown_articles(
    root: Path, files: list[PurePosixPath], *, collection: str, shas: dict[str, str]
) -> list[ArticleContent]:
    read = {relative: markdown.read(str(relative), _text(root, relative)) for relative in files}
    sources = {str(rel): _md_source(rel, note, collection) for rel, note in read.items()}
    return [_md_article(rel, note, collection=collection, sources=sources, shas=shas)
            for rel, note in read.items()]  # fmt: skip


def _md_source(relative: PurePosixPath, note: markdown.MarkdownFile, collection: str) -> str:
    return note.meta.id or f"{collection}/{relative.with_suffix('')}"


def _md_article(
    relative: PurePosixPath, note: markdown.MarkdownFile, *, collection: str,
    sources: dict[str, str], shas: dict[str, str],
) -> ArticleContent:  # fmt: skip
    meta = note.meta
    named = [_md_document(relative, path, shas) for path in meta.documents]
    linked: list[str] = []
    body = _md_links(relative, note.body, sources=sources, shas=shas, documents=linked)
    source = sources[str(relative)]
    _check_sizes(source, meta.title, body)
    return ArticleContent(
        source=source, lang=meta.lang, title=meta.title, body_md=body,
        translation_key=meta.translation or source, category=meta.category,
        tags=tuple(meta.tags), product_skus=tuple(meta.products),
        case_categories=tuple(meta.case_categories), audience=meta.audience,
        author=meta.author or DEFAULT_AUTHOR, status=meta.status,
        documents=tuple(dict.fromkeys([*named, *linked])), origin=f"{collection}/{relative}",
    )  # fmt: skip


def _md_document(relative: PurePosixPath, path: str, shas: dict[str, str]) -> str:
    target = pages.join(relative, path)
    if target is None or str(target) not in shas:
        raise KbInputError(f"{relative}: documents: {path!r} is not a document of this folder")
    return shas[str(target)]


def _md_links(
    relative: PurePosixPath, body: str, *, sources: dict[str, str], shas: dict[str, str],
    documents: list[str],
) -> str:  # fmt: skip
    """Relative links to the folder's Markdown files and documents as ``kb:`` links."""

    def rewrite(match: re.Match[str]) -> str:
        target = match.group(2)
        if ":" in target.split("/")[0] or target.startswith("#"):
            return match.group(0)
        found = pages.join(relative, target.split("#")[0])
        if found is None:
            raise KbInputError(f"{relative}: the link {target!r} leads out of the folder")
        if str(found) in shas:
            documents.append(shas[str(found)])
            return f"{match.group(1)}kb:document/{shas[str(found)]}{match.group(3)}"
        if str(found) in sources:
            return f"{match.group(1)}kb:article/{article_id(sources[str(found)])}{match.group(3)}"
        raise KbInputError(f"{relative}: the link {target!r} names no file of this folder")

    return markdown.LINK.sub(rewrite, body)


# --------------------------------------------------------------------------- writing


def _count(plan: _Plan, report: ImportReport) -> None:
    report.articles.update(article.lang for article in plan.articles)
    report.documents = len({doc.sha256 for doc in plan.documents.values()})
    groups: dict[str, set[str]] = defaultdict(set)
    for article in plan.articles:
        groups[article.translation_key].add(article.lang)
    report.translations_linked = sum(len(langs) > 1 for langs in groups.values())
    report.without_translation = sorted(
        a.source for a in plan.articles if len(groups[a.translation_key]) == 1
    )
    sources = Counter(article.source for article in plan.articles)
    twice = [source for source, n in sources.items() if n > 1]
    if twice:
        raise KbInputError(f"{twice[0]}: two articles of the folder have this source")


def _write(
    session: Session, plan: _Plan, *, collection: str, report: ImportReport, now: datetime
) -> None:
    for document in plan.documents.values():
        report.documents_written += save_document(session, document, now=now)
    for article in plan.articles:
        saved = save_article(session, article, now=now)
        if not saved.changed:
            report.unchanged += 1
        elif saved.version == 1:
            report.created += 1
        else:
            report.new_versions += 1
    kept = {article_id(article.source) for article in plan.articles}
    for ident in _imported_before(session, collection):
        if ident not in kept:
            report.archived += archive(session, ident, now=now)


def _imported_before(session: Session, collection: str) -> list[str]:
    query = select(KbArticle.id).where(
        KbArticle.origin.startswith(f"{collection}/", autoescape=True),
        KbArticle.status == "published",
    )
    return list(session.scalars(query))
