"""The push's text check at the door: the one-pass encoder check lets through only what the
walk of every string would, and what it flags is named by the walk."""

from __future__ import annotations

import pytest

from frontdesk.protocol import ItemResult
from frontdesk.server.push_items import Registry, read_item


def _item(payload: dict) -> dict:
    return {"key": "k1", "kind": "no.such.kind", "seq": 1, "payload": payload}


REFUSED = {
    "NUL deep in a list": (
        {"entry": {"body": {"lines": [{"sku": "A"}, {"description": "mug\x00"}]}}},
        "payload.entry.body.lines.1.description: must not contain NUL characters",
    ),
    "NUL in a key": ({"notes\x00": "x"}, "payload: must not contain NUL characters"),
    "a lone surrogate": (
        {"reason": "chipped \ud800"},
        "payload.reason: must not contain lone surrogates (not valid Unicode)",
    ),
    "a lone surrogate in a key": (
        {"\udfff": 1},
        "payload: must not contain lone surrogates (not valid Unicode)",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_string_that_cannot_be_stored_is_named(name: str) -> None:
    payload, detail = REFUSED[name]
    result = read_item(_item(payload), Registry({}))
    assert isinstance(result, ItemResult)
    assert (result.code, result.detail) == (422, detail)


def test_text_that_only_looks_like_an_escaped_nul_passes_the_check() -> None:
    # A backslash, "u" and four zeros: the encoder writes "\\u0000"; the walk finds it fine.
    result = read_item(_item({"note": "C:\\u0000", "ok": ["ünïcødé", "Москва"]}), Registry({}))
    assert isinstance(result, ItemResult)
    assert result.detail == "unknown item kind 'no.such.kind'"
