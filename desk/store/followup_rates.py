"""Follow-up rates for a month or a quarter, per rule and department, against each target."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from desk.config import Settings
from desk.models import Department, FollowupAttempt, FollowupTask, TaskStatus
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.periods import Period, month_period, quarter_period

__all__ = ["Period", "RateRow", "followup_rates", "month_period", "quarter_period"]

OPINIONS_CAP = 200


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

    # One pass over the period's tasks, each with its reached calls and opinions (if any):
    # a month is thousands of rows, cheaper to add up here than to walk the index three times.
    stmt = (
        select(
            FollowupTask.id,
            FollowupTask.rule_name,
            FollowupTask.department_id,
            FollowupTask.attempts_used,
            FollowupAttempt.result,
            FollowupAttempt.satisfaction,
            FollowupAttempt.opinions,
        )
        .outerjoin(
            FollowupAttempt,
            and_(
                col(FollowupAttempt.task_id) == col(FollowupTask.id),
                or_(
                    col(FollowupAttempt.result) == "reached",
                    col(FollowupAttempt.opinions).is_not(None),
                ),
            ),
        )
        .where(*in_period)
    )
    seen: set[int] = set()
    reached_tasks: set[int] = set()
    opinions = 0
    for task_id, rule_name, department_id, used, result, grade, opinion in session.exec(stmt):
        targets = row(rule_name, department_id)
        if task_id not in seen:
            seen.add(task_id)
            for target in targets:
                target.due += 1
                target.attempted += 1 if used else 0
        if result == "reached" and task_id not in reached_tasks:
            reached_tasks.add(task_id)
            for target in targets:
                target.reached += 1
                if grade in target.satisfaction:
                    target.satisfaction[grade] += 1
        if opinion and opinions < OPINIONS_CAP:
            opinions += 1
            for target in targets:
                target.opinions.append(opinion)
    order = {name: i for i, name in enumerate(names)}
    grouped: dict[str, list[RateRow]] = defaultdict(list)
    for (rule_name, _dept), value in rows.items():
        grouped[rule_name].append(value)
    result = []
    for rule_name in sorted(grouped, key=order.__getitem__):
        result.extend(sorted(grouped[rule_name], key=lambda r: (r.department != "", r.department)))
    return result
