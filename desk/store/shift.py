"""The end of a shift: the day's figures and the handover list of everything still open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlmodel import Session

from desk.export import labels as L
from desk.i18n import N_, _
from desk.models import (
    Call,
    Callback,
    Department,
    FollowupAttempt,
    FollowupSubject,
    FollowupTask,
    Visit,
)
from desk.rules.text import one_line
from desk.store.open_work import still_open

SUMMARY_CHARS = 60
KIND_NAMES = {
    "call": N_("Call"),
    "visit": N_("Visit"),
    "callback": N_("Callback"),
    "followup": N_("Follow-up"),
}


@dataclass(frozen=True)
class HandoverItem:
    """One open matter for the next shift, ready to show (plain text, local times)."""

    kind: str  # call, visit, callback, followup
    record_id: int
    when: str
    priority: str
    who: str
    summary: str
    department: str
    status: str
    overdue: bool


@dataclass(frozen=True)
class ShiftFigures:
    """What happened on one day."""

    calls: int
    urgent_calls: int
    visits: int
    complaints: int
    resolved: int
    callbacks_done: int
    followup_attempts: int
    followups_reached: int

    def named(self) -> dict[str, int]:
        """The figures by the names the shift report's and the handover's sentences use."""
        return {
            "calls": self.calls,
            "urgent": self.urgent_calls,
            "visits": self.visits,
            "complaints": self.complaints,
            "resolved": self.resolved,
            "callbacks": self.callbacks_done,
            "attempts": self.followup_attempts,
            "reached": self.followups_reached,
        }


@dataclass(frozen=True)
class ShiftReport:
    """The day's figures, how much is open, and the open matters themselves."""

    day: date
    figures: ShiftFigures
    open_calls: int
    open_visits: int
    open_callbacks: int
    due_followups: int
    items: tuple[HandoverItem, ...]

    def still_open(self) -> str:
        """How much the next shift takes over, as one sentence."""
        return _(
            "Still open: {calls} calls, {visits} visits, {callbacks} callbacks, "
            "{followups} follow-ups due."
        ).format(
            calls=self.open_calls,
            visits=self.open_visits,
            callbacks=self.open_callbacks,
            followups=self.due_followups,
        )


def _short(text: str | None) -> str:
    line = one_line(text or "").strip()
    return line if len(line) <= SUMMARY_CHARS else line[: SUMMARY_CHARS - 1] + "…"


def _count(session: Session, query: Any) -> int:
    return int(session.execute(query).scalar_one())


def _figures(session: Session, start: datetime, end: datetime) -> ShiftFigures:
    def received(model: Any, *more: Any) -> int:
        return _count(
            session,
            select(func.count())
            .select_from(model)
            .where(model.received_at >= start, model.received_at < end, *more),
        )

    def resolved(model: Any) -> int:
        return _count(
            session,
            select(func.count())
            .select_from(model)
            .where(model.resolved_at >= start, model.resolved_at < end),
        )

    attempts = (FollowupAttempt.at >= start, FollowupAttempt.at < end)
    return ShiftFigures(
        calls=received(Call),
        urgent_calls=received(Call, Call.priority == 1),
        visits=received(Visit),
        complaints=received(Call, Call.category == "complaint")
        + received(Visit, Visit.category == "complaint"),
        resolved=resolved(Call) + resolved(Visit),
        callbacks_done=_count(
            session,
            select(func.count()).where(Callback.done_at >= start, Callback.done_at < end),
        ),
        followup_attempts=_count(session, select(func.count()).where(*attempts)),
        followups_reached=_count(
            session, select(func.count()).where(*attempts, FollowupAttempt.result == "reached")
        ),
    )


def _when(moment: datetime | date, year: int) -> str:
    """A short time for the sheet: month and day, with the year when it is not this one."""
    time_part = f" {moment:%H:%M}" if isinstance(moment, datetime) else ""
    day_part = f"{moment:%m-%d}" if moment.year == year else f"{moment:%Y-%m-%d}"
    return day_part + time_part


def _open_cases(
    session: Session, model: Any, tz: ZoneInfo, limit: int, year: int
) -> tuple[int, list[tuple[tuple[int, datetime], HandoverItem]]]:
    """How many calls (or visits) are open, and the first `limit`, each with its place in
    the handover (urgent first, then oldest)."""
    is_open = still_open(model)  # what the work queue shows
    total = _count(session, select(func.count()).select_from(model).where(is_open))
    rows = session.execute(
        select(model, Department.name)
        .outerjoin(Department, Department.id == model.department_id)
        .where(is_open)
        .order_by(model.priority, model.received_at, model.id)
        .limit(limit)
    ).all()
    items = []
    for record, department in rows:
        if model is Call:
            who, text, kind = (
                " ".join(filter(None, (record.org, record.caller))),
                record.content,
                "call",
            )
        else:
            who = " ".join(filter(None, (record.visitor_name, record.org)))
            text, kind = record.matter, "visit"
        place = (record.priority, record.received_at)
        items.append(
            (
                place,
                HandoverItem(
                    kind=kind,
                    record_id=record.id,
                    when=_when(record.received_at.astimezone(tz), year),
                    priority=L.label(L.PRIORITY, record.priority),
                    who=_short(who),
                    summary=_short(text),
                    department=department or "",
                    status=L.label(L.STATUS, record.status),
                    overdue=False,
                ),
            )
        )
    return total, items


def _open_callbacks(
    session: Session, tz: ZoneInfo, now: datetime, limit: int
) -> tuple[int, list[HandoverItem]]:
    is_open = Callback.done_at.is_(None)  # type: ignore[union-attr]
    total = _count(session, select(func.count()).where(is_open))
    rows = session.execute(
        select(Callback, Call, Visit)
        .outerjoin(Call, Call.id == Callback.call_id)
        .outerjoin(Visit, Visit.id == Callback.visit_id)
        .where(is_open)
        .order_by(Callback.due_at, Callback.id)
        .limit(limit)
    ).all()
    items = []
    for callback, call, visit in rows:
        source = call or visit
        who = (call.caller or call.org) if call else (visit.visitor_name if visit else "")
        about = call.content if call else (visit.matter if visit else "")
        items.append(
            HandoverItem(
                kind="callback",
                record_id=callback.id,
                when=_when(callback.due_at.astimezone(tz), now.year),
                priority=L.label(L.PRIORITY, source.priority) if source else "",
                who=_short(who),
                summary=_short(callback.note or about),
                department="",
                status="",
                overdue=callback.due_at < now,
            )
        )
    return total, items


def _due_followups(
    session: Session, day: date, limit: int, rule_labels: dict[str, str]
) -> tuple[int, list[HandoverItem]]:
    due = (FollowupTask.status == "pending", FollowupTask.due_on <= day)
    total = _count(session, select(func.count()).where(*due))
    rows = session.execute(
        select(FollowupTask, FollowupSubject.name, Department.name)
        .join(FollowupSubject, FollowupSubject.id == FollowupTask.subject_id)
        .outerjoin(Department, Department.id == FollowupTask.department_id)
        .where(*due)
        .order_by(FollowupTask.due_on, FollowupTask.id)
        .limit(limit)
    ).all()
    items = [
        HandoverItem(
            kind="followup",
            record_id=task.id,
            when=_when(task.due_on, day.year),
            priority="",
            who=_short(name),
            summary=_short(rule_labels.get(task.rule_name, task.rule_name)),
            department=department or "",
            status=L.label(L.TASK_STATUS, task.status),
            overdue=task.due_on < day,
        )
        for task, name, department in rows
    ]
    return total, items


def _first(pair: tuple[tuple[int, datetime], HandoverItem]) -> tuple[int, datetime]:
    return pair[0]


def shift_report(
    session: Session,
    *,
    day: date,
    tz: ZoneInfo,
    now: datetime,
    limit: int = 200,
    rule_labels: dict[str, str] | None = None,
) -> ShiftReport:
    """The figures of a day and, for the next shift, everything still open (each list capped
    at `limit`, with the full counts beside it)."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    figures = _figures(session, start, start + timedelta(days=1))
    open_calls, calls = _open_cases(session, Call, tz, limit, day.year)
    open_visits, visits = _open_cases(session, Visit, tz, limit, day.year)
    open_callbacks, callbacks = _open_callbacks(session, tz, now, limit)
    due, followups = _due_followups(session, day, limit, rule_labels or {})
    return ShiftReport(
        day=day,
        figures=figures,
        open_calls=open_calls,
        open_visits=open_visits,
        open_callbacks=open_callbacks,
        due_followups=due,
        # Calls and visits in one list, urgent first then oldest, as every queue is.
        items=(
            *callbacks,
            *(item for _place, item in sorted(calls + visits, key=_first)),
            *followups,
        ),
    )
