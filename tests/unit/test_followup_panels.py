"""The calling-hours line of the follow-up screen: open, closed, and on a public holiday."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from desk.config import Settings
from desk.widgets.followup_panels import calling_status

TZ = ZoneInfo("Asia/Shanghai")


def test_open_window_says_until_when(settings: Settings) -> None:
    text = calling_status(settings, datetime(2026, 11, 24, 9, 5, tzinfo=TZ)).plain
    assert "11:00" in text and "结束" in text


def test_lunch_break_says_when_the_next_window_opens(settings: Settings) -> None:
    text = calling_status(settings, datetime(2026, 11, 24, 12, 0, tzinfo=TZ)).plain
    assert "14:00" in text


def test_national_day_names_the_holiday_in_chinese(settings: Settings) -> None:
    text = calling_status(settings, datetime(2026, 10, 3, 9, 0, tzinfo=TZ)).plain
    assert "2026-10-08 08:00" in text
    assert "国庆节" in text
