"""Re-planning follow-up tasks: after a rule is edited, or an event date slips."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import update
from sqlmodel import Session, select

from desk.config import FollowupRule, Settings
from desk.i18n import _
from desk.models import FollowupEnrollment, FollowupTask, TaskStatus, utcnow
from desk.rules.followup_rules import PlannedTask, plan_tasks
from desk.rules.windows import CallingWindows
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.errors import NotFound
from desk.store.followups import calling_windows, get_rule, task_rows


def _replan_enrollment(
    session: Session,
    *,
    enrollment: FollowupEnrollment,
    rule: FollowupRule,
    windows: CallingWindows,
    settings: Settings,
    now: datetime,
    event_changed: bool = False,
) -> int:
    """Move the not-yet-due tasks of one enrolment to the rule's dates; returns how many.

    When an event date itself changed (a slipped completion), due tasks move too, and a task
    already done before its new date is planned again (the seeds' 再次回访).
    """
    dates = {k: date.fromisoformat(v) for k, v in json.loads(enrollment.event_dates).items()}
    planned = {p.seq: p for p in plan_tasks(rule, dates, windows, settings.tz)}
    tasks = session.exec(
        select(FollowupTask).where(FollowupTask.enrollment_id == enrollment.id)
    ).all()
    existing = {t.seq for t in tasks}
    again: list[PlannedTask] = []
    changed = 0
    for task in tasks:
        plan = planned.get(task.seq)
        if (
            event_changed
            and plan is not None
            and task.status == TaskStatus.DONE.value
            and task.done_at is not None
            and plan.due_at > _aware(task.done_at)
            and not any(t.seq == task.seq and t.status == "pending" for t in tasks)
        ):
            again.append(plan)
            continue
        if task.status != TaskStatus.PENDING.value:
            continue
        if not event_changed and _aware(task.due_at) <= now:
            continue
        if plan is None:
            task.status = TaskStatus.CANCELLED.value
        elif plan.due_on == task.due_on:
            continue
        else:
            task.due_on = plan.due_on
            task.due_at = task.next_try_at = plan.due_at.astimezone(UTC)
        task.updated_at = now
        changed += 1
    fresh = [p for seq, p in planned.items() if seq not in existing and p.due_at > now] + again
    if fresh:
        assert enrollment.id is not None
        first = tasks[0] if tasks else None
        session.execute(
            FollowupTask.__table__.insert(),  # type: ignore[attr-defined]
            task_rows(
                fresh,
                enrollment_id=enrollment.id,
                subject_id=enrollment.subject_id,
                rule_name=rule.name,
                department_id=first.department_id if first else None,
            ),
        )
        changed += len(fresh)
    return changed


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def replan_rule(session: Session, *, settings: Settings, rule_name: str) -> int:
    """After a rule's edit, move the tasks of its enrolments not yet due; returns how many."""
    rule = get_rule(settings, rule_name)
    windows = calling_windows(settings)
    now = utcnow()
    pending = (
        select(FollowupTask.enrollment_id)
        .where(FollowupTask.rule_name == rule_name)
        .where(FollowupTask.status == TaskStatus.PENDING.value)
        .where(FollowupTask.due_at > now)
        .distinct()
    )
    enrollments = session.exec(
        select(FollowupEnrollment).where(FollowupEnrollment.id.in_(pending))  # type: ignore[union-attr]
    ).all()
    return sum(
        _replan_enrollment(
            session, enrollment=e, rule=rule, windows=windows, settings=settings, now=now
        )
        for e in enrollments
    )


def set_event_date(
    session: Session,
    *,
    actor: SignedIn | None,
    settings: Settings,
    enrollment_id: int,
    name: str,
    day: date,
) -> int:
    """Record an event date that changed (a slipped completion); re-plans, returns tasks moved."""
    require(actor, Permission.LOG)
    enrollment = session.get(FollowupEnrollment, enrollment_id)
    if enrollment is None:
        raise NotFound(_("No such enrolment."))
    dates = json.loads(enrollment.event_dates)
    dates[name] = day.isoformat()
    enrollment.event_dates = json.dumps(dates)
    rule = get_rule(settings, enrollment.rule_name)
    moved = _replan_enrollment(
        session,
        enrollment=enrollment,
        rule=rule,
        windows=calling_windows(settings),
        settings=settings,
        now=utcnow(),
        event_changed=True,
    )
    record_audit(
        session,
        action="followup.event_date",
        target_kind="followup_enrollment",
        target_id=enrollment_id,
        staff=actor,  # type: ignore[arg-type]
        detail={name: day.isoformat(), "moved": moved},
    )
    return moved


def cancel_enrollment_tasks(session: Session, *, enrollment_id: int) -> int:
    """Cancel an enrolment's pending tasks (the subject moved away or asked not to be called)."""
    result = session.execute(
        update(FollowupTask)
        .where(FollowupTask.enrollment_id == enrollment_id)  # type: ignore[arg-type]
        .where(FollowupTask.status == TaskStatus.PENDING.value)  # type: ignore[arg-type]
        .values(status=TaskStatus.CANCELLED.value, updated_at=utcnow())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
