"""Shift totals from journal bodies: the discounts given, per currency, and those a
supervisor approved over the cashier's limit, to the minor unit."""

from __future__ import annotations

from decimal import Decimal

from frontdesk.domain.money import Money
from frontdesk.domain.till_totals import DiscountTotals, discount_totals, shift_totals

APPROVAL = {"supervisor": "sue", "method": "online", "at": "2026-01-05T10:00:00+00:00"}


def _payment(amount: str, currency: str = "GBP", *, off: str = "", approved: bool = False):
    body = {"currency": currency, "amount": amount, "change": "0",
            "tenders": [{"tender": "card", "amount": amount}]}  # fmt: skip
    if off:
        gross = str(Decimal(amount) + Decimal(off))
        body["discount"] = {"kind": "amount", "value": off, "amount": off, "gross": gross}
    if approved:
        body["approval"] = APPROVAL
    return ("payment", body)


def _refund(amount: str) -> tuple[str, dict]:
    return ("refund", {"currency": "GBP", "amount": amount, "change": "0",
                       "tenders": [{"tender": "cash", "amount": amount}]})  # fmt: skip


def _gbp(text: str) -> Money:
    return Money.of(text, "GBP")


def test_discounts_are_counted_and_summed_per_currency_with_the_approved_apart() -> None:
    entries = [
        ("shift_open", {"currency": "GBP", "float": "50.00"}),
        _payment("36.00", off="4.00"),
        _payment("9.99"),  # no discount
        _payment("70.01", off="29.99", approved=True),
        _payment("18.00", "EUR", off="2.00"),
        _refund("10.00"),  # a refund gives no discount back
        _payment("0.67", off="0.33", approved=True),
    ]
    given = discount_totals(entries)
    assert list(given) == ["GBP", "EUR"]
    assert given["GBP"] == DiscountTotals(
        count=3, total=_gbp("34.32"), approved=2, approved_total=_gbp("30.32")
    )
    assert given["GBP"].total.amount == Decimal("34.32")
    assert given["GBP"].alone == _gbp("4.00")
    assert given["EUR"] == DiscountTotals(1, Money.of("2.00", "EUR"), 0, Money.of("0", "EUR"))


def test_the_shift_totals_carry_the_discounts_and_their_figures_stay_as_before() -> None:
    entries = [_payment("36.00", off="4.00"), _payment("45.00", off="15.00", approved=True)]
    totals = shift_totals(_gbp("50.00"), entries)
    assert (totals.payments, totals.taken, totals.net) == (2, _gbp("81.00"), _gbp("81.00"))
    assert totals.discounts == {
        "GBP": DiscountTotals(2, _gbp("19.00"), 1, _gbp("15.00")),
    }
    assert totals.by_tender["card"] == _gbp("81.00")


def test_a_shift_without_discounts_has_none() -> None:
    totals = shift_totals(_gbp("0"), [_payment("5.00"), _refund("5.00")])
    assert totals.discounts == {} and totals.net == _gbp("0.00")
