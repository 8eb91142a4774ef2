"""The basket's arithmetic: the receipt's lines always add up to its total, a discount is
shared to the minor unit, and a line's returns never pay back more than it was sold for."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.basket import BasketLine, nets, refund_for, share, totals
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import Money, UnitPrice


def gbp(amount: str) -> Money:
    return Money.of(amount, "GBP")


def line(n: int, quantity: str, price: str, *, unit: str = "piece", off: str = "0") -> BasketLine:
    return BasketLine(n, f"SKU{n}", f"item {n}", unit, Decimal(quantity),
                      UnitPrice.of(price, "GBP"), gbp(off))  # fmt: skip


def test_a_basket_prints_its_lines_and_they_add_up_to_what_is_paid() -> None:
    lines = [line(1, "3", "0.333"), line(2, "0.455", "12.99", unit="kg"),
             line(3, "1", "5.00", off="0.50")]  # fmt: skip
    assert [str(x.gross.amount) for x in lines] == ["1.00", "5.91", "5.00"]
    figures = totals(lines, gbp("1.00"))
    assert (figures.gross, figures.line_discounts, figures.amount) == (
        gbp("11.91"), gbp("0.50"), gbp("10.41"))  # fmt: skip
    assert [str(n.amount) for n in nets(lines, gbp("1.00"))] == ["0.91", "5.39", "4.11"]


def test_a_piece_is_not_split_and_a_discount_is_not_more_than_its_line() -> None:
    with pytest.raises(ValidationError, match="not a whole number"):
        line(1, "1.5", "2.00")
    with pytest.raises(ValidationError, match="between 0 and"):
        line(1, "1", "2.00", off="2.01")
    with pytest.raises(ValidationError, match="more than the basket"):
        share([gbp("1.00")], gbp("1.01"))


minor = st.integers(min_value=0, max_value=10**7)


@given(st.lists(minor, min_size=1, max_size=40), st.data())
def test_a_shared_discount_adds_up_exactly_and_never_goes_below_zero(amounts, data) -> None:
    parts = [Money.from_minor(a, "GBP") for a in amounts]
    discount = Money.from_minor(data.draw(st.integers(0, sum(amounts))), "GBP")
    shared = share(parts, discount)
    assert sum(s.minor for s in shared) == discount.minor
    assert all(0 <= s.minor <= p.minor for s, p in zip(shared, parts, strict=True))


@given(net=st.integers(0, 10**6), sold=st.integers(1, 40), data=st.data())
def test_returns_of_a_line_pay_back_exactly_its_net(net: int, sold: int, data) -> None:
    left, returned, paid = sold, 0, Money.zero("GBP")
    total = Money.from_minor(net, "GBP")
    while left:
        quantity = data.draw(st.integers(1, left))
        back = refund_for(total, sold=Decimal(sold), returned=Decimal(returned),
                          returned_amount=paid, quantity=Decimal(quantity))  # fmt: skip
        assert back.minor >= 0
        paid, returned, left = paid + back, returned + quantity, left - quantity
        assert paid.minor <= net
    assert paid == total
    with pytest.raises(ValidationError, match="more than the 0 left"):
        refund_for(total, sold=Decimal(sold), returned=Decimal(sold), returned_amount=paid,
                   quantity=Decimal(1))  # fmt: skip
