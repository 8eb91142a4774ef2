"""Screenshots of the Knowledge page at 1280x800, in English and Russian, over a desk cache
holding the real Debian FAQ (imported by the server's ``kb import`` into a throw-away SQLite
central and pulled as a desk pulls it; its PDFs held at the desk): a question typed in the
agent's own words with the answers, the first answer read, and its PDF.

Written to ``build/screenshots/`` (or ``--out``); ``--docs DIR`` also copies them there as
``screenshot-kb-{search,article,pdf}-{en,ru}.png``. ``--theme dark`` renders them dark (named
``...-{en,ru}-dark.png``), to check the marked words and links read on a dark ground.
Needs ``../shared/data/kb/debian-faq``.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "ui"))
from ui_fakes import FakeCustomerQueries  # noqa: E402

FAQ = ROOT.parent / "shared" / "data" / "kb" / "debian-faq"
QUESTIONS = {"en": "hold a package so apt does not upgrade it",
             "ru": "как зафиксировать пакет, чтобы он не обновлялся"}  # fmt: skip
TIMEOUT_MS = 30_000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--docs", type=Path, help="also copy them here as screenshot-*.png")
    parser.add_argument("--faq", type=Path, default=FAQ)
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    if not args.faq.is_dir():
        print(f"kb_screenshots: no Debian FAQ at {args.faq}; skipped", file=sys.stderr)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    from frontdesk.ui.app import make_application

    app = make_application(["frontdesk"])
    with tempfile.TemporaryDirectory(prefix="frontdesk-kb-shots-") as work:
        database = faq_desk(Path(work), args.faq)
        try:
            for language in ("en", "ru"):
                shots = _shoot(database, Path(work), language, args.out, theme=args.theme)
                for _name, path in shots:
                    print(f"==> {path}", flush=True)
                    if args.docs:
                        shutil.copyfile(path, args.docs / f"screenshot-{path.name}")
        finally:
            database.dispose()
    app.processEvents()
    return 0


def faq_desk(work: Path, faq: Path):
    """A desk cache with the FAQ pulled from a central that imported it, its PDFs held."""
    from frontdesk.adapters.cache.database import open_cache
    from frontdesk.adapters.cache.knowledge.files import FOLDER, FileDocumentStore
    from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
    from frontdesk.server.db import make_engine, migrate, session_factory
    from frontdesk.server.knowledge.importer import import_folder
    from frontdesk.server.pull import pull_page

    url = f"sqlite:///{work / 'central.sqlite3'}"
    migrate(url)
    central = session_factory(make_engine(url))
    import_folder(central, faq)
    database = open_cache(work / "cache.sqlite3")
    uow, cursor, more = SqlAlchemyUnitOfWork(database.writer), 0, True
    while more:
        with central() as session:
            page = pull_page(session, cursor=cursor, limit=500)
        with uow:
            uow.replica.apply(page)
            uow.sync_state.advance(page.cursor, pulled_at=datetime.now(UTC))
            uow.commit()
        cursor, more = page.cursor, page.has_more
    from frontdesk.adapters.cache.knowledge.queries import SqlAlchemyKnowledge

    files = FileDocumentStore(work / FOLDER)
    port = SqlAlchemyKnowledge(database.reader, writer=database.writer)
    for pdf in faq.rglob("*.pdf"):
        content = pdf.read_bytes()
        digest = hashlib.sha256(content).hexdigest()
        write, done = files.appender(digest)
        write(content)
        done()
        if files.finish(digest):
            port.set_fetched(digest, len(content))
    return database


def _shoot(database, work: Path, language: str, out: Path, *, theme: str = "light"):
    from frontdesk.adapters.cache.knowledge.files import FOLDER, FileDocumentStore
    from frontdesk.adapters.cache.knowledge.queries import SqlAlchemyKnowledge
    from frontdesk.services.knowledge.desk import DeskKnowledge
    from frontdesk.ui.main_window import build_main_window
    from frontdesk.ui.preferences import Preferences

    preferences = Preferences()
    preferences.language, preferences.theme = language, theme
    suffix = language if theme == "light" else f"{language}-{theme}"
    window = build_main_window(FakeCustomerQueries.with_demo_data(), preferences=preferences)
    port = SqlAlchemyKnowledge(database.reader, writer=database.writer)
    files = FileDocumentStore(work / FOLDER)
    knowledge = DeskKnowledge(port, language=language, files=files)
    ui = window.set_knowledge(knowledge)
    window.resize(1280, 800)
    window.show()
    ui.show_page()
    ui.panel.search_box.setText(QUESTIONS[language])
    _wait(ui.hits_shown, ui.panel.search_now)
    yield "kb-search", _save(window, out / f"kb-search-{suffix}.png")
    _wait(
        ui.reader.article_shown, lambda: ui.panel.hit_chosen.emit(ui.panel.model.hits[0].article_id)
    )
    yield "kb-article", _save(window, out / f"kb-article-{suffix}.png")
    article = ui.panel.reader.article_view.article
    _wait(
        ui.reader.document_shown, lambda: ui.reader.open_document(article.documents[0].sha256, 40)
    )
    yield "kb-pdf", _save(window, out / f"kb-pdf-{suffix}.png")
    window.ops.shutdown()
    window.close()
    window.deleteLater()


def _wait(signal, start) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(TIMEOUT_MS, loop.quit)
    start()
    loop.exec()


def _save(window, path: Path) -> Path:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(300, loop.quit)
    loop.exec()
    window.grab().save(str(path))
    return path


if __name__ == "__main__":
    sys.exit(main())
