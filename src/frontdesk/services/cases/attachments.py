"""Files attached to cases at the desk: attach (offline too), upload before a push, open.

Attaching reads the file, checks it against the server's limit as last learnt (the default
until a sync has asked), keeps its content by SHA-256 beside the cache, and records the
attachment, its provisional history line and its ``case.attach`` item in one unit of work.

A sync uploads the contents of the pending ``case.attach`` items before it pushes them
(``upload_pending``): it asks which ones the server lacks, and sends those whole. An upload
cut short sends the whole content again next time; the server keeps each content once. An
item whose content did not get there is deferred by the server and stays pending here.

Another desk's attachment comes with its case's history; its content is fetched when it is
first opened and kept (``content``). Offline, one not fetched yet is not available.
"""

from __future__ import annotations

import abc
import hashlib
import mimetypes
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from frontdesk.domain.cases import Visibility
from frontdesk.domain.errors import ValidationError
from frontdesk.protocol.cases import MAX_FILE_NAME, CaseAttach, file_name_problem
from frontdesk.protocol.push import KINDS, CaseAttachItem, kind_of
from frontdesk.services.cases.ports import Attachment, CaseEvent
from frontdesk.services.cases.writes import _case, _choice, _desk, _wire
from frontdesk.services.errors import (
    AuthFailed,
    FrontdeskError,
    ProtocolError,
    ServerUnreachable,
)
from frontdesk.services.unit_of_work import AbstractUnitOfWork

#: Until the server has said its own (``FRONTDESK_SERVER_ATTACHMENT_MAX_BYTES``'s default).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
CASE_ATTACH = kind_of(CaseAttachItem)
assert CASE_ATTACH in KINDS
#: Control characters, folder separators, and lone surrogates (a name's undecodable bytes).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\\ud800-\udfff]")


class AttachmentUnavailable(FrontdeskError):
    """The content is not at this desk and cannot be fetched now (offline, or refused);
    ``offline``: for want of the server (it will open once the desk is online)."""

    def __init__(self, message: str, *, file_name: str = "", offline: bool = False) -> None:
        super().__init__(message)
        self.file_name, self.offline = file_name, offline


class UnknownAttachment(FrontdeskError):
    """No attachment with this id in the local cache."""


class AbstractAttachmentTransport(abc.ABC):
    """The server's attachment routes, already authenticated."""

    @abc.abstractmethod
    def attachment_limit(self) -> int | None:
        """The largest attachment the server takes (None: a server without attachments)."""

    @abc.abstractmethod
    def missing_attachments(self, sha256: list[str]) -> list[str]: ...

    @abc.abstractmethod
    def upload_attachment(self, sha256: str, content: bytes) -> None: ...

    @abc.abstractmethod
    def download_attachment(self, sha256: str) -> bytes: ...


class AttachmentSource(Protocol):
    """Where a desk fetches a content it does not hold (the server, authenticated)."""

    def download_attachment(self, sha256: str) -> bytes: ...


def human_size(size: int) -> str:
    """``512 bytes``, ``1.5 KB``, ``10 MB`` (binary multiples, as file managers show them)."""
    if size < 1024:
        return f"{size} bytes"
    value = size / 1024
    for unit in ("KB", "MB"):
        if value < 1024:
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
        value /= 1024
    return f"{value:.1f}".removesuffix(".0") + " GB"


def max_bytes(uow: AbstractUnitOfWork) -> int:
    """The server's attachment limit as last learnt, else the default (the caller's uow)."""
    return uow.sync_state.attachment_limit() or DEFAULT_MAX_BYTES


def attach_file(
    uow: AbstractUnitOfWork,
    *,
    case_id: str,
    path: str | Path,
    visibility: str = Visibility.INTERNAL.value,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Attachment:
    """Attach the file at ``path`` to a case; works offline.

    Raises:
        ValidationError: no such file, an empty one, or one over the server's limit (the
            file is not read then), or a visibility that is not one.
        UnknownCase, NotLoggedIn: as the other case writes.
    """
    shown = _choice("visibility", visibility, Visibility)
    source = Path(path)
    with uow:
        limit = max_bytes(uow)
    content = _read(source, limit=limit)
    at = clock()
    with uow:
        agent, _, _ = _desk(uow, numbering=False)
        case = _case(uow, case_id)
        sha256 = uow.blobs.keep(content)  # before the commit: a rollback leaves it unused
        name = plain_file_name(source.name)
        wire = _wire(CaseAttach, case_id=case.id, attachment_id=str(uuid.uuid4()),
                     sha256=sha256, file_name=name, media_type=_media_type(name),
                     size=len(content), visibility=shown, at=at)  # fmt: skip
        attachment = Attachment(wire.attachment_id, case.id, sha256, name, wire.media_type,
                                wire.size, shown, agent, at, pending=True)  # fmt: skip
        uow.cases.add_attachment(attachment, outbox_key=wire.attachment_id)
        uow.cases.add_event(
            CaseEvent(wire.attachment_id, case.id, "attached", agent, at, name,
                      visibility=shown, new=sha256),
            outbox_key=wire.attachment_id,
        )  # fmt: skip
        uow.outbox.add(wire, key=wire.attachment_id)
        uow.commit()
    return attachment


def _read(source: Path, *, limit: int) -> bytes:
    if not source.is_file():
        raise ValidationError("file", f"{source} is not a file that can be read")
    size = source.stat().st_size
    _check_size(source.name, size, limit)
    try:
        content = source.read_bytes()
    except OSError as error:
        raise ValidationError("file", f"cannot read {source}: {error.strerror}") from None
    _check_size(source.name, len(content), limit)  # it may have grown meanwhile
    return content


def _check_size(name: str, size: int, limit: int) -> None:
    if size == 0:
        raise ValidationError("file", f"{name} is empty: there is nothing to attach")
    if size > limit:
        raise ValidationError(
            "file",
            f"{name} is {human_size(size)}: the server takes attachments of at most "
            f"{human_size(limit)}",
            code="attachment_too_large", size=size, limit=limit,
        )  # fmt: skip


def plain_file_name(name: str) -> str:
    """``name`` as the server takes it: control characters and slashes made ``_``, and cut
    to the longest name allowed, keeping its extension."""
    plain = _UNSAFE.sub("_", name).strip() or "attachment"
    if plain in (".", ".."):
        plain = "attachment"
    if len(plain) > MAX_FILE_NAME:
        _, dot, extension = plain.rpartition(".")
        tail = f".{extension}" if dot and len(extension) < 16 else ""
        plain = plain[: MAX_FILE_NAME - len(tail)].rstrip() + tail
    assert file_name_problem(plain) is None, plain
    return plain


def _media_type(name: str) -> str:
    guessed, _ = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


# --------------------------------------------------------------------------- sync


def learn_limit(transport: AbstractAttachmentTransport, uow: AbstractUnitOfWork) -> None:
    """Keep the server's attachment limit, so the desk refuses a bigger file offline too."""
    limit = transport.attachment_limit()
    with uow:
        if limit != uow.sync_state.attachment_limit():
            uow.sync_state.keep_attachment_limit(limit)
            uow.commit()


def upload_pending(transport: AbstractAttachmentTransport, uow: AbstractUnitOfWork) -> int:
    """Upload the contents the pending ``case.attach`` items name and the server lacks;
    how many were sent. A content the server refuses fails its items, with its reason.

    Raises:
        ServerUnreachable, AuthFailed: nothing more is sent; the items stay pending.
    """
    with uow:
        wanted = _wanted(uow)
    if not wanted:
        return 0
    try:
        missing = transport.missing_attachments(sorted(wanted))
    except ProtocolError as refused:  # a server without attachments: the rest still syncs
        _fail(uow, [key for keys in wanted.values() for key in keys],
              f"the server takes no attachments ({refused})")  # fmt: skip
        return 0
    sent = 0
    for sha256 in missing:
        try:
            content = uow.blobs.read(sha256)
        except FileNotFoundError:
            _fail(uow, wanted[sha256], "its content is no longer kept at this desk")
            continue
        try:
            transport.upload_attachment(sha256, content)
        except ProtocolError as refused:  # too big for the server now, say
            _fail(uow, wanted[sha256], f"the server refused its content: {refused}")
            continue
        sent += 1
    return sent


def _wanted(uow: AbstractUnitOfWork) -> dict[str, list[str]]:
    """The contents of the pending ``case.attach`` items, each with its items' keys."""
    wanted: dict[str, list[str]] = {}
    for entry in uow.outbox.pending_of_kind(CASE_ATTACH):
        wanted.setdefault(entry.payload["sha256"], []).append(entry.key)
    return wanted


def _fail(uow: AbstractUnitOfWork, keys: list[str], reason: str) -> None:
    with uow:
        for key in keys:
            uow.outbox.mark_failed(key, message=f"attachment: {reason}")
        uow.commit()


# --------------------------------------------------------------------------- opening


def content(
    uow: AbstractUnitOfWork,
    attachment_id: str,
    *,
    source: Callable[[], AttachmentSource] | None,
) -> tuple[Attachment, bytes]:
    """The attachment and its content: kept here, else fetched from the server and kept.

    Raises:
        UnknownAttachment: no such attachment here.
        AttachmentUnavailable: not kept here, and the server cannot be asked now.
    """
    with uow:
        attachment = uow.cases.attachment(attachment_id)
    if attachment is None:
        raise UnknownAttachment(f"no attachment {attachment_id} in the local cache")
    try:
        return attachment, uow.blobs.read(attachment.sha256)
    except FileNotFoundError:
        pass
    fetched = _fetch(attachment, source)
    uow.blobs.keep(fetched)
    return attachment, fetched


def _fetch(attachment: Attachment, source: Callable[[], AttachmentSource] | None) -> bytes:
    offline = f"{attachment.file_name} is not available offline: it has not been opened here yet"
    name = attachment.file_name
    if source is None:
        raise AttachmentUnavailable(offline, file_name=name, offline=True)
    try:
        fetched = source().download_attachment(attachment.sha256)
    except (ServerUnreachable, AuthFailed) as error:
        raise AttachmentUnavailable(f"{offline} ({error})", file_name=name, offline=True) from None
    except ProtocolError as error:
        message = f"the server did not give {attachment.file_name}: {error}"
        raise AttachmentUnavailable(message) from None
    if hashlib.sha256(fetched).hexdigest() != attachment.sha256:
        raise AttachmentUnavailable(
            f"the server's copy of {attachment.file_name} is not the file that was attached"
        )
    return fetched
