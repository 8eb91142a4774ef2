"""``case.attach`` on the wire: what a desk may name an attachment, and the file names the
desk makes of whatever a file system hands it (always ones the server takes)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pydantic
import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.protocol.cases import MAX_FILE_NAME, CaseAttach, file_name_problem
from frontdesk.services.cases.attachments import human_size, plain_file_name

SHA = hashlib.sha256(b"x").hexdigest()
ID = "00000000-0000-4000-8000-000000000001"


def attach(**fields) -> CaseAttach:
    values = {"case_id": ID, "attachment_id": ID, "sha256": SHA, "file_name": "scan.pdf",
              "media_type": "application/pdf", "size": 10,
              "at": datetime(2025, 1, 1, tzinfo=UTC)}  # fmt: skip
    return CaseAttach(**{**values, **fields})


def test_a_plain_attachment_is_taken() -> None:
    taken = attach(file_name="Квитанция № 5 (копия).pdf", visibility="customer")
    assert taken.file_name == "Квитанция № 5 (копия).pdf"


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("file_name", "dir/scan.pdf", "without a folder"),
        ("file_name", "..\\scan.pdf", "without a folder"),
        ("file_name", "scan\x00.pdf", "control characters"),
        ("file_name", "scan\u0085.pdf", "control characters"),
        ("file_name", "..", "must not be . or .."),
        ("file_name", "scan\udc80.pdf", "unicode"),
        ("file_name", " scan.pdf", "spaces"),
        ("file_name", "", "at least 1"),
        ("file_name", "a" * (MAX_FILE_NAME + 1), "at most 255"),
        ("sha256", SHA.upper(), "pattern"),
        ("sha256", SHA[:-1], "pattern"),
        ("size", 0, "greater than 0"),
        ("size", 2**31 * 2, "less than or equal"),
        ("media_type", "pdf", "pattern"),
        ("media_type", "text/plain; charset=utf-8", "pattern"),
        ("visibility", "public", "internal"),
    ],
)
def test_a_malformed_attachment_is_refused_with_its_field(field, value, why) -> None:
    with pytest.raises(pydantic.ValidationError) as refused:
        attach(**{field: value})
    (error,) = refused.value.errors()
    assert error["loc"][0] == field and why in error["msg"]


@given(st.text(min_size=1, max_size=400) | st.just("scan\udcff.pdf"))
def test_any_name_becomes_one_the_server_takes(name: str) -> None:
    plain = plain_file_name(name)
    assert file_name_problem(plain) is None
    assert attach(file_name=plain).file_name == plain


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1,
               max_size=200).filter(lambda n: file_name_problem(n) is None))  # fmt: skip
def test_a_name_the_server_takes_stays_as_it_is(name: str) -> None:
    assert plain_file_name(name) == name


def test_a_long_name_keeps_its_extension() -> None:
    cut = plain_file_name("x" * 300 + ".pdf")
    assert len(cut) == MAX_FILE_NAME and cut.endswith(".pdf")


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (1023, "1023 bytes"), (1536, "1.5 KB"), (10 * 1024**2, "10 MB"),
     (3 * 1024**3, "3 GB")],
)  # fmt: skip
def test_sizes_read_as_people_write_them(size: int, text: str) -> None:
    assert human_size(size) == text
