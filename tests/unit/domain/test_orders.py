from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdesk.domain.errors import ValidationError
from frontdesk.domain.orders import FINISHED, TRANSITIONS, OrderStatus, check_move, is_late

S = OrderStatus


def test_every_status_has_its_moves_and_the_finished_ones_lead_nowhere_but_back():
    assert set(TRANSITIONS) == set(OrderStatus)
    assert TRANSITIONS[S.CANCELLED] == TRANSITIONS[S.RETURNED] == frozenset()
    assert TRANSITIONS[S.DELIVERED] == {S.RETURNED}


@given(st.lists(st.sampled_from(list(OrderStatus)), max_size=30))
def test_any_walk_by_allowed_moves_never_ships_a_cancelled_order(steps):
    status, seen = S.PLACED, [S.PLACED]
    for new in steps:
        if new in TRANSITIONS[status]:
            status = new
            seen.append(status)
    if S.CANCELLED in seen:
        assert seen[-1] is S.CANCELLED and S.SHIPPED not in seen
    if S.SHIPPED in seen:
        assert seen.index(S.PICKING) < seen.index(S.SHIPPED)


def test_a_refused_move_names_what_is_allowed():
    with pytest.raises(ValidationError) as caught:
        check_move(S.CANCELLED, S.SHIPPED)
    assert "nothing, it is finished" in str(caught.value)
    with pytest.raises(ValidationError, match="can become: cancelled, confirmed, paid"):
        check_move(S.PLACED, S.SHIPPED)


@pytest.mark.parametrize(
    ("status", "promised", "late"),
    [
        (S.SHIPPED, date(2026, 12, 5), True),
        (S.SHIPPED, date(2026, 12, 6), False),  # due today is not late yet
        (S.DELIVERED, date(2026, 12, 1), False),
        (S.PLACED, None, False),
    ],
)
def test_late_means_the_promised_day_has_passed(status, promised, late):
    assert is_late(status, promised, date(2026, 12, 6)) is late
    assert (status in FINISHED) <= (not late)
