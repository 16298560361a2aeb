"""China's working-day calendar (法定节假日 and 调休) with the institution's own exceptions."""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from datetime import date, timedelta

import chinese_calendar

from desk.i18n import _

__all__ = ["CalendarGap", "WorkCalendar", "gap_message", "has_holiday_data"]

_ONE_DAY = timedelta(days=1)


class CalendarGap(UserWarning):
    """The holiday calendar has no data for a year desk is planning in."""


def has_holiday_data(year: int) -> bool:
    """Whether chinese_calendar knows the public holidays and make-up days of `year`."""
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def gap_message(year: int) -> str:
    """What to tell an administrator about a year without holiday data."""
    return _(
        "The holiday calendar has no data for {year}: desk counts Monday to Friday as "
        "working days there, so follow-ups may fall on public holidays. Update the "
        "chinesecalendar package, or add {year}'s holidays and make-up working days to "
        "desk.toml ([calling] extra_holidays and extra_workdays)."
    ).format(year=year)


class WorkCalendar:
    """Working days per chinese_calendar, overridden by extra holidays and extra workdays."""

    def __init__(
        self, extra_holidays: Iterable[date] = (), extra_workdays: Iterable[date] = ()
    ) -> None:
        """Create a calendar; a date may not be both an extra holiday and an extra workday."""
        self.extra_holidays: frozenset[date] = frozenset(extra_holidays)
        self.extra_workdays: frozenset[date] = frozenset(extra_workdays)
        both = self.extra_holidays & self.extra_workdays
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"Dates cannot be both extra holidays and extra workdays: {days}")
        self.uncovered_years: set[int] = set()

    def _uncovered(self, year: int) -> None:
        """Record a year chinese_calendar has no data for and warn once per calendar."""
        if year in self.uncovered_years:
            return
        self.uncovered_years.add(year)
        warnings.warn(gap_message(year), CalendarGap, stacklevel=3)

    def is_workday(self, d: date) -> bool:
        """Return True if d is a working day, counting make-up weekend days (调休) as working."""
        if d in self.extra_workdays:
            return True
        if d in self.extra_holidays:
            return False
        if d.year not in self.uncovered_years:
            try:
                return bool(chinese_calendar.is_workday(d))
            except NotImplementedError:
                self._uncovered(d.year)
        return d.weekday() < 5

    def next_workday(self, d: date) -> date:
        """Return d if it is a working day, else the first working day after it."""
        while not self.is_workday(d):
            d += _ONE_DAY
        return d

    def holiday_name(self, d: date) -> str | None:
        """Return chinese_calendar's English holiday name if d is a public-holiday day off."""
        if d in self.extra_workdays:
            return None
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(d)
        except NotImplementedError:
            self._uncovered(d.year)
            return None
        return name if on_holiday else None
