"""Case attachments at the desk over a real cache: attaching offline (content kept by hash,
0600, the attachment, its history line and its item in one transaction), files refused
before anything is queued, the upload before a push, a deferred item kept pending, the
pull bringing another desk's attachment, and opening it (fetched once, then offline)."""

from __future__ import annotations

import hashlib
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from case_pages import T0, case, event, reference_page

from frontdesk.adapters.cache.cases.queries import SqlAlchemyCaseQueries
from frontdesk.adapters.cache.unit_of_work import SqlAlchemyUnitOfWork
from frontdesk.domain.errors import ValidationError
from frontdesk.protocol import ItemResult, PullPage, PushResponse, PushStatus
from frontdesk.protocol.cases import CaseAttachmentPublic
from frontdesk.services.cases import attachments
from frontdesk.services.cases.attachments import (
    AbstractAttachmentTransport,
    AttachmentUnavailable,
)
from frontdesk.services.cases.desk import DeskCases
from frontdesk.services.errors import ProtocolError, ServerUnreachable
from frontdesk.sync.push import push_all

NOW = T0 + timedelta(hours=1)
SCAN = b"%PDF-1.4\n" + bytes(range(256)) * 8


@pytest.fixture
def desk(cache_db, uow: SqlAlchemyUnitOfWork, apply) -> DeskCases:
    apply(reference_page())
    with uow:
        uow.sync_state.set_login("https://central.example", "ann")
        uow.sync_state.keep_case_desk(case_prefix="D7", branch="Leeds")
        uow.workstation.sign_in("ann", role="agent")
        uow.commit()
    return DeskCases(uow.fresh, SqlAlchemyCaseQueries(cache_db.reader), clock=lambda: NOW)


@pytest.fixture
def opened(desk: DeskCases):
    return desk.open("c1", channel="phone", category="billing", subject="Charged twice")


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "receipt scan.pdf"
    path.write_bytes(SCAN)
    return path


class FakeServer(AbstractAttachmentTransport):
    """The server's attachment routes, in memory: what it holds, what it was sent."""

    def __init__(self, *, held: dict[str, bytes] | None = None, refuse: str = "") -> None:
        self.held = dict(held or {})
        self.uploads: list[str] = []
        self.refuse = refuse

    def attachment_limit(self) -> int | None:
        return 1000

    def missing_attachments(self, sha256: list[str]) -> list[str]:
        return [sha for sha in sha256 if sha not in self.held]

    def upload_attachment(self, sha256: str, content: bytes) -> None:
        if self.refuse:
            raise ProtocolError(self.refuse)
        self.uploads.append(sha256)
        self.held[sha256] = content

    def download_attachment(self, sha256: str) -> bytes:
        return self.held[sha256]


def _pending(uow):
    with uow:
        return [(e.kind, e.payload) for e in uow.outbox.pending(limit=100)]


def test_attaching_offline_keeps_the_content_and_queues_one_item(desk, uow, opened, scan):
    attachment = desk.attach(opened.id, scan, visibility="customer")
    sha = hashlib.sha256(SCAN).hexdigest()
    assert (attachment.file_name, attachment.size, attachment.sha256) == (
        "receipt scan.pdf", len(SCAN), sha)  # fmt: skip
    assert attachment.media_type == "application/pdf" and attachment.pending
    kept = uow.blobs.path(sha)
    assert kept == scan.parent / "desk" / "attachments" / sha[:2] / sha
    assert kept.read_bytes() == SCAN and stat.S_IMODE(kept.stat().st_mode) == 0o600
    _, (kind, payload) = _pending(uow)
    assert kind == "case.attach" and payload["sha256"] == sha
    assert payload["attachment_id"] == attachment.id and payload["visibility"] == "customer"
    assert desk.attachments(opened.id) == [attachment]
    line = desk.history(opened.id)[-1]
    assert (line.kind, line.body, line.pending) == ("attached", "receipt scan.pdf", True)
    # the same content again is kept once
    again = desk.attach(opened.id, scan)
    assert again.sha256 == sha and len(list(kept.parent.iterdir())) == 1


def test_a_file_over_the_limit_or_empty_is_refused_before_anything_is_queued(
    desk, uow, opened, scan, tmp_path
) -> None:
    with uow:
        uow.sync_state.keep_attachment_limit(1000)
        uow.commit()
    assert desk.attachment_limit() == 1000
    with pytest.raises(
        ValidationError, match="is 2 KB: the server takes attachments of at most 1000 bytes"
    ):
        desk.attach(opened.id, scan)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError, match="empty"):
        desk.attach(opened.id, empty)
    with pytest.raises(ValidationError, match="not a file"):
        desk.attach(opened.id, tmp_path / "gone.txt")
    assert [kind for kind, _ in _pending(uow)] == ["case.open"]
    assert not (tmp_path / "desk" / "attachments").exists()


def test_the_upload_sends_only_what_the_server_lacks(desk, uow, opened, scan, tmp_path) -> None:
    desk.attach(opened.id, scan)
    other = tmp_path / "note.txt"
    other.write_text("a note")
    desk.attach(opened.id, other)
    sha = hashlib.sha256(SCAN).hexdigest()
    server = FakeServer(held={sha: SCAN})
    assert attachments.upload_pending(server, uow) == 1
    assert server.uploads == [hashlib.sha256(b"a note").hexdigest()]
    attachments.learn_limit(server, uow)
    assert desk.attachment_limit() == 1000


def test_a_content_the_server_refuses_fails_its_item_only(desk, uow, opened, scan) -> None:
    desk.attach(opened.id, scan)
    server = FakeServer(refuse="an attachment over 1000 bytes")
    assert attachments.upload_pending(server, uow) == 0
    assert [kind for kind, _ in _pending(uow)] == ["case.open"]
    with uow:
        (failed,) = uow.outbox.failed()
    assert "an attachment over 1000 bytes" in failed.last_error


def test_a_deferred_item_stays_pending_and_ends_the_push(desk, uow, opened, scan) -> None:
    desk.attach(opened.id, scan)
    sent: list[list[str]] = []

    class Server:
        def push(self, device_id, items):
            sent.append([i.kind for i in items])
            return PushResponse(results=[
                ItemResult(key=i.key, status=PushStatus.DEFERRED, code=424, detail="not yet")
                if i.kind == "case.attach" else ItemResult(key=i.key, status=PushStatus.APPLIED)
                for i in items
            ])  # fmt: skip

    result = push_all(Server(), uow, batch_size=1, clock=lambda: NOW)
    assert sent == [["case.open"], ["case.attach"]]
    assert (result.sent, result.deferred, result.failed) == (1, 1, 0)
    ((kind, _),) = _pending(uow)
    assert kind == "case.attach"


def _pulled_attachment(apply, sha: str) -> None:
    shown = CaseAttachmentPublic(sha256=sha, file_name="invoice.png", media_type="image/png",
                                 size=5)  # fmt: skip
    attached = event(31, id="a1", kind="attached", body="invoice.png", visibility="internal",
                     new=sha, attachment=shown)  # fmt: skip
    apply(PullPage(cursor=40, has_more=False, cases=[case(30)], case_events=[attached]))


def test_another_desks_attachment_is_fetched_once_then_opens_offline(desk, uow, apply) -> None:
    sha = hashlib.sha256(b"image").hexdigest()
    _pulled_attachment(apply, sha)
    (attachment,) = desk.attachments("k1")
    assert (attachment.file_name, attachment.author, attachment.pending) == (
        "invoice.png", "bob", False)  # fmt: skip
    with pytest.raises(AttachmentUnavailable, match=r"invoice\.png is not available offline"):
        desk.attachment_content(attachment.id)

    class Offline(FakeServer):
        def download_attachment(self, sha256: str) -> bytes:
            raise ServerUnreachable("cannot reach the server")

    offline = DeskCases(desk._make_uow, desk._queries, source=Offline)
    with pytest.raises(AttachmentUnavailable, match="not available offline"):
        offline.attachment_content(attachment.id)
    liar = DeskCases(desk._make_uow, desk._queries,
                     source=lambda: FakeServer(held={sha: b"other"}))  # fmt: skip
    with pytest.raises(AttachmentUnavailable, match="not the file that was attached"):
        liar.attachment_content(attachment.id)
    online = DeskCases(desk._make_uow, desk._queries,
                       source=lambda: FakeServer(held={sha: b"image"}))  # fmt: skip
    assert online.attachment_content(attachment.id)[1] == b"image"
    assert offline.attachment_content(attachment.id)[1] == b"image"  # kept since


def test_the_attachment_tables_match_their_models(cache_db) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from frontdesk.adapters.cache.tables import Base

    with cache_db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diff if "attachment" in str(d)] == []


def test_a_server_without_attachments_fails_the_items_and_lets_the_rest_sync(
    desk, uow, opened, scan
) -> None:
    desk.attach(opened.id, scan)

    class Older(FakeServer):
        def missing_attachments(self, sha256: list[str]) -> list[str]:
            raise ProtocolError("the server rejected /attachments/missing (HTTP 404): Not Found")

    assert attachments.upload_pending(Older(), uow) == 0
    assert [kind for kind, _ in _pending(uow)] == ["case.open"]
    with uow:
        (failed,) = uow.outbox.failed()
    assert failed.kind == "case.attach" and "takes no attachments" in failed.last_error
