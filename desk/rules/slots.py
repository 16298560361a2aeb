"""Where a new booking starts by default: the next half hour from now, within working hours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from desk.rules.workdays import WorkCalendar

SLOT = timedelta(minutes=30)
DEFAULT_HOURS = (time(8, 0), time(17, 0))
"""The working day when no windows are configured."""


def working_hours(windows: Sequence[tuple[time, time]]) -> tuple[time, time]:
    """The desk's working day: from the first window's start to the last one's end."""
    if not windows:
        return DEFAULT_HOURS
    return min(start for start, _end in windows), max(end for _start, end in windows)


def next_slot(
    now: datetime,
    *,
    windows: Sequence[tuple[time, time]],
    calendar: WorkCalendar,
    day: date | None = None,
) -> datetime:
    """The first half hour after now (on `day` if that is later: its opening time) that
    starts and ends within working hours on a working day; aware, in now's zone."""
    opens, closes = working_hours(windows)
    tz = now.tzinfo
    if day is not None and day > now.date():
        now = datetime.combine(day, time(0), tzinfo=tz)
    start = now.replace(minute=0, second=0, microsecond=0)
    while start <= now:
        start += SLOT
    day = now.date()
    while True:
        if calendar.is_workday(day) and start.date() == day:
            opening = datetime.combine(day, opens, tzinfo=tz)
            start = max(start, opening)
            if (start + SLOT).time() <= closes and (start + SLOT).date() == day:
                return start
        day = calendar.next_workday(day + timedelta(days=1))
        start = datetime.combine(day, opens, tzinfo=tz)
