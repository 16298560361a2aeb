"""Reporting periods: a month (YYYY-MM) or a quarter (YYYY-Qn) as local days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from desk.i18n import _
from desk.rules.dates import DateError, make_month
from desk.store.errors import ValidationError


@dataclass(frozen=True)
class Period:
    """Local days from `start` (inclusive) to `end` (exclusive), and how to name them."""

    start: date
    end: date
    label: str

    def bounds(self, tz: ZoneInfo) -> tuple[datetime, datetime]:
        """The period as aware datetimes in the desk's time zone."""
        return (
            datetime.combine(self.start, time(0), tzinfo=tz),
            datetime.combine(self.end, time(0), tzinfo=tz),
        )


def month_period(text: str) -> Period:
    """A month written YYYY-MM."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if match:
        try:
            make_month(int(match[1]), int(match[2]))
        except DateError as error:
            raise ValidationError(f"--month: {error.message}", field="--month") from None
    else:
        raise ValidationError(
            _("--month: expected a month such as 2026-11, got {value}").format(value=text),
            field="--month",
        )
    year, month = int(match[1]), int(match[2])
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(date(year, month, 1), end, f"{year}-{month:02d}")


def quarter_period(text: str) -> Period:
    """A quarter written YYYY-Qn."""
    match = re.fullmatch(r"(\d{4})-[Qq]([1-4])", text.strip())
    if not match:
        raise ValidationError(
            _("--quarter: expected a quarter such as 2026-Q4, got {value}").format(value=text),
            field="--quarter",
        )
    year, quarter = int(match[1]), int(match[2])
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(start, end, f"{year}-Q{quarter}")
