"""Tests for desk.rules.windows: parsing and applying calling windows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from desk.rules.windows import CallingWindows, parse_window
from desk.rules.workdays import WorkCalendar

SH = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    """An aware Shanghai datetime."""
    return datetime(y, m, d, hh, mm, tzinfo=SH)


@pytest.fixture
def windows() -> CallingWindows:
    """Windows 08:00-11:00 and 14:00-17:00 on the national calendar."""
    return CallingWindows([(time(14), time(17)), (time(8), time(11))], WorkCalendar())


@pytest.mark.parametrize(
    "text",
    [
        "08:00-11:00",
        "08:00–11:00",
        "08:00~11:00",
        "08:00至11:00",
        "08：00-11：00",
        " 8:00 - 11:00 ",
        "０８：００～１１：００",
    ],
)
def test_parse_window_forms(text: str) -> None:
    assert parse_window(text) == (time(8), time(11))


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "HH:MM-HH:MM"),
        ("08:00", "HH:MM-HH:MM"),
        ("8-11", "HH:MM-HH:MM"),
        ("08:00-11:00-12:00", "HH:MM-HH:MM"),
        ("morning", "HH:MM-HH:MM"),
        ("25:00-26:00", "Invalid time"),
        ("08:60-11:00", "Invalid time"),
        ("11:00-08:00", "start before"),
        ("08:00-08:00", "start before"),
    ],
)
def test_parse_window_rejects(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_window(text)


@pytest.mark.parametrize(
    "bad",
    [
        [],
        [(time(11), time(8))],
        [(time(8), time(11)), (time(10), time(12))],
        [(time(8, tzinfo=UTC), time(11, tzinfo=UTC))],
    ],
)
def test_calling_windows_rejects_bad_windows(bad: list[tuple[time, time]]) -> None:
    with pytest.raises(ValueError):
        CallingWindows(bad, WorkCalendar())


# 2026-06-03 is an ordinary Wednesday.
@pytest.mark.parametrize(
    ("now", "expected_open"),
    [
        (at(2026, 6, 3, 7, 59), False),
        (at(2026, 6, 3, 8, 0), True),
        (at(2026, 6, 3, 10, 59), True),
        (at(2026, 6, 3, 11, 0), False),
        (at(2026, 6, 3, 14, 0), True),
        (at(2026, 6, 3, 17, 0), False),
        (at(2026, 6, 6, 9, 0), False),  # ordinary Saturday
        (at(2026, 10, 5, 9, 0), False),  # National Day holiday, a Monday
        (at(2026, 10, 10, 9, 0), True),  # make-up Saturday (调休)
    ],
)
def test_is_open(windows: CallingWindows, now: datetime, expected_open: bool) -> None:
    assert windows.is_open(now) is expected_open


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 6, 3, 7, 30), at(2026, 6, 3, 8, 0)),
        (at(2026, 6, 3, 11, 30), at(2026, 6, 3, 14, 0)),
        (at(2026, 6, 3, 17, 30), at(2026, 6, 4, 8, 0)),
        (at(2026, 6, 5, 17, 30), at(2026, 6, 8, 8, 0)),  # Friday -> Monday
        (at(2026, 9, 30, 17, 30), at(2026, 10, 8, 8, 0)),  # into the National Day holiday
        (at(2026, 10, 3, 9, 0), at(2026, 10, 8, 8, 0)),  # during the holiday
        (at(2026, 10, 9, 17, 30), at(2026, 10, 10, 8, 0)),  # Friday -> make-up Saturday
    ],
)
def test_next_open_when_closed(windows: CallingWindows, now: datetime, expected: datetime) -> None:
    result = windows.next_open(now)
    assert result == expected
    assert result.tzinfo is SH
    assert result.replace(tzinfo=None) == expected.replace(tzinfo=None)  # same wall clock


def test_next_open_when_open_is_now(windows: CallingWindows) -> None:
    now = at(2026, 6, 3, 9, 17)
    assert windows.next_open(now) is now


def test_next_open_keeps_other_tzinfo() -> None:
    utc_windows = CallingWindows([(time(8), time(11))], WorkCalendar())
    now = datetime(2026, 6, 3, 7, 30, tzinfo=UTC)
    result = utc_windows.next_open(now)
    assert result == datetime(2026, 6, 3, 8, 0, tzinfo=UTC)
    assert result.tzinfo is UTC


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 6, 3, 9, 0), at(2026, 6, 3, 11, 0)),
        (at(2026, 6, 3, 16, 59), at(2026, 6, 3, 17, 0)),
        (at(2026, 6, 3, 12, 0), None),
        (at(2026, 6, 6, 9, 0), None),
    ],
)
def test_current_window_end(
    windows: CallingWindows, now: datetime, expected: datetime | None
) -> None:
    assert windows.current_window_end(now) == expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(2026, 6, 3, 9, 0), at(2026, 6, 3, 14, 0)),  # morning -> afternoon
        (at(2026, 6, 3, 15, 0), at(2026, 6, 4, 8, 0)),  # afternoon -> next morning
        (at(2026, 6, 5, 15, 0), at(2026, 6, 8, 8, 0)),  # Friday afternoon -> Monday
        (at(2026, 6, 3, 12, 0), at(2026, 6, 3, 14, 0)),  # between windows
        (at(2026, 9, 30, 15, 0), at(2026, 10, 8, 8, 0)),  # before National Day
    ],
)
def test_next_slot_after_no_answer(
    windows: CallingWindows, now: datetime, expected: datetime
) -> None:
    assert windows.next_slot_after_no_answer(now) == expected


def test_next_slot_with_adjacent_windows() -> None:
    adjacent = CallingWindows([(time(8), time(10)), (time(10), time(12))], WorkCalendar())
    assert adjacent.next_slot_after_no_answer(at(2026, 6, 3, 9)) == at(2026, 6, 3, 10)


def test_windows_follow_extra_holidays() -> None:
    calendar = WorkCalendar(extra_holidays=[date(2026, 6, 4)])
    closed = CallingWindows([(time(8), time(11))], calendar)
    assert not closed.is_open(at(2026, 6, 4, 9))
    assert closed.next_open(at(2026, 6, 3, 12)) == at(2026, 6, 5, 8)
