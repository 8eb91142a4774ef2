"""Documents read from files: PDFs with their text extracted page by page, and images."""

from __future__ import annotations

import io
import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from frontdesk.protocol.knowledge import MAX_DOCUMENT_TEXT
from frontdesk.protocol.wire import text_problem
from frontdesk.server.knowledge.store import DocumentContent, KbInputError

MIME = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
#: pypdf reports every oddity of a real PDF it works around; none of them is ours to show.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_document(name: str, content: bytes, *, suffix: str, origin: str) -> DocumentContent:
    """The document in ``content``; a PDF that cannot be read is an error naming ``name``."""
    mime = MIME[suffix]
    if mime != "application/pdf":
        return DocumentContent(content, _file_name(origin), mime, "", False, None, origin)
    pages = _pdf_pages(name, content)
    text, truncated = _bounded("\f".join(pages))
    return DocumentContent(content, _file_name(origin), mime, text, truncated, len(pages), origin)


def _pdf_pages(name: str, content: bytes) -> list[str]:
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise KbInputError(f"{name}: the PDF is encrypted; import it unprotected")
        return [_clean(page.extract_text() or "") for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, KbInputError):
            raise
        raise KbInputError(f"{name}: not a readable PDF ({error})") from None


def _clean(text: str) -> str:
    # A page's text goes to every desk's search index: no NUL, no lone surrogates, no
    # form feeds of its own (they separate pages).
    text = text.replace("\x00", "").replace("\f", "\n")
    if text_problem(text) is not None:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def _bounded(text: str) -> tuple[str, bool]:
    if len(text) <= MAX_DOCUMENT_TEXT:
        return text, False
    return text[:MAX_DOCUMENT_TEXT], True


def _file_name(origin: str) -> str:
    return origin.rsplit("/", 1)[-1][:255]
