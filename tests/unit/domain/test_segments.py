"""The RFM segment rules, at and around every threshold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.segments import (
    AT_RISK_AFTER_DAYS,
    LAPSED_AFTER_DAYS,
    LOYAL_MIN_PURCHASES,
    VIP_MIN_PURCHASES,
    VIP_MIN_SPEND,
    Rfm,
    Segment,
    rfm_segment,
)

RICH = VIP_MIN_SPEND * 10


def _segment(days: int | None, count: int, spend: Decimal = Decimal(0)) -> Segment:
    return rfm_segment(Rfm(recency_days=days, frequency=count, monetary=spend))


@pytest.mark.parametrize(
    ("days", "count", "spend", "expected"),
    [
        (None, 0, Decimal(0), Segment.NO_PURCHASES),
        (0, 0, Decimal("-12.00"), Segment.NO_PURCHASES),  # only a return
        (LAPSED_AFTER_DAYS + 1, VIP_MIN_PURCHASES, RICH, Segment.LAPSED),
        (LAPSED_AFTER_DAYS, VIP_MIN_PURCHASES, RICH, Segment.AT_RISK),
        (AT_RISK_AFTER_DAYS + 1, 1, Decimal(5), Segment.AT_RISK),
        (AT_RISK_AFTER_DAYS, VIP_MIN_PURCHASES, VIP_MIN_SPEND, Segment.VIP),
        (0, VIP_MIN_PURCHASES - 1, RICH, Segment.LOYAL),
        (0, VIP_MIN_PURCHASES, VIP_MIN_SPEND - Decimal("0.01"), Segment.LOYAL),
        (10, LOYAL_MIN_PURCHASES, Decimal(100), Segment.LOYAL),
        (10, LOYAL_MIN_PURCHASES - 1, RICH, Segment.ACTIVE),
        (10, 2, Decimal(100), Segment.ACTIVE),
        (AT_RISK_AFTER_DAYS, 1, Decimal(100), Segment.NEW),
    ],
)
def test_each_rule_at_its_boundaries(
    days: int | None, count: int, spend: Decimal, expected: Segment
) -> None:
    assert _segment(days, count, spend) is expected


@given(
    days=st.integers(min_value=0, max_value=5000),
    count=st.integers(min_value=1, max_value=10_000),
    spend=st.decimals(min_value=-1000, max_value=10**7, places=2),
)
def test_recency_decides_first_then_value(days: int, count: int, spend: Decimal) -> None:
    segment = _segment(days, count, spend)
    if days > LAPSED_AFTER_DAYS:
        assert segment is Segment.LAPSED
    elif days > AT_RISK_AFTER_DAYS:
        assert segment is Segment.AT_RISK
    else:
        assert segment not in (Segment.LAPSED, Segment.AT_RISK, Segment.NO_PURCHASES)
        assert (segment is Segment.VIP) == (count >= VIP_MIN_PURCHASES and spend >= VIP_MIN_SPEND)
        assert (segment is Segment.NEW) == (count == 1)


@given(
    days=st.integers(min_value=0, max_value=AT_RISK_AFTER_DAYS),
    count=st.integers(min_value=1, max_value=100),
    spend=st.decimals(min_value=0, max_value=10**6, places=2),
)
def test_more_purchases_never_lower_a_recent_customer(
    days: int, count: int, spend: Decimal
) -> None:
    rank = [Segment.NEW, Segment.ACTIVE, Segment.LOYAL, Segment.VIP]
    assert rank.index(_segment(days, count + 1, spend)) >= rank.index(_segment(days, count, spend))


def test_segments_are_stable_names() -> None:
    # The values travel to the card and (one day) to reports: renaming them is a data change.
    assert [s.value for s in Segment] == [
        "no_purchases",
        "lapsed",
        "at_risk",
        "vip",
        "loyal",
        "new",
        "active",
    ]
