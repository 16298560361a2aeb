"""Tests for desk.rules.followup_rules: offsets, midway, slipped completion, working days."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from desk.config import FollowupRule, TaskOffset
from desk.rules.followup_rules import plan_tasks, raw_due_dates
from desk.rules.windows import CallingWindows
from desk.rules.workdays import WorkCalendar

TZ = ZoneInfo("Asia/Shanghai")
WINDOWS = CallingWindows([(time(8), time(11)), (time(14), time(17))], WorkCalendar())
DISCHARGE = FollowupRule(
    name="discharge",
    label="出院回访",
    event="discharge",
    tasks=(TaskOffset(days=7, after="discharged"),),
    attempts=3,
    target_rate=0.8,
)
CONSTRUCTION = FollowupRule(
    name="construction",
    label="在施工程回访",
    event="construction",
    tasks=(
        TaskOffset(days=10, after="started"),
        TaskOffset(midway=("started", "completed")),
        TaskOffset(at="completed"),
    ),
    attempts=3,
    target_rate=1.0,
)
MEMBER = FollowupRule(
    name="member_dormant",
    label="沉睡会员回访",
    event="member_dormant",
    tasks=(TaskOffset(every_days=30, after="since", count=3),),
    attempts=2,
    target_rate=1.0,
)


def test_construction_has_start_midway_and_completion() -> None:
    dates = {"started": date(2026, 3, 2), "completed": date(2026, 5, 1)}
    assert raw_due_dates(CONSTRUCTION, dates) == [
        (1, date(2026, 3, 12)),
        (2, date(2026, 4, 1)),
        (3, date(2026, 5, 1)),
    ]


def test_slipped_completion_moves_midway_and_completion_only() -> None:
    before = raw_due_dates(
        CONSTRUCTION, {"started": date(2026, 3, 2), "completed": date(2026, 5, 1)}
    )
    after = raw_due_dates(
        CONSTRUCTION, {"started": date(2026, 3, 2), "completed": date(2026, 6, 10)}
    )
    assert after[0] == before[0]
    assert after[1] == (2, date(2026, 4, 21))
    assert after[2] == (3, date(2026, 6, 10))


def test_missing_completion_date_plans_only_the_start_task() -> None:
    assert raw_due_dates(CONSTRUCTION, {"started": date(2026, 3, 2)}) == [(1, date(2026, 3, 12))]


def test_periodic_member_tasks() -> None:
    assert raw_due_dates(MEMBER, {"since": date(2026, 1, 5)}) == [
        (1, date(2026, 2, 4)),
        (2, date(2026, 3, 6)),
        (3, date(2026, 4, 5)),
    ]


def test_national_day_moves_the_task_to_the_first_working_day() -> None:
    [task] = plan_tasks(DISCHARGE, {"discharged": date(2026, 9, 28)}, WINDOWS, TZ)
    assert task.raw_due == date(2026, 10, 5)
    assert task.due_on == date(2026, 10, 8)
    assert task.due_at == datetime(2026, 10, 8, 8, 0, tzinfo=TZ)


def test_make_up_saturday_is_a_working_day() -> None:
    [task] = plan_tasks(DISCHARGE, {"discharged": date(2026, 10, 3)}, WINDOWS, TZ)
    assert date(2026, 10, 10).weekday() == 5
    assert task.due_on == date(2026, 10, 10)
    assert task.due_at == datetime(2026, 10, 10, 8, 0, tzinfo=TZ)


def test_plain_weekend_moves_to_monday() -> None:
    [task] = plan_tasks(DISCHARGE, {"discharged": date(2026, 11, 14)}, WINDOWS, TZ)
    assert task.raw_due == date(2026, 11, 21)
    assert task.due_on == date(2026, 11, 23)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime(2026, 11, 24, 9, 5, tzinfo=TZ), datetime(2026, 11, 24, 14, 0, tzinfo=TZ)),
        (datetime(2026, 11, 24, 15, 0, tzinfo=TZ), datetime(2026, 11, 25, 8, 0, tzinfo=TZ)),
        (datetime(2026, 11, 24, 12, 0, tzinfo=TZ), datetime(2026, 11, 24, 14, 0, tzinfo=TZ)),
        (datetime(2026, 9, 30, 15, 0, tzinfo=TZ), datetime(2026, 10, 8, 8, 0, tzinfo=TZ)),
    ],
)
def test_no_answer_comes_back_in_the_next_window(at: datetime, expected: datetime) -> None:
    assert WINDOWS.next_slot_after_no_answer(at) == expected


def test_extra_holiday_from_configuration_is_skipped() -> None:
    windows = CallingWindows(WINDOWS.windows, WorkCalendar(extra_holidays=[date(2026, 11, 23)]))
    [task] = plan_tasks(DISCHARGE, {"discharged": date(2026, 11, 16)}, windows, TZ)
    assert task.due_on == date(2026, 11, 24)
