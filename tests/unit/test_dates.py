"""The shared date and time parser: the form, and days or times that do not exist."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk.rules.dates import DateError, make_month, parse_day, parse_moment


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-24", date(2026, 11, 24)),
        (" 2026/1/3 ", date(2026, 1, 3)),
        ("2026.11.24", date(2026, 11, 24)),
        ("2026年11月24日", date(2026, 11, 24)),
        ("２０２６－１１－２４", date(2026, 11, 24)),
        ("2028-02-29", date(2028, 2, 29)),
    ],
)
def test_days(text: str, expected: date) -> None:
    assert parse_day(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "value"),
    [
        ("", "empty", ""),
        ("tomorrow", "invalid", ""),
        ("2026-11", "invalid", ""),
        ("24/11/2026", "invalid", ""),
        ("2026-02-30", "no_such_day", "2026-02-30"),
        ("2026-13-01", "no_such_day", "2026-13-01"),
        ("2026-2-29", "no_such_day", "2026-02-29"),
        ("2026-11-00", "no_such_day", "2026-11-00"),
    ],
)
def test_refused_days(text: str, code: str, value: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_day(text)
    assert (caught.value.code, caught.value.value) == (code, value)
    assert caught.value.not_existing == code.startswith("no_such")


def test_moments() -> None:
    assert parse_moment("2026-11-24 09:05") == datetime(2026, 11, 24, 9, 5)
    assert parse_moment("2026年11月24日 9时05分") == datetime(2026, 11, 24, 9, 5)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30 10:00", "没有这一天：2026-02-30。"),
        ("2026-13-01 10:00", "没有这一天：2026-13-01。"),
        ("2026-11-24 25:00", "没有这个时刻：25:00。"),
        ("2026-11-24 10:61", "没有这个时刻：10:61。"),
        ("2026-11-24", "时间请写成 2026-11-24 09:05。"),
        ("", "请填写日期和时间。"),
    ],
)
def test_moment_messages(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_moment(text)
    assert caught.value.message == message


def test_day_messages() -> None:
    with pytest.raises(DateError) as caught:
        parse_day("2026-02-30")
    assert caught.value.message == "没有这一天：2026-02-30。"
    assert str(caught.value) == "There is no such day: 2026-02-30."


def test_months() -> None:
    assert make_month(2026, 12) == date(2026, 12, 1)
    with pytest.raises(DateError) as caught:
        make_month(2026, 13)
    assert caught.value.message == "没有这个月份：2026-13。"


def test_call_back_and_booking_times_say_when_no_such_day_exists() -> None:
    from zoneinfo import ZoneInfo

    from desk.dialogs.book import slot_problem
    from desk.dialogs.call_back import parse_call_back

    tz = ZoneInfo("Asia/Shanghai")
    now = datetime(2026, 11, 24, 9, 5, tzinfo=tz)
    assert parse_call_back("明天 9:00", now, tz) == datetime(2026, 11, 25, 9, 0, tzinfo=tz)
    assert parse_call_back("9点", now, tz) is None
    for typed, value in (("2026-11-31 09:00", "2026-11-31"), ("明天 24:00", "24:00")):
        with pytest.raises(DateError) as caught:
            parse_call_back(typed, now, tz)
        assert caught.value.value == value
    assert slot_problem("10:30", date(2026, 11, 24)) is None
    assert slot_problem("2026-11-31 10:30", date(2026, 11, 24)) == "没有这一天：2026-11-31。"
    assert slot_problem("26:00", date(2026, 11, 24)) == "没有这个时刻：26:00。"


def test_followup_dates_say_when_no_such_day_exists() -> None:
    from desk.store.errors import ValidationError
    from desk.store.followups import parse_day as followup_day

    assert followup_day("2026/9/28 00:00:00", "discharged") == date(2026, 9, 28)
    with pytest.raises(ValidationError) as caught:
        followup_day("2026-02-30", "discharged")
    assert "没有这一天：2026-02-30" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        followup_day("不详", "discharged")
    assert "2026-09-28" in str(caught.value)
