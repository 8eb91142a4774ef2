from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.catalogue.prices import PriceEntry, clashes, price_on
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.money import UnitPrice


def entry(amount, *, branch=None, start=date(2026, 3, 1), until=None, currency="GBP"):
    return PriceEntry("85123A", UnitPrice.of(amount, currency), branch, start, until)


LIST = entry("2.55")
PROMO = entry("1.99", start=date(2026, 12, 1), until=date(2026, 12, 7))
LEEDS = entry("2.75", branch="Leeds", start=date(2026, 6, 1))
ENTRIES = [LIST, PROMO, LEEDS]


@pytest.mark.parametrize(
    ("branch", "day", "expected"),
    [
        ("York", date(2026, 3, 1), LIST),
        ("York", date(2026, 12, 1), PROMO),
        ("York", date(2026, 12, 7), PROMO),  # the last day is included
        ("York", date(2026, 12, 8), LIST),
        ("Leeds", date(2026, 12, 3), LEEDS),  # the branch's own price beats the promotion
        ("Leeds", date(2026, 5, 31), LIST),
        ("York", date(2026, 2, 28), None),  # not sold yet
    ],
)
def test_the_price_that_applies(branch, day, expected):
    assert price_on(ENTRIES, branch=branch, currency="GBP", day=day) is expected


def test_another_currency_is_another_list():
    assert price_on(ENTRIES, branch="York", currency="EUR", day=date(2026, 12, 3)) is None
    euro = entry("3.00", currency="EUR")
    assert price_on([*ENTRIES, euro], branch="York", currency="EUR", day=date(2026, 12, 3)) is euro


def test_a_price_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as caught:
        entry("1.00", start=date(2026, 12, 7), until=date(2026, 12, 1))
    assert caught.value.code == "price_dates_reversed"


def test_two_rows_of_the_same_reach_clash():
    twin = entry("2.45")
    assert clashes([LIST, PROMO, LEEDS, twin]) == [(LIST, twin)]
    assert clashes(ENTRIES) == []


days = st.dates(date(2026, 1, 1), date(2027, 12, 31))


@given(st.lists(st.tuples(days, st.one_of(st.none(), days), st.booleans()), max_size=8), days)
def test_the_answer_never_depends_on_row_order(rows, day):
    entries = [entry(f"{i + 1}.00", branch="Leeds" if mine else None, start=a,
                     until=None if b is None or b < a else b)
               for i, (a, b, mine) in enumerate(rows)]  # fmt: skip
    if clashes(entries):
        return
    forward = price_on(entries, branch="Leeds", currency="GBP", day=day)
    assert price_on(entries[::-1], branch="Leeds", currency="GBP", day=day) is forward
    if forward is not None:
        assert forward.applies(branch="Leeds", currency="GBP", day=day)
