"""Dates and times as typed: one parser, so every field and option says the same about them.

A date is written `2026-11-24`, `2026/11/24`, `2026.11.24` or `2026年11月24日`; a time of day
`09:05`, `9时05分` or `9点05`; full-width digits (as some IMEs type them) are folded first. Text
in the right form naming a day or time that does not exist (2026-02-30, 2026-13-01, 25:00) is
refused with a message that says so ("没有这一天") instead of repeating the format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time

__all__ = [
    "CLOCK",
    "DAY",
    "NOT_EXISTING",
    "DateError",
    "date_message",
    "fold_digits",
    "make_clock",
    "make_day",
    "make_month",
    "parse_clock",
    "parse_day",
    "parse_moment",
]

DAY = r"(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
"""A date as a pattern with groups y, m and d."""
CLOCK = r"(?P<H>\d{1,2})[:时点](?P<M>\d{2})分?"
"""A time of day as a pattern with groups H and M."""
NOT_EXISTING = frozenset({"no_such_day", "no_such_time", "no_such_month"})
"""The codes of text in the right form that names a day, month or time that does not exist."""

_CODES = frozenset({"empty", "invalid"}) | NOT_EXISTING
_DAY = re.compile(DAY)
_MOMENT = re.compile(DAY + r"\s*" + CLOCK)
_CLOCK = re.compile(CLOCK)
# Full-width digits, colon, hyphen, slash and the ideographic space to ASCII.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def date_message(code: str, value: str, _: Callable[[str], str], *, with_time: bool) -> str:
    """The message for a DateError code, passed through the translator _."""
    if code == "no_such_day":
        return _("There is no such day: {day}.").format(day=value)
    if code == "no_such_month":
        return _("There is no such month: {month}.").format(month=value)
    if code == "no_such_time":
        return _("There is no such time of day: {time}.").format(time=value)
    if code == "empty":
        return _("Enter a date and time.") if with_time else _("Enter a date.")
    return _("Write the time as 2026-11-24 09:05.") if with_time else _("Type dates as 2026-11-24.")


class DateError(ValueError):
    """A date or time that cannot be accepted: empty, invalid (the form is wrong), no_such_day,
    no_such_month or no_such_time (the form is right but the calendar or clock has no such
    thing); value is the day, month or time as it would be written (2026-02-30, 25:00)."""

    CODES: frozenset[str] = _CODES

    def __init__(self, code: str, value: str = "", *, with_time: bool = False) -> None:
        if code not in self.CODES:
            raise ValueError(f"Unknown {type(self).__name__} code {code!r}")
        super().__init__(code)
        self.code: str = code
        self.value: str = value
        self.with_time: bool = with_time

    def _message(self, _: Callable[[str], str]) -> str:
        return date_message(self.code, self.value, _, with_time=self.with_time)

    def __str__(self) -> str:
        """The untranslated English message."""
        return self._message(str)

    @property
    def message(self) -> str:
        """The message translated for the user."""
        from desk.i18n import _  # imported lazily: desk.i18n loads the catalogues

        return self._message(_)

    @property
    def not_existing(self) -> bool:
        """Whether the form was right but no such day, month or time exists."""
        return self.code in NOT_EXISTING


def fold_digits(text: str) -> str:
    """Full-width digits and punctuation to ASCII, surrounding spaces removed."""
    return text.translate(_FOLD).strip()


def make_day(year: int, month: int, day: int, error: type[DateError] = DateError) -> date:
    """The date, or `error("no_such_day")` when the calendar has no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        raise error("no_such_day", f"{year:04d}-{month:02d}-{day:02d}") from None


def make_month(year: int, month: int, error: type[DateError] = DateError) -> date:
    """The first day of the month, or `error("no_such_month")` for a month 0 or above 12."""
    if not 1 <= month <= 12 or year < 1:
        raise error("no_such_month", f"{year:04d}-{month:02d}")
    return date(year, month, 1)


def make_clock(hour: int, minute: int, error: type[DateError] = DateError) -> time:
    """The time of day, or `error("no_such_time")` when the clock has no such time (25:00)."""
    try:
        return time(hour, minute)
    except ValueError:
        raise error("no_such_time", f"{hour:02d}:{minute:02d}") from None


def parse_day(text: str) -> date:
    """A date typed as 2026-11-24 (or with / . 年月日); DateError says why not."""
    folded = fold_digits(text)
    if not folded:
        raise DateError("empty")
    match = _DAY.fullmatch(folded)
    if match is None:
        raise DateError("invalid")
    return make_day(int(match["y"]), int(match["m"]), int(match["d"]))


def parse_moment(text: str) -> datetime:
    """A date and time typed as 2026-11-24 09:05, naive; DateError says why not."""
    folded = fold_digits(text)
    if not folded:
        raise DateError("empty", with_time=True)
    match = _MOMENT.fullmatch(folded)
    if match is None:
        raise DateError("invalid", with_time=True)
    day = make_day(int(match["y"]), int(match["m"]), int(match["d"]))
    return datetime.combine(day, make_clock(int(match["H"]), int(match["M"])))


def parse_clock(text: str) -> time:
    """A time of day typed as 09:05 (or 9时05分); DateError says why not."""
    folded = fold_digits(text)
    if not folded:
        raise DateError("empty", with_time=True)
    match = _CLOCK.fullmatch(folded)
    if match is None:
        raise DateError("invalid", with_time=True)
    return make_clock(int(match["H"]), int(match["M"]))
