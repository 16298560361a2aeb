"""The follow-up queue: due now, overdue, upcoming and done, a page at a time; task details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, col, select

from desk.config import Settings
from desk.i18n import N_, _
from desk.models import (
    Department,
    FollowupAttempt,
    FollowupSubject,
    FollowupTask,
    Staff,
    TaskStatus,
)
from desk.session_info import SignedIn
from desk.store.access import Permission, allowed, require
from desk.store.audit import record_audit
from desk.store.errors import NotFound, PermissionDenied

PAGE = 60
"""Rows per page of the queue: two screens full; the next page loads at the last row."""
COUNT_CAP = 1000


class QueueTab(StrEnum):
    """The four views of the queue."""

    DUE_NOW = "due_now"
    OVERDUE = "overdue"
    UPCOMING = "upcoming"
    DONE = "done"


TAB_LABELS = {
    QueueTab.DUE_NOW: N_("Due now"),
    QueueTab.OVERDUE: N_("Overdue"),
    QueueTab.UPCOMING: N_("Upcoming"),
    QueueTab.DONE: N_("Done"),
}
STATUS_LABELS = {
    "pending": N_("To call"),
    "done": N_("Done"),
    "unreachable": N_("Unreachable"),
    "cancelled": N_("Cancelled"),
}
SATISFACTION_LABELS = {
    5: N_("Very satisfied"),
    4: N_("Satisfied"),
    3: N_("Neutral"),
    2: N_("Dissatisfied"),
    1: N_("Very dissatisfied"),
}
RESULT_LABELS = {
    "reached": N_("Reached"),
    "no_answer": N_("No answer"),
    "wrong_number": N_("Wrong number"),
    "refused": N_("Refused"),
    "call_back_later": N_("Call back later"),
}


@dataclass(frozen=True)
class QueueRow:
    """One task as the queue lists it."""

    task_id: int
    subject_name: str
    phone: str
    rule_name: str
    department: str
    due_at: datetime
    next_try_at: datetime
    status: str
    attempts_used: int
    held_by: str | None


@dataclass(frozen=True)
class AttemptView:
    """One earlier call; the answers are filled only for those allowed to read the sheet."""

    at: datetime
    staff: str
    result: str
    health_status: str | None = None
    medication_ok: bool | None = None
    satisfaction: int | None = None
    opinions: str | None = None
    improvements: str | None = None
    doctor_callback: bool = False
    call_back_at: datetime | None = None


@dataclass(frozen=True)
class TaskDetail:
    """A task with its subject's details and earlier attempts."""

    task_id: int
    enrollment_id: int
    rule_name: str
    seq: int
    status: str
    due_at: datetime
    next_try_at: datetime
    attempts_used: int
    name: str
    sex: str
    age: int | None
    phone: str
    address: str
    department: str
    doctor: str
    bed: str
    diagnosis: str
    admitted_on: date | None
    discharged_on: date | None
    attempts: tuple[AttemptView, ...]
    sheet: bool
    may_open_sheet: bool = False
    """Whether this person may open the answers (the desk that made the calls, a supervisor)."""


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day_start(now: datetime, settings: Settings) -> datetime:
    """Midnight of now's local day, in UTC."""
    local = now.astimezone(settings.tz)
    return datetime.combine(local.date(), time(0), tzinfo=settings.tz).astimezone(UTC)


def _filtered(stmt, tab: QueueTab, now: datetime, today: datetime):  # type: ignore[no-untyped-def]
    pending = FollowupTask.status == TaskStatus.PENDING.value
    if tab is QueueTab.OVERDUE:
        return stmt.where(pending, col(FollowupTask.due_at) < today).order_by(
            col(FollowupTask.due_at), col(FollowupTask.id)
        )
    if tab is QueueTab.DUE_NOW:
        return stmt.where(
            pending, col(FollowupTask.due_at) >= today, col(FollowupTask.next_try_at) <= now
        ).order_by(col(FollowupTask.due_at), col(FollowupTask.id))
    if tab is QueueTab.UPCOMING:
        return stmt.where(
            pending, col(FollowupTask.due_at) >= today, col(FollowupTask.next_try_at) > now
        ).order_by(col(FollowupTask.next_try_at), col(FollowupTask.id))
    # `status || ''` keeps the planner off the status index, which would sort every closed
    # task; walking the updated_at index backwards finds the latest ones at once.
    closed = (col(FollowupTask.status) + "").in_(
        (TaskStatus.DONE.value, TaskStatus.UNREACHABLE.value)
    )
    return stmt.where(closed).order_by(
        col(FollowupTask.updated_at).desc(), col(FollowupTask.id).desc()
    )


def queue_page(
    session: Session,
    *,
    settings: Settings,
    tab: QueueTab,
    now: datetime,
    offset: int = 0,
    limit: int = PAGE,
) -> list[QueueRow]:
    """One page of a queue view, oldest due first (done: latest first)."""
    now = now.astimezone(UTC)
    ids = _filtered(select(FollowupTask.id), tab, now, day_start(now, settings))
    id_list = list(session.exec(ids.offset(offset).limit(limit)))
    if not id_list:
        return []
    stmt = (
        select(FollowupTask, FollowupSubject.name, FollowupSubject.phone_raw, Department.name)
        .join(FollowupSubject, FollowupSubject.id == FollowupTask.subject_id)  # type: ignore[arg-type]
        .outerjoin(Department, Department.id == FollowupTask.department_id)  # type: ignore[arg-type]
        .where(col(FollowupTask.id).in_(id_list))
    )
    found = {task.id: (task, name, phone, dept) for task, name, phone, dept in session.exec(stmt)}
    rows = []
    for task_id in id_list:
        task, name, phone, dept = found[task_id]
        rows.append(
            QueueRow(
                task_id=task_id,
                subject_name=name,
                phone=phone,
                rule_name=task.rule_name,
                department=dept or "",
                due_at=_utc(task.due_at),
                next_try_at=_utc(task.next_try_at),
                status=task.status,
                attempts_used=task.attempts_used,
                held_by=task.held_by if task.held_until and _utc(task.held_until) > now else None,
            )
        )
    return rows


def queue_counts(session: Session, *, settings: Settings, now: datetime) -> dict[QueueTab, int]:
    """How many tasks each view holds, counted up to COUNT_CAP (shown as 1000+)."""
    now = now.astimezone(UTC)
    today = day_start(now, settings)
    counts = {}
    for tab in QueueTab:
        inner = _filtered(select(FollowupTask.id), tab, now, today).order_by(None).limit(COUNT_CAP)
        counts[tab] = int(session.exec(select(func.count()).select_from(inner.subquery())).one())
    return counts


FIRST_VIEWS = (QueueTab.OVERDUE, QueueTab.DUE_NOW, QueueTab.UPCOMING)
"""Where F5 opens: late tasks first (the seeds want a discharged patient called within the
week), then those due now, then those to come."""


def first_view(counts: dict[QueueTab, int], current: QueueTab) -> QueueTab:
    """The view to open on: the first of FIRST_VIEWS holding tasks (else the current one)."""
    return next((tab for tab in FIRST_VIEWS if counts.get(tab)), current)


def _worked_by(session: Session, task_id: int, staff_id: int) -> bool:
    stmt = select(FollowupAttempt.id).where(
        FollowupAttempt.task_id == task_id, FollowupAttempt.staff_id == staff_id
    )
    return session.exec(stmt.limit(1)).first() is not None


def may_read_sheet(session: Session, *, actor: SignedIn | None, task_id: int) -> bool:
    """Supervisors read every sheet; a receptionist only those of tasks they worked."""
    if allowed(actor, Permission.READ_ALL_FOLLOWUPS):
        return True
    return actor is not None and _worked_by(session, task_id, actor.id)


def task_detail(
    session: Session, *, actor: SignedIn | None, task_id: int, sheet: bool = False
) -> TaskDetail:
    """A task, its subject and earlier attempts; with sheet=True the answers too (audited)."""
    require(actor, Permission.LOG)
    task = session.get(FollowupTask, task_id)
    if task is None:
        raise NotFound(_("No such follow-up task."))
    if sheet and not may_read_sheet(session, actor=actor, task_id=task_id):
        raise PermissionDenied(
            _("Only the desk that made these calls, or a supervisor, may read this sheet.")
        )
    subject = session.get(FollowupSubject, task.subject_id)
    assert subject is not None
    department = session.get(Department, task.department_id) if task.department_id else None
    stmt = (
        select(FollowupAttempt, Staff.name)
        .outerjoin(Staff, Staff.id == FollowupAttempt.staff_id)  # type: ignore[arg-type]
        .where(FollowupAttempt.task_id == task_id)
        .order_by(col(FollowupAttempt.at), col(FollowupAttempt.id))
    )
    attempts = []
    for attempt, staff in session.exec(stmt):
        base = {"at": _utc(attempt.at), "staff": staff or "", "result": attempt.result}
        if sheet:
            base |= {
                "health_status": attempt.health_status,
                "medication_ok": attempt.medication_ok,
                "satisfaction": attempt.satisfaction,
                "opinions": attempt.opinions,
                "improvements": attempt.improvements,
                "doctor_callback": attempt.doctor_callback,
                "call_back_at": _utc(attempt.call_back_at) if attempt.call_back_at else None,
            }
        attempts.append(AttemptView(**base))
    if sheet:
        record_audit(
            session,
            action="followup.sheet_view",
            target_kind="followup_task",
            target_id=task_id,
            staff=actor,  # type: ignore[arg-type]  # SignedIn has the id and name it reads
        )
    return TaskDetail(
        task_id=task_id,
        enrollment_id=task.enrollment_id,
        rule_name=task.rule_name,
        seq=task.seq,
        status=task.status,
        due_at=_utc(task.due_at),
        next_try_at=_utc(task.next_try_at),
        attempts_used=task.attempts_used,
        name=subject.name,
        sex=subject.sex or "",
        age=subject.age,
        phone=subject.phone_raw,
        address=subject.address or "",
        department=department.name if department else "",
        doctor=subject.doctor or "",
        bed=subject.bed or "",
        diagnosis=subject.diagnosis or "",
        admitted_on=subject.admitted_on,
        discharged_on=subject.discharged_on,
        attempts=tuple(attempts),
        sheet=sheet,
        may_open_sheet=sheet
        or (
            any(a.result == "reached" for a in attempts)
            and may_read_sheet(session, actor=actor, task_id=task_id)
        ),
    )


def open_sheet(session: Session, *, actor: SignedIn | None, task_id: int) -> TaskDetail:
    """The follow-up sheet with its answers, for those allowed; writes an audit row."""
    return task_detail(session, actor=actor, task_id=task_id, sheet=True)
