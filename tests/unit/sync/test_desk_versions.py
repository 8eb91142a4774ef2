"""The desk version rules both sides apply (protocol/versions.py, sync/updates.py)."""

from __future__ import annotations

import pydantic
import pytest
from packaging.version import Version

from frontdesk import __version__
from frontdesk.protocol.versions import (
    DeskTooOldBody,
    DeskVersions,
    below_minimum,
    newer_available,
    parse_version,
    user_agent,
    version_from_user_agent,
)
from frontdesk.sync.updates import AVAILABLE, REQUIRED, update_due


@pytest.mark.parametrize(
    ("desk", "minimum", "refused"),
    [
        ("0.1.0", None, False),  # no minimum: every desk
        (None, None, False),
        ("0.1.0", "0.2.0", True),
        ("0.2.0", "0.2.0", False),
        ("0.2", "0.2.0", False),  # the same version, written shorter
        ("0.10.0", "0.9.0", False),  # numbers, not text
        ("0.2.0rc1", "0.2.0", True),  # a pre-release comes before its release
        ("0.2.0.post1", "0.2.0", False),
        (None, "0.1.0", True),  # a desk that does not say is not trusted
        ("not a version", "0.1.0", True),
    ],
)
def test_below_minimum(desk, minimum, refused: bool) -> None:
    assert below_minimum(desk, minimum) is refused


@pytest.mark.parametrize(
    ("desk", "current", "newer"),
    [
        ("0.1.0", "0.3.0", True),
        ("0.3.0", "0.3.0", False),
        ("0.4.0", "0.3.0", False),  # a desk ahead of the server's word (a pilot)
        ("0.9.0", "0.10.0", True),
        ("0.1.0", None, False),
    ],
)
def test_newer_available(desk: str, current, newer: bool) -> None:
    assert newer_available(desk, current) is newer


@pytest.mark.parametrize(
    ("header", "version"),
    [
        ("frontdesk/0.1.0", "0.1.0"),
        ("Frontdesk/1.2.3rc1 python-requests/2.32", "1.2.3rc1"),
        ("python-requests/2.32 frontdesk/0.2", "0.2"),
        ("python-requests/2.32", None),
        ("frontdesk/latest", None),
        ("frontdesk", None),
        ("", None),
        (None, None),
    ],
)
def test_the_desk_version_is_read_from_the_user_agent(header, version) -> None:
    expected = None if version is None else Version(version)
    assert version_from_user_agent(header) == expected


def test_the_desk_names_its_own_version() -> None:
    assert version_from_user_agent(user_agent(__version__)) == Version(__version__)


def test_parse_version_says_what_is_wrong() -> None:
    assert parse_version(" 0.2.0 ") == Version("0.2.0")
    with pytest.raises(ValueError, match="'two' is not a version"):
        parse_version("two")


def test_published_versions_are_checked_and_new_fields_ignored() -> None:
    versions = DeskVersions.model_validate(
        {"current": "0.3.0", "minimum": None, "download_url": "https://x.example/fd",
         "channel": "stable"}  # a field a newer server may add: old desks still read it
    )  # fmt: skip
    assert versions == DeskVersions(current="0.3.0", download_url="https://x.example/fd")
    for bad in (
        {"current": "three"},
        {"current": "0.3.0", "minimum": "soon"},
        {"current": "0.3.0", "download_url": "file:///etc/passwd"},
        {"current": "0.3.0", "download_url": "javascript:alert(1)"},
        {"current": "0" * 100},
    ):
        with pytest.raises(pydantic.ValidationError):
            DeskVersions.model_validate(bad)


def test_a_refusal_body_carries_the_versions() -> None:
    body = DeskTooOldBody(detail="too old", desk_version="0.1.0", current="0.3.0", minimum="0.2")
    assert body.model_dump() == {
        "current": "0.3.0", "minimum": "0.2", "download_url": None,
        "detail": "too old", "desk_version": "0.1.0",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("desk", "versions", "due"),
    [
        ("0.1.0", None, None),  # the server's rules not known yet
        ("0.1.0", DeskVersions(current="0.1.0"), None),
        ("0.1.0", DeskVersions(current="0.3.0"), AVAILABLE),
        ("0.1.0", DeskVersions(current="0.3.0", minimum="0.2.0"), REQUIRED),
        ("0.2.0", DeskVersions(current="0.3.0", minimum="0.2.0"), AVAILABLE),
        ("0.3.0", DeskVersions(current="0.3.0", minimum="0.2.0"), None),
    ],
)
def test_update_due(desk: str, versions, due) -> None:
    assert update_due(desk, versions) == due
