"""Calling windows: the hours of working days in which patients may be phoned."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from desk.rules.workdays import WorkCalendar

__all__ = ["CallingWindows", "parse_window"]

# Full-width ASCII (U+FF01..U+FF5E) to ASCII, the ideographic space to a space.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WINDOW_RE = re.compile(
    r"\s*(\d{1,2})\s*:\s*(\d{2})\s*(?:-|\u2013|\u2014|~|\u301c|至|到)\s*(\d{1,2})\s*:\s*(\d{2})\s*"
)


def _clock(hour: str, minute: str, text: str) -> time:
    """Build a time from hour and minute strings, with a clear message when out of range."""
    h, m = int(hour), int(minute)
    if h > 23 or m > 59:
        raise ValueError(f"Invalid time {hour}:{minute} in calling window {text!r}.")
    return time(h, m)


def parse_window(text: str) -> tuple[time, time]:
    """Parse a window such as "08:00-11:00" (also –, ~, 至, full-width colon) into (start, end)."""
    match = _WINDOW_RE.fullmatch(text.translate(_FULL_WIDTH))
    if match is None:
        raise ValueError(
            f"Calling window {text!r} is not in the form HH:MM-HH:MM, e.g. 08:00-11:00."
        )
    start = _clock(match[1], match[2], text)
    end = _clock(match[3], match[4], text)
    if start >= end:
        raise ValueError(f"Calling window {text!r} must start before it ends.")
    return start, end


class CallingWindows:
    """Daily calling windows that apply on the working days of a WorkCalendar."""

    def __init__(self, windows: Sequence[tuple[time, time]], calendar: WorkCalendar) -> None:
        """Store the windows sorted; they must be non-empty, well-formed and not overlap."""
        ordered = sorted(windows)
        if not ordered:
            raise ValueError("At least one calling window is needed.")
        for start, end in ordered:
            if start.tzinfo is not None or end.tzinfo is not None:
                raise ValueError("Calling windows are local wall-clock times without tzinfo.")
            if start >= end:
                raise ValueError(
                    f"Calling window {start:%H:%M}-{end:%H:%M} must start before it ends."
                )
        for (_, end), (start, _) in zip(ordered, ordered[1:], strict=False):
            if start < end:
                raise ValueError(f"Calling windows overlap at {start:%H:%M}.")
        self.windows: tuple[tuple[time, time], ...] = tuple(ordered)
        self.calendar = calendar

    def _window_at(self, at: datetime) -> tuple[time, time] | None:
        """Return the window containing at (start inclusive, end exclusive), if any."""
        if not self.calendar.is_workday(at.date()):
            return None
        now = at.time()
        for start, end in self.windows:
            if start <= now < end:
                return start, end
        return None

    def is_open(self, at: datetime) -> bool:
        """Return True if at falls inside a calling window on a working day."""
        return self._window_at(at) is not None

    def next_open(self, at: datetime) -> datetime:
        """Return at if open, else the start of the next window, in at's tzinfo."""
        if self.is_open(at):
            return at
        day: date = at.date()
        if self.calendar.is_workday(day):
            now = at.time()
            for start, _ in self.windows:
                if start > now:
                    return datetime.combine(day, start, tzinfo=at.tzinfo)
        day = self.calendar.next_workday(day + timedelta(days=1))
        return datetime.combine(day, self.windows[0][0], tzinfo=at.tzinfo)

    def current_window_end(self, at: datetime) -> datetime | None:
        """Return the end of the window containing at, or None when closed."""
        window = self._window_at(at)
        if window is None:
            return None
        return datetime.combine(at.date(), window[1], tzinfo=at.tzinfo)

    def next_slot_after_no_answer(self, at: datetime) -> datetime:
        """Return the start of the window after the one at is in (the next one if closed)."""
        end = self.current_window_end(at)
        return self.next_open(at if end is None else end)
