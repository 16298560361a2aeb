"""Follow-up subjects, enrolment, the queue, outcomes, holds and who may read a sheet."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from desk.config import Settings
from desk.models import AttemptResult, AuditEvent, FollowupAttempt, FollowupTask
from desk.session_info import SignedIn
from desk.store.engine import make_engine, session_scope
from desk.store.errors import Conflict, PermissionDenied, ValidationError
from desk.store.followup_plans import replan_rule, set_event_date
from desk.store.followup_queue import QueueTab, open_sheet, queue_counts, queue_page, task_detail
from desk.store.followup_work import ReachedAnswers, hold_task, record_outcome, release_task
from desk.store.followups import SubjectInput, add_subject

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)  # a Tuesday, inside the 08:00-11:00 window


def _subject(engine: Engine, settings: Settings, actor: SignedIn | None, **kw: str) -> int:
    data = {
        "name": "张三",
        "phone": "13812345678",
        "department": "内科",
        "discharged": "2026-11-17",
    }
    data |= kw
    with session_scope(engine) as session:
        subject = add_subject(
            session,
            actor=actor,
            settings=settings,
            data=SubjectInput(**data),
            rule_name="discharge",
        )
        assert subject.id is not None
        task = session.exec(select(FollowupTask).where(FollowupTask.subject_id == subject.id)).one()
        assert task.id is not None
        return task.id


def test_add_subject_enrols_and_plans_the_task(
    db: Engine, settings: Settings, receptionist
) -> None:
    task_id = _subject(db, settings, receptionist)
    with Session(db) as session:
        task = session.get(FollowupTask, task_id)
        assert task is not None
        assert task.due_on == date(2026, 11, 24)
        assert task.due_at.astimezone(TZ) == datetime(2026, 11, 24, 8, 0, tzinfo=TZ)


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", " "), ("phone", "12"), ("department", "不存在科"), ("discharged", "2026-13-01")],
)
def test_add_subject_refuses_bad_fields(
    db: Engine, settings: Settings, receptionist, field: str, value: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        _subject(db, settings, receptionist, **{field: value})
    assert caught.value.field == field


def test_queue_views(db: Engine, settings: Settings, receptionist) -> None:
    due = _subject(db, settings, receptionist, name="今天")
    overdue = _subject(db, settings, receptionist, name="过期", discharged="2026-11-10")
    later = _subject(db, settings, receptionist, name="以后", discharged="2026-11-20")
    with Session(db) as session:

        def ids(tab: QueueTab) -> list[int]:
            return [r.task_id for r in queue_page(session, settings=settings, tab=tab, now=NOW)]

        assert ids(QueueTab.DUE_NOW) == [due]
        assert ids(QueueTab.OVERDUE) == [overdue]
        assert ids(QueueTab.UPCOMING) == [later]
        assert ids(QueueTab.DONE) == []
        counts = queue_counts(session, settings=settings, now=NOW)
        assert counts[QueueTab.DUE_NOW] == 1 and counts[QueueTab.OVERDUE] == 1


def test_no_answer_retries_then_unreachable(db: Engine, settings: Settings, receptionist) -> None:
    task_id = _subject(db, settings, receptionist)
    moments = [NOW, NOW.replace(hour=14, minute=10), NOW.replace(day=25, hour=8, minute=30)]
    expected = [
        datetime(2026, 11, 24, 14, 0, tzinfo=TZ),
        datetime(2026, 11, 25, 8, 0, tzinfo=TZ),
        None,
    ]
    for moment, next_try in zip(moments, expected, strict=True):
        with session_scope(db) as session:
            outcome = record_outcome(
                session,
                actor=receptionist,
                settings=settings,
                task_id=task_id,
                desk="A",
                result=AttemptResult.NO_ANSWER,
                now=moment,
            )
        if next_try is None:
            assert outcome.status == "unreachable"
        else:
            assert outcome.status == "pending"
            assert outcome.next_try_at.astimezone(TZ) == next_try
    with Session(db) as session:
        assert len(session.exec(select(FollowupAttempt)).all()) == 3


def _tried(
    db: Engine,
    settings: Settings,
    actor: SignedIn,
    task_id: int,
    result: AttemptResult,
    moment: datetime,
    **more: object,
) -> str:
    """Record one call of a task at `moment` from desk A; the task's status after it."""
    with session_scope(db) as session:
        return record_outcome(
            session,
            actor=actor,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=result,
            now=moment,
            **more,  # type: ignore[arg-type]
        ).status


def test_no_answer_again_before_the_next_slot_is_not_another_try(
    db: Engine, settings: Settings, receptionist
) -> None:
    """Three quick presses of "no answer" once closed a follow-up as unreachable."""
    task_id = _subject(db, settings, receptionist)
    no_answer = AttemptResult.NO_ANSWER
    assert _tried(db, settings, receptionist, task_id, no_answer, NOW) == "pending"
    with pytest.raises(Conflict, match="2026-11-24 14:00"):
        _tried(db, settings, receptionist, task_id, no_answer, NOW + timedelta(seconds=4))
    with Session(db) as session:
        task = session.get(FollowupTask, task_id)
        assert task is not None and (task.status, task.attempts_used) == ("pending", 1)
        assert len(session.exec(select(FollowupAttempt)).all()) == 1
    answers = ReachedAnswers("恢复良好", True, 5, "", "", False)
    reached = AttemptResult.REACHED  # early (they rang back): that is recorded
    later = NOW + timedelta(minutes=5)
    assert _tried(db, settings, receptionist, task_id, reached, later, answers=answers) == "done"


def test_an_early_try_after_call_back_later_still_counts(
    db: Engine, settings: Settings, receptionist
) -> None:
    task_id = _subject(db, settings, receptionist)
    agreed = NOW.replace(hour=15, minute=0)
    tried = _tried(
        db, settings, receptionist, task_id, AttemptResult.CALL_BACK_LATER, NOW, call_back_at=agreed
    )
    assert tried == "pending"
    early = NOW + timedelta(minutes=30)
    assert _tried(db, settings, receptionist, task_id, AttemptResult.NO_ANSWER, early) == "pending"
    with Session(db) as session:
        assert len(session.exec(select(FollowupAttempt)).all()) == 2


def test_reached_records_the_sheet(db: Engine, settings: Settings, receptionist) -> None:
    task_id = _subject(db, settings, receptionist)
    answers = ReachedAnswers("恢复良好", True, 5, "护士很耐心", "", True)
    with session_scope(db) as session:
        outcome = record_outcome(
            session,
            actor=receptionist,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=AttemptResult.REACHED,
            answers=answers,
            now=NOW,
        )
    assert outcome.status == "done"
    with session_scope(db) as session:
        sheet = open_sheet(session, actor=receptionist, task_id=task_id)
    [attempt] = sheet.attempts
    assert (attempt.satisfaction, attempt.opinions, attempt.doctor_callback) == (
        5,
        "护士很耐心",
        True,
    )
    with Session(db) as session:
        assert [e.action for e in session.exec(select(AuditEvent))][-1] == "followup.sheet_view"


def test_bad_satisfaction_and_call_back_time_are_refused(
    db: Engine, settings: Settings, receptionist
) -> None:
    task_id = _subject(db, settings, receptionist)
    with session_scope(db) as session, pytest.raises(ValidationError):
        record_outcome(
            session,
            actor=receptionist,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=AttemptResult.REACHED,
            answers=ReachedAnswers(satisfaction=6),
            now=NOW,
        )
    with session_scope(db) as session, pytest.raises(ValidationError):
        record_outcome(
            session,
            actor=receptionist,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=AttemptResult.CALL_BACK_LATER,
            call_back_at=NOW - timedelta(hours=1),
            now=NOW,
        )
    later = NOW.replace(hour=15, minute=30)
    with session_scope(db) as session:
        outcome = record_outcome(
            session,
            actor=receptionist,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=AttemptResult.CALL_BACK_LATER,
            call_back_at=later,
            now=NOW,
        )
    assert outcome.status == "pending" and outcome.next_try_at == later


@pytest.mark.parametrize(
    ("result", "status"),
    [(AttemptResult.WRONG_NUMBER, "unreachable"), (AttemptResult.REFUSED, "done")],
)
def test_wrong_number_and_refusal_close_the_task(
    db: Engine, settings: Settings, receptionist, result: AttemptResult, status: str
) -> None:
    task_id = _subject(db, settings, receptionist)
    with session_scope(db) as session:
        outcome = record_outcome(
            session,
            actor=receptionist,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=result,
            now=NOW,
        )
    assert outcome.status == status


def test_two_desks_never_work_the_same_task(
    db: Engine, db_url: str, settings: Settings, receptionist, other_receptionist
) -> None:
    task_id = _subject(db, settings, receptionist)
    second = make_engine(db_url)
    try:
        with session_scope(db) as session:
            hold_task(session, actor=receptionist, task_id=task_id, desk="A", now=NOW)
        with session_scope(second) as session, pytest.raises(Conflict):
            hold_task(session, actor=other_receptionist, task_id=task_id, desk="B", now=NOW)
        with session_scope(second) as session, pytest.raises(Conflict):
            record_outcome(
                session,
                actor=other_receptionist,
                settings=settings,
                task_id=task_id,
                desk="B",
                result=AttemptResult.NO_ANSWER,
                now=NOW,
            )
        # After the hold times out the other desk may take it.
        with session_scope(second) as session:
            hold_task(
                session,
                actor=other_receptionist,
                task_id=task_id,
                desk="B",
                now=NOW + timedelta(minutes=6),
            )
        with session_scope(second) as session:
            assert release_task(session, task_id=task_id, desk="B")
        with session_scope(db) as session:
            hold_task(session, actor=receptionist, task_id=task_id, desk="A", now=NOW)
        with session_scope(db) as session:
            record_outcome(
                session,
                actor=receptionist,
                settings=settings,
                task_id=task_id,
                desk="A",
                result=AttemptResult.REFUSED,
                now=NOW,
            )
        with session_scope(second) as session, pytest.raises(Conflict):
            hold_task(session, actor=other_receptionist, task_id=task_id, desk="B", now=NOW)
    finally:
        second.dispose()


def test_receptionist_reads_only_sheets_of_tasks_they_worked(
    db: Engine, settings: Settings, receptionist, other_receptionist, supervisor
) -> None:
    task_id = _subject(db, settings, receptionist)
    with session_scope(db) as session:
        record_outcome(
            session,
            actor=receptionist,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=AttemptResult.REACHED,
            answers=ReachedAnswers(satisfaction=4),
            now=NOW,
        )
    with session_scope(db) as session, pytest.raises(PermissionDenied):
        open_sheet(session, actor=other_receptionist, task_id=task_id)
    with session_scope(db) as session:
        assert open_sheet(session, actor=supervisor, task_id=task_id).attempts[0].satisfaction == 4
        plain = task_detail(session, actor=other_receptionist, task_id=task_id)
        assert plain.attempts[0].satisfaction is None and plain.attempts[0].result == "reached"
    with Session(db) as session:
        views = session.exec(
            select(AuditEvent).where(AuditEvent.action == "followup.sheet_view")
        ).all()
        assert [v.actor for v in views] == ["陈静"]


@pytest.mark.filterwarnings("ignore:chinese_calendar has no holiday data")
def test_slipped_completion_replans_the_completion_task(
    db: Engine, settings: Settings, receptionist
) -> None:
    data = SubjectInput(
        name="刘先生",
        phone="13912345678",
        kind="client",
        event_dates={"started": "2026-11-02", "completed": "2026-12-31"},
    )
    with session_scope(db) as session:
        subject = add_subject(
            session, actor=receptionist, settings=settings, data=data, rule_name="construction"
        )
        tasks = session.exec(
            select(FollowupTask).where(FollowupTask.subject_id == subject.id)
        ).all()
        enrollment_id = tasks[0].enrollment_id
    assert [t.due_on for t in sorted(tasks, key=lambda t: t.seq)] == [
        date(2026, 11, 12),
        date(2026, 12, 1),
        date(2026, 12, 31),
    ]
    with session_scope(db) as session:
        moved = set_event_date(
            session,
            actor=receptionist,
            settings=settings,
            enrollment_id=enrollment_id,
            name="completed",
            day=date(2027, 1, 29),
        )
    assert moved == 2
    with Session(db) as session:
        tasks = session.exec(
            select(FollowupTask).where(FollowupTask.subject_id == subject.id)
        ).all()
        assert [t.due_on for t in sorted(tasks, key=lambda t: t.seq)] == [
            date(2026, 11, 12),
            date(2026, 12, 16),
            date(2027, 1, 29),
        ]


def test_replan_rule_moves_only_tasks_not_yet_due(
    db: Engine, settings: Settings, receptionist
) -> None:
    from dataclasses import replace

    from desk.config import TaskOffset

    _subject(db, settings, receptionist, discharged="2026-10-01")
    future = _subject(db, settings, receptionist, discharged="2026-12-21")
    rule = settings.rule("discharge")
    assert rule is not None
    edited = replace(
        settings,
        rules=tuple(
            replace(r, tasks=(TaskOffset(days=10, after="discharged"),)) if r is rule else r
            for r in settings.rules
        ),
    )
    with session_scope(db) as session:
        assert replan_rule(session, settings=edited, rule_name="discharge") == 1
    with Session(db) as session:
        task = session.get(FollowupTask, future)
        assert task is not None and task.due_on == date(2026, 12, 31)


def test_resolved_complaint_enrols_the_caller(db: Engine, settings: Settings) -> None:
    from desk.store.followups import enrol_case

    with session_scope(db) as session:
        enrollment = enrol_case(
            session,
            settings=settings,
            rule_name="complaint_resolved",
            name="周女士",
            phone="13812345678",
            day=date(2026, 11, 20),
        )
        task = session.exec(
            select(FollowupTask).where(FollowupTask.enrollment_id == enrollment.id)
        ).one()
    assert task.due_on == date(2026, 11, 23)  # 3 days after, Monday


def test_each_saved_call_is_audited(db: Engine, settings: Settings, receptionist) -> None:
    task_id = _subject(db, settings, receptionist)
    later = NOW.replace(hour=15, minute=30)
    for result, when in ((AttemptResult.CALL_BACK_LATER, later), (AttemptResult.REACHED, None)):
        with session_scope(db) as session:
            record_outcome(
                session,
                actor=receptionist,
                settings=settings,
                task_id=task_id,
                desk="A",
                result=result,
                answers=ReachedAnswers(satisfaction=4, health_status="恢复良好"),
                call_back_at=when,
                now=later if when is None else NOW,
            )
    with Session(db) as session:
        events = session.exec(
            select(AuditEvent).where(AuditEvent.action == "followup.attempt")
        ).all()
    assert [(e.staff_id, e.target_kind, e.target_id) for e in events] == [
        (receptionist.id, "followup_task", task_id)
    ] * 2
    assert "call_back_later" in (events[0].detail or "")
    assert '"reached"' in (events[1].detail or "")
    assert "恢复良好" not in (events[1].detail or "")  # the answers stay in the sheet


def test_a_reached_sheet_without_satisfaction_is_refused(
    db: Engine, settings: Settings, receptionist
) -> None:
    task_id = _subject(db, settings, receptionist)
    for answers in (None, ReachedAnswers(health_status="恢复良好")):
        with session_scope(db) as session, pytest.raises(ValidationError) as caught:
            record_outcome(
                session,
                actor=receptionist,
                settings=settings,
                task_id=task_id,
                desk="A",
                result=AttemptResult.REACHED,
                answers=answers,
                now=NOW,
            )
        assert caught.value.field == "satisfaction"
    with Session(db) as session:
        assert session.exec(select(FollowupAttempt)).all() == []


@pytest.mark.parametrize(
    "when",
    [
        datetime(2026, 11, 25, 20, 0, tzinfo=TZ),  # tomorrow evening
        datetime(2026, 11, 24, 12, 30, tzinfo=TZ),  # lunch
        datetime(2026, 11, 28, 9, 0, tzinfo=TZ),  # a Saturday
    ],
)
def test_a_call_back_time_outside_the_windows_is_refused(
    db: Engine, settings: Settings, receptionist, when: datetime
) -> None:
    task_id = _subject(db, settings, receptionist)
    with session_scope(db) as session, pytest.raises(ValidationError) as caught:
        record_outcome(
            session,
            actor=receptionist,
            settings=settings,
            task_id=task_id,
            desk="A",
            result=AttemptResult.CALL_BACK_LATER,
            call_back_at=when,
            now=NOW,
        )
    assert caught.value.field == "call_back"
    assert "08:00–11:00、14:00–17:00" in str(caught.value)
    with Session(db) as session:
        task = session.get(FollowupTask, task_id)
        assert task is not None and task.attempts_used == 0
