"""Every write kind is declared once: the protocol's union and the server's registry name
exactly the same kinds, and the wire's enumerations are the domain's."""

from __future__ import annotations

import typing

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from frontdesk.domain import service, till
from frontdesk.protocol import KINDS, PushItem, writes
from frontdesk.protocol import till as till_wire
from frontdesk.protocol.push import ITEM_MODELS, kind_of
from frontdesk.server.till.signing import JournalSigner
from frontdesk.server.write_kinds import registry


def _union_members() -> set[type]:
    union, _discriminator = typing.get_args(PushItem)
    return set(typing.get_args(union))


def test_the_registry_and_the_union_name_the_same_kinds() -> None:
    union_kinds = {kind_of(model) for model in _union_members()}
    assert union_kinds == set(KINDS) == set(registry(_signer()).kinds())
    assert _union_members() == set(ITEM_MODELS)


def _signer() -> JournalSigner:
    return JournalSigner.of(Ed25519PrivateKey.generate())


def test_each_kind_is_declared_by_one_model() -> None:
    assert len({kind_of(model) for model in ITEM_MODELS}) == len(ITEM_MODELS)


def test_the_wire_enumerations_are_the_domains() -> None:
    assert set(typing.get_args(till_wire.TenderName)) == {t.value for t in till.Tender}
    assert set(typing.get_args(till_wire.PurposeName)) == {p.value for p in till.Purpose}
    assert set(typing.get_args(till_wire.EntryKindName)) == {k.value for k in till.EntryKind}
    assert set(typing.get_args(writes.ChannelName)) == {c.value for c in service.Channel}


def test_each_till_kind_carries_its_entry_kind() -> None:
    for kind in till.EntryKind:
        model = KINDS[f"till.{kind.value}"]
        entry = model.model_fields["payload"].annotation.model_fields["entry"].annotation
        assert typing.get_args(entry.model_fields["kind"].annotation) == (kind.value,)
