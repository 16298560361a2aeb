"""Follow-up rates on a small data set whose figures are worked out by hand below."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from desk.config import Settings
from desk.models import AttemptResult, FollowupTask
from desk.store.engine import session_scope
from desk.store.errors import PermissionDenied, ValidationError
from desk.store.followup_rates import followup_rates, month_period, quarter_period
from desk.store.followup_work import ReachedAnswers, record_outcome
from desk.store.followups import SubjectInput, add_subject

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)


def _task(engine: Engine, settings: Settings, name: str, dept: str, discharged: str) -> int:
    data = SubjectInput(name=name, phone="13812345678", department=dept, discharged=discharged)
    with session_scope(engine) as session:
        subject = add_subject(
            session, actor=None, settings=settings, data=data, rule_name="discharge"
        )
        task = session.exec(select(FollowupTask).where(FollowupTask.subject_id == subject.id)).one()
        assert task.id is not None
        return task.id


def _call(engine: Engine, settings: Settings, task_id: int, result: AttemptResult, **kw) -> None:
    with session_scope(engine) as session:
        record_outcome(
            session,
            actor=None,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=result,
            now=NOW,
            **kw,
        )


def test_rates_by_rule_and_department(db: Engine, settings: Settings, receptionist) -> None:
    # November: 内科 three tasks, 外科 two; one task falls due in December and is left out.
    n1 = _task(db, settings, "甲", "内科", "2026-11-10")
    n2 = _task(db, settings, "乙", "内科", "2026-11-10")
    _task(db, settings, "丙", "内科", "2026-11-17")
    s1 = _task(db, settings, "丁", "外科", "2026-11-10")
    s2 = _task(db, settings, "戊", "外科", "2026-11-17")
    _task(db, settings, "己", "外科", "2026-11-30")
    _call(db, settings, n1, AttemptResult.REACHED,
          answers=ReachedAnswers(satisfaction=5, opinions="护士很耐心"))  # fmt: skip
    _call(db, settings, n2, AttemptResult.NO_ANSWER)
    _call(db, settings, s1, AttemptResult.REACHED, answers=ReachedAnswers(satisfaction=3))
    _call(db, settings, s2, AttemptResult.REFUSED)
    with session_scope(db) as session:
        rows = followup_rates(
            session, actor=None, settings=settings, period=month_period("2026-11")
        )
    by_dept = {r.department: r for r in rows if r.rule_name == "discharge"}
    total, internal, surgery = by_dept[""], by_dept["内科"], by_dept["外科"]
    # due 5; attempted 4 (甲 乙 丁 戊); reached 2 (甲 丁): 2 / 5 = 40 % against 80 %.
    assert (total.due, total.attempted, total.reached) == (5, 4, 2)
    assert total.rate == pytest.approx(0.4) and total.target == 0.8 and not total.meets_target
    assert total.satisfaction == {1: 0, 2: 0, 3: 1, 4: 0, 5: 1}
    assert total.opinions == ["护士很耐心"]
    # 内科: 3 due, 2 attempted, 1 reached = 1/3; 外科: 2 due, 2 attempted, 1 reached = 1/2.
    assert (internal.due, internal.attempted, internal.reached) == (3, 2, 1)
    assert internal.rate == pytest.approx(1 / 3)
    assert (surgery.due, surgery.attempted, surgery.reached) == (2, 2, 1)
    assert surgery.rate == pytest.approx(0.5)
    with session_scope(db) as session:
        quarter = followup_rates(
            session, actor=None, settings=settings, period=quarter_period("2026-Q4")
        )
    assert next(r for r in quarter if r.department == "").due == 6


def test_rates_need_the_reports_permission(db: Engine, settings: Settings, receptionist) -> None:
    with session_scope(db) as session, pytest.raises(PermissionDenied):
        followup_rates(
            session, actor=receptionist, settings=settings, period=month_period("2026-11")
        )


@pytest.mark.parametrize("text", ["2026-13", "2026/11", "abc"])
def test_bad_month_is_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        month_period(text)


def test_quarter_bounds() -> None:
    period = quarter_period("2026-Q4")
    assert (str(period.start), str(period.end)) == ("2026-10-01", "2027-01-01")
