"""The knowledge base's server side against hostile input: an import folder holding anything,
links that break Markdown, replays and duplicates pushed by a desk, racing admins."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from frontdesk.server.knowledge.importer import import_folder
from frontdesk.server.knowledge.models import KbArticle
from frontdesk.server.knowledge.store import KbInputError, article_id


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
        'Debian</a> and <a href="https://x.example/a%3Eb?q=<1>">more</a></p></body></html>',
        encoding="utf-8",
    )
    import_folder(server_factory, folder)
    with server_factory() as session:
        body = session.get(KbArticle, article_id("pages/page")).body_md
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parseInline(body)[0].children
    hrefs = [t.attrs["href"] for t in tokens if t.type == "link_open"]
    assert len(hrefs) == 2
    assert hrefs[0].startswith("https://en.wikipedia.org/wiki/Debian_") and hrefs[0].endswith(")")
    assert "more" not in hrefs[1]
