"""Working a follow-up task: hold it for one desk, record the call's outcome, release it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, or_, select, update
from sqlmodel import Session, col

from desk.config import Settings
from desk.i18n import _
from desk.models import AttemptResult, FollowupAttempt, FollowupTask, TaskStatus
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.errors import Conflict, NotFound, ValidationError
from desk.store.followups import calling_windows, get_rule

HOLD_MINUTES = 5
SATISFACTION_LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class ReachedAnswers:
    """What the subject said when reached (the follow-up sheet's questions)."""

    health_status: str = ""
    medication_ok: bool | None = None
    satisfaction: int | None = None
    opinions: str = ""
    improvements: str = ""
    doctor_callback: bool = False


@dataclass(frozen=True)
class Outcome:
    """Where the task stands after a call."""

    task_id: int
    status: str
    next_try_at: datetime
    attempts_used: int


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _take(session: Session, *, task_id: int, desk: str, now: datetime) -> bool:
    """Hold a pending task for desk unless another desk holds it (one race-free UPDATE)."""
    result = session.execute(
        update(FollowupTask)
        .where(col(FollowupTask.id) == task_id)
        .where(col(FollowupTask.status) == TaskStatus.PENDING.value)
        .where(
            or_(
                col(FollowupTask.held_by).is_(None),
                col(FollowupTask.held_by) == desk,
                col(FollowupTask.held_until) < now,
            )
        )
        .values(held_by=desk, held_until=now + timedelta(minutes=HOLD_MINUTES))
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def _refusal(session: Session, task_id: int) -> Conflict | NotFound:
    task = session.get(FollowupTask, task_id)
    if task is None:
        return NotFound(_("No such follow-up task."))
    if task.status != TaskStatus.PENDING.value:
        return Conflict(_("This follow-up task is already closed."))
    return Conflict(_("Another desk is working on this task ({desk}).").format(desk=task.held_by))


def hold_task(
    session: Session,
    *,
    actor: SignedIn | None,
    task_id: int,
    desk: str,
    now: datetime | None = None,
) -> datetime:
    """Hold a task for this desk for a few minutes; returns until when, or raises Conflict."""
    require(actor, Permission.LOG)
    moment = _utc(now or datetime.now(UTC))
    if not _take(session, task_id=task_id, desk=desk, now=moment):
        raise _refusal(session, task_id)
    return moment + timedelta(minutes=HOLD_MINUTES)


def release_task(session: Session, *, task_id: int, desk: str) -> bool:
    """Let go of a task this desk holds (cancel); returns whether it held it."""
    result = session.execute(
        update(FollowupTask)
        .where(col(FollowupTask.id) == task_id, col(FollowupTask.held_by) == desk)
        .values(held_by=None, held_until=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def outside_windows(settings: Settings, moment: datetime) -> str | None:
    """Why a call-back time cannot be used (outside the calling windows or on a holiday),
    naming the windows and the next time that can; None when it is inside a window."""
    windows = calling_windows(settings)
    local = moment.astimezone(settings.tz)
    if windows.is_open(local):
        return None
    spans = _(", ").join(f"{start:%H:%M}–{end:%H:%M}" for start, end in windows.windows)
    return _(
        "{time} is outside the calling hours ({windows}); the next one opens at {next}."
    ).format(
        time=f"{local:%Y-%m-%d %H:%M}",
        windows=spans,
        next=f"{windows.next_open(local):%Y-%m-%d %H:%M}",
    )


def check_answers(answers: ReachedAnswers) -> None:
    """A reached subject's sheet has a satisfaction grade, 1 to 5."""
    if answers.satisfaction not in SATISFACTION_LEVELS:
        raise ValidationError(_("Satisfaction is a grade from 1 to 5."), field="satisfaction")


def _last_result(session: Session, task_id: int) -> str | None:
    """The result of the task's latest attempt (None before the first)."""
    return session.execute(
        select(FollowupAttempt.result)
        .where(col(FollowupAttempt.task_id) == task_id)
        .order_by(col(FollowupAttempt.at).desc(), col(FollowupAttempt.id).desc())
        .limit(1)
    ).scalar()


def record_outcome(
    session: Session,
    *,
    actor: SignedIn | None,
    settings: Settings,
    task_id: int,
    desk: str,
    result: AttemptResult,
    answers: ReachedAnswers | None = None,
    call_back_at: datetime | None = None,
    now: datetime | None = None,
) -> Outcome:
    """Record one call of a task held by (or free for) this desk, move the task, release it."""
    require(actor, Permission.LOG)
    moment = _utc(now or datetime.now(UTC))
    if result is AttemptResult.REACHED:
        answers = answers or ReachedAnswers()
        check_answers(answers)
    if result is AttemptResult.CALL_BACK_LATER:
        if call_back_at is None or _utc(call_back_at) <= moment:
            raise ValidationError(_("Give a time in the future to call back."), field="call_back")
        outside = outside_windows(settings, call_back_at)
        if outside:
            raise ValidationError(outside, field="call_back")
    if not _take(session, task_id=task_id, desk=desk, now=moment):
        raise _refusal(session, task_id)
    table = FollowupTask.__table__  # type: ignore[attr-defined]
    rule_name, used, next_try_at = session.execute(
        select(table.c.rule_name, table.c.attempts_used, table.c.next_try_at).where(
            table.c.id == task_id
        )
    ).one()
    next_try = _utc(next_try_at)
    if (
        result is AttemptResult.NO_ANSWER
        and moment < next_try
        and _last_result(session, task_id) == AttemptResult.NO_ANSWER.value
    ):
        # One try per calling slot: pressing "no answer" again at once is not another try
        # (after "call back later" an early try that is not answered still counts).
        raise Conflict(
            _("No answer was recorded already: the next call is due at {time}.").format(
                time=f"{next_try.astimezone(settings.tz):%Y-%m-%d %H:%M}"
            )
        )
    rule = get_rule(settings, rule_name)
    used += 1
    status = TaskStatus.PENDING
    if result in (AttemptResult.REACHED, AttemptResult.REFUSED):
        status = TaskStatus.DONE
    elif result is AttemptResult.WRONG_NUMBER:
        status = TaskStatus.UNREACHABLE
    elif result is AttemptResult.CALL_BACK_LATER:
        assert call_back_at is not None
        next_try = _utc(call_back_at)
    elif used >= rule.attempts:
        status = TaskStatus.UNREACHABLE
    else:
        windows = calling_windows(settings)
        local = moment.astimezone(settings.tz)
        next_try = windows.next_slot_after_no_answer(local).astimezone(UTC)
    reached = answers if result is AttemptResult.REACHED else None
    session.execute(
        insert(FollowupAttempt.__table__),  # type: ignore[attr-defined]
        {
            "task_id": task_id,
            "at": moment,
            "staff_id": actor.id if actor else None,
            "result": result.value,
            "health_status": (reached.health_status.strip() or None) if reached else None,
            "medication_ok": reached.medication_ok if reached else None,
            "satisfaction": reached.satisfaction if reached else None,
            "opinions": (reached.opinions.strip() or None) if reached else None,
            "improvements": (reached.improvements.strip() or None) if reached else None,
            "doctor_callback": reached.doctor_callback if reached else False,
            "call_back_at": _utc(call_back_at) if call_back_at else None,
        },
    )
    session.execute(
        update(table)
        .where(table.c.id == task_id)
        .values(
            status=status.value,
            attempts_used=used,
            next_try_at=next_try,
            held_by=None,
            held_until=None,
            updated_at=moment,
            done_at=None if status is TaskStatus.PENDING else moment,
        )
    )
    record_audit(
        session,
        action="followup.attempt",
        staff=actor,
        target_kind="followup_task",
        target_id=task_id,
        detail={
            "result": result.value,
            "call_back_at": _utc(call_back_at).isoformat() if call_back_at else None,
        },
    )
    return Outcome(task_id=task_id, status=status.value, next_try_at=next_try, attempts_used=used)
