"""A reply promised within N hours or N working days: how it is typed and when it falls due."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk.rules.promise import PromiseError, ReplyPromise, parse_promise
from desk.rules.workdays import WorkCalendar
from tests.conftest import TZ


@pytest.mark.parametrize(
    ("typed", "promise"),
    [
        ("", None),
        ("4", ReplyPromise(4)),
        (" 48 ", ReplyPromise(48)),
        ("2天", ReplyPromise(2, working_days=True)),
        ("2 个工作日", ReplyPromise(2, working_days=True)),
        ("3工作日", ReplyPromise(3, working_days=True)),
        ("1d", ReplyPromise(1, working_days=True)),
        ("5 days", ReplyPromise(5, working_days=True)),
    ],
)
def test_hours_or_working_days_as_typed(typed: str, promise: ReplyPromise | None) -> None:
    assert parse_promise(typed) == promise


@pytest.mark.parametrize(
    ("typed", "says"), [("天2", "2天"), ("0", "1 到 720"), ("31天", "1 到 30"), ("2周", "2天")]
)
def test_an_unreadable_promise_says_how_to_write_one(typed: str, says: str) -> None:
    with pytest.raises(PromiseError) as raised:
        parse_promise(typed)
    assert says in raised.value.message


def test_working_days_skip_weekends_and_holidays_at_the_same_time_of_day() -> None:
    calendar = WorkCalendar(extra_holidays={date(2026, 11, 25)})  # a Wednesday off
    tuesday = datetime(2026, 11, 24, 10, 30, tzinfo=TZ)
    due = ReplyPromise(2, working_days=True).due(tuesday, calendar)
    assert due == datetime(2026, 11, 27, 10, 30, tzinfo=TZ)  # Thursday 1, Friday 2
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=TZ)
    assert ReplyPromise(1, working_days=True).due(friday, calendar).date() == date(2026, 11, 30)
    saturday_make_up = WorkCalendar(extra_workdays={date(2026, 11, 28)})
    assert ReplyPromise(1, working_days=True).due(friday, saturday_make_up).date() == date(
        2026, 11, 28
    )


def test_hours_are_hours() -> None:
    friday = datetime(2026, 11, 27, 16, 0, tzinfo=TZ)
    assert ReplyPromise(4).due(friday, WorkCalendar()) == datetime(2026, 11, 27, 20, 0, tzinfo=TZ)
    assert ReplyPromise(4).describe() == "4 小时"
    assert ReplyPromise(2, working_days=True).describe() == "2 个工作日"
