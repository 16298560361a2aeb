"""Tests for desk.rules.workdays: China's working-day calendar with local exceptions."""

from __future__ import annotations

import warnings
from datetime import date, timedelta

import pytest

from desk.rules.workdays import CalendarGap, WorkCalendar


def days(start: date, end: date) -> list[date]:
    """Every date from start to end inclusive."""
    return [start + timedelta(n) for n in range((end - start).days + 1)]


# chinese_calendar 1.11.0 (State Council notice for 2026): National Day is 10-01..10-07
# (Mid-Autumn is separate, 09-25..09-27); make-up days are Sun 09-20 and Sat 10-10.
@pytest.mark.parametrize("day", days(date(2026, 10, 1), date(2026, 10, 7)))
def test_national_day_2026_is_not_a_workday(day: date) -> None:
    assert not WorkCalendar().is_workday(day)


def test_day_after_national_day_2026_is_a_workday() -> None:
    assert WorkCalendar().is_workday(date(2026, 10, 8))  # a Thursday


def test_follow_up_due_in_holiday_moves_to_first_workday() -> None:
    discharged = date(2026, 9, 28)
    due = discharged + timedelta(days=7)
    assert due == date(2026, 10, 5)
    assert WorkCalendar().next_workday(due) == date(2026, 10, 8)


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 4),  # Sunday, New Year's Day
        date(2026, 2, 14),  # Saturday, Spring Festival
        date(2026, 2, 28),  # Saturday, Spring Festival
        date(2026, 5, 9),  # Saturday, Labour Day
        date(2026, 9, 20),  # Sunday, National Day
        date(2026, 10, 10),  # Saturday, National Day
    ],
)
def test_make_up_weekend_days_2026_are_workdays(day: date) -> None:
    assert day.weekday() >= 5
    calendar = WorkCalendar()
    assert calendar.is_workday(day)
    assert calendar.next_workday(day) == day
    assert calendar.holiday_name(day) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 6, 3), date(2026, 6, 3)),  # Wednesday
        (date(2026, 6, 6), date(2026, 6, 8)),  # Saturday -> Monday
        (date(2026, 10, 1), date(2026, 10, 8)),
        (date(2026, 10, 11), date(2026, 10, 12)),  # ordinary Sunday after the make-up Saturday
    ],
)
def test_next_workday(day: date, expected: date) -> None:
    assert WorkCalendar().next_workday(day) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 10, 1), "National Day"),
        (date(2026, 9, 25), "Mid-autumn Festival"),
        (date(2026, 6, 3), None),  # workday
        (date(2026, 6, 6), None),  # ordinary weekend
    ],
)
def test_holiday_name(day: date, expected: str | None) -> None:
    assert WorkCalendar().holiday_name(day) == expected


def test_uncovered_year_falls_back_to_monday_to_friday_and_warns_once() -> None:
    calendar = WorkCalendar()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        week = days(date(2027, 1, 4), date(2027, 1, 10))  # Monday..Sunday
        assert [calendar.is_workday(d) for d in week] == [True] * 5 + [False] * 2
        assert calendar.next_workday(date(2027, 1, 9)) == date(2027, 1, 11)
        assert calendar.holiday_name(date(2027, 1, 1)) is None
        assert calendar.is_workday(date(2027, 1, 1))  # no data: New Year's Day counts
    assert calendar.uncovered_years == {2027}
    assert len(caught) == 1
    assert issubclass(caught[0].category, UserWarning)
    assert "2027" in str(caught[0].message)


def test_uncovered_year_warns_per_calendar_and_per_year() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        first, second = WorkCalendar(), WorkCalendar()
        first.is_workday(date(2027, 3, 1))
        first.holiday_name(date(2028, 3, 1))
        second.is_workday(date(2027, 3, 1))
        first.is_workday(date(2027, 3, 2))
    assert first.uncovered_years == {2027, 2028}
    assert second.uncovered_years == {2027}
    assert len(caught) == 3


def test_covered_year_does_not_warn() -> None:
    calendar = WorkCalendar()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        calendar.next_workday(date(2026, 12, 31))
    assert calendar.uncovered_years == set()


def test_next_workday_walks_from_covered_into_uncovered_year() -> None:
    calendar = WorkCalendar(extra_holidays=[date(2026, 12, 31)])
    with pytest.warns(CalendarGap, match="2027"):
        # 2027-01-01 is a Friday; without data it counts as a working day.
        assert calendar.next_workday(date(2026, 12, 31)) == date(2027, 1, 1)


def test_extra_holidays_and_workdays() -> None:
    calendar = WorkCalendar(
        extra_holidays=[date(2026, 6, 3)],
        extra_workdays=[date(2026, 6, 6), date(2026, 10, 2)],
    )
    assert not calendar.is_workday(date(2026, 6, 3))  # ordinary Wednesday closed
    assert calendar.next_workday(date(2026, 6, 3)) == date(2026, 6, 4)
    assert calendar.is_workday(date(2026, 6, 6))  # ordinary Saturday open
    assert calendar.is_workday(date(2026, 10, 2))  # open on a public holiday
    assert calendar.holiday_name(date(2026, 10, 2)) is None
    assert calendar.next_workday(date(2026, 10, 1)) == date(2026, 10, 2)


def test_extra_holiday_on_make_up_day() -> None:
    calendar = WorkCalendar(extra_holidays=[date(2026, 10, 10)])
    assert not calendar.is_workday(date(2026, 10, 10))
    assert calendar.next_workday(date(2026, 10, 10)) == date(2026, 10, 12)


def test_extra_days_also_apply_to_uncovered_years() -> None:
    calendar = WorkCalendar(extra_holidays=[date(2027, 1, 1)], extra_workdays=[date(2027, 1, 2)])
    with pytest.warns(UserWarning):
        assert calendar.is_workday(date(2027, 1, 4))  # Monday, by the fallback
    assert not calendar.is_workday(date(2027, 1, 1))  # Friday, extra holiday
    assert calendar.is_workday(date(2027, 1, 2))  # Saturday, extra workday


def test_date_cannot_be_both_extra_holiday_and_workday() -> None:
    with pytest.raises(ValueError, match="2026-06-03"):
        WorkCalendar(extra_holidays=[date(2026, 6, 3)], extra_workdays=[date(2026, 6, 3)])
