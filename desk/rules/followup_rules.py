"""Follow-up rules turned into due dates: offsets, working days, then the first calling window."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from desk.config import FollowupRule, TaskOffset
from desk.i18n import N_
from desk.rules.windows import CallingWindows

__all__ = [
    "HOLIDAY_NAMES",
    "PlannedTask",
    "plan_tasks",
    "raw_due_dates",
    "schedule",
]

HOLIDAY_NAMES: dict[str, str] = {
    "New Year's Day": N_("New Year's Day"),
    "Spring Festival": N_("Spring Festival"),
    "Tomb-sweeping Day": N_("Tomb-sweeping Day"),
    "Labour Day": N_("Labour Day"),
    "Dragon Boat Festival": N_("Dragon Boat Festival"),
    "National Day": N_("National Day"),
    "Mid-autumn Festival": N_("Mid-autumn Festival"),
    "Anti-Fascist 70th Day": N_("Anti-Fascist 70th Day"),
}
"""chinese_calendar's English holiday names as msgids (translate with _() where shown)."""


@dataclass(frozen=True)
class PlannedTask:
    """One task of a rule: its number within the enrolment, the day it is due and when."""

    seq: int
    raw_due: date
    due_on: date
    due_at: datetime


def _offset_dates(offset: TaskOffset, dates: Mapping[str, date]) -> list[date]:
    """The raw dates one offset yields; none when an event date it needs is missing."""
    if offset.midway is not None:
        first, second = (dates.get(name) for name in offset.midway)
        if first is None or second is None:
            return []
        return [first + (second - first) / 2]
    if offset.at is not None:
        at = dates.get(offset.at)
        return [at] if at is not None else []
    base = dates.get(offset.after or "")
    if base is None:
        return []
    if offset.every_days is not None:
        return [base + timedelta(days=offset.every_days * n) for n in range(1, offset.count + 1)]
    return [base + timedelta(days=offset.days or 0)]


def raw_due_dates(rule: FollowupRule, dates: Mapping[str, date]) -> list[tuple[int, date]]:
    """(seq, date) of each task before working days; seq is stable across re-plans.

    Each offset owns a fixed block of sequence numbers, so a slipped completion date moves
    the same numbered task instead of renumbering the others.
    """
    planned: list[tuple[int, date]] = []
    seq = 0
    for offset in rule.tasks:
        found = _offset_dates(offset, dates)
        size = offset.count if offset.every_days is not None else 1
        planned.extend((seq + i + 1, day) for i, day in enumerate(found))
        seq += size
    return planned


def schedule(raw: date, windows: CallingWindows, tz: ZoneInfo) -> tuple[date, datetime]:
    """The first working day on or after raw, and the first calling window that day (aware)."""
    due_on = windows.calendar.next_workday(raw)
    due_at = windows.next_open(datetime.combine(due_on, time(0), tzinfo=tz))
    return due_on, due_at


def plan_tasks(
    rule: FollowupRule, dates: Mapping[str, date], windows: CallingWindows, tz: ZoneInfo
) -> list[PlannedTask]:
    """Expand a rule over an event's dates into tasks due on working days, inside a window."""
    tasks = []
    for seq, raw in raw_due_dates(rule, dates):
        due_on, due_at = schedule(raw, windows, tz)
        tasks.append(PlannedTask(seq=seq, raw_due=raw, due_on=due_on, due_at=due_at))
    return tasks
