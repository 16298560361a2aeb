"""Demo follow-up work: enrol demo subjects under the discharge rule, with tasks and calls."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, func, text
from sqlmodel import Session, select

from desk.config import Settings
from desk.models import FollowupAttempt, FollowupEnrollment, FollowupSubject, FollowupTask
from desk.rules.followup_rules import raw_due_dates, schedule
from desk.store.followups import calling_windows

ENROL_COLUMNS = ("id", "subject_id", "rule_name", "event_dates", "created_at")
TASK_COLUMNS = (
    "id", "enrollment_id", "subject_id", "rule_name", "department_id", "seq", "due_on",
    "due_at", "next_try_at", "status", "attempts_used", "done_at", "updated_at",
)  # fmt: skip
ATTEMPT_COLUMNS = (
    "task_id", "at", "staff_id", "result", "health_status", "medication_ok", "satisfaction",
    "opinions", "doctor_callback",
)  # fmt: skip
OPINIONS = ("护士很耐心", "希望缩短候诊时间", "出院指导很详细", "停车不方便", "饭菜偏咸")
HEALTH = ("恢复良好", "基本康复", "仍有轻微不适", "按时复诊中")
SATISFACTION_WEIGHTS = (1, 2, 6, 30, 61)


def _max_id(session: Session, model: type) -> int:
    return int(session.exec(select(func.coalesce(func.max(model.id), 0))).one())  # type: ignore[attr-defined]


def enrol_demo_subjects(
    engine: Engine,
    *,
    settings: Settings,
    first_subject_id: int,
    staff_ids: list[int],
    bulk_insert: Callable[..., int],
    rng: random.Random,
    now: datetime,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Enrol subjects with id >= first_subject_id under the discharge rule; returns tasks made.

    Tasks due before today are worked (most reached, some unreachable) with their calls.
    """
    rule = settings.rule("discharge")
    if rule is None:
        return 0
    windows = calling_windows(settings)
    today = now.astimezone(settings.tz).date()
    with Session(engine) as session:
        subjects = session.exec(
            select(FollowupSubject.id, FollowupSubject.department_id, FollowupSubject.discharged_on)
            .where(FollowupSubject.id >= first_subject_id)  # type: ignore[operator]
            .order_by(FollowupSubject.id)  # type: ignore[arg-type]
        ).all()
        enrol_id = _max_id(session, FollowupEnrollment)
        task_id = _max_id(session, FollowupTask)
    slots: dict[date, tuple[date, int]] = {}
    tasks: list[tuple[Any, ...]] = []
    attempts: list[tuple[Any, ...]] = []
    enrolments: list[tuple[Any, ...]] = []
    stamp = int(now.timestamp())
    for subject_id, department_id, discharged in subjects:
        if discharged is None:
            continue
        enrol_id += 1
        enrolments.append(
            (enrol_id, subject_id, rule.name, json.dumps({"discharged": str(discharged)}), stamp)
        )
        for seq, raw in raw_due_dates(rule, {"discharged": discharged}):
            if raw not in slots:
                due_on, due_at = schedule(raw, windows, settings.tz)
                slots[raw] = (due_on, int(due_at.timestamp()))
            due_on, due_s = slots[raw]
            task_id += 1
            status, used, done_at = "pending", 0, None
            if due_on < today:
                reached = rng.random() < 0.85
                status, used = ("done", 1) if reached else ("unreachable", rule.attempts)
                done_at = due_s + rng.randint(600, 7200)
                attempts.append(_attempt(rng, task_id, done_at, staff_ids, reached))
            tasks.append(
                (task_id, enrol_id, subject_id, rule.name, department_id, seq, due_on, due_s,
                 due_s, status, used, done_at, done_at or stamp)
            )  # fmt: skip
    tables = (
        (FollowupEnrollment, ENROL_COLUMNS, enrolments),
        (FollowupTask, TASK_COLUMNS, tasks),
        (FollowupAttempt, ATTEMPT_COLUMNS, attempts),
    )
    for model, columns, rows in tables:
        bulk_insert(engine, model.__table__, columns, iter(rows), progress)  # type: ignore[attr-defined]
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            for table in ("followup_enrollment", "followup_task"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
    return len(tasks)


def _attempt(
    rng: random.Random, task_id: int, at: int, staff_ids: list[int], reached: bool
) -> tuple[Any, ...]:
    if not reached:
        return (task_id, at, rng.choice(staff_ids), "no_answer", None, None, None, None, False)
    grade = rng.choices((1, 2, 3, 4, 5), weights=SATISFACTION_WEIGHTS)[0]
    opinion = rng.choice(OPINIONS) if rng.random() < 0.1 else None
    return (task_id, at, rng.choice(staff_ids), "reached", rng.choice(HEALTH), True, grade,
            opinion, False)  # fmt: skip
