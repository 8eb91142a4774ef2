"""The knowledge base's server side against hostile input: an import folder holding anything,
links that break Markdown, replays and duplicates pushed by a desk, racing admins."""

from __future__ import annotations

import io
import os
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi import HTTPException
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.protocol.knowledge import MAX_DOCUMENT_TEXT
from frontdesk.server.db import transaction, utcnow
from frontdesk.server.knowledge import routes
from frontdesk.server.knowledge.documents import read_document
from frontdesk.server.knowledge.importer import import_folder
from frontdesk.server.knowledge.models import KbArticle, KbDraft
from frontdesk.server.knowledge.store import (
    ArticleContent,
    KbInputError,
    article_id,
    save_article,
    stored_content,
)


def _note(folder: Path, name: str, *, front: str = "", body: str = "Body.") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntitle: {path.stem}\nlang: en\n{front}---\n{body}\n", encoding="utf-8")
    return path


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_the_folder_is_refused_not_waited_on(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    _note(folder, "a.md")
    os.mkfifo(folder / "b.md")
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(_attempt(server_factory, folder)),
                              daemon=True)  # fmt: skip
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader so the test process can end
        with open(folder / "b.md", "w"):
            pass
        worker.join(timeout=5)
        pytest.fail("the import waited on a named pipe")
    assert isinstance(outcome[0], KbInputError) and "b.md" in str(outcome[0])
    with server_factory() as session:
        assert session.scalars(select(KbArticle)).all() == []


def _attempt(factory: sessionmaker[Session], folder: Path) -> object:
    try:
        return import_folder(factory, folder)
    except KbInputError as error:
        return error


def test_a_folder_linking_back_into_itself_imports_each_file_once(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    _note(folder, "sub/a.md")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    report = import_folder(server_factory, folder)
    assert report.created == 1


def test_a_markdown_id_cannot_take_over_another_folders_article(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    first, second = tmp_path / "returns", tmp_path / "intruder"
    _note(first, "window.md", body="Thirty days.")
    import_folder(server_factory, first)
    _note(second, "x.md", front="id: returns/window\n", body="Three days.")
    with pytest.raises(KbInputError, match=r"intruder/x\.md: .* returns/window is kept"):
        import_folder(server_factory, second)
    with server_factory() as session:
        kept = session.get(KbArticle, article_id("returns/window"))
        assert (kept.body_md, kept.version, kept.origin) == (
            "Thirty days.\n",
            1,
            "returns/window.md",
        )


def test_a_web_link_with_brackets_stays_one_markdown_link(
    server_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "page.en.html").write_text(
        '<html><body><h1>Page</h1><p><a href="https://en.wikipedia.org/wiki/Debian_(disambiguation)">'
        'Debian</a> and <a href="https://x.example/a%3Eb?q=<1>">more</a> and '
        '<a href="https://x.example/smile:)">one</a></p></body></html>',
        encoding="utf-8",
    )
    import_folder(server_factory, folder)
    with server_factory() as session:
        body = session.get(KbArticle, article_id("pages/page")).body_md
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parseInline(body)[0].children
    hrefs = [t.attrs["href"] for t in tokens if t.type == "link_open"]
    assert len(hrefs) == 3
    assert hrefs[2] in ("https://x.example/smile:)", "https://x.example/smile:%29"), hrefs
    assert hrefs[0] == "https://en.wikipedia.org/wiki/Debian_%28disambiguation%29"
    assert "more" not in hrefs[1]


def _drafts_on_version_one(factory: sessionmaker[Session], count: int) -> tuple[str, list[str]]:
    content = ArticleContent(source="cms:race", lang="en", title="Race", body_md="v1",
                             translation_key="cms:race")  # fmt: skip
    with transaction(factory) as session:
        ident = save_article(session, content, now=utcnow()).id
        drafts = [str(uuid.uuid4()) for _ in range(count)]
        for n, draft in enumerate(drafts):
            row = KbDraft(id=draft, article_id=ident, base_version=1, title="Race",
                          body_md=f"draft {n}", note="", author="sup", branch="York",
                          device_id="desk-1", created_at=utcnow(), status="pending")  # fmt: skip
            session.add(row)
    return ident, drafts


def test_two_admins_publishing_drafts_of_one_version_at_once_get_409_not_500(
    server_factory: sessionmaker[Session],
) -> None:
    if server_factory.kw["bind"].dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time: no two publishes overlap")
    ident, (first, second) = _drafts_on_version_one(server_factory, 2)
    admin = SimpleNamespace(username="admin.two")
    outcome: list[object] = []
    with server_factory() as holding:  # the first admin's publish, not yet committed
        row = holding.get(KbArticle, ident)
        content = replace(stored_content(holding, row), body_md="draft 0")
        save_article(holding, content, now=utcnow())
        holding.get(KbDraft, first).status = "published"
        holding.flush()

        def other() -> None:
            with server_factory() as session:
                try:
                    outcome.append(routes.publish(second, session, admin))
                except Exception as error:
                    outcome.append(error)

        worker = threading.Thread(target=other)
        worker.start()
        time.sleep(1.0)  # the second publish reaches the article while the first holds it
        holding.commit()
        worker.join(timeout=30)
    (error,) = outcome
    assert isinstance(error, HTTPException) and error.status_code == 409, repr(error)
    with server_factory() as session:
        assert session.get(KbArticle, ident).body_md == "draft 0"
        assert session.get(KbDraft, second).status == "pending"


def _pdf_of_shared_pages(pages: int, content: bytes) -> bytes:
    writer = PdfWriter()
    stream = DecodedStreamObject()
    stream.set_data(content)
    shared = writer._add_object(stream.flate_encode(level=9))
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})  # fmt: skip
    fonts = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): writer._add_object(font)})})  # fmt: skip
    for _ in range(pages):
        page = writer.add_blank_page(100, 100)
        page[NameObject("/Contents")] = shared
        page[NameObject("/Resources")] = fonts
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_small_pdf_of_many_heavy_pages_is_read_in_bounded_time() -> None:
    line = b"BT /F1 12 Tf (" + b"a" * 1000 + b") Tj ET\n"
    bomb = _pdf_of_shared_pages(150, line * 300)  # 45 MB of content from a few kilobytes
    assert len(bomb) < 100_000
    started = time.monotonic()
    document = read_document("bomb.pdf", bomb, suffix=".pdf", origin="x/bomb.pdf")
    assert time.monotonic() - started < 20
    assert (document.page_count, document.text_truncated) == (150, True)
    assert len(document.text) == MAX_DOCUMENT_TEXT
    one_page = _pdf_of_shared_pages(1, line * 9000)  # 9 MB on one page: its text left out
    assert read_document("big.pdf", one_page, suffix=".pdf", origin="x/big.pdf").text == ""
