"""The knowledge base through a real server on loopback: the back office imports a folder
(Markdown in two languages and a PDF), a desk syncs, searches offline in both languages,
and opens the PDF: a download cut off half-way resumes from where it stopped (HTTP Range),
a kept PDF opens offline, one never opened says it is not available offline."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from e2e_support import run_server_command

# ``server``: that module's fixture (a central that stops and starts again), not conftest's.
from test_cases_e2e import PASSWORD, Server, login, ok, run, server  # noqa: F401

from frontdesk.adapters.cache.knowledge.files import FOLDER, FileDocumentStore
from frontdesk.bootstrap import build_client
from frontdesk.config import load_settings
from frontdesk.services.knowledge.documents import DocumentUnavailable, Prefetched

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from kb_data import minimal_pdf

MANUAL = minimal_pdf(["Kettle manual", "Descale the kettle every month"] * 40)
LEAFLET = minimal_pdf(["Returns leaflet", "Bring the receipt"])


def _folder(root: Path) -> Path:
    kb = root / "shop-kb"
    (kb / "docs").mkdir(parents=True)
    (kb / "docs" / "kettle.pdf").write_bytes(MANUAL)
    (kb / "docs" / "returns.pdf").write_bytes(LEAFLET)
    (kb / "kettle.en.md").write_text(
        "---\ntitle: How do I descale a kettle?\nlang: en\ntranslation: kettle\n"
        "documents: [docs/kettle.pdf]\n---\nUse the descaler monthly; see the manual.\n"
    )
    (kb / "kettle.ru.md").write_text(
        "---\ntitle: Как удалить накипь из чайника?\nlang: ru\ntranslation: kettle\n---\n"
        "Раз в месяц используйте средство от накипи.\n"
    )
    (kb / "returns.en.md").write_text(
        "---\ntitle: Returning a purchase\nlang: en\ndocuments: [docs/returns.pdf]\n---\n"
        "Bring the receipt within 30 days.\n"
    )
    return kb


def _desk(data_dir: Path):
    return build_client(load_settings(data_dir=data_dir))


def test_the_desk_finds_articles_offline_and_resumes_a_cut_pdf(
    server: Server,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    monkeypatch,
    keyring_env,
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    # Nothing fetched ahead by the sync: the PDF is held only once opened.
    monkeypatch.setenv("FRONTDESK_KB_PREFETCH_MB", "0")
    run_server_command(server.db_url, "kb", "import", str(_folder(tmp_path)))
    desk = tmp_path / "ann"
    login(desk, server, "ann")
    server.stop()

    hits = [json.loads(line) for line in ok(desk, "kb", "search", "descaling kettles",
                                             "--json").splitlines()]  # fmt: skip
    assert hits[0]["title"] == "How do I descale a kettle?" and hits[0]["language"] == "en"
    assert hits[0]["translation"]["language"] == "ru"
    russian = json.loads(ok(desk, "kb", "search", "накипь", "--json", "--language", "ru"))
    assert russian["title"] == "Как удалить накипь из чайника?"
    code, _, err = run(desk, "kb", "search", "zzzqqq")
    assert code == 1 and "no article" in err

    client = _desk(desk)
    try:
        knowledge = client.knowledge()
        article = knowledge.article(hits[0]["id"])
        (manual,) = article.documents
        assert manual.sha256 == hashlib.sha256(MANUAL).hexdigest() and not manual.offline
        with pytest.raises(DocumentUnavailable, match="not available offline") as refused:
            knowledge.open_document(manual.sha256)
        assert refused.value.offline

        # A download cut off half-way: the first half is on disk. The desk appends what it
        # fetches, so the whole file's hash is right only if it asked from the half on.
        files = FileDocumentStore(desk / FOLDER)
        write, close = files.appender(manual.sha256)
        write(MANUAL[: len(MANUAL) // 2])
        close()
        server.start()
        path = knowledge.open_document(manual.sha256)
        assert path.read_bytes() == MANUAL
        assert knowledge.article(hits[0]["id"]).documents[0].offline
    finally:
        client.close()

    server.stop()
    client = _desk(desk)
    try:
        assert client.knowledge().open_document(manual.sha256).read_bytes() == MANUAL
    finally:
        client.close()


def test_a_sync_fetches_the_documents_ahead_and_they_open_offline(
    server: Server,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
    monkeypatch,
    keyring_env,
) -> None:
    for name, value in keyring_env.items():
        monkeypatch.setenv(name, value)
    run_server_command(server.db_url, "kb", "import", str(_folder(tmp_path)))
    login(tmp_path / "ann", server, "ann")  # ``frontdesk sync``: the pull, then documents
    ok(tmp_path / "bob", "login", "--server", server.url, "--user", "bob", "--password-stdin",
       stdin=PASSWORD + "\n")  # fmt: skip
    worker = _desk(tmp_path / "bob")
    try:
        worker.sync()  # what each run of the sync worker and the window's sync process does
    finally:
        worker.close()
    server.stop()
    for desk in ("ann", "bob"):
        _documents_open_offline(tmp_path / desk)


def _documents_open_offline(desk: Path) -> None:
    client = _desk(desk)
    try:
        knowledge = client.knowledge()
        infos = [d for hit in knowledge.search("kettle receipt", limit=5)
                 for d in knowledge.article(hit.article_id).documents]  # fmt: skip
        assert sorted(d.name for d in infos) == ["kettle.pdf", "returns.pdf"]
        assert all(d.offline for d in infos)
        contents = {hashlib.sha256(c).hexdigest(): c for c in (MANUAL, LEAFLET)}
        for info in infos:
            assert knowledge.open_document(info.sha256).read_bytes() == contents[info.sha256]
        assert client.prefetch_documents() == Prefetched()  # nothing left, nothing asked
    finally:
        client.close()
