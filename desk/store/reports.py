"""Monthly and quarterly figures: calls and visits by category, priority and department,
complaint ratios, follow-up rates against targets, satisfaction and the opinions collected.

Follow-up figures come from `followup_rates` (the same figures as F6 and `desk report
followups`): they count the tasks that fell due in the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlmodel import Session

from desk.config import Settings
from desk.export import labels as L
from desk.i18n import N_, _
from desk.models import Call, Department, FollowupAttempt, FollowupTask, TaskStatus, Visit
from desk.rules.text import one_line
from desk.session_info import SignedIn
from desk.store.followup_rates import RateRow, followup_rates
from desk.store.periods import Period


@dataclass(frozen=True)
class Count:
    """Calls and visits under one label (a category or a priority)."""

    label: str
    calls: int
    visits: int

    @property
    def total(self) -> int:
        """Calls and visits together."""
        return self.calls + self.visits


@dataclass(frozen=True)
class DepartmentLine:
    """A department's calls and visits, how many were complaints, and their share."""

    department: str
    calls: int
    visits: int
    complaints: int

    @property
    def total(self) -> int:
        """Calls and visits together."""
        return self.calls + self.visits

    @property
    def complaint_ratio(self) -> float:
        """Complaints as a share of everything routed to the department."""
        return self.complaints / self.total if self.total else 0.0


@dataclass(frozen=True)
class Opinion:
    """One opinion given at a follow-up call."""

    day: str
    department: str
    satisfaction: int | None
    opinions: str
    improvements: str


@dataclass(frozen=True)
class MonthlyReport:
    """The figures of one month or quarter."""

    period: Period
    calls: int
    visits: int
    by_category: tuple[Count, ...]
    by_priority: tuple[Count, ...]
    by_department: tuple[DepartmentLine, ...]
    rates: tuple[RateRow, ...]
    opinions: tuple[Opinion, ...]

    @property
    def rule_totals(self) -> tuple[RateRow, ...]:
        """Each rule's row for all departments together."""
        return tuple(row for row in self.rates if not row.department)

    @property
    def due(self) -> int:
        """Follow-up tasks that fell due in the period, every rule together."""
        return sum(row.due for row in self.rule_totals)

    @property
    def reached(self) -> int:
        """Of those, the tasks whose person was reached."""
        return sum(row.reached for row in self.rule_totals)

    @property
    def satisfaction(self) -> tuple[tuple[int, int], ...]:
        """How many answers gave each of the five grades (1–5), every rule together."""
        return tuple(
            (grade, sum(row.satisfaction.get(grade, 0) for row in self.rule_totals))
            for grade in range(1, 6)
        )

    @property
    def satisfaction_mean(self) -> float | None:
        """The average grade (1–5) of those who gave one."""
        given = sum(count for _grade, count in self.satisfaction)
        if not given:
            return None
        return sum(grade * count for grade, count in self.satisfaction) / given


SATISFACTION = {
    1: N_("Very dissatisfied"),
    2: N_("Dissatisfied"),
    3: N_("Neutral"),
    4: N_("Satisfied"),
    5: N_("Very satisfied"),
}


def _grouped(session: Session, model: Any, column: Any, start: datetime, end: datetime) -> dict:
    query = (
        select(column, func.count())
        .where(model.received_at >= start, model.received_at < end)
        .group_by(column)
    )
    return {key: count for key, count in session.execute(query)}


def _counts(
    session: Session, table: dict, calls_by: Any, visits_by: Any, bounds: tuple
) -> tuple[Count, ...]:
    calls = _grouped(session, Call, calls_by, *bounds)
    visits = _grouped(session, Visit, visits_by, *bounds)
    keys = list(table) + sorted((set(calls) | set(visits)) - set(table), key=str)
    return tuple(
        Count(L.label(table, key), calls.get(key, 0), visits.get(key, 0))
        for key in keys
        if calls.get(key) or visits.get(key)
    )


def _departments(session: Session, bounds: tuple[datetime, datetime]) -> tuple[DepartmentLine, ...]:
    names = {d.id: d.name for d in session.scalars(select(Department))}
    lines: dict[Any, list[int]] = {}
    for model, slot in ((Call, 0), (Visit, 1)):
        query = (
            select(
                model.department_id,
                func.count(),
                func.sum(case((model.category == "complaint", 1), else_=0)),
            )
            .where(model.received_at >= bounds[0], model.received_at < bounds[1])
            .group_by(model.department_id)
        )
        for department_id, count, complaints in session.execute(query):
            line = lines.setdefault(department_id, [0, 0, 0])
            line[slot] += count
            line[2] += int(complaints or 0)
    ordered = sorted(lines.items(), key=lambda item: (item[0] is None, -sum(item[1][:2])))
    return tuple(
        DepartmentLine(
            names.get(key, _("(not routed)")) if key is not None else _("(not routed)"),
            calls,
            visits,
            complaints,
        )
        for key, (calls, visits, complaints) in ordered
    )


def monthly_report(
    session: Session,
    *,
    actor: SignedIn | None,
    settings: Settings,
    period: Period,
    opinions_limit: int = 1000,
) -> MonthlyReport:
    """Count a month's or quarter's calls and visits, take its follow-up rates and gather
    the opinions given for the follow-up tasks that fell due in it."""
    rates = followup_rates(session, actor=actor, settings=settings, period=period)
    tz = settings.tz
    bounds = period.bounds(tz)
    total_calls = sum(_grouped(session, Call, Call.category, *bounds).values())
    total_visits = sum(_grouped(session, Visit, Visit.category, *bounds).values())
    said = session.execute(
        select(FollowupAttempt, Department.name)
        .join(FollowupTask, FollowupTask.id == FollowupAttempt.task_id)
        .outerjoin(Department, Department.id == FollowupTask.department_id)
        .where(
            FollowupTask.rule_name.in_([rule.name for rule in settings.rules]),  # type: ignore[attr-defined]
            FollowupTask.due_on >= period.start,
            FollowupTask.due_on < period.end,
            FollowupTask.status != TaskStatus.CANCELLED.value,
        )
        .where(
            (func.coalesce(FollowupAttempt.opinions, "") != "")
            | (func.coalesce(FollowupAttempt.improvements, "") != "")
        )
        .order_by(FollowupAttempt.at, FollowupAttempt.id)
        .limit(opinions_limit)
    ).all()
    opinions = tuple(
        Opinion(
            attempt.at.astimezone(tz).strftime("%Y-%m-%d"),
            department or "",
            attempt.satisfaction,
            one_line(attempt.opinions or ""),
            one_line(attempt.improvements or ""),
        )
        for attempt, department in said
    )
    return MonthlyReport(
        period=period,
        calls=total_calls,
        visits=total_visits,
        by_category=_counts(session, L.CATEGORY, Call.category, Visit.category, bounds),
        by_priority=_counts(session, L.PRIORITY, Call.priority, Visit.priority, bounds),
        by_department=_departments(session, bounds),
        rates=tuple(rates),
        opinions=opinions,
    )
