"""A reply promised to a caller: within N hours, or within N working days (回复时限).

Typed in one field: `4` is four hours; `2天`, `2d` or `2 个工作日` two working days. A promise in
working days falls due at the same time of day on the Nth working day after the call, counted
with the holiday calendar (调休 make-up days are working days).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from desk.i18n import _

if TYPE_CHECKING:
    from desk.rules.workdays import WorkCalendar

MAX_HOURS = 24 * 30
MAX_DAYS = 30
_TYPED = re.compile(r"^(\d{1,3})\s*(?:(天|日|个?工作日|d|days?|workdays?|wd))?$", re.IGNORECASE)


class PromiseError(ValueError):
    """A promise that cannot be read; `message` says how to write one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReplyPromise:
    """Reply within `amount` hours, or working days."""

    amount: int
    working_days: bool = False

    @classmethod
    def stored(cls, hours: int | None, days: int | None) -> ReplyPromise | None:
        """The promise kept as a record's two columns (hours or working days), if any."""
        if days:
            return cls(days, working_days=True)
        if hours:
            return cls(hours)
        return None

    def due(self, received_at: datetime, calendar: WorkCalendar) -> datetime:
        """When the reply falls due, for a call received at `received_at` (aware)."""
        if not self.working_days:
            return received_at + timedelta(hours=self.amount)
        day, left = received_at.date(), self.amount
        while left:
            day += timedelta(days=1)
            if calendar.is_workday(day):
                left -= 1
        return datetime.combine(day, received_at.timetz())

    def describe(self) -> str:
        """The promise as people say it: 4 小时, 2 个工作日."""
        if self.working_days:
            return _("{days} working days").format(days=self.amount)
        return _("{hours} h").format(hours=self.amount)


def parse_promise(text: str) -> ReplyPromise | None:
    """The promise typed (None when the field is empty); PromiseError when unreadable or
    out of range."""
    typed = text.strip()
    if not typed:
        return None
    found = _TYPED.match(typed)
    if found is None:
        raise PromiseError(_("Write hours (4) or working days (2天)."))
    amount, unit = int(found.group(1)), found.group(2)
    if unit:
        if not 1 <= amount <= MAX_DAYS:
            raise PromiseError(
                _("Promise a reply within 1 to {most} working days.").format(most=MAX_DAYS)
            )
        return ReplyPromise(amount, working_days=True)
    if not 1 <= amount <= MAX_HOURS:
        raise PromiseError(_("Promise a reply within 1 to {most} hours.").format(most=MAX_HOURS))
    return ReplyPromise(amount)
