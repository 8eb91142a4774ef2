"""Documents fetched ahead within the desk's budget: newest first while they fit the
cache (FRONTDESK_KB_CACHE_MB), none larger than FRONTDESK_KB_PREFETCH_MB, a bad copy
passed over, the server gone stopping the run; files kept on disk by hash."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from frontdesk.adapters.cache.knowledge.files import FileDocumentStore
from frontdesk.services.errors import ServerUnreachable
from frontdesk.services.knowledge.documents import DocumentUnavailable, Prefetched, prefetch
from frontdesk.services.knowledge.ports import AbstractKnowledge, KbDocumentInfo


def _content(size: int, mark: str) -> bytes:
    return (mark * size).encode()[:size]


class FakeKnowledge(AbstractKnowledge):
    """The cache's document rows: ``documents_to_fetch`` in the order given (newest first)."""

    def __init__(self, contents: dict[str, bytes]) -> None:
        self.fetched = {sha: 0 for sha in contents}
        self.infos = {
            sha: KbDocumentInfo(sha, f"{n}.pdf", "application/pdf", len(c), 1, False)
            for n, (sha, c) in enumerate(contents.items())
        }  # fmt: skip

    def documents_to_fetch(self) -> list[KbDocumentInfo]:
        return [i for sha, i in self.infos.items() if self.fetched[sha] < i.size]

    def set_fetched(self, sha256: str, held: int) -> None:
        self.fetched[sha256] = held

    def document(self, sha256: str) -> KbDocumentInfo | None:
        return self.infos.get(sha256)

    search = article = linked = bought_skus = None  # type: ignore[assignment]


class FakeServer:
    def __init__(self, contents: dict[str, bytes], *, bad: frozenset[str] = frozenset()) -> None:
        self.contents, self.bad, self.asked = contents, bad, []
        self.reachable = True

    def download_document(self, sha256: str, *, offset: int, write: Callable[[bytes], None]) -> int:
        if not self.reachable:
            raise ServerUnreachable("no route to the server")
        self.asked.append(sha256)
        body = self.contents[sha256][offset:]
        write(b"x" * len(body) if sha256 in self.bad else body)
        return len(body)


def _documents(*sizes: int) -> dict[str, bytes]:
    contents = [_content(size, str(n)) for n, size in enumerate(sizes)]
    return {hashlib.sha256(c).hexdigest(): c for c in contents}


def test_documents_fit_the_budget_newest_first_and_large_ones_wait(tmp_path: Path) -> None:
    contents = _documents(400, 5_000, 300, 500)  # the second is over the largest
    kb, files, server = FakeKnowledge(contents), FileDocumentStore(tmp_path), FakeServer(contents)
    done = prefetch(kb, files, source=server, budget=800, largest=1_000)
    # 400 then (5,000 too large) 300 fit 800; 500 more would not.
    assert done == Prefetched(fetched=2, too_large=1, over_budget=1)
    held = [sha for sha in contents if files.complete(sha)]
    assert held == [next(iter(contents)), list(contents)[2]]
    assert files.total() == 700 <= 800
    assert all(files.path(sha).read_bytes() == contents[sha] for sha in held)
    assert [kb.fetched[sha] for sha in contents] == [400, 0, 300, 0]

    again = prefetch(kb, files, source=server, budget=800, largest=1_000)
    assert again == Prefetched(fetched=0, too_large=1, over_budget=1)
    assert len(server.asked) == 2  # nothing held is asked for twice


def test_a_larger_budget_later_fetches_what_did_not_fit(tmp_path: Path) -> None:
    contents = _documents(400, 500)
    kb, files, server = FakeKnowledge(contents), FileDocumentStore(tmp_path), FakeServer(contents)
    assert prefetch(kb, files, source=server, budget=600, largest=1_000).over_budget == 1
    assert prefetch(kb, files, source=server, budget=900, largest=1_000).fetched == 1
    assert files.total() == 900


def test_a_bad_copy_is_passed_over_and_the_server_gone_stops(tmp_path: Path) -> None:
    contents = _documents(100, 200, 300)
    first, second, third = contents
    kb, files = FakeKnowledge(contents), FileDocumentStore(tmp_path)
    server = FakeServer(contents, bad=frozenset({second}))
    assert prefetch(kb, files, source=server, budget=10_000, largest=10_000) == Prefetched(
        fetched=2, failed=1
    )
    assert not files.complete(second) and files.held(second) == 0 and kb.fetched[second] == 0

    server.reachable = False
    with pytest.raises(DocumentUnavailable) as stopped:
        prefetch(kb, files, source=server, budget=10_000, largest=10_000)
    assert stopped.value.offline
    assert files.complete(first) and files.complete(third)
