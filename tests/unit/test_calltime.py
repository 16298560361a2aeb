"""Parsing the time of a call as typed at the desk."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from desk.rules.calltime import CallTimeError, format_call_time, parse_call_time

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, 30, tzinfo=TZ)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24 09:05", datetime(2026, 11, 24, 9, 5, tzinfo=TZ)),
        ("2026-11-23 18:40", datetime(2026, 11, 23, 18, 40, tzinfo=TZ)),
        ("2026/1/3 8:00", datetime(2026, 1, 3, 8, 0, tzinfo=TZ)),
        ("2026年11月20日 14时30分", datetime(2026, 11, 20, 14, 30, tzinfo=TZ)),
        ("09:05", datetime(2026, 11, 24, 9, 5, tzinfo=TZ)),
        ("8:15", datetime(2026, 11, 24, 8, 15, tzinfo=TZ)),
        ("０８：１５", datetime(2026, 11, 24, 8, 15, tzinfo=TZ)),
        ("  07:59 ", datetime(2026, 11, 24, 7, 59, tzinfo=TZ)),
        ("11-20 10:00", datetime(2026, 11, 20, 10, 0, tzinfo=TZ)),
        ("09:09", datetime(2026, 11, 24, 9, 9, tzinfo=TZ)),
    ],
)
def test_accepted_times(text: str, expected: datetime) -> None:
    assert parse_call_time(text, now=NOW) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("yesterday", "invalid"),
        ("25:00", "no_such_time"),
        ("09:60", "no_such_time"),
        ("2026-02-30 10:00", "no_such_day"),
        ("2026-13-01 10:00", "no_such_day"),
        ("02-30 10:00", "no_such_day"),
        ("9", "invalid"),
        ("2026-11-24", "invalid"),
        ("09:15", "future"),
        ("2027-01-01 00:00", "future"),
    ],
)
def test_refused_times(text: str, code: str) -> None:
    with pytest.raises(CallTimeError) as caught:
        parse_call_time(text, now=NOW)
    assert caught.value.code == code
    assert caught.value.message


def test_message_is_translated() -> None:
    error = CallTimeError("invalid")
    assert "09:05" in error.message
    assert error.message != str(error)


def test_format_round_trips() -> None:
    moment = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)
    assert parse_call_time(format_call_time(moment), now=NOW) == moment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-02-30 10:00", "没有这一天：2026-02-30。"),
        ("2026-13-01 10:00", "没有这一天：2026-13-01。"),
        ("25:00", "没有这个时刻：25:00。"),
    ],
)
def test_a_time_that_does_not_exist_says_so(text: str, expected: str) -> None:
    with pytest.raises(CallTimeError) as caught:
        parse_call_time(text, now=NOW)
    assert caught.value.message == expected
    assert "09:05" not in caught.value.message
