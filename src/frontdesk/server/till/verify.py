"""``verify-journal``: every register's chain, the server's signatures, and the money rows.

One streamed pass per register (``VERIFY_BATCH`` rows at a time) checks, entry by entry:
the hash chain (``domain.till.verify_chain``); the server's signature of the entry under
the key it names (public keys from ``signing_keys``); that signature counters rise along
the seq; that no unsigned entry follows a signed one (entries stored before signing come
first, and are counted, not faulted); and that a payment, refund or void entry has its
``till_payments``/``till_refunds`` row with the same amount, currency, receipt, register,
kind and link. Then the register's head: the same seq, hash and counter as the last entry,
under a valid head signature. Set-based queries find the rest: money rows with no entry,
counters or signatures seen twice (a replayed signature), and counters missing from 1..N
(the counter is gapless, so a deleted signed entry leaves a hole even if its register's
head was put back to an earlier, once valid, signature).

Why the head is signed, and with the last entry's counter: deleting a register's last entry
and moving the head back to the one before leaves a perfectly good chain. The head row's
signature covers (register, seq, hash, counter) of the entry it points at; moving it back
needs a signature the server never made for that row at that time (it fails), or one saved
from when that entry was the head, and then the deleted entry's counter is missing from the
gapless sequence. Only rolling the whole database back to a copy, counter row included,
stays consistent: ``verify-journal`` prints the counter so the back office can record it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from frontdesk.domain.money import Money
from frontdesk.domain.till import StoredLink, verify_chain
from frontdesk.server.till.models import (
    SignatureCounter,
    SigningKey,
    TillFeedRow,
    TillJournalEntry,
    TillPayment,
    TillRefund,
    TillRegister,
)
from frontdesk.server.till.signing import PublicKeys, entry_message, head_message, key_id_of

VERIFY_BATCH = 20_000
MONEY_KINDS = frozenset({"payment", "refund", "void"})

_J, _P, _R = TillJournalEntry, TillPayment, TillRefund
_LINKED = aliased(TillPayment)


@dataclass
class JournalReport:
    """What ``verify-journal`` found in one register; ``notes`` are facts, not problems."""

    register: str
    checked: int = 0
    unsigned: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Verification:
    reports: list[JournalReport]
    counter: int  # the signature counter's value now
    key_ids: list[str]
    problems: list[str]  # of no one register (the recorded keys)

    @property
    def ok(self) -> bool:
        return not self.problems and all(report.ok for report in self.reports)


def verify_journals(
    factory: Any,
    register: str | None = None,
    *,
    signatures: bool = True,
    trusted: Iterable[str] = (),
) -> Verification:
    """Every register's report (or ``register``'s; an unknown one is a ValueError).

    ``trusted``: the public keys (hex, as ``signing-key show`` prints them) the back office
    keeps away from the server. Given, a key recorded in the database but not among them
    counts as unknown: whoever can write the database could record a key of their own and
    sign a rewritten journal with it, but cannot make it one of these.
    ``signatures=False`` skips the Ed25519 checks only (the benchmark's baseline).
    """
    with factory() as session:
        names = registers(session)
        if register is not None:
            if register not in names:
                raise ValueError(f"no till register {register!r} on this server")
            names = [register]
        keys, key_problems = public_keys(session)
        if trusted:
            keys, untrusted = _only_trusted(keys, {t.strip().lower() for t in trusted})
            key_problems.extend(untrusted)
        reports = {name: verify_register(session, name, keys, signatures=signatures)
                   for name in names}  # fmt: skip
        for name, problem in _global_problems(session, keys):
            # Counters are server-wide: a gap may be named after another register's entry,
            # and still be this register's missing one. Never dropped.
            (reports[name].problems if name in reports else key_problems).append(problem)
        counter = session.scalar(select(SignatureCounter.value)) or 0
        return Verification(list(reports.values()), counter, sorted(keys.by_id), key_problems)


def registers(session: Session) -> list[str]:
    found: set[str] = set()
    for column in (TillRegister.register, _J.register, _P.register, _R.register):
        found.update(session.scalars(select(column).distinct()))
    return sorted(found)


def public_keys(session: Session) -> tuple[PublicKeys, list[str]]:
    """The recorded keys whose id matches their public key, and a problem for each other."""
    good: dict[str, str] = {}
    problems: list[str] = []
    for row in session.scalars(select(SigningKey)):
        try:
            matches = key_id_of(bytes.fromhex(row.public_key)) == row.key_id
        except ValueError:
            matches = False
        if matches:
            good[row.key_id] = row.public_key
        else:
            problems.append(f"signing key {row.key_id}: its recorded public key was changed")
    return PublicKeys(good), problems


def _only_trusted(keys: PublicKeys, trusted: set[str]) -> tuple[PublicKeys, list[str]]:
    kept = {key_id: public for key_id, public in keys.by_id.items() if public in trusted}
    problems = [
        f"signing key {key_id}: recorded on the server but not one of the trusted keys"
        for key_id in sorted(set(keys.by_id) - set(kept))
    ]
    return PublicKeys(kept), problems


def verify_register(
    session: Session, register: str, keys: PublicKeys, *, signatures: bool = True
) -> JournalReport:
    """One streamed pass over ``register``'s journal, then its head and stray money rows."""
    head = session.get(TillRegister, register)
    walk = _Walk(register, keys, signatures=signatures)
    chain = verify_chain(
        register,
        walk.links(session.execute(_entries(register))),
        head=(head.head_seq, head.head_hash) if head else None,
    )
    report = JournalReport(register, chain.checked, walk.unsigned, chain.problems)
    report.problems.extend(walk.problems)
    report.problems.extend(walk.head_problems(head))
    report.problems.extend(_stray_rows(session, register))
    report.notes.extend(walk.notes())
    return report


def _entries(register: str) -> Any:
    return (
        select(
            _J.register, _J.seq, _J.key, _J.content, _J.prev_hash, _J.hash, _J.received_at,
            _J.sig_counter, _J.signature, _J.key_id,
            _P.id.label("p_id"), _P.register.label("p_register"),
            _P.receipt_no.label("p_receipt"), _P.currency.label("p_currency"),
            _P.amount_minor.label("p_amount"),
            _R.id.label("r_id"), _R.kind.label("r_kind"), _R.register.label("r_register"),
            _R.receipt_no.label("r_receipt"), _R.amount_minor.label("r_amount"),
            _R.payment_id.label("r_links_to"), _LINKED.currency.label("r_currency"),
            TillFeedRow.declined_reason.label("declined"),
        )
        .outerjoin(_P, _P.id == _J.key)
        .outerjoin(_R, _R.id == _J.key)
        .outerjoin(_LINKED, _LINKED.id == _R.payment_id)
        .outerjoin(TillFeedRow, TillFeedRow.id == _J.key)
        .where(_J.register == register)
        .order_by(_J.seq)
        .execution_options(yield_per=VERIFY_BATCH)
    )  # fmt: skip


class _Walk:
    """The checks beside the chain's, made on each row as the chain walk takes it."""

    def __init__(self, register: str, keys: PublicKeys, *, signatures: bool) -> None:
        self.register, self.keys, self.signatures = register, keys, signatures
        self.problems: list[str] = []
        self.unsigned, self.first_unsigned, self.last_unsigned = 0, 0, 0
        self.last: Any = None  # the last row walked
        self.last_signed: Any = None

    def links(self, rows: Iterable[Any]) -> Iterator[StoredLink]:
        for row in rows:
            self._signature(row)
            self.problems.extend(money_row_problems(self.register, row))
            self.last = row
            yield StoredLink(row.seq, row.content, row.prev_hash, row.hash)

    def _signature(self, row: Any) -> None:
        where = f"{self.register} entry {row.seq}"
        if row.signature is None:
            self._unsigned(row, where)
            return
        previous, self.last_signed = self.last_signed, row
        if previous is not None and row.sig_counter <= previous.sig_counter:
            self.problems.append(
                f"{where}: signature counter {row.sig_counter} is not after entry "
                f"{previous.seq}'s ({previous.sig_counter})"
            )
        if not self.keys.known(row.key_id):
            self.problems.append(f"{where}: signed by an unknown key {row.key_id!r}")
        elif self.signatures and not self.keys.verifies(row.key_id, row.signature, _message(row)):
            self.problems.append(
                f"{where}: the server's signature does not verify (the entry was changed "
                "after it was signed, or the signature is another entry's)"
            )

    def _unsigned(self, row: Any, where: str) -> None:
        if self.last_signed is not None:
            self.problems.append(
                f"{where}: unsigned after signed entry {self.last_signed.seq} "
                "(its signature was removed, or it was added behind the server's back)"
            )
            return
        self.unsigned += 1
        self.first_unsigned = self.first_unsigned or row.seq
        self.last_unsigned = row.seq

    def head_problems(self, head: TillRegister | None) -> Iterator[str]:
        last = self.last
        if head is None or last is None:
            return
        where = f"{self.register} head (entry {head.head_seq})"
        if last.seq > head.head_seq:
            yield f"{self.register} entry {last.seq}: after the register's head ({where})"
        if self.last_signed is None and head.head_signature is None:
            return  # a register not pushed to since signing began
        if head.head_signature is None or not self.keys.known(head.head_key_id):
            yield f"{where}: not signed by the server (the head was rewritten)"
            return
        if self.signatures and not self.keys.verifies(
            head.head_key_id, head.head_signature, _head_message(head)
        ):
            yield f"{where}: the server's head signature does not verify (the head was moved)"
        if last.signature is not None and head.head_counter != last.sig_counter:
            yield (
                f"{where}: its counter {head.head_counter} is not the last entry's "
                f"({self.register} entry {last.seq}, counter {last.sig_counter})"
            )

    def notes(self) -> list[str]:
        if not self.unsigned:
            return []
        first, last = self.first_unsigned, self.last_unsigned
        which = f"entry {first}" if first == last else f"entries {first}-{last}"
        return [f"{self.register} {which}: unsigned (before signing)"]


def _message(row: Any) -> bytes:
    return entry_message(
        register=row.register, seq=row.seq, entry_hash=row.hash, counter=row.sig_counter,
        received_at=row.received_at, key_id=row.key_id,
    )  # fmt: skip


def _head_message(head: TillRegister) -> bytes:
    return head_message(
        register=head.register, seq=head.head_seq, entry_hash=head.head_hash,
        counter=head.head_counter or 0, key_id=head.head_key_id or "",
    )  # fmt: skip


def _content(row: Any) -> dict[str, Any] | None:
    try:
        content = json.loads(row.content)
    except ValueError:
        return None
    return content if isinstance(content, dict) else None


# --- the money rows against their entries ---------------------------------------------------


def money_row_problems(register: str, row: Any) -> list[str]:
    """What differs between a payment, refund or void entry and its row (none if it has
    no money, or its content no longer parses: the chain check names that)."""
    content = _content(row)
    if content is None or content.get("kind") not in MONEY_KINDS:
        return []
    try:
        expected = _expected(content)
    except (ValueError, TypeError, KeyError, ArithmeticError):
        return []
    where, kind = f"{register} entry {row.seq}", content["kind"]
    name = "payment" if kind == "payment" else "refund"
    found = _found(row, payment=kind == "payment")
    if found is None:
        return [] if _declined_as_used(row) else [f"{where}: its {kind} has no {name} row"]
    wrong = [f"{column} {found[column]!r} (the entry says {value!r})"
             for column, value in expected.items() if found[column] != value]  # fmt: skip
    return [f"{where}: its {name} row differs: {', '.join(wrong)}"] if wrong else []


def _expected(content: dict[str, Any]) -> dict[str, Any]:
    body, kind = content["body"], content["kind"]
    amount = Money.of(body["amount"], body["currency"])
    expected = {
        "register": content["register"], "receipt": body["receipt"],
        "currency": amount.currency.code, "amount_minor": amount.minor,
    }  # fmt: skip
    if kind != "payment":
        expected |= {"kind": kind, "links_to": body.get("links_to")}
    return expected


def _found(row: Any, *, payment: bool) -> dict[str, Any] | None:
    if payment:
        if row.p_id is None:
            return None
        return {"register": row.p_register, "receipt": row.p_receipt,
                "currency": row.p_currency, "amount_minor": row.p_amount}  # fmt: skip
    if row.r_id is None:
        return None
    return {
        "register": row.r_register, "receipt": row.r_receipt, "currency": row.r_currency,
        "amount_minor": row.r_amount, "kind": row.r_kind, "links_to": row.r_links_to,
    }  # fmt: skip


def _declined_as_used(row: Any) -> bool:
    """An entry under a receipt number used before has no row of its own, by design."""
    reason = row.declined or ""
    return reason.startswith("receipt ") and reason.endswith(" is already used")


def _stray_rows(session: Session, register: str) -> Iterator[str]:
    """Payment and refund rows of ``register`` with no journal entry at all."""
    for table, name in ((_P, "payment"), (_R, "refund")):
        query = (
            select(table.id, table.receipt_no)
            .outerjoin(_J, _J.key == table.id)
            .where(table.register == register, _J.key.is_(None))
        )
        for row_id, receipt in session.execute(query):
            yield f"{register} {name} row {row_id} (receipt {receipt}): no journal entry"


# --- across registers: counters and signatures seen twice, counters missing ---------------


def _global_problems(session: Session, keys: PublicKeys) -> Iterator[tuple[str, str]]:
    yield from _twice(session, keys, _J.sig_counter, "signature counter")
    yield from _twice(session, keys, _J.signature, "signature")
    yield from _missing_counters(session)


def _twice(session: Session, keys: PublicKeys, column: Any, what: str) -> Iterator[tuple[str, str]]:
    """Entries sharing a counter or a signature: each copy (the one whose own signature does
    not verify) is named as a replay of the one it came from."""
    shared = select(column).where(column.is_not(None)).group_by(column).having(func.count() > 1)
    for (value,) in session.execute(shared):
        rows = list(session.execute(
            select(_J.register, _J.seq, _J.content, _J.hash, _J.received_at, _J.sig_counter,
                   _J.signature, _J.key_id)
            .where(column == value).order_by(_J.received_at, _J.register, _J.seq)
        ))  # fmt: skip
        genuine = [r for r in rows if keys.known(r.key_id)
                   and keys.verifies(r.key_id, r.signature, _message(r))]  # fmt: skip
        source = genuine[0] if genuine else rows[0]
        for row in rows:
            if row is not source:
                yield (
                    row.register,
                    (
                        f"{row.register} entry {row.seq}: replayed signature ({what} "
                        f"{_short(value)} is also {source.register} entry {source.seq}'s)"
                    ),
                )


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 20 else f"{text[:16]}…"


def _missing_counters(session: Session) -> Iterator[tuple[str, str]]:
    """Counters of 1..N (N: the counter row) that no entry carries; only walked when the
    count, the bounds and N do not already show there is none missing."""
    top = session.scalar(select(SignatureCounter.value)) or 0
    count, low, high = session.execute(
        select(func.count(func.distinct(_J.sig_counter)), func.min(_J.sig_counter),
               func.max(_J.sig_counter))
    ).one()  # fmt: skip
    if count == top and (top == 0 or (low == 1 and high == top)):
        return
    query = (
        select(_J.sig_counter, _J.register, _J.seq)
        .where(_J.sig_counter.is_not(None))
        .order_by(_J.sig_counter)
        .execution_options(yield_per=VERIFY_BATCH)
    )
    expected, before = 1, None
    for counter, register, seq in session.execute(query):
        if counter > expected:
            after = f" after {before[0]} entry {before[1]}" if before else ""
            yield (
                register,
                (
                    f"{register} entry {seq}: signature counter(s) {_span(expected, counter - 1)} "
                    f"missing before it{after} (a signed entry was deleted)"
                ),
            )
        expected, before = max(expected, counter + 1), (register, seq)
    if before is None:
        yield ("", f"signature counter(s) {_span(1, top)} missing: the server signed that many "
                   "entries and none of them is left (signed entries were deleted)")  # fmt: skip
    elif expected <= top:
        yield (
            before[0],
            (
                f"{before[0]} entry {before[1]}: signature counter(s) {_span(expected, top)} "
                "missing after it, the last signed (the latest signed entry was deleted)"
            ),
        )


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"
