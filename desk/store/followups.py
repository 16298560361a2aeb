"""Follow-up subjects and enrolments: add by hand, enrol under a rule, re-plan after edits."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date
from typing import Any

from sqlmodel import Session, select

from desk.config import FollowupRule, Settings
from desk.i18n import _
from desk.models import (
    Department,
    FollowupEnrollment,
    FollowupSubject,
    FollowupTask,
    TaskStatus,
    utcnow,
)
from desk.rules.dates import DateError
from desk.rules.dates import parse_day as parse_date
from desk.rules.followup_rules import PlannedTask, plan_tasks
from desk.rules.phone import PhoneError, parse_phone
from desk.rules.windows import CallingWindows
from desk.rules.workdays import WorkCalendar
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.errors import ValidationError

RULE_DATE_FOR_SUBJECT = {"discharged": "discharged_on", "visited": "admitted_on"}


@dataclass(frozen=True)
class SubjectInput:
    """What a person types (or a file row holds) about a subject, before checking."""

    name: str
    phone: str
    sex: str = ""
    age: str = ""
    address: str = ""
    department: str = ""
    doctor: str = ""
    bed: str = ""
    diagnosis: str = ""
    admitted: str = ""
    discharged: str = ""
    kind: str = "patient"
    event_dates: dict[str, str] = field(default_factory=dict)


def calling_windows(settings: Settings) -> CallingWindows:
    """The configured calling windows over China's calendar and the institution's exceptions."""
    calendar = WorkCalendar(settings.extra_holidays, settings.extra_workdays)
    return CallingWindows(settings.windows, calendar)


def get_rule(settings: Settings, name: str) -> FollowupRule:
    """A configured rule, or a clear error naming the ones there are."""
    rule = settings.rule(name)
    if rule is None:
        names = ", ".join(r.name for r in settings.rules)
        raise ValidationError(
            _("Unknown follow-up rule {name}; configured: {names}").format(name=name, names=names),
            field="rule",
        )
    return rule


def department_ids(session: Session) -> dict[str, int]:
    """Department name to id."""
    return {d.name: d.id for d in session.exec(select(Department)) if d.id is not None}


def parse_day(text: str, field_name: str) -> date | None:
    """A date typed as 2026-09-28, 2026/9/28 or 2026.9.28; empty is None."""
    text = text.strip()
    if not text:
        return None
    cleaned = text.split(" ")[0].split("T")[0]
    try:
        return parse_date(cleaned)
    except DateError as error:
        if error.not_existing:
            raise ValidationError(error.message, field=field_name) from None
        raise ValidationError(_("Not a date; use the form 2026-09-28."), field=field_name) from None


def check_subject(
    data: SubjectInput,
    *,
    departments: Mapping[str, int],
    area_code: str = "",
    e164: str | None = None,
) -> dict[str, Any]:
    """Validate a subject's fields; returns column values or raises ValidationError(field).

    A caller that already knows the number's E.164 form (a plain mobile) passes it as e164.
    """
    values, problems = subject_problems(
        data, departments=departments, area_code=area_code, e164=e164
    )
    if problems:
        raise problems[0]
    return values


def subject_problems(
    data: SubjectInput,
    *,
    departments: Mapping[str, int],
    area_code: str = "",
    e164: str | None = None,
) -> tuple[dict[str, Any], list[ValidationError]]:
    """Check every field of a subject: the column values, and every problem (not just the
    first), so a file's row can be corrected in one go."""
    problems: list[ValidationError] = []
    name = data.name.strip()
    if not name:
        problems.append(ValidationError(_("Enter the name."), field="name"))
    elif len(name) > 100:
        problems.append(ValidationError(_("The name is too long."), field="name"))
    extension: str | None = None
    if e164 is None:
        try:
            phone = parse_phone(data.phone, default_area_code=area_code or None)
            e164, extension = phone.e164, phone.extension
        except PhoneError as error:
            problems.append(ValidationError(error.message, field="phone"))
    age: int | None = None
    if data.age.strip():
        text = data.age.strip().removesuffix("岁")
        if not text.isdigit() or not 0 <= int(text) <= 130:
            message = _("The age is a whole number from 0 to 130.")
            problems.append(ValidationError(message, field="age"))
        else:
            age = int(text)
    department_id: int | None = None
    if data.department.strip():
        department_id = departments.get(data.department.strip())
        if department_id is None:
            problems.append(ValidationError(_("Unknown department."), field="department"))
    days: dict[str, date | None] = {}
    for key in ("admitted", "discharged"):
        try:
            days[key] = parse_day(getattr(data, key), key)
        except ValidationError as error:
            days[key], problems = None, [*problems, error]
    admitted, discharged = days["admitted"], days["discharged"]
    if admitted and discharged and discharged < admitted:
        message = _("The discharge date {discharged} is before the admission date {admitted}.")
        problems.append(
            ValidationError(
                message.format(discharged=discharged.isoformat(), admitted=admitted.isoformat()),
                field="discharged",
            )
        )
    values = {
        "kind": data.kind,
        "name": name,
        "sex": data.sex.strip()[:10] or None,
        "age": age,
        "phone_raw": data.phone.strip()[:60],
        "phone_e164": e164,
        "phone_ext": extension,
        "address": data.address.strip()[:300] or None,
        "department_id": department_id,
        "doctor": data.doctor.strip()[:100] or None,
        "bed": data.bed.strip()[:20] or None,
        "diagnosis": data.diagnosis.strip()[:300] or None,
        "admitted_on": admitted,
        "discharged_on": discharged,
    }
    return values, problems


def event_dates_of(values: Mapping[str, Any], extra: Mapping[str, str]) -> dict[str, date]:
    """The event dates an enrolment counts from: the subject's dates plus any given."""
    dates: dict[str, date] = {}
    if values.get("discharged_on"):
        dates["discharged"] = values["discharged_on"]
    if values.get("admitted_on"):
        dates["visited"] = values["admitted_on"]
    for key, text in extra.items():
        day = parse_day(text, key)
        if day is not None:
            dates[key] = day
    return dates


def task_rows(
    planned: list[PlannedTask],
    *,
    enrollment_id: int,
    subject_id: int,
    rule_name: str,
    department_id: int | None,
) -> list[dict[str, Any]]:
    """Rows for followup_task from planned tasks."""
    now = utcnow()
    return [
        {
            "enrollment_id": enrollment_id,
            "subject_id": subject_id,
            "rule_name": rule_name,
            "department_id": department_id,
            "seq": p.seq,
            "due_on": p.due_on,
            "due_at": p.due_at.astimezone(UTC),
            "next_try_at": p.due_at.astimezone(UTC),
            "status": TaskStatus.PENDING.value,
            "attempts_used": 0,
            "updated_at": now,
        }
        for p in planned
    ]


def add_subject(
    session: Session,
    *,
    actor: SignedIn | None,
    settings: Settings,
    data: SubjectInput,
    rule_name: str | None = None,
) -> FollowupSubject:
    """Add one subject typed by hand, and enrol them under a rule if one is named."""
    require(actor, Permission.LOG)
    rule = get_rule(settings, rule_name) if rule_name else None
    values = check_subject(data, departments=department_ids(session), area_code=settings.area_code)
    subject = FollowupSubject(**values)
    session.add(subject)
    session.flush()
    if rule is not None:
        enrol(session, settings=settings, subject=subject, rule=rule, extra=data.event_dates)
    record_audit(
        session,
        action="followup.subject_add",
        target_kind="followup_subject",
        target_id=subject.id,
        staff=actor,  # type: ignore[arg-type]  # SignedIn has the id and name it reads
        detail={"rule": rule_name},
    )
    return subject


def enrol(
    session: Session,
    *,
    settings: Settings,
    subject: FollowupSubject,
    rule: FollowupRule,
    extra: Mapping[str, str] | None = None,
) -> FollowupEnrollment:
    """Put a subject under a rule and create its tasks; the rule's dates must be known."""
    assert subject.id is not None
    dates = event_dates_of(subject.model_dump(), extra or {})
    windows = calling_windows(settings)
    planned = plan_tasks(rule, dates, windows, settings.tz)
    if not planned:
        raise ValidationError(
            _("The rule {rule} needs a date this subject lacks.").format(rule=rule.label),
            field="discharged",
        )
    enrollment = FollowupEnrollment(
        subject_id=subject.id,
        rule_name=rule.name,
        event_dates=json.dumps({k: v.isoformat() for k, v in dates.items()}),
    )
    session.add(enrollment)
    session.flush()
    assert enrollment.id is not None
    rows = task_rows(
        planned,
        enrollment_id=enrollment.id,
        subject_id=subject.id,
        rule_name=rule.name,
        department_id=subject.department_id,
    )
    session.execute(FollowupTask.__table__.insert(), rows)  # type: ignore[attr-defined]
    return enrollment


def enrol_case(
    session: Session,
    *,
    settings: Settings,
    rule_name: str,
    name: str,
    phone: str,
    day: date,
    call_id: int | None = None,
    visit_id: int | None = None,
) -> FollowupEnrollment:
    """Enrol the caller of a call or visit (a resolved complaint, a sales lead) under a rule.

    `day` is the event's date (resolved, contacted …, whichever the rule counts from).
    """
    rule = get_rule(settings, rule_name)
    values = check_subject(
        SubjectInput(name=name, phone=phone, kind="caller"),
        departments={},
        area_code=settings.area_code,
    )
    subject = FollowupSubject(**values)
    session.add(subject)
    session.flush()
    offset = rule.tasks[0]
    date_name = offset.after or offset.at or (offset.midway[0] if offset.midway else "")
    enrollment = enrol(
        session, settings=settings, subject=subject, rule=rule, extra={date_name: day.isoformat()}
    )
    enrollment.call_id, enrollment.visit_id = call_id, visit_id
    return enrollment
