"""Service levels: when a case must be answered and resolved, in business time.

A policy gives, per category (or ``*``) and priority, so many *business* minutes: minutes
during which the branch is open by its calendar. The calendar is local wall-clock hours in
the branch's own timezone, per ISO weekday, with holidays as local dates, so "09:00" means
nine on the office clock on both sides of a daylight-saving change.

Wall-clock times the clocks skip or repeat are read as the *first instant the office clock
shows that time or later*: a time skipped in spring is the moment of the change, a time
repeated in autumn is its first occurrence (so 01:00-02:00 on that night is open for the
whole two hours the clock spends there). This reading never runs backwards, so the open
periods stay ordered and never overlap; a period the change swallows whole is simply empty.

Arithmetic walks the open periods one by one (never minute by minute), so its cost grows
with the number of opening intervals crossed, not with the minutes. Both the server (the
authoritative due times) and the desk (its estimate while offline) call ``due_times``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from frontdesk.domain.cases import Priority
from frontdesk.domain.errors import ValidationError

#: An interval closing at ``time(0)`` closes at midnight at the end of its day ("24:00"):
#: no interval can close at the midnight it opens after, so the reading is unambiguous.
MIDNIGHT = time(0)
#: Beyond this a policy is a typing mistake, and the interval walk stays short for every
#: calendar (a million minutes is about eight years of eight-hour weekdays).
MAX_POLICY_MINUTES = 1_000_000
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CLOCK = re.compile(r"^([0-9]{1,2}):([0-9]{2})$")
_MINUTE = timedelta(minutes=1)
_DAY = timedelta(days=1)

Interval = tuple[time, time]


@dataclass(frozen=True)
class BusinessCalendar:
    """A branch's opening hours (``*``: the company's) and its holidays.

    ``hours`` maps ISO weekday (1 Monday .. 7 Sunday) to its open intervals ``(opens,
    closes)`` in local wall-clock time, ``closes`` ``time(0)`` meaning midnight at the end
    of the day. A weekday absent or empty is closed; ``holidays`` are local dates, closed
    whatever their weekday. Construction checks all of it and refuses a calendar that is
    never open (nothing could ever fall due on it).
    """

    timezone: str
    hours: Mapping[int, tuple[Interval, ...]] = field(hash=False)
    holidays: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        _zone(self.timezone)
        object.__setattr__(self, "hours", _checked_hours(self.hours))
        object.__setattr__(self, "holidays", _checked_holidays(self.holidays))

    @classmethod
    def from_wire(
        cls,
        timezone: str,
        hours: Mapping[int, Sequence[Sequence[str]]],
        holidays: Iterable[date | str],
    ) -> BusinessCalendar:
        """A calendar from its wire form: ``{1: [["09:00", "13:00"], ["14:00", "18:00"]]}``.

        Weekdays may also be given as ``"1"`` (JSON object keys are strings) and holidays
        as ``"2025-01-01"``; ``"24:00"`` may close a day, nothing may open at it.
        """
        parsed = {
            _weekday(key): tuple(_wire_interval(_weekday(key), pair) for pair in intervals)
            for key, intervals in hours.items()
        }
        _check_no_weekday_twice(parsed, hours)
        return cls(timezone, parsed, frozenset(_wire_date(day) for day in holidays))

    def wire_hours(self) -> dict[int, list[tuple[str, str]]]:
        """``hours`` as ``from_wire`` reads them (and ``BusinessCalendarPublic`` carries them)."""
        return {day: [_wire_pair(pair) for pair in pairs] for day, pairs in self.hours.items()}

    @property
    def zone(self) -> ZoneInfo:
        return _zone(self.timezone)


def _zone(name: str) -> ZoneInfo:
    if not isinstance(name, str) or not name:
        raise ValidationError("timezone", f"{name!r} is not an IANA timezone name")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            "timezone", f"{name!r} is not a known IANA timezone (e.g. Europe/Moscow)"
        ) from None


def _weekday(key: object) -> int:
    number = int(key) if isinstance(key, str) and key.isdigit() else key
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 7:
        raise ValidationError("hours", f"{key!r} is not an ISO weekday (1 Monday to 7 Sunday)")
    return number


def _wire_date(day: date | str) -> date:
    if not isinstance(day, str):
        return day
    try:
        return date.fromisoformat(day)
    except ValueError:
        raise ValidationError("holidays", f"{day!r} is not a date (YYYY-MM-DD)") from None


def _day_name(weekday: int) -> str:
    return f"{WEEKDAYS[weekday - 1]} ({weekday})"


def _wire_interval(weekday: int, pair: Sequence[str]) -> Interval:
    if isinstance(pair, str) or len(pair) != 2:
        raise ValidationError(
            "hours", f"{_day_name(weekday)}: {pair!r} is not an interval [opens, closes]"
        )
    return _clock(weekday, pair[0], closing=False), _clock(weekday, pair[1], closing=True)


def _clock(weekday: int, text: str, *, closing: bool) -> time:
    match = _CLOCK.match(text) if isinstance(text, str) else None
    hour, minute = (int(match.group(1)), int(match.group(2))) if match else (99, 99)
    if (hour, minute) == (24, 0):
        if closing:
            return MIDNIGHT
        raise ValidationError("hours", f"{_day_name(weekday)}: 24:00 can only close a day")
    if hour > 23 or minute > 59:
        raise ValidationError(
            "hours",
            f"{_day_name(weekday)}: {text!r} is not a time of day (HH:MM, 00:00 to 24:00)",
        )
    return time(hour, minute)


def _checked_hours(hours: Mapping[int, Iterable[Interval]]) -> dict[int, tuple[Interval, ...]]:
    checked = {
        _weekday(day): _checked_day(_weekday(day), intervals)
        for day, intervals in sorted(hours.items(), key=lambda item: _weekday(item[0]))
    }
    _check_no_weekday_twice(checked, hours)
    if not any(checked.values()):
        raise ValidationError(
            "hours", "the calendar is never open (no weekday has an opening interval)"
        )
    return checked


def _check_no_weekday_twice(read: Mapping[int, object], given: Mapping[object, object]) -> None:
    if len(read) != len(given):
        raise ValidationError("hours", "a weekday is given twice (as a number and as text)")


def _checked_day(weekday: int, intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    day = sorted(_checked_interval(weekday, interval) for interval in intervals)
    for before, after in pairwise(day):
        if _closing_key(before[1]) > _since_midnight(after[0]):
            raise ValidationError(
                "hours",
                f"{_day_name(weekday)}: {_show(after)} overlaps {_show(before)}",
            )
    return tuple(day)


def _checked_interval(weekday: int, interval: Interval) -> Interval:
    opens, closes = interval
    for moment in (opens, closes):
        if not isinstance(moment, time) or moment.tzinfo is not None:
            raise ValidationError(
                "hours", f"{_day_name(weekday)}: {moment!r} is not a local time of day"
            )
    if _closing_key(closes) <= _since_midnight(opens):
        raise ValidationError(
            "hours", f"{_day_name(weekday)}: {_show(interval)} closes before it opens"
        )
    return opens, closes


def _closing_key(moment: time) -> timedelta:
    """Where ``moment`` lies in its day as a closing time (``time(0)`` is the day's end)."""
    return _DAY if moment == MIDNIGHT else _since_midnight(moment)


def _since_midnight(moment: time) -> timedelta:
    return timedelta(
        hours=moment.hour,
        minutes=moment.minute,
        seconds=moment.second,
        microseconds=moment.microsecond,
    )


def _show(interval: Interval) -> str:
    return "-".join(_wire_pair(interval))


def _wire_pair(interval: Interval) -> tuple[str, str]:
    opens, closes = interval
    return f"{opens:%H:%M}", "24:00" if closes == MIDNIGHT else f"{closes:%H:%M}"


def _checked_holidays(holidays: Iterable[date]) -> frozenset[date]:
    days = frozenset(holidays)
    for day in days:
        # A datetime is a date too, but would never equal the local date looked up.
        if not isinstance(day, date) or isinstance(day, datetime):
            raise ValidationError("holidays", f"{day!r} is not a date")
    return days


#: Used for a branch without a calendar (and no company default): every minute counts.
ALWAYS_OPEN = BusinessCalendar(
    "UTC", {day: ((MIDNIGHT, MIDNIGHT),) for day in range(1, 8)}, frozenset()
)


def add_business_minutes(start: datetime, minutes: int, calendar: BusinessCalendar) -> datetime:
    """The instant (UTC) at which ``minutes`` business minutes from ``start`` have passed.

    Counting starts at ``start`` if the calendar is open then, else at its next opening
    (zero minutes gives that instant). A count that runs out exactly at a closing gives
    the closing itself, not the next opening.
    """
    _check_aware("start", start)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise ValidationError("minutes", f"must be a whole number of minutes >= 0, not {minutes!r}")
    remaining = minutes * _MINUTE
    for opens, closes in _open_periods(calendar, start):
        if remaining <= closes - opens:
            return opens + remaining
        remaining -= closes - opens
    raise AssertionError("unreachable: the open periods never end")  # pragma: no cover


def business_minutes_between(start: datetime, end: datetime, calendar: BusinessCalendar) -> int:
    """Whole business minutes in ``[start, end)``; negative when ``end`` is before ``start``.

    The inverse of ``add_business_minutes``: for every aware ``start`` and ``m >= 0``,
    ``business_minutes_between(start, add_business_minutes(start, m, c), c) == m``. A part
    minute is dropped (towards zero), so an overdue case counts only whole minutes.
    """
    _check_aware("start", start)
    _check_aware("end", end)
    if end < start:
        return -business_minutes_between(end, start, calendar)
    total = timedelta(0)
    for opens, closes in _open_periods(calendar, start):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total // _MINUTE


def _check_aware(name: str, moment: datetime) -> None:
    if not isinstance(moment, datetime):
        raise ValidationError(name, f"{moment!r} is not a datetime")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValidationError(name, f"{moment.isoformat()} has no timezone (naive datetime)")


def _open_periods(
    calendar: BusinessCalendar, since: datetime
) -> Iterator[tuple[datetime, datetime]]:
    """The open periods from ``since`` on, in order, as UTC instants; the first one is cut
    to begin at ``since`` when ``since`` falls inside it."""
    zone = calendar.zone
    since = since.astimezone(UTC)
    # A day before: a clock set back over midnight can put ``since`` on yesterday's date.
    day = since.astimezone(zone).date() - _DAY
    while True:
        for opens, closes in _day_periods(calendar, day, zone):
            if closes > since:
                yield max(opens, since), closes
        day += _DAY


def _day_periods(
    calendar: BusinessCalendar, day: date, zone: ZoneInfo
) -> Iterator[tuple[datetime, datetime]]:
    if day in calendar.holidays:
        return
    for opens, closes in calendar.hours.get(day.isoweekday(), ()):
        closing_day = day + _DAY if closes == MIDNIGHT else day
        start = _first_instant(datetime.combine(day, opens), zone)
        end = _first_instant(datetime.combine(closing_day, closes), zone)
        if start < end:  # a spring change can swallow an interval whole
            yield start, end


def _first_instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The first instant (UTC) at which the clock in ``zone`` shows ``wall`` or later."""
    guess = wall.replace(tzinfo=zone).astimezone(UTC)  # fold 0: a repeated time's first
    if _wall(guess, zone) == wall:
        return guess
    # Skipped by the clocks: the instant of the change lies between the readings of
    # ``wall`` with the offset after it (too early) and before it (the guess).
    # Searched in whole seconds, as zones change their offsets on a whole second.
    early = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    low, high = 0, int((guess - early).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        shown = _wall(early + timedelta(seconds=middle), zone)
        low, high = (low, middle) if shown >= wall else (middle, high)
    return early + timedelta(seconds=high)


def _wall(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


@dataclass(frozen=True)
class ServicePolicy:
    """How many business minutes a case of ``category`` (``*``: any) and ``priority`` has
    until its first response and until its resolution."""

    category: str
    priority: Priority
    first_response_minutes: int
    resolution_minutes: int

    def __post_init__(self) -> None:
        if not isinstance(self.category, str) or not self.category.strip():
            raise ValidationError("category", "must be a category code or '*'")
        try:
            object.__setattr__(self, "priority", Priority(self.priority))
        except ValueError:
            raise ValidationError("priority", f"{self.priority!r} is not a priority") from None
        for name in ("first_response_minutes", "resolution_minutes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValidationError(name, f"must be a whole number of minutes, not {value!r}")
            if not 0 <= value <= MAX_POLICY_MINUTES:
                raise ValidationError(name, f"must be 0 to {MAX_POLICY_MINUTES:,}, not {value}")


def policy_for(
    policies: Iterable[ServicePolicy], category: str, priority: Priority
) -> ServicePolicy | None:
    """The policy for ``category`` and ``priority``: the category's own beats ``*``."""
    fallback = None
    for policy in policies:
        if policy.priority != priority:
            continue
        if policy.category == category:
            return policy
        if policy.category == "*" and fallback is None:
            fallback = policy
    return fallback


def calendar_for(calendars: Mapping[str, BusinessCalendar], branch: str) -> BusinessCalendar:
    """The branch's calendar, else the company's (``*``), else ``ALWAYS_OPEN``."""
    return calendars.get(branch) or calendars.get("*") or ALWAYS_OPEN


def due_times(
    opened_at: datetime,
    *,
    category: str,
    priority: Priority,
    branch: str,
    policies: Iterable[ServicePolicy],
    calendars: Mapping[str, BusinessCalendar],
) -> tuple[datetime | None, datetime | None]:
    """(first response due, resolution due) in UTC for a case opened at ``opened_at``;
    ``(None, None)`` when no policy covers its category and priority."""
    policy = policy_for(policies, category, priority)
    if policy is None:
        return None, None
    calendar = calendar_for(calendars, branch)
    return (
        add_business_minutes(opened_at, policy.first_response_minutes, calendar),
        add_business_minutes(opened_at, policy.resolution_minutes, calendar),
    )
