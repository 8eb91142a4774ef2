"""Screen-pop requests: the frontdesk:// link parsed strictly, ``open``'s arguments, and the
link as the window's sole argument (as an OS URL handler passes it)."""

from __future__ import annotations

import argparse
import io

import pytest

from frontdesk import cli
from frontdesk.cli_open import request_from_args, with_open_command
from frontdesk.services.screen_pop import (
    MAX_URL,
    PopRequest,
    ScreenPopError,
    parse_open_url,
)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("frontdesk://open?phone=%2B7%20916%20123-45-67", PopRequest(phone="+7 916 123-45-67")),
        ("frontdesk://open?phone=+79161234567", PopRequest(phone="+79161234567")),  # + is a plus
        ("frontdesk://open/?phone=89161234567", PopRequest(phone="89161234567")),
        ("FRONTDESK://OPEN?phone=020%207946%200000", PopRequest(phone="020 7946 0000")),
        ("frontdesk://open?customer=100235", PopRequest(customer="100235")),
        (
            "frontdesk://open?customer=0f8c2e7a-1b2c-4d5e-8f90-123456789abc",
            PopRequest(customer="0f8c2e7a-1b2c-4d5e-8f90-123456789abc"),
        ),
    ],
)
def test_good_links_make_their_request(url: str, expected: PopRequest) -> None:
    assert parse_open_url(url) == expected


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://open?phone=79161234567", "not a frontdesk:// link"),
        ("javascript:alert(1)", "not a frontdesk:// link"),
        ("file:///etc/passwd", "not a frontdesk:// link"),
        ("tel:+79161234567", "not a frontdesk:// link"),
        ("frontdesk://evil.example?phone=79161234567", "must be frontdesk://open"),
        ("frontdesk://user@open?phone=79161234567", "must be frontdesk://open"),
        ("frontdesk://open:8080?phone=79161234567", "must be frontdesk://open"),
        ("frontdesk://open:x?phone=79161234567", "not a frontdesk:// link"),
        ("frontdesk:open?phone=79161234567", "must be frontdesk://open"),
        ("frontdesk://open/delete?phone=79161234567", "no path"),
        ("frontdesk://open/../x?phone=79161234567", "no path"),
        ("frontdesk://open?phone=79161234567#x", "no path or #fragment"),
        ("frontdesk://open", "one parameter"),
        ("frontdesk://open?", "one parameter"),
        ("frontdesk://open?phone", "one parameter"),
        ("frontdesk://open?phone=", "empty"),
        ("frontdesk://open?phone=%20%20", "empty"),
        ("frontdesk://open?phone=1&phone=2", "one parameter"),
        ("frontdesk://open?phone=79161234567&customer=c-1", "one parameter"),
        ("frontdesk://open?name=Ivanov", "unknown parameter"),
        ("frontdesk://open?phone=call-me", "is not a phone number"),
        ("frontdesk://open?phone=123", "is not a phone number"),
        ("frontdesk://open?phone=" + "1" * 30, "is not a phone number"),
        ("frontdesk://open?phone=" + "1" * 100, "too long"),
        ("frontdesk://open?customer=" + "a" * 65, "too long"),
        ("frontdesk://open?customer=" + "a" * 10_000, "the link is too long"),
        ("frontdesk://open?phone=7916%0A1234567", "control"),
        ("frontdesk://open?phone=7916%001234567", "control"),
        ("frontdesk://open?phone=7916\x1b[2J1234567", "control"),
        ("frontdesk://open?customer=c-1%E2%80%AEx", "control"),  # right-to-left override
        ("frontdesk://open?phone=%FF%FE", "not valid UTF-8"),
        ("frontdesk://open?customer=c-1;DROP%20TABLE", "not a customer id"),
        ("frontdesk://open?customer=..%2F..%2Fetc", "not a customer id"),
        ("", "empty"),
    ],
)
def test_hostile_or_wrong_links_are_refused_with_the_reason(url: str, reason: str) -> None:
    with pytest.raises(ScreenPopError, match=reason):
        parse_open_url(url)


def test_a_request_goes_to_its_canonical_link_and_back() -> None:
    for request in (PopRequest(phone="+44 (20) 7946-0000"), PopRequest(customer="c-1")):
        url = request.to_url()
        assert len(url) <= MAX_URL
        assert parse_open_url(url) == request


def test_a_request_is_a_phone_or_a_customer_never_both_or_neither() -> None:
    with pytest.raises(ScreenPopError, match="either"):
        PopRequest()
    with pytest.raises(ScreenPopError, match="either"):
        PopRequest(phone="+79161234567", customer="c-1")


def _open_args(*argv: str) -> argparse.Namespace:
    return cli._parser().parse_args(["open", *argv])


def test_open_takes_exactly_one_of_link_phone_customer() -> None:
    assert request_from_args(_open_args("--phone", "8 916 123 45 67")).phone == "8 916 123 45 67"
    assert request_from_args(_open_args("--customer", "100235")).customer == "100235"
    link = "frontdesk://open?customer=100235"
    assert request_from_args(_open_args(link)) == PopRequest(customer="100235")
    with pytest.raises(ScreenPopError, match="one of"):
        request_from_args(_open_args())
    with pytest.raises(ScreenPopError, match="one of"):
        request_from_args(_open_args("--phone", "79161234567", "--customer", "c-1"))


def test_a_link_as_the_sole_argument_is_the_open_command() -> None:
    link = "frontdesk://open?phone=79161234567"
    assert with_open_command([link]) == ["open", link]
    assert with_open_command(["--data-dir", "/d", link]) == ["--data-dir", "/d", "open", link]
    assert with_open_command(["http://evil.example/"]) == ["open", "http://evil.example/"]
    assert with_open_command(["lookup", link]) == ["lookup", link]
    assert with_open_command(["--data-dir", "frontdesk://x"]) == ["--data-dir", "frontdesk://x"]
    assert with_open_command([]) == []


@pytest.mark.parametrize(
    "argv",
    [
        ["open", "--phone", "not a number"],
        ["open", "frontdesk://open?phone=79161234567&x=1"],
        ["https://example.com/?phone=79161234567"],
        ["open"],
    ],
)
def test_bad_screen_pops_exit_2_with_the_reason_and_open_no_window(
    argv: list[str], tmp_path
) -> None:
    err = io.StringIO()
    status = cli.main(["--data-dir", str(tmp_path), *argv], stderr=err)
    assert status == 2
    assert err.getvalue().startswith("frontdesk open: ")
    assert not (tmp_path / "cache.sqlite3").exists()
