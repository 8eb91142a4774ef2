"""X- and Z-report figures of a till shift, from its journal entries' (kind, body).

Everything is summed from the entries alone, so the report of a closed shift can always be
made again from its journal. Money as everywhere (``domain.money``): exact Decimal per
currency, summed line by line, never rounded again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import EntryKind, Tender, sum_money


@dataclass(frozen=True, slots=True)
class DiscountTotals:
    """The discounts given in one currency: how many and how much, and of those the ones a
    supervisor approved (over the cashier's limit when given)."""

    count: int
    total: Money
    approved: int
    approved_total: Money

    @property
    def alone(self) -> Money:
        """What the cashiers gave within their own limit."""
        return self.total - self.approved_total


def discount_totals(entries: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, DiscountTotals]:
    """The discounts of the payments among ``entries``, per currency code, in order of first
    use. A payment's discount is the one on its receipt (``body["discount"]["amount"]``); it
    is approved if the payment carries a supervisor's approval."""
    found: dict[str, list[tuple[Money, bool]]] = {}
    for kind, body in entries:
        if kind != EntryKind.PAYMENT or not body.get("discount"):
            continue
        amount = Money.of(body["discount"]["amount"], Currency.of(body["currency"]))
        found.setdefault(amount.currency.code, []).append((amount, "approval" in body))
    return {code: _discount_sum(given) for code, given in found.items()}


def _discount_sum(given: list[tuple[Money, bool]]) -> DiscountTotals:
    currency = given[0][0].currency
    approved = [amount for amount, by_supervisor in given if by_supervisor]
    return DiscountTotals(
        count=len(given),
        total=sum_money((amount for amount, _ in given), currency),
        approved=len(approved),
        approved_total=sum_money(approved, currency),
    )


@dataclass(frozen=True, slots=True)
class Movement:
    """Money in (+) or out (-) of one tender, from one journal entry."""

    kind: EntryKind
    tender: Tender
    amount: Money


def movements(kind: str, body: dict[str, Any]) -> list[Movement]:
    """What a payment, refund or void entry did to each tender (other kinds: nothing).

    A payment takes its tenders in and gives its change out in cash; a refund pays out in
    its tender; a void gives back exactly what its payment took (minus the change).
    """
    entry_kind = EntryKind(kind)
    if entry_kind not in (EntryKind.PAYMENT, EntryKind.REFUND, EntryKind.VOID):
        return []
    currency = Currency.of(body["currency"])
    sign = 1 if entry_kind is EntryKind.PAYMENT else -1
    moved = [
        Movement(entry_kind, Tender(t["tender"]), _signed(t["amount"], currency, sign))
        for t in body["tenders"]
    ]
    change = Money.of(body.get("change", "0"), currency)
    if change.amount:
        moved.append(Movement(entry_kind, Tender.CASH, _signed(change.amount, currency, -sign)))
    return moved


def _signed(amount: object, currency: Currency, sign: int) -> Money:
    money = Money.of(amount, currency)
    return money if sign > 0 else -money


@dataclass(frozen=True, slots=True)
class ShiftTotals:
    """An X-report (mid-shift) or Z-report (at close): what each tender should hold."""

    currency: Currency
    opening_float: Money
    payments: int
    refunds: int
    voids: int
    taken: Money
    refunded: Money
    voided: Money
    by_tender: dict[str, Money]
    #: Discounts given on the shift's payments, per currency code (any the till accepts).
    discounts: dict[str, DiscountTotals] = field(default_factory=dict)
    #: Receipts whose supervisor approved offline (the desk checked a kept verifier): the
    #: server records them as unverified and lists them for the back office to review.
    offline_approvals: tuple[str, ...] = ()

    @property
    def net(self) -> Money:
        return self.taken - self.refunded - self.voided

    @property
    def expected_cash(self) -> Money:
        return self.opening_float + self.by_tender[Tender.CASH.value]


def shift_totals(
    opening_float: Money, entries: Iterable[tuple[str, dict[str, Any]]]
) -> ShiftTotals:
    """Totals of one shift from its entries' (kind, body), in the float's currency; the
    discounts in every currency."""
    entries = list(entries)
    currency, zero = opening_float.currency, Money.zero(opening_float.currency)
    counts = {kind: 0 for kind in EntryKind}
    sums = {kind: zero for kind in EntryKind}
    by_tender = {tender.value: zero for tender in Tender}
    for kind, body in entries:
        if body.get("currency", currency.code) != currency.code:
            continue
        counts[EntryKind(kind)] += 1
        if kind in (EntryKind.PAYMENT, EntryKind.REFUND, EntryKind.VOID):
            sums[EntryKind(kind)] = sums[EntryKind(kind)] + Money.of(body["amount"], currency)
        for move in movements(kind, body):
            by_tender[move.tender.value] = by_tender[move.tender.value] + move.amount
    return ShiftTotals(
        currency=currency,
        opening_float=opening_float,
        payments=counts[EntryKind.PAYMENT],
        refunds=counts[EntryKind.REFUND],
        voids=counts[EntryKind.VOID],
        taken=sums[EntryKind.PAYMENT],
        refunded=sums[EntryKind.REFUND],
        voided=sums[EntryKind.VOID],
        by_tender=by_tender,
        discounts=discount_totals(entries),
        offline_approvals=offline_approvals(entries),
    )


def offline_approvals(entries: Iterable[tuple[str, dict[str, Any]]]) -> tuple[str, ...]:
    """The receipts among ``entries`` whose approval was given offline, in order."""
    return tuple(
        body["receipt"]
        for _, body in entries
        if (body.get("approval") or {}).get("method") == "offline" and "receipt" in body
    )


def over_short(counted: Money, totals: ShiftTotals) -> Money:
    """Counted cash minus the cash the drawer should hold: + over, - short."""
    return counted - totals.expected_cash
