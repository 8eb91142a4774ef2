"""Till entries applied a batch at a time, with the same effect, row for row, as one by one.

Most of what a till pushes is shift opens, basket payments and shift closes; each of those
depends on the entries before it only through its register's chain and the receipts and
stock those used, which this module follows in memory. So a batch's entries of those kinds
take a handful of statements in all: one locking read of the registers' heads, one raise of
the signature counter, one read of the receipts, products, customers and stock rows the
batch names, one raise of the change counter, then multi-row inserts and updates
(``server.till.bulk_sales``). The rules, the refusals and their wording, the signatures,
the counters and the change numbers are those of ``server.till.journal``: a test applies
each batch both ways and compares every row.

What reads rows another entry changes goes one by one, in request order, before the bulk
(``entries_in_order``): a refund or void (the payment's row and lines are locked and their
counters raised, so two refunds of one line, in one batch or in two, meet on those rows), a
payment or close with an approval (approvals are redeemed and recorded one at a time), and
a payment that a refund of the batch names. Since those go first, every entry of their
register before them goes with them, in journal order: a register's bulk entries are always
the tail of its entries in the batch.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from frontdesk.domain.till import JournalEntry, canonical
from frontdesk.protocol.till import TillEntry
from frontdesk.server.push_items import ApplyContext, ItemRejected, Outcome, Received
from frontdesk.server.till import bulk_sales
from frontdesk.server.till.access import check_till_user, checked_register
from frontdesk.server.till.bulk_sales import Linked
from frontdesk.server.till.journal import check_link
from frontdesk.server.till.models import TillJournalEntry, TillRegister
from frontdesk.server.till.signing import (
    JournalSigner,
    entry_message,
    head_message,
    next_counters,
    record_key,
)


def entries_in_order(items: Sequence[Received]) -> set[str]:
    """The keys of the batch's till items that go one by one (see the module's text)."""
    till = [item for item in items if item.kind.startswith("till.")]
    linked = {_entry(item).body.links_to for item in till if _entry(item).kind in _LINKING}
    by_register: dict[str, list[Received]] = {}
    for item in till:
        by_register.setdefault(_entry(item).register_code, []).append(item)
    keys: set[str] = set()
    for group in by_register.values():
        alone = [n for n, item in enumerate(group) if item.key in linked or not _bulky(item)]
        keys |= {item.key for item in group[: max(alone, default=-1) + 1]}
    return keys


_LINKING = frozenset({"refund", "void"})


def _entry(item: Received) -> TillEntry:
    return item.item.payload.entry  # type: ignore[no-any-return]


def _bulky(item: Received) -> bool:
    entry = _entry(item)
    if entry.kind == "shift_open":
        return True
    if entry.kind == "shift_close":
        return entry.body.override is None
    return entry.kind == "payment" and entry.body.approval is None


def apply_till_entries(contexts: Sequence[ApplyContext], *, signer: JournalSigner) -> list[Outcome]:
    """Link, sign and apply each entry (all of bulky kinds, see ``entries_in_order``)."""
    if not contexts:
        return []
    session = contexts[0].session
    outcomes: list[Outcome | None] = [None] * len(contexts)
    parsed: dict[int, tuple[JournalEntry, TillEntry]] = {}
    for n, ctx in enumerate(contexts):
        try:
            parsed[n] = _parsed(ctx)
        except ItemRejected as error:
            outcomes[n] = error
    heads = _locked_heads(session, {entry.register for entry, _ in parsed.values()})
    linked: list[tuple[int, Linked]] = []
    for n, (entry, typed) in parsed.items():
        try:
            linked.append((n, _linked(contexts[n], entry, typed, heads)))
        except ItemRejected as error:
            outcomes[n] = error
    effects = bulk_sales.apply_effects(session, [link for _, link in linked])
    _store(session, [link for _, link in linked], signer)
    for (n, link), effect in zip(linked, effects, strict=True):
        entry = link.entry
        outcomes[n] = {"register": entry.register, "seq": entry.seq, "hash": entry.hash, **effect}
    assert all(outcome is not None for outcome in outcomes)
    return outcomes  # type: ignore[return-value]


def _parsed(ctx: ApplyContext) -> tuple[JournalEntry, TillEntry]:
    check_till_user(ctx.user)
    entry = JournalEntry.from_wire(ctx.raw["entry"])  # hashed exactly as the desk sent it
    if entry.key != ctx.item.key:
        raise ItemRejected("entry.key: must be the item's key")
    return entry, ctx.item.payload.entry


def _locked_heads(session: Session, registers: set[str]) -> dict[str, TillRegister]:
    if not registers:
        return {}
    query = (
        select(TillRegister)
        .where(TillRegister.register.in_(sorted(registers)))
        .order_by(TillRegister.register)
        .with_for_update()
    )
    return {head.register: head for head in session.scalars(query)}


def _linked(
    ctx: ApplyContext, entry: JournalEntry, typed: TillEntry, heads: dict[str, TillRegister]
) -> Linked:
    """Check the entry extends its register's head as it stands after the entries before
    it; move the head on in memory (signed and written by ``_store``)."""
    head = heads.get(entry.register)
    bound = head.device_id if head is not None else None
    head = checked_register(head, entry.register, user=ctx.user, device_id=ctx.device_id)
    try:
        check_link(entry, head)
    except ItemRejected:
        head.device_id = bound  # a refused entry binds nothing
        raise
    head.head_seq, head.head_hash, head.updated_at = entry.seq, entry.hash, ctx.now
    return Linked(ctx, entry, typed, head)


def _store(session: Session, linked: list[Linked], signer: JournalSigner) -> None:
    """The entries with their signatures, under consecutive counters in request order, and
    each register's head signed where the batch leaves it."""
    if not linked:
        return
    first = next_counters(session, len(linked))
    now = linked[0].ctx.now
    record_key(session, signer, now)
    rows, last = [], {}
    for counter, link in enumerate(linked, start=first):
        entry = link.entry
        signed = {"register": entry.register, "seq": entry.seq, "entry_hash": entry.hash,
                  "counter": counter, "key_id": signer.key_id}  # fmt: skip
        rows.append(_journal_row(link, signed, signer))
        last[entry.register] = (link.head, signed)
    bulk_sales.insert_rows(session, TillJournalEntry, rows)
    for head, signed in last.values():
        head.head_counter, head.head_key_id = signed["counter"], signer.key_id
        head.head_signature = signer.sign(head_message(**signed))
    session.flush()


def _journal_row(link: Linked, signed: dict, signer: JournalSigner) -> dict:
    entry, now = link.entry, link.ctx.now
    return {
        "register": entry.register, "seq": entry.seq, "key": entry.key, "kind": entry.kind,
        "content": canonical(entry.content()), "prev_hash": entry.prev_hash,
        "hash": entry.hash, "received_at": now, "sig_counter": signed["counter"],
        "signature": signer.sign(entry_message(**signed, received_at=now)),
        "key_id": signer.key_id, "change_seq": link.change_seq,
    }  # fmt: skip
