"""Plain http goes only to this machine's loopback, judged by the address as written."""

from __future__ import annotations

import pytest

from frontdesk.services.transport import PlainHttpRefused, refuse_plain_http


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8765",
        "http://LOCALHOST",
        "http://127.0.0.1:8765",
        "http://127.8.9.10",
        "http://[::1]:8765",
        "https://hq.example:8765",
        "https://203.0.113.5",
    ],
)
def test_loopback_and_https_addresses_pass(url: str) -> None:
    refuse_plain_http(url, allowed=False)


@pytest.mark.parametrize(
    "url",
    [
        "http://203.0.113.5:8765",
        "http://vm:18765",  # a name of this machine: judged as written, not looked up
        "http://localhost.example:8765",
        "http://127.0.0.1.example",
        "http://[::ffff:7f00:1]:8765",
        "http://0.0.0.0:8765",
    ],
)
def test_plain_http_off_loopback_is_refused_naming_the_setting(url: str) -> None:
    with pytest.raises(PlainHttpRefused, match="FRONTDESK_ALLOW_PLAIN_HTTP=1"):
        refuse_plain_http(url, allowed=False)

    refuse_plain_http(url, allowed=True)
