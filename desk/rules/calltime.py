"""The time of a call as typed at the desk: `2026-11-24 09:05`, `11-24 09:05` or `09:05` (today)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta

from desk.rules.dates import CLOCK, DAY, NOT_EXISTING, DateError, fold_digits, make_clock, make_day

__all__ = ["FUTURE_SLACK", "CallTimeError", "format_call_time", "parse_call_time"]

FUTURE_SLACK = timedelta(minutes=5)
"""How far ahead of the desk's clock a typed time may be (clocks of phones and PCs differ)."""

_FULL = re.compile(DAY + r"\s*" + CLOCK)
_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?\s+" + CLOCK)
_CLOCK = re.compile(CLOCK)


class CallTimeError(DateError):
    """A call time that cannot be accepted; code is one of: empty, invalid, future, or (the
    form is right but no such day or time exists) no_such_day, no_such_time."""

    CODES = frozenset({"empty", "invalid", "future"}) | NOT_EXISTING

    def _message(self, _: Callable[[str], str]) -> str:
        if self.code == "empty":
            return _("Enter the time of the call.")
        if self.code == "future":
            return _("The time of the call is in the future.")
        if self.code == "invalid":
            return _("Write the time as 2026-11-24 09:05, or 09:05 for today.")
        return super()._message(_)


def parse_call_time(text: str, *, now: datetime) -> datetime:
    """The moment typed, in `now`'s time zone, to the minute; refuses times in the future."""
    folded = fold_digits(text)
    if not folded:
        raise CallTimeError("empty")
    year, month, day = now.year, now.month, now.day
    if match := _FULL.fullmatch(folded):
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    elif match := _MONTH_DAY.fullmatch(folded):
        month, day = int(match["m"]), int(match["d"])
    elif not (match := _CLOCK.fullmatch(folded)):
        raise CallTimeError("invalid")
    day_typed = make_day(year, month, day, CallTimeError)
    clock = make_clock(int(match["H"]), int(match["M"]), CallTimeError)
    moment = datetime.combine(day_typed, clock, tzinfo=now.tzinfo)
    if moment > now + FUTURE_SLACK:
        raise CallTimeError("future")
    return moment


def format_call_time(moment: datetime) -> str:
    """How the time field shows a moment: `2026-11-24 09:05`."""
    return moment.strftime("%Y-%m-%d %H:%M")
