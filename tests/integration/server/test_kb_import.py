"""``kb import`` on the real Debian FAQ and on Markdown folders: counts, translations, links,
idempotence, one new version per changed question, archiving, and refused input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.knowledge.importer import import_folder
from frontdesk.server.knowledge.models import KbArticle, KbArticleVersion, KbDocument
from frontdesk.server.knowledge.store import KbInputError, article_id
from frontdesk.server.models import ChangeCounter

FAQ = Path(__file__).resolve().parents[4] / "shared" / "data" / "kb" / "debian-faq"
needs_faq = pytest.mark.skipif(
    not FAQ.is_dir(), reason=f"the Debian FAQ of the shared data is not at {FAQ}"
)


def _head(session: Session) -> int:
    return session.scalar(select(ChangeCounter.value))


def _articles(session: Session) -> list[KbArticle]:
    return list(session.scalars(select(KbArticle).order_by(KbArticle.source)))


@needs_faq
def test_the_debian_faq_imports_once_and_changes_by_version(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder = tmp_path / "debian-faq"
    shutil.copytree(FAQ, folder)
    first = import_folder(server_factory, folder)
    assert dict(first.articles) == {"en": 112, "ru": 112}
    assert (first.created, first.translations_linked, first.documents) == (224, 112, 2)
    assert first.without_translation == []
    with server_factory() as session:
        articles = _articles(session)
        head = _head(session)
        groups = {a.translation_group: {b.lang for b in articles
                                        if b.translation_group == a.translation_group}
                  for a in articles}  # fmt: skip
        assert all(langs == {"en", "ru"} for langs in groups.values())
        apt = session.get(KbArticle, article_id("debian-faq/en/pkgtools#pkgprogs"))
        assert apt.title == "What programs does Debian provide for managing its packages?"
        assert "```" in _body(articles, "debian-faq/en/pkgtools#whatpackages")
        linked = re.findall(r"kb:article/([0-9a-f-]{36})", apt.body_md)
        assert linked and all(session.get(KbArticle, ident) for ident in linked)
        pdf = session.scalars(
            select(KbDocument).where(KbDocument.name == "debian-faq.ru.pdf")
        ).one()
        assert pdf.page_count > 50 and "Debian" in pdf.text and len(pdf.article_ids) == 112

    again = import_folder(server_factory, folder)
    assert (again.created, again.new_versions, again.unchanged, again.archived) == (0, 0, 224, 0)
    with server_factory() as session:
        assert _head(session) == head  # nothing written at all

    page = folder / "en" / "pkgtools.en.html"
    page.write_text(page.read_text().replace("dpkg --list", "dpkg -l", 1))
    changed = import_folder(server_factory, folder)
    assert (changed.new_versions, changed.unchanged) == (1, 223)
    with server_factory() as session:
        moved = [a for a in _articles(session) if a.version == 2]
        assert [a.source for a in moved] == ["debian-faq/en/pkgtools#pkgprogs"]
        assert session.scalar(select(func.count()).select_from(KbArticleVersion)) == 225

    (folder / "ru" / "kernel.ru.html").unlink()
    removed = import_folder(server_factory, folder)
    assert removed.archived == 5 and dict(removed.articles) == {"en": 112, "ru": 107}
    with server_factory() as session:
        archived = [a.source for a in _articles(session) if a.status == "archived"]
    assert len(archived) == 5 and all(s.startswith("debian-faq/ru/kernel#") for s in archived)


def _body(articles: list[KbArticle], source: str) -> str:
    return next(a.body_md for a in articles if a.source == source)


NOTE = """---
title: How long may a customer return a purchase?
lang: en
translation: returns/window
category: returns
tags: [refund, till]
products: [FD-01011]
case_categories: [returns]
audience: cashiers
documents: [leaflet.pdf]
---
Within **30 days**. See [the Russian one](window.ru.md) and ![leaflet](leaflet.pdf).
"""


def _notes(folder: Path) -> Path:
    folder.mkdir()
    (folder / "window.en.md").write_text(NOTE)
    ru = NOTE.replace("lang: en", "lang: ru").replace("window.ru.md", "window.en.md")
    (folder / "window.ru.md").write_text(ru.replace("How long", "Сколько"))
    (folder / "leaflet.pdf").write_bytes(_tiny_pdf())
    return folder


def _tiny_pdf() -> bytes:
    from io import BytesIO

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_markdown_notes_with_front_matter_link_translations_products_and_documents(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    report = import_folder(server_factory, _notes(tmp_path / "notes"))
    assert (dict(report.articles), report.translations_linked, report.documents) == (
        {"en": 1, "ru": 1}, 1, 1)  # fmt: skip
    with server_factory() as session:
        en = session.get(KbArticle, article_id("notes/window.en"))
        ru = session.get(KbArticle, article_id("notes/window.ru"))
        assert en.translation_group == ru.translation_group and en.audience == "cashiers"
        assert f"(kb:article/{ru.id})" in en.body_md and "kb:document/" in en.body_md
        assert session.scalars(select(KbDocument.product_skus)).one() == ["FD-01011"]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (
            "title: x\nlang: en\ntags: [a, b\n",
            r"window\.en\.md:\d+: front matter is not valid YAML",
        ),
        ("title: x\nlang: de\n", r"window\.en\.md:3: lang: "),
        ("title: x\nlang: en\ncolour: red\n", r"window\.en\.md:4: colour: Extra inputs"),
        ("- a list\n", r"window\.en\.md:2: front matter must be a mapping"),
        ("title: x\nlang: en\ndocuments: [../../etc/passwd]\n", r"not a document of this folder"),
    ],
)
def test_malformed_front_matter_is_refused_with_file_and_line_and_writes_nothing(
    server_factory: sessionmaker[Session], tmp_path: Path, front: str, expected: str
) -> None:
    folder = _notes(tmp_path / "notes")
    (folder / "window.en.md").write_text(f"---\n{front}---\nbody\n")
    with pytest.raises(KbInputError, match=expected):
        import_folder(server_factory, folder)
    with server_factory() as session:
        assert _head(session) == 0


def test_no_closing_fence_and_links_out_of_the_folder_are_refused(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder = _notes(tmp_path / "notes")
    (folder / "window.en.md").write_text("---\ntitle: x\nlang: en\nbody\n")
    with pytest.raises(KbInputError, match=r"window\.en\.md:1: front matter has no closing"):
        import_folder(server_factory, folder)
    (folder / "window.en.md").write_text(NOTE.replace("window.ru.md", "../../secret.md"))
    with pytest.raises(KbInputError, match="leads out of the folder"):
        import_folder(server_factory, folder)


def test_a_symbolic_link_out_of_the_folder_and_a_huge_page_are_refused(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    outside = tmp_path / "secret.html"
    outside.write_text("<h1>secret</h1>")
    folder = _notes(tmp_path / "notes")
    (folder / "stolen.en.html").symlink_to(outside)
    with pytest.raises(KbInputError, match=r"stolen\.en\.html: leads out of the folder"):
        import_folder(server_factory, folder)
    (folder / "stolen.en.html").unlink()
    (folder / "huge.en.html").write_text("<p>" + "x" * (5 * 1024**2) + "</p>")
    with pytest.raises(KbInputError, match=r"huge\.en\.html: .* over the limit"):
        import_folder(server_factory, folder)
    with server_factory() as session:
        assert _head(session) == 0
