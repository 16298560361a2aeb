"""A new booking's default time: the next half hour from now, within working hours."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from desk.rules.slots import next_slot
from desk.rules.workdays import WorkCalendar

TZ = ZoneInfo("Asia/Shanghai")
WINDOWS = ((time(8), time(11)), (time(14), time(17)))


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 11, 24, 9, 5), datetime(2026, 11, 24, 9, 30)),
        (datetime(2026, 11, 24, 9, 30), datetime(2026, 11, 24, 10, 0)),
        (datetime(2026, 11, 24, 6, 10), datetime(2026, 11, 24, 8, 0)),
        (datetime(2026, 11, 24, 12, 40), datetime(2026, 11, 24, 13, 0)),  # lunch is bookable
        (datetime(2026, 11, 24, 16, 25), datetime(2026, 11, 24, 16, 30)),
        (datetime(2026, 11, 24, 16, 35), datetime(2026, 11, 25, 8, 0)),
        (datetime(2026, 11, 27, 23, 50), datetime(2026, 11, 30, 8, 0)),  # Friday night
        (datetime(2026, 10, 1, 9, 0), datetime(2026, 10, 8, 8, 0)),  # National Day week
    ],
)
def test_next_half_hour_within_working_hours(now: datetime, expected: datetime) -> None:
    found = next_slot(now.replace(tzinfo=TZ), windows=WINDOWS, calendar=WorkCalendar())
    assert found == expected.replace(tzinfo=TZ)


def test_a_later_day_opens_at_its_first_hour() -> None:
    now = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)
    found = next_slot(now, windows=WINDOWS, calendar=WorkCalendar(), day=date(2026, 11, 26))
    assert found == datetime(2026, 11, 26, 8, 0, tzinfo=TZ)
    earlier = next_slot(now, windows=WINDOWS, calendar=WorkCalendar(), day=date(2026, 11, 20))
    assert earlier == datetime(2026, 11, 24, 9, 30, tzinfo=TZ)
