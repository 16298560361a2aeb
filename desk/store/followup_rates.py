"""Follow-up rates for a month or a quarter, per rule and department, against each target."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from desk.config import Settings
from desk.i18n import _
from desk.models import Department, FollowupAttempt, FollowupTask, TaskStatus
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.errors import ValidationError

OPINIONS_CAP = 200


@dataclass(frozen=True)
class Period:
    """A reporting period: start inclusive, end exclusive, and how to name it."""

    start: date
    end: date
    label: str


@dataclass
class RateRow:
    """One rule in one department (department "" is the rule's total)."""

    rule_name: str
    rule_label: str
    department: str
    target: float
    due: int = 0
    attempted: int = 0
    reached: int = 0
    satisfaction: dict[int, int] = field(default_factory=lambda: dict.fromkeys(range(1, 6), 0))
    opinions: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        """Reached over due, or None when nothing fell due."""
        return self.reached / self.due if self.due else None

    @property
    def meets_target(self) -> bool:
        """Whether the rate reaches the rule's target."""
        return self.rate is not None and self.rate >= self.target - 1e-9


def month_period(text: str) -> Period:
    """A period from YYYY-MM."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValidationError(_("Give the month as YYYY-MM, e.g. 2026-11."), field="month")
    year, month = int(match[1]), int(match[2])
    end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(date(year, month, 1), end, f"{year}-{month:02d}")


def quarter_period(text: str) -> Period:
    """A period from YYYY-Qn."""
    match = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", text.strip())
    if not match:
        raise ValidationError(_("Give the quarter as YYYY-Qn, e.g. 2026-Q4."), field="quarter")
    year, quarter = int(match[1]), int(match[2])
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return Period(start, end, f"{year}-Q{quarter}")


def followup_rates(
    session: Session, *, actor: SignedIn | None, settings: Settings, period: Period
) -> list[RateRow]:
    """Due, attempted and reached tasks, the rate, satisfaction and opinions per rule and
    department for tasks due in the period; each rule's total row comes first."""
    require(actor, Permission.REPORTS)
    names = [r.name for r in settings.rules]
    departments = {d.id: d.name for d in session.exec(select(Department))}
    in_period = (
        col(FollowupTask.rule_name).in_(names),
        col(FollowupTask.due_on) >= period.start,
        col(FollowupTask.due_on) < period.end,
        col(FollowupTask.status) != TaskStatus.CANCELLED.value,
    )
    rows: dict[tuple[str, str], RateRow] = {}

    def row(rule_name: str, department_id: int | None) -> list[RateRow]:
        rule = settings.rule(rule_name)
        assert rule is not None
        found = []
        for dept in ("", departments.get(department_id, "") if department_id else "-"):
            key = (rule_name, dept)
            if key not in rows:
                rows[key] = RateRow(rule.name, rule.label, dept, rule.target_rate)
            found.append(rows[key])
        return found

    attempted = func.sum(case((col(FollowupTask.attempts_used) > 0, 1), else_=0))
    counts = (
        select(FollowupTask.rule_name, FollowupTask.department_id, func.count(), attempted)
        .where(*in_period)
        .group_by(FollowupTask.rule_name, FollowupTask.department_id)
    )
    for rule_name, department_id, due, tried in session.exec(counts):
        for target in row(rule_name, department_id):
            target.due += int(due)
            target.attempted += int(tried or 0)
    reached = (
        select(
            FollowupTask.rule_name,
            FollowupTask.department_id,
            FollowupAttempt.satisfaction,
            func.count(func.distinct(FollowupTask.id)),
        )
        .join(FollowupAttempt, col(FollowupAttempt.task_id) == col(FollowupTask.id))
        .where(*in_period, col(FollowupAttempt.result) == "reached")
        .group_by(FollowupTask.rule_name, FollowupTask.department_id, FollowupAttempt.satisfaction)
    )
    for rule_name, department_id, grade, count in session.exec(reached):
        for target in row(rule_name, department_id):
            target.reached += int(count)
            if grade in target.satisfaction:
                target.satisfaction[grade] += int(count)
    opinions = (
        select(FollowupTask.rule_name, FollowupTask.department_id, FollowupAttempt.opinions)
        .join(FollowupAttempt, col(FollowupAttempt.task_id) == col(FollowupTask.id))
        .where(*in_period, col(FollowupAttempt.opinions).is_not(None))
        .order_by(col(FollowupAttempt.at))
        .limit(OPINIONS_CAP)
    )
    for rule_name, department_id, text in session.exec(opinions):
        for target in row(rule_name, department_id):
            target.opinions.append(text)
    order = {name: i for i, name in enumerate(names)}
    grouped: dict[str, list[RateRow]] = defaultdict(list)
    for (rule_name, _dept), value in rows.items():
        grouped[rule_name].append(value)
    result = []
    for rule_name in sorted(grouped, key=order.__getitem__):
        result.extend(sorted(grouped[rule_name], key=lambda r: (r.department != "", r.department)))
    return result
