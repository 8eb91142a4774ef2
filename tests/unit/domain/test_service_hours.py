"""Business-time arithmetic: lunch breaks, weekends, holidays, daylight-saving changes, long
counts, and the policy and calendar a case's due times come from."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from frontdesk.domain.cases import Priority
from frontdesk.domain.errors import ValidationError
from frontdesk.domain.service_hours import (
    ALWAYS_OPEN,
    MIDNIGHT,
    BusinessCalendar,
    ServicePolicy,
    add_business_minutes,
    business_minutes_between,
    calendar_for,
    due_times,
    policy_for,
)

MOSCOW = ZoneInfo("Europe/Moscow")
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
WEEKDAYS = range(1, 6)
MSK = BusinessCalendar.from_wire(
    "Europe/Moscow",
    {day: [["09:00", "13:00"], ["14:00", "18:00"]] for day in WEEKDAYS},
    [date(year, 1, day) for year in (2025, 2026) for day in range(1, 9)],
)
LDN = BusinessCalendar.from_wire(
    "Europe/London", {day: [["09:00", "17:00"]] for day in WEEKDAYS}, []
)
PROPERTIES = settings(max_examples=200, deadline=None)


def msk(*args: int) -> datetime:
    return datetime(*args, tzinfo=MOSCOW)


def london(*args: int, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=LONDON, fold=fold)


def add(start: datetime, minutes: int, calendar: BusinessCalendar = MSK) -> datetime:
    return add_business_minutes(start, minutes, calendar)


def sunday_only(timezone: str, opens: str, closes: str) -> BusinessCalendar:
    return BusinessCalendar.from_wire(timezone, {7: [[opens, closes]]}, [])


# --- Moscow: 09:00-13:00 and 14:00-18:00 Monday to Friday, 1-8 January off -------------


@pytest.mark.parametrize(
    ("start", "minutes", "due"),
    [
        (msk(2025, 1, 13, 10, 0), 60, msk(2025, 1, 13, 11, 0)),
        (msk(2025, 1, 13, 12, 30), 60, msk(2025, 1, 13, 14, 30)),  # over lunch
        (msk(2025, 1, 13, 13, 20), 10, msk(2025, 1, 13, 14, 10)),  # from inside lunch
        (msk(2025, 1, 13, 7, 0), 30, msk(2025, 1, 13, 9, 30)),  # before opening
        (msk(2025, 1, 13, 9, 0), 0, msk(2025, 1, 13, 9, 0)),  # at opening: itself
        (msk(2025, 1, 13, 8, 59), 0, msk(2025, 1, 13, 9, 0)),  # closed: next opening
        (msk(2025, 1, 13, 13, 0), 0, msk(2025, 1, 13, 14, 0)),  # a closing is closed
        (msk(2025, 1, 13, 18, 0), 0, msk(2025, 1, 14, 9, 0)),
        (msk(2025, 1, 13, 12, 59), 1, msk(2025, 1, 13, 13, 0)),  # ends at the closing
        (msk(2025, 1, 13, 9, 0), 5 * 480, msk(2025, 1, 17, 18, 0)),  # Friday's closing
        (msk(2025, 1, 17, 17, 0), 120, msk(2025, 1, 20, 10, 0)),  # over the weekend
        (msk(2025, 1, 18, 12, 0), 0, msk(2025, 1, 20, 9, 0)),  # from a Saturday
        (msk(2024, 12, 31, 17, 0), 120, msk(2025, 1, 9, 10, 0)),  # over the holidays
        (msk(2025, 1, 3, 11, 0), 0, msk(2025, 1, 9, 9, 0)),  # from a holiday
        (msk(2025, 1, 3, 11, 0), 1, msk(2025, 1, 9, 9, 1)),
        (msk(2025, 1, 13, 10, 0, 30), 1, msk(2025, 1, 13, 10, 1, 30)),  # seconds kept
    ],
)
def test_moscow_office_hours(start, minutes, due):
    assert add(start, minutes) == due
    assert business_minutes_between(start, due, MSK) == minutes


def test_the_result_is_in_utc_whatever_the_start_zone():
    due = add(datetime(2025, 1, 13, 7, 0, tzinfo=UTC), 30)  # 10:00 in Moscow
    assert due.tzinfo is UTC
    assert due == msk(2025, 1, 13, 10, 30)


def test_a_hundred_thousand_minutes_jump_interval_by_interval():
    # 208 working days of 480 minutes, then 160 more on the 209th.
    due = add(msk(2025, 1, 13, 9, 0), 100_000)
    assert due == msk(2025, 10, 30, 11, 40)
    assert business_minutes_between(msk(2025, 1, 13, 9, 0), due, MSK) == 100_000


def test_minutes_between_counts_open_time_only_and_turns_negative_backwards():
    friday, monday = msk(2025, 1, 17, 12, 0), msk(2025, 1, 20, 10, 0)
    assert business_minutes_between(friday, monday, MSK) == 60 + 240 + 60
    assert business_minutes_between(monday, friday, MSK) == -360
    assert business_minutes_between(msk(2025, 1, 18, 9), msk(2025, 1, 19, 20), MSK) == 0
    assert business_minutes_between(friday, friday + timedelta(seconds=59), MSK) == 0


# --- daylight saving: local wall-clock hours --------------------------------------------


def test_london_hours_follow_the_clock_over_the_march_change():
    # Friday 16:00 GMT; Monday's 09:00 is BST, 08:00 UTC.
    due = add(london(2025, 3, 28, 16, 0), 120, LDN)
    assert due == london(2025, 3, 31, 10, 0)
    assert due == datetime(2025, 3, 31, 9, 0, tzinfo=UTC)


def test_london_hours_follow_the_clock_over_the_october_change():
    due = add(london(2025, 10, 24, 16, 0), 120, LDN)
    assert due == datetime(2025, 10, 27, 10, 0, tzinfo=UTC)
    assert business_minutes_between(london(2025, 10, 24, 16, 0), due, LDN) == 120


def test_new_york_hours_follow_the_clock_over_both_changes():
    ny = BusinessCalendar.from_wire(
        "America/New_York", {d: [["09:00", "17:00"]] for d in WEEKDAYS}, []
    )
    assert add(datetime(2025, 3, 7, 16, tzinfo=NEW_YORK), 120, ny) == datetime(
        2025, 3, 10, 14, tzinfo=UTC
    )
    assert add(datetime(2025, 10, 31, 16, tzinfo=NEW_YORK), 120, ny) == datetime(
        2025, 11, 3, 15, tzinfo=UTC
    )


@pytest.mark.parametrize(
    ("timezone", "day", "opens", "closes", "minutes"),
    [
        ("Europe/London", date(2025, 3, 30), "00:00", "24:00", 23 * 60),
        ("Europe/London", date(2025, 10, 26), "00:00", "24:00", 25 * 60),
        # 01:00-02:00 is skipped in March: the interval is swallowed whole ...
        ("Europe/London", date(2025, 3, 30), "01:00", "02:00", 0),
        # ... or in part: the clock passes 01:30 at the change, 01:00 UTC.
        ("Europe/London", date(2025, 3, 30), "00:30", "01:30", 30),
        ("Europe/London", date(2025, 3, 30), "01:30", "02:30", 30),
        # In October the clock shows 01:00-02:00 twice: open for both.
        ("Europe/London", date(2025, 10, 26), "01:00", "02:00", 120),
        ("America/New_York", date(2025, 3, 9), "01:30", "03:30", 60),
        ("America/New_York", date(2025, 11, 2), "00:00", "03:00", 4 * 60),
    ],
)
def test_a_sunday_with_a_clock_change(timezone, day, opens, closes, minutes):
    calendar = sunday_only(timezone, opens, closes)
    start = datetime.combine(day - timedelta(days=1), time(12), ZoneInfo(timezone))
    end = datetime.combine(day + timedelta(days=1), time(12), ZoneInfo(timezone))
    assert business_minutes_between(start, end, calendar) == minutes


def test_a_count_ending_at_a_change_swallowed_closing_ends_at_the_change():
    calendar = sunday_only("Europe/London", "00:30", "01:30")
    start = datetime(2025, 3, 30, 0, 45, tzinfo=UTC)
    assert add(start, 15, calendar) == datetime(2025, 3, 30, 1, 0, tzinfo=UTC)
    assert add(start, 16, calendar) == london(2025, 4, 6, 0, 31)


def test_an_interval_swallowed_by_the_change_opens_again_the_next_week():
    calendar = sunday_only("Europe/London", "01:00", "02:00")
    assert add(london(2025, 3, 29, 12), 0, calendar) == london(2025, 4, 6, 1, 0)


def test_a_start_in_the_repeated_hour_counts_from_itself():
    calendar = sunday_only("Europe/London", "01:00", "02:00")
    second_half_past_one = london(2025, 10, 26, 1, 30, fold=1)  # 01:30 GMT
    assert add(second_half_past_one, 30, calendar) == datetime(2025, 10, 26, 2, 0, tzinfo=UTC)


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ({1: [["09:00", "25:00"]]}, r"Monday \(1\): '25:00' is not a time of day"),
        ({1: [["9h", "18:00"]]}, r"'9h' is not a time of day"),
        ({1: [["09:60", "18:00"]]}, r"'09:60' is not a time of day"),
        ({1: [["24:00", "24:00"]]}, r"24:00 can only close a day"),
        ({2: [["18:00", "09:00"]]}, r"Tuesday \(2\): 18:00-09:00 closes before it opens"),
        ({3: [["09:00", "09:00"]]}, r"09:00-09:00 closes before it opens"),
        (
            {4: [["09:00", "13:00"], ["12:00", "18:00"]]},
            r"Thursday \(4\): 12:00-18:00 overlaps 09:00-13:00",
        ),
        ({5: [["09:00", "18:00"], ["09:00", "10:00"]]}, r"09:00-18:00 overlaps 09:00-10:00"),
        ({0: [["09:00", "18:00"]]}, r"0 is not an ISO weekday \(1 Monday to 7 Sunday\)"),
        ({8: [["09:00", "18:00"]]}, r"8 is not an ISO weekday"),
        ({"Mon": [["09:00", "18:00"]]}, r"'Mon' is not an ISO weekday"),
        ({1: [["09:00"]]}, r"\['09:00'\] is not an interval \[opens, closes\]"),
        ({1: ["09:00-18:00"]}, r"'09:00-18:00' is not an interval"),
        ({1: [["09:00", "18:00"]], "1": [["09:00", "18:00"]]}, r"a weekday is given twice"),
        ({}, r"the calendar is never open"),
        ({6: [], 7: []}, r"the calendar is never open"),
    ],
)
def test_wrong_hours_are_refused_with_a_precise_message(hours, message):
    with pytest.raises(ValidationError, match=message) as refused:
        BusinessCalendar.from_wire("Europe/Moscow", hours, [])
    assert refused.value.field == "hours"


def test_wire_forms_json_gives_are_read():
    calendar = BusinessCalendar.from_wire(
        "Europe/Moscow",
        {"6": [["10:00", "24:00"]], "2": [["14:00", "18:00"], ["09:00", "13:00"]]},
        ["2025-01-01"],
    )
    assert calendar.hours == {
        2: ((time(9), time(13)), (time(14), time(18))),
        6: ((time(10), MIDNIGHT),),
    }
    assert calendar.holidays == frozenset({date(2025, 1, 1)})
    assert calendar.wire_hours() == {
        2: [("09:00", "13:00"), ("14:00", "18:00")],
        6: [("10:00", "24:00")],
    }
    assert (
        BusinessCalendar.from_wire("Europe/Moscow", calendar.wire_hours(), []).hours
        == calendar.hours
    )
    assert hash(calendar) == hash(
        BusinessCalendar("Europe/Moscow", calendar.hours, calendar.holidays)
    )


@pytest.mark.parametrize("timezone", ["Europe/Mordor", "", "../etc/passwd", "MSK+3"])
def test_unknown_timezones_are_refused(timezone):
    with pytest.raises(ValidationError, match=r"timezone: .* IANA timezone"):
        BusinessCalendar.from_wire(timezone, {1: [["09:00", "18:00"]]}, [])


@pytest.mark.parametrize(
    ("holiday", "message"),
    [("2025-13-01", "is not a date"), (datetime(2025, 1, 1), "is not a date"), (20250101, "")],
)
def test_holidays_must_be_dates(holiday, message):
    with pytest.raises(ValidationError, match=f"holidays: .*{message}"):
        BusinessCalendar.from_wire("UTC", {1: [["09:00", "18:00"]]}, [holiday])


def test_naive_datetimes_and_negative_minutes_are_refused():
    with pytest.raises(ValidationError, match="start: 2025-01-13T10:00:00 has no timezone"):
        add(datetime(2025, 1, 13, 10), 10)
    with pytest.raises(ValidationError, match=r"end: .* has no timezone"):
        business_minutes_between(msk(2025, 1, 13, 10), datetime(2025, 1, 14), MSK)
    with pytest.raises(ValidationError, match=r"minutes: .* >= 0, not -1"):
        add(msk(2025, 1, 13, 10), -1)


@pytest.mark.parametrize(
    ("first", "resolution", "message"),
    [
        (-1, 60, "first_response_minutes: must be 0 to"),
        (60, 10**7, "resolution_minutes: must be 0"),
        (1.5, 60, "first_response_minutes: must be a whole number"),
    ],
)
def test_policy_minutes_are_bounded(first, resolution, message):
    with pytest.raises(ValidationError, match=message):
        ServicePolicy("billing", Priority.HIGH, first, resolution)


def test_policy_priority_is_read_from_its_name():
    assert ServicePolicy("*", "urgent", 15, 60).priority is Priority.URGENT
    with pytest.raises(ValidationError, match="priority: 'asap' is not a priority"):
        ServicePolicy("*", "asap", 15, 60)


# --- which policy and calendar; due times -----------------------------------------------

ANY_HIGH = ServicePolicy("*", Priority.HIGH, 60, 480)
BILLING_HIGH = ServicePolicy("billing", Priority.HIGH, 30, 240)
BILLING_LOW = ServicePolicy("billing", Priority.LOW, 480, 4800)
POLICIES = (ANY_HIGH, BILLING_HIGH, BILLING_LOW)


@pytest.mark.parametrize(
    ("category", "priority", "expected"),
    [
        ("billing", Priority.HIGH, BILLING_HIGH),  # its own beats "*", in any order
        ("delivery", Priority.HIGH, ANY_HIGH),
        ("billing", Priority.LOW, BILLING_LOW),
        ("delivery", Priority.LOW, None),
        ("billing", Priority.URGENT, None),
    ],
)
def test_policy_for_prefers_the_category_over_any(category, priority, expected):
    assert policy_for(POLICIES, category, priority) == expected
    assert policy_for(reversed(POLICIES), category, priority) == expected


def test_calendar_for_the_branch_then_the_company_then_always_open():
    company = BusinessCalendar.from_wire("Europe/London", {1: [["09:00", "17:00"]]}, [])
    assert calendar_for({"MSK-1": MSK, "*": company}, "MSK-1") is MSK
    assert calendar_for({"MSK-1": MSK, "*": company}, "LDN-2") is company
    assert calendar_for({"MSK-1": MSK}, "LDN-2") is ALWAYS_OPEN


def test_due_times_use_the_branch_calendar_and_the_chosen_policy():
    first, resolved = due_times(
        msk(2025, 1, 17, 17, 0),
        category="billing",
        priority=Priority.HIGH,
        branch="MSK-1",
        policies=POLICIES,
        calendars={"MSK-1": MSK},
    )
    assert first == msk(2025, 1, 17, 17, 30)
    assert resolved == msk(2025, 1, 20, 12, 0)  # 60 on Friday, 180 on Monday


def test_due_times_without_a_calendar_count_every_minute_and_without_a_policy_none():
    opened = msk(2025, 1, 18, 23, 50)
    kwargs = {"category": "delivery", "branch": "X", "policies": POLICIES, "calendars": {}}
    assert due_times(opened, priority=Priority.HIGH, **kwargs) == (
        opened + timedelta(minutes=60),
        opened + timedelta(minutes=480),
    )
    assert due_times(opened, priority=Priority.LOW, **kwargs) == (None, None)


# --- properties -------------------------------------------------------------------------

ZONES = [
    "UTC",
    "Europe/Moscow",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",
    "America/Havana",
    "Asia/Kathmandu",
]
_QUARTERS = st.lists(st.integers(0, 96), min_size=2, max_size=6, unique=True)


def _clock(quarter: int) -> str:
    return f"{quarter // 4:02d}:{quarter % 4 * 15:02d}"


@st.composite
def calendars(draw) -> BusinessCalendar:
    """Random calendars: up to three intervals a day on quarter hours, some days closed,
    holidays around the tested years, zones with DST changes at 01:00, 02:00 and midnight
    and with half-hour shifts."""
    hours = {}
    for weekday in range(1, 8):
        marks = sorted(draw(st.one_of(st.just([]), _QUARTERS)))
        marks = marks[: len(marks) // 2 * 2]
        hours[weekday] = [
            [_clock(a), _clock(b)] for a, b in zip(marks[::2], marks[1::2], strict=True)
        ]
    assume(any(hours.values()))
    holidays = draw(st.frozensets(st.dates(date(2023, 12, 1), date(2027, 2, 1)), max_size=40))
    return BusinessCalendar.from_wire(draw(st.sampled_from(ZONES)), hours, holidays)


starts = st.datetimes(datetime(2024, 1, 1), datetime(2026, 12, 31), timezones=st.just(UTC))
minutes = st.integers(0, 5_000)


def _open_or_closing_by_the_clock(moment: datetime, calendar: BusinessCalendar) -> bool:
    """Checked from the wall clock alone; meaningful away from clock changes."""
    local = moment.astimezone(calendar.zone)
    day, clock = local.date(), local.time().replace(tzinfo=None)
    if clock == MIDNIGHT and _closes_at_midnight(day - timedelta(days=1), calendar):
        return True
    if day in calendar.holidays:
        return False
    return any(
        opens <= clock <= (time.max if closes == MIDNIGHT else closes)
        for opens, closes in calendar.hours.get(day.isoweekday(), ())
    )


def _closes_at_midnight(day: date, calendar: BusinessCalendar) -> bool:
    intervals = calendar.hours.get(day.isoweekday(), ())
    return day not in calendar.holidays and any(c == MIDNIGHT for _, c in intervals)


def _near_a_clock_change(moment: datetime, calendar: BusinessCalendar) -> bool:
    zone = calendar.zone
    offsets = {(moment + timedelta(hours=h)).astimezone(zone).utcoffset() for h in (-26, 0, 26)}
    return len(offsets) > 1


@PROPERTIES
@given(calendars(), starts, minutes)
def test_minutes_between_inverts_adding_them(calendar, start, count):
    due = add(start, count, calendar)
    assert business_minutes_between(start, due, calendar) == count


@PROPERTIES
@given(calendars(), starts, minutes, minutes)
def test_more_minutes_never_fall_due_earlier(calendar, start, fewer, more):
    fewer, more = sorted((fewer, more))
    assert add(start, fewer, calendar) <= add(start, more, calendar)
    if fewer < more:
        assert add(start, fewer, calendar) < add(start, more, calendar)


@PROPERTIES
@given(calendars(), starts, minutes)
def test_a_due_time_is_open_time_or_a_closing(calendar, start, count):
    due = add(start, count, calendar)
    assert due >= start
    assume(not _near_a_clock_change(due, calendar))
    assert _open_or_closing_by_the_clock(due, calendar)


@PROPERTIES
@given(calendars(), starts, st.integers(0, 20_000))
def test_the_minutes_between_are_the_whole_minutes_complete_by_the_end(calendar, start, gap):
    end = start + timedelta(minutes=gap, seconds=gap % 7)
    whole = business_minutes_between(start, end, calendar)
    if whole > 0:  # zero minutes fall due at the next opening, maybe after the end
        assert add(start, whole, calendar) <= end
    assert add(start, whole + 1, calendar) > end


@PROPERTIES
@given(st.sampled_from(ZONES), starts, st.integers(0, 200_000))
def test_a_calendar_open_round_the_clock_is_plain_addition(timezone, start, count):
    calendar = BusinessCalendar.from_wire(
        timezone, {d: [["00:00", "24:00"]] for d in range(1, 8)}, []
    )
    assert add(start, count, calendar) == start + timedelta(minutes=count)
    assert add(start, count, ALWAYS_OPEN) == start + timedelta(minutes=count)
