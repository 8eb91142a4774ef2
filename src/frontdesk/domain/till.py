"""The branch till: tenders, change, over/short, receipt numbers and the journal's hash chain.

Money rules (see ``domain.money``): amounts are ``Money`` (Decimal + currency). A typed
amount must already be exact to the currency's minor unit; anything derived (a line of a
split tender, a denomination count) is rounded half-up to the minor unit *per line*, and a
receipt's total is always the sum of its lines, never rounded again.

The journal: every till event (shift open, payment, refund, void, shift close) is an entry
``{register, seq, kind, key, at, body}``. Its hash is SHA-256 over the previous entry's hash
and the entry's canonical JSON; the first entry links to ``genesis_hash(register)``. Editing,
deleting, reordering or cutting off entries breaks the chain at the first entry concerned,
and ``verify_chain`` names it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from frontdesk.domain.discounts import DEFAULT_DISCOUNT_LIMIT
from frontdesk.domain.errors import MoneyError, ValidationError
from frontdesk.domain.money import Currency, Money, parse_decimal

#: Above this an amount needs a supervisor (configurable per till; see ``TillRules``).
DEFAULT_LIMIT = Decimal("10000")
RECEIPT_DIGITS = 8


class Tender(StrEnum):
    CASH = "cash"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"


class EntryKind(StrEnum):
    SHIFT_OPEN = "shift_open"
    PAYMENT = "payment"
    REFUND = "refund"
    VOID = "void"
    SHIFT_CLOSE = "shift_close"


class Purpose(StrEnum):
    PURCHASE = "purchase"
    ACCOUNT = "account"


class TillInputError(ValidationError):
    """A value typed at the till that cannot be recorded; ``field`` names the field."""


@dataclass(frozen=True, slots=True)
class TillRules:
    """What a till accepts: its currencies (the first is the shift's), the amount limit, and
    the discount (percent of a sale) a cashier may give without a supervisor."""

    currencies: tuple[str, ...] = ("GBP",)
    limit: Decimal = DEFAULT_LIMIT
    discount_limit: Decimal = DEFAULT_DISCOUNT_LIMIT

    @property
    def base(self) -> Currency:
        return Currency.of(self.currencies[0])

    def currency(self, code: str, *, field: str = "currency") -> Currency:
        try:
            currency = Currency.of(code)
        except MoneyError as error:
            raise TillInputError(
                field, str(error), code="currency_unknown", currency=repr(code)
            ) from None
        if currency.code not in self.currencies:
            allowed = ", ".join(self.currencies)
            raise TillInputError(
                field, f"{currency.code} is not accepted here (only {allowed})",
                code="currency_not_accepted", currency=currency.code, allowed=allowed,
            )  # fmt: skip
        return currency


def parse_amount(
    text: object, currency: Currency, *, field: str, rules: TillRules, allow_zero: bool = False
) -> Money:
    """A positive amount typed at the till, exact to the minor unit and within the limit."""
    try:
        number = parse_decimal(text, what=field)
    except MoneyError as error:
        raise TillInputError(
            field, _plain(str(error), field), code=error.code, **error.params
        ) from None
    # The limit is checked before making Money: 1e309 never reaches quantize.
    _check_number(number, text, currency, field=field, rules=rules, allow_zero=allow_zero)
    try:
        return Money(number, currency)
    except MoneyError:
        places = currency.minor_units
        raise TillInputError(
            field, f"{currency.code} takes at most {places} decimal places, got {text!r}",
            code="too_many_places", currency=currency.code, places=places, value=repr(text),
        ) from None  # fmt: skip


def check_amount(money: Money, rules: TillRules, *, field: str, allow_zero: bool = False) -> Money:
    """``money`` if the till takes it: an accepted currency, positive, within the limit."""
    rules.currency(money.currency.code)
    text = str(money.amount)
    _check_number(
        money.amount, text, money.currency, field=field, rules=rules, allow_zero=allow_zero
    )
    return money


def _check_number(
    number: Decimal, text: object, currency: Currency, *, field: str, rules: TillRules,
    allow_zero: bool,
) -> None:  # fmt: skip
    if number < 0 or (number == 0 and not allow_zero):
        raise TillInputError(
            field, f"must be more than zero, got {text!r}", code="not_positive", value=repr(text)
        )
    if number > rules.limit:
        raise TillInputError(
            field, f"over the limit of {rules.limit} {currency.code}", code="over_limit",
            limit=f"{rules.limit} {currency.code}",
        )  # fmt: skip


def _plain(message: str, field: str) -> str:
    return message.removeprefix(f"{field} ").strip()


@dataclass(frozen=True, slots=True)
class TenderLine:
    tender: Tender
    amount: Money


@dataclass(frozen=True, slots=True)
class Settlement:
    """A payment of ``due`` by one or more tenders; only cash can be over, giving change."""

    due: Money
    lines: tuple[TenderLine, ...]
    change: Money

    @property
    def tendered(self) -> Money:
        return sum_money((line.amount for line in self.lines), self.due.currency)


def settle(due: Money, lines: Iterable[TenderLine]) -> Settlement:
    """Check the tenders cover ``due`` exactly, or over by cash only; work out the change."""
    lines = tuple(lines)
    if not lines:
        raise TillInputError("tender", "give at least one tender", code="no_tender")
    tendered = sum_money((line.amount for line in lines), due.currency)
    cash = sum_money((ln.amount for ln in lines if ln.tender is Tender.CASH), due.currency)
    if tendered < due:
        raise TillInputError(
            "tender", f"{tendered} does not cover {due}", code="not_covered", tendered=tendered,
            due=due,
        )  # fmt: skip
    change = tendered - due
    if change > cash:
        raise TillInputError(
            "tender", "only cash can be more than the amount due", code="only_cash_over"
        )
    return Settlement(due=due, lines=lines, change=change)


def sum_money(amounts: Iterable[Money], currency: Currency) -> Money:
    total = Money.zero(currency)
    for amount in amounts:
        total = total + amount
    return total


def count_cash(counted: Mapping[str, int], currency: Currency) -> Money:
    """The cash in a drawer from ``{denomination: pieces}`` (``{"20": 3, "0.05": 7}``)."""
    total = Money.zero(currency)
    for denomination, pieces in counted.items():
        value = parse_amount(
            denomination, currency, field=f"denomination {denomination}", rules=_UNBOUNDED
        )
        if isinstance(pieces, bool) or not isinstance(pieces, int) or pieces < 0:
            raise TillInputError(f"count of {denomination}", f"must be a whole number, {pieces!r}")
        total = total + value.times(pieces)
    return total


@dataclass(frozen=True, slots=True)
class CashCount:
    """A drawer counted: the pieces of each note and coin, named as the till labels them
    (``"0.50"``), which is how the closing entry records them. Checked when made."""

    currency: Currency
    pieces: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        count_cash(self.denominations, self.currency)

    @classmethod
    def of(cls, counted: Mapping[str, int], currency: Currency) -> CashCount:
        return cls(currency, tuple(counted.items()))

    @property
    def denominations(self) -> dict[str, int]:
        return dict(self.pieces)

    @property
    def total(self) -> Money:
        return count_cash(self.denominations, self.currency)


_UNBOUNDED = TillRules(currencies=(), limit=Decimal("1e12"))


def receipt_number(register: str, seq: int) -> str:
    """``SHOP1-00000042``: the register code and its gapless receipt sequence."""
    return f"{register}-{seq:0{RECEIPT_DIGITS}d}"


def receipt_register(number: str) -> str:
    """The register a receipt number (``SHOP1-00000042``) was issued by."""
    register, dash, seq = number.strip().upper().rpartition("-")
    if not dash or len(seq) != RECEIPT_DIGITS or not seq.isdigit() or not register:
        raise TillInputError(
            "receipt", f"{number.strip()!r} is not a receipt number (like SHOP1-00000042)"
        )
    return check_register(register)


def check_register(code: str) -> str:
    code = code.strip().upper()
    if not code or len(code) > 20 or not all(c.isalnum() or c in "-_" for c in code):
        raise TillInputError("register", f"use 1-20 letters, digits, - or _, got {code!r}")
    return code


# --- the journal ---------------------------------------------------------------------------


def genesis_hash(register: str) -> str:
    """What the first entry of ``register`` links to."""
    return hashlib.sha256(f"frontdesk-journal:{register}".encode()).hexdigest()


def canonical(entry: dict[str, Any]) -> str:
    """The entry as the hash sees it: sorted keys, no spaces, UTF-8."""
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def chain_hash(prev_hash: str, canonical_entry: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical_entry}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One link of a register's chain, as stored on the desk and on the server."""

    register: str
    seq: int
    kind: str
    key: str
    at: str
    body: dict[str, Any]
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        return {
            "register": self.register,
            "seq": self.seq,
            "kind": self.kind,
            "key": self.key,
            "at": self.at,
            "body": self.body,
        }

    def as_wire(self) -> dict[str, Any]:
        return {**self.content(), "prev_hash": self.prev_hash, "hash": self.hash}

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> JournalEntry:
        names = ("register", "seq", "kind", "key", "at", "body", "prev_hash", "hash")
        missing = [name for name in names if name not in data]
        if missing:
            raise ValidationError("entry", f"missing {', '.join(missing)}")
        return cls(**{name: data[name] for name in names})


def next_entry(
    *, register: str, head: tuple[int, str] | None, kind: str, key: str, at: str, body: dict
) -> JournalEntry:
    """The entry after ``head`` (its seq and hash; None for the first entry)."""
    seq, prev = (head[0] + 1, head[1]) if head else (1, genesis_hash(register))
    content = {"register": register, "seq": seq, "kind": kind, "key": key, "at": at, "body": body}
    return JournalEntry(**content, prev_hash=prev, hash=chain_hash(prev, canonical(content)))


@dataclass(frozen=True, slots=True)
class StoredLink:
    """A stored entry for verification: its seq, canonical content and the stored hashes."""

    seq: int
    canonical: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class ChainReport:
    register: str
    checked: int
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(
    register: str, links: Iterable[StoredLink], *, head: tuple[int, str] | None = None
) -> ChainReport:
    """Walk ``links`` in seq order and name every entry that breaks the chain.

    ``head`` is the last (seq, hash) the server acknowledged: entries missing after the last
    stored one are a cut-off tail.
    """
    problems: list[str] = []
    expected_seq, running, count = 1, genesis_hash(register), 0
    for link in links:
        count += 1
        problems.extend(_gap(register, expected_seq, link.seq))
        problems.extend(_link_problem(register, link, running))
        expected_seq, running = link.seq + 1, link.hash
    problems.extend(_tail(register, expected_seq - 1, running, head))
    return ChainReport(register=register, checked=count, problems=problems)


def _gap(register: str, expected: int, seq: int) -> Iterator[str]:
    if seq > expected:
        first, last = expected, seq - 1
        which = f"entry {first}" if first == last else f"entries {first}-{last}"
        yield f"{register} {which}: deleted (missing before entry {seq})"
    elif seq < expected:
        yield f"{register} entry {seq}: out of order (after entry {expected - 1})"


def _link_problem(register: str, link: StoredLink, running: str) -> Iterator[str]:
    recomputed = chain_hash(link.prev_hash, link.canonical)
    if recomputed != link.hash:
        yield f"{register} entry {link.seq}: edited (its content does not match its hash)"
    elif link.prev_hash != running:
        yield (
            f"{register} entry {link.seq}: reordered or re-linked "
            "(does not follow the entry before it)"
        )


def _tail(
    register: str, last_seq: int, running: str, head: tuple[int, str] | None
) -> Iterator[str]:
    if head is None:
        return
    head_seq, head_hash = head
    if last_seq < head_seq:
        yield (
            f"{register} entries {last_seq + 1}-{head_seq}: cut off "
            f"(the register's head is entry {head_seq})"
        )
    elif last_seq == head_seq and running != head_hash:
        yield f"{register} entry {head_seq}: does not match the register's stored head"
