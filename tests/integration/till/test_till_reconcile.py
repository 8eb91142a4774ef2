"""Hypothesis: whatever a shift does (discounted payments too), its totals reconcile with its
journal and receipts."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from till_helpers import APPROVAL, RULES, gbp, opening
from till_helpers import payment as payment_of

from frontdesk.adapters.cache.database import open_cache
from frontdesk.adapters.cache.till import SqlAlchemyTillUnitOfWork
from frontdesk.domain.money import Currency, Money
from frontdesk.domain.till import CashCount, StoredLink, canonical, verify_chain
from frontdesk.domain.till_totals import shift_totals
from frontdesk.services import till

amounts = st.integers(min_value=1, max_value=50_000).map(lambda p: f"{p // 100}.{p % 100:02d}")
tenders = st.sampled_from(["cash", "card", "bank_transfer"])
discounts = st.sampled_from([None, "5", "12.5", "33.33"])  # over the 10% limit: approved
payment = st.tuples(st.just("pay"), amounts, st.tuples(tenders, discounts))
refund = st.tuples(st.just("refund"), amounts, st.integers(min_value=0, max_value=30))
void = st.tuples(st.just("void"), st.just(""), st.integers(min_value=0, max_value=30))
steps = st.lists(st.one_of(payment, payment, refund, void), min_size=1, max_size=25)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=steps, counted=st.integers(min_value=0, max_value=40))
def test_shift_totals_reconcile_with_the_journal(steps, counted: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = open_cache(Path(folder) / "cache.sqlite3")
        try:
            uow = SqlAlchemyTillUnitOfWork(database.writer)
            till.open_shift(uow, opening("R1", "25"), rules=RULES)
            done = [_step(uow, step, paid) for paid in [[]] for step in steps]
            drawer = CashCount.of({"5": counted}, Currency.of("GBP"))
            shift, totals = till.close_shift(uow, till.CloseShift("R1", drawer, APPROVAL))
            _check(uow, shift, totals, [tx for tx in done if tx is not None], counted)
        finally:
            database.dispose()


def _step(uow, step, paid: list):
    what, amount, extra = step
    try:
        if what == "pay":
            tender, discount = extra
            asked = payment_of(
                amount, register="R1", tender=tender,
                discount=("percent", discount) if discount else None,
                approval=APPROVAL if discount else None,
            )  # fmt: skip
            tx = till.record_payment(uow, asked, rules=RULES)
            paid.append(tx)
            return tx
        if not paid:
            return None
        target = paid[extra % len(paid)].id
        if what == "refund":
            return till.refund(uow, till.Refund(target, gbp(amount), "cat", APPROVAL),
                               rules=RULES)  # fmt: skip
        return till.void(uow, till.Void(target, "cat", APPROVAL))
    except till.TillRefused as refused:
        expected = ("left to refund", "already refunded or voided", "leave something to pay")
        assert any(reason in str(refused) for reason in expected), refused
        return None


def _check(uow, shift, totals, done: list, counted: int) -> None:
    with uow:
        entries = uow.till.entries(shift_id=shift.id)
        counters = uow.till.counters("R1")
        left = {tx.id: till.refundable(uow, tx) for tx in done if tx.kind == "payment"}
    links = [StoredLink(e.seq, canonical(e.content()), e.prev_hash, e.hash) for e in entries]
    assert verify_chain("R1", links, head=(counters.journal_seq, counters.head_hash)).ok
    # Receipts: gapless from 1, one per payment, refund and void.
    assert sorted(int(tx.receipt_no.split("-")[1]) for tx in done) == list(range(1, len(done) + 1))
    # The Z-report is exactly what the journal's entries add up to...
    assert totals == shift_totals(shift.opening_float, [(e.kind, e.body) for e in entries])
    # ...and what the recorded transactions add up to, tender by tender.
    by_kind = {kind: _sum(tx.amount for tx in done if tx.kind == kind) for kind in
               ("payment", "refund", "void")}  # fmt: skip
    assert (totals.taken, totals.refunded, totals.voided) == tuple(by_kind.values())
    assert sum((t.amount for t in totals.by_tender.values()), Money.zero("GBP").amount) == (
        totals.net.amount
    )
    assert all(amount.amount >= 0 for amount in left.values())  # never refunded past paid
    for tx in (tx for tx in done if tx.discount is not None):  # sale - discount = paid
        assert tx.gross - tx.discount.amount == tx.amount == _sum(t.amount for t in tx.tenders)
    assert shift.over_short == Money.of(5 * counted, "GBP") - totals.expected_cash


def _sum(amounts) -> Money:
    total = Money.zero("GBP")
    for amount in amounts:
        total = total + amount
    return total
