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
#: The most content (decompressed) of one page whose text is extracted.
MAX_PAGE_CONTENT = 8 * 1024**2
#: pypdf reports every oddity of a real PDF it works around; none of them is ours to show.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def read_document(name: str, content: bytes, *, suffix: str, origin: str) -> DocumentContent:
    """The document in ``content``; a PDF that cannot be read is an error naming ``name``."""
    mime = MIME[suffix]
    if mime != "application/pdf":
        return DocumentContent(content, _file_name(origin), mime, "", False, None, origin)
    pages, count = _pdf_pages(name, content)
    text, truncated = _bounded("\f".join(pages))
    truncated = truncated or len(pages) < count
    return DocumentContent(content, _file_name(origin), mime, text, truncated, count, origin)


def _pdf_pages(name: str, content: bytes) -> tuple[list[str], int]:
    """The text of the pages read, and how many pages there are."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise KbInputError(f"{name}: the PDF is encrypted; import it unprotected")
        return _page_texts(reader), len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        if isinstance(error, KbInputError):
            raise
        raise KbInputError(f"{name}: not a readable PDF ({error})") from None


def _page_texts(reader: PdfReader) -> list[str]:
    # Extraction costs about a second a megabyte of content: a small PDF whose pages share
    # one big content stream would hold the import for hours. Stop once the text kept is
    # full, and leave out a page whose content alone is over the limit.
    texts: list[str] = []
    kept = 0
    for page in reader.pages:
        if kept > MAX_DOCUMENT_TEXT:
            break
        contents = page.get_contents()
        too_big = contents is not None and len(contents.get_data()) > MAX_PAGE_CONTENT
        texts.append("" if too_big else _clean(page.extract_text() or ""))
        kept += len(texts[-1]) + 1
    return texts


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
