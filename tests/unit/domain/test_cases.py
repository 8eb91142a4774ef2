"""Case statuses, their moves and case numbers (domain.cases)."""

from __future__ import annotations

import pytest

from frontdesk.domain.cases import (
    OPEN_STATUSES,
    TRANSITIONS,
    CaseStatus,
    can_move,
    case_number,
    check_move,
    device_prefix,
    normalise_case_number,
)
from frontdesk.domain.errors import ValidationError


def test_every_status_has_its_moves_and_none_moves_to_itself() -> None:
    assert set(TRANSITIONS) == set(CaseStatus)
    for status, targets in TRANSITIONS.items():
        assert status not in targets, status


def test_a_closed_case_only_reopens_and_a_reopened_one_is_open_work() -> None:
    assert TRANSITIONS[CaseStatus.CLOSED] == {CaseStatus.REOPENED}
    assert CaseStatus.REOPENED in OPEN_STATUSES
    assert CaseStatus.RESOLVED not in OPEN_STATUSES
    assert can_move(CaseStatus.RESOLVED, CaseStatus.REOPENED)
    assert not can_move(CaseStatus.NEW, CaseStatus.REOPENED)


def test_a_refused_move_names_both_statuses_and_what_is_allowed() -> None:
    with pytest.raises(ValidationError) as refused:
        check_move(CaseStatus.CLOSED, CaseStatus.NEW)
    assert refused.value.field == "status"
    assert "a case that is closed cannot become new (it can become: reopened)" in str(refused.value)
    check_move(CaseStatus.NEW, CaseStatus.OPEN)  # allowed: no error


def test_case_numbers_are_the_device_prefix_and_a_padded_sequence() -> None:
    assert case_number(device_prefix(12), 45) == "D12-00045"
    assert case_number("D3", 123_456) == "D3-123456"
    for bad_prefix, bad_sequence in (("X12", 1), ("D0", 1), ("D12", 0)):
        with pytest.raises(ValidationError):
            case_number(bad_prefix, bad_sequence)
    with pytest.raises(ValidationError):
        device_prefix(0)


@pytest.mark.parametrize(
    ("typed", "number"),
    [("D12-00045", "D12-00045"), (" d12 - 45 ", "D12-00045"), ("D7-1", "D7-00001"),
     ("D12-0", None), ("12-45", None), ("D12", None), ("Иванов", None)],
)  # fmt: skip
def test_a_typed_case_number_is_recognised(typed: str, number: str | None) -> None:
    assert normalise_case_number(typed) == number
