"""A push item on the server: how it is read, what an applier gets, what it answers.

``read_item`` checks one raw item against the union of write kinds; ``Registry`` maps each
kind to its ``Handler`` (the registry itself is built in ``server/write_kinds.py``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pydantic
from sqlalchemy.orm import Session

from frontdesk.protocol import KINDS, PUSH_ITEM, ItemResult, PushStatus
from frontdesk.protocol.push import kind_of
from frontdesk.protocol.wire import text_problem
from frontdesk.server.models import User

#: The per-item status codes of ``ItemResult.code``.
MALFORMED, REFUSED, FORBIDDEN, CONFLICT, DEFERRED = 422, 400, 403, 409, 424
_SHOWN_KEY = 36  # a key is echoed back only as long as a UUID


class ItemRejected(Exception):
    """The item cannot take effect; the message goes back to the desk as the item's error."""

    code = REFUSED


class ItemForbidden(ItemRejected):
    """The item's author may not make this write (their role, or another branch's data)."""

    code = FORBIDDEN


class ItemDeferred(ItemRejected):
    """The item cannot take effect yet but may later (what it needs is not on the server
    yet): like a refusal it writes nothing and its key stays free, and the desk keeps it
    pending and sends it again."""

    code = DEFERRED


@dataclass(frozen=True, slots=True)
class Received:
    """An item that passed its kind's model: the typed item and its payload as it was sent
    (the request hash covers what the desk sent, not a re-serialisation of it)."""

    item: Any  # one of the item models of ``protocol.push``
    raw: dict[str, Any]

    @property
    def key(self) -> str:
        return str(self.item.key)

    @property
    def kind(self) -> str:
        return str(self.item.kind)


@dataclass(frozen=True, slots=True)
class ApplyContext:
    session: Session
    user: User  # the item's author
    device_id: str
    item: Any  # the typed item: ``ctx.item.payload`` is its kind's payload model
    raw: dict[str, Any]  # the payload exactly as the desk sent it
    now: datetime


#: What an applier says of one item: its result, or why it is rejected.
Outcome = dict[str, Any] | ItemRejected
Applier = Callable[[ApplyContext], dict[str, Any]]
BulkApplier = Callable[[Sequence[ApplyContext]], list[Outcome]]
#: Of a whole batch, the keys of a bulk kind's items to apply one by one in request order.
InOrder = Callable[[Sequence["Received"]], set[str]]


@dataclass(frozen=True, slots=True)
class Handler:
    """The applier of one kind; ``bulk`` takes all of a batch's items of the kind at once,
    but for those ``in_order`` names, which go one by one with the batch's other items."""

    apply: Applier
    bulk: BulkApplier | None = None
    in_order: InOrder | None = None


class Registry:
    """The handler of each write kind, keyed by the item model that declares the kind."""

    def __init__(self, handlers: Mapping[type[pydantic.BaseModel], Handler]) -> None:
        self._by_kind = {kind_of(model): handler for model, handler in handlers.items()}

    def kinds(self) -> frozenset[str]:
        return frozenset(self._by_kind)

    def handler(self, kind: str) -> Handler:
        return self._by_kind[kind]


def read_item(raw: Any, registry: Registry) -> Received | ItemResult:
    """``raw`` as its kind's typed item, or the 422 result that says what is wrong with it."""
    key = _key_of(raw)
    problem = _text_problem(raw)
    if problem is not None:
        return malformed(key, problem)
    kind = raw.get("kind") if isinstance(raw, dict) else None
    if isinstance(kind, str) and kind not in KINDS:
        return malformed(key, f"unknown item kind {kind[:40]!r}")
    try:
        item = PUSH_ITEM.validate_python(raw)
    except pydantic.ValidationError as error:
        return malformed(key, describe(error))
    if item.kind not in registry.kinds():
        return rejected(key, f"no applier for kind {item.kind!r} on this server")
    return Received(item, raw["payload"])


def _key_of(raw: Any) -> str:
    key = raw.get("key") if isinstance(raw, dict) else None
    return key if isinstance(key, str) and len(key) <= _SHOWN_KEY else ""


def _text_problem(raw: Any) -> str | None:
    if _plainly_storable(raw):
        return None
    for path, text in _texts(raw, ()):
        problem = text_problem(text)
        if problem is not None:
            return f"{'.'.join(path) or 'item'}: {problem}"
    return None


def _plainly_storable(raw: Any) -> bool:
    """True when no string of ``raw`` (keys included) can hold what ``text_problem`` refuses:
    one pass of the C encoder over the item instead of a walk of its every string. It writes
    NUL as an escape and keeps a lone surrogate, which then fails to encode; anything it
    flags, or cannot encode, is walked string by string to name the field."""
    try:
        encoded = json.dumps(raw, ensure_ascii=False)
        encoded.encode("utf-8")
    except (TypeError, ValueError):  # UnicodeEncodeError is a ValueError
        return False
    return "\\u0000" not in encoded


def _texts(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Every string in a JSON value, keys included, with where it is."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for name, inner in value.items():
            yield path, name
            yield from _texts(inner, (*path, name))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            yield from _texts(inner, (*path, str(n)))


def describe(error: pydantic.ValidationError) -> str:
    """The problems of an item, each with the field it is in (the kind's tag left out)."""
    problems = [f"{_where(e['loc'])}: {e['msg']}" for e in error.errors(include_url=False)]
    return "invalid item: " + "; ".join(problems[:5])


def _where(loc: tuple[Any, ...]) -> str:
    # A discriminated union puts the kind's tag first: "till.payment.payload.entry..."
    parts = [str(p) for p in loc]
    if parts and "." in parts[0]:
        parts = parts[1:]
    # A union of plain types names the member tried ("function-after[...]", "list[str]").
    parts = [p for p in parts if "[" not in p]
    return ".".join(parts) or "item"


def request_hash(kind: str, payload: dict[str, Any]) -> str:
    """What makes two pushes of one key "the same": kind and payload, canonically encoded."""
    body = json.dumps({"kind": kind, "payload": payload}, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def applied(key: str, result: dict[str, Any], *, replayed: bool = False) -> ItemResult:
    return ItemResult(key=key, status=PushStatus.APPLIED, result=result, replayed=replayed)


def rejected(key: str, detail: str, *, code: int = REFUSED) -> ItemResult:
    return ItemResult(key=key, status=PushStatus.REJECTED, detail=detail, code=code)


def deferred(key: str, detail: str) -> ItemResult:
    return ItemResult(key=key, status=PushStatus.DEFERRED, detail=detail, code=DEFERRED)


def malformed(key: str, detail: str) -> ItemResult:
    return rejected(key, detail, code=MALFORMED)


def conflict(key: str, detail: str) -> ItemResult:
    return ItemResult(key=key, status=PushStatus.CONFLICT, detail=detail, code=CONFLICT)
