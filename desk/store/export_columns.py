"""What each kind of export holds: its columns (header, value, width) and its query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import aliased

from desk.export import labels as L
from desk.i18n import N_
from desk.models import (
    Appointment,
    Call,
    Department,
    FollowupAttempt,
    FollowupSubject,
    FollowupTask,
    Staff,
    Visit,
)

KINDS = ("calls", "visits", "appointments", "followups")


@dataclass(frozen=True)
class Column:
    """One exported column: its key (JSON), header msgid, value, how it is shown, its width."""

    key: str
    header: str
    expr: Any
    kind: str = "text"  # text, int, time, date, label, bool
    labels: dict[Any, str] = field(default_factory=dict)
    mask: str | None = None  # phone, name, text
    width: int = 12


@dataclass(frozen=True)
class ExportKind:
    """A kind of record: its table, columns, joins, the date --from/--to filter on, and the
    columns whose change makes a row new for --since-last."""

    name: str
    table: Any
    columns: tuple[Column, ...]
    joins: Callable[[Select[Any]], Select[Any]]
    date_column: Any
    changed: tuple[Any, ...]
    order: Any


def _case_columns(model: Any, dept: Any) -> list[Column]:
    return [
        Column("priority", N_("Priority"), model.priority, "label", L.PRIORITY, width=8),
        Column("category", N_("Category"), model.category, "label", L.CATEGORY, width=12),
        Column("department", N_("Department"), dept.name, width=14),
        Column("status", N_("Status"), model.status, "label", L.STATUS, width=10),
        Column("sales_lead", N_("Sales lead"), model.is_sales_lead, "bool", width=8),
        Column("leadership_told_at", N_("Leadership told at"), model.leadership_told_at, "time"),
        Column("instruction", N_("Instruction"), model.instruction, width=30),
        Column("instruction_at", N_("Instruction at"), model.instruction_at, "time"),
        Column("resolution", N_("Resolution"), model.resolution, width=30),
        Column("resolved_at", N_("Resolved at"), model.resolved_at, "time"),
        Column("feedback", N_("Feedback to the caller"), model.feedback, width=30),
        Column("fed_back_at", N_("Fed back at"), model.fed_back_at, "time"),
        Column("archived_at", N_("Archived at"), model.archived_at, "time"),
        Column("desk", N_("Desk"), model.desk, width=12),
        Column("created_at", N_("Created at"), model.created_at, "time"),
        Column("updated_at", N_("Updated at"), model.updated_at, "time"),
    ]


def _calls() -> ExportKind:
    dept, recorder = aliased(Department), aliased(Staff)
    columns = (
        Column("id", N_("No."), Call.id, "int", width=8),
        Column("received_at", N_("Time"), Call.received_at, "time"),
        Column("org", N_("Caller's organisation"), Call.org, width=24),
        Column("caller", N_("Caller"), Call.caller, mask="name", width=10),
        Column("content", N_("Main content"), Call.content, width=40),
        Column("number", N_("Callback number"), Call.number_raw, mask="phone", width=16),
        Column("number_e164", N_("Number (international)"), Call.number_e164, mask="phone"),
        Column("extension", N_("Extension"), Call.number_ext, width=8),
        Column("recorder", N_("Recorder"), recorder.name, width=10),
        *_case_columns(Call, dept),
        Column("reply_within_hours", N_("Reply within (hours)"), Call.reply_within_hours, "int"),
        Column(
            "reply_within_days",
            N_("Reply within (working days)"),
            Call.reply_within_days,
            "int",
        ),
        Column("corrects", N_("Corrects no."), Call.corrects_id, "int", width=8),
    )

    def joins(query: Select[Any]) -> Select[Any]:
        return query.outerjoin(dept, Call.department_id == dept.id).outerjoin(
            recorder, Call.recorder_id == recorder.id
        )

    return ExportKind("calls", Call, columns, joins, Call.received_at, (Call.updated_at,), Call.id)


def _visits() -> ExportKind:
    dept, receiver = aliased(Department), aliased(Staff)
    columns = (
        Column("id", N_("No."), Visit.id, "int", width=8),
        Column("received_at", N_("Time"), Visit.received_at, "time"),
        Column("channel", N_("Channel"), Visit.channel, "label", L.CHANNEL, width=8),
        Column("visitor", N_("Visitor"), Visit.visitor_name, mask="name", width=10),
        Column("org", N_("Organisation"), Visit.org, width=24),
        Column("number", N_("Contact number"), Visit.number_raw, mask="phone", width=16),
        Column("number_e164", N_("Number (international)"), Visit.number_e164, mask="phone"),
        Column("extension", N_("Extension"), Visit.number_ext, width=8),
        Column("matter", N_("Matter"), Visit.matter, width=40),
        Column("outcome", N_("Outcome"), Visit.outcome, width=30),
        Column("received_by", N_("Received by"), receiver.name, width=10),
        *_case_columns(Visit, dept),
        Column("corrects", N_("Corrects no."), Visit.corrects_id, "int", width=8),
    )

    def joins(query: Select[Any]) -> Select[Any]:
        return query.outerjoin(dept, Visit.department_id == dept.id).outerjoin(
            receiver, Visit.received_by_id == receiver.id
        )

    return ExportKind(
        "visits", Visit, columns, joins, Visit.received_at, (Visit.updated_at,), Visit.id
    )


def _appointments() -> ExportKind:
    dept, creator = aliased(Department), aliased(Staff)
    a = Appointment
    columns = (
        Column("id", N_("No."), a.id, "int", width=8),
        Column("starts_at", N_("Starts at"), a.starts_at, "time"),
        Column("ends_at", N_("Ends at"), a.ends_at, "time"),
        Column("person", N_("Name"), a.person_name, mask="name", width=10),
        Column("number", N_("Contact number"), a.number_raw, mask="phone", width=16),
        Column("number_e164", N_("Number (international)"), a.number_e164, mask="phone"),
        Column("department", N_("Department"), dept.name, width=14),
        Column("service", N_("Service"), a.service, width=20),
        Column("expert", N_("Expert"), a.expert, width=10),
        Column("notes", N_("Notes"), a.notes, width=30),
        Column("status", N_("Status"), a.status, "label", L.APPOINTMENT_STATUS, width=8),
        Column("visit", N_("Visit no."), a.visit_id, "int", width=8),
        Column("call", N_("Call no."), a.call_id, "int", width=8),
        Column("created_by", N_("Booked by"), creator.name, width=10),
        Column("created_at", N_("Created at"), a.created_at, "time"),
        Column("updated_at", N_("Updated at"), a.updated_at, "time"),
    )

    def joins(query: Select[Any]) -> Select[Any]:
        return query.outerjoin(dept, a.department_id == dept.id).outerjoin(
            creator, a.created_by_id == creator.id
        )

    return ExportKind("appointments", a, columns, joins, a.starts_at, (a.updated_at,), a.id)


def _followups() -> ExportKind:
    t, s, dept = FollowupTask, FollowupSubject, aliased(Department)
    last = (
        select(FollowupAttempt.task_id, func.max(FollowupAttempt.id).label("attempt_id"))
        .group_by(FollowupAttempt.task_id)
        .subquery()
    )
    attempt, caller = aliased(FollowupAttempt), aliased(Staff)
    columns = (
        Column("id", N_("No."), t.id, "int", width=8),
        Column("rule", N_("Rule"), t.rule_name, "label", width=14),
        Column("seq", N_("Round"), t.seq, "int", width=6),
        Column("due_on", N_("Due on"), t.due_on, "date", width=11),
        Column("status", N_("Status"), t.status, "label", L.TASK_STATUS, width=10),
        Column("attempts_used", N_("Attempts"), t.attempts_used, "int", width=6),
        Column("done_at", N_("Done at"), t.done_at, "time"),
        Column("next_try_at", N_("Next try"), t.next_try_at, "time"),
        Column("name", N_("Name"), s.name, mask="name", width=10),
        Column("sex", N_("Sex"), s.sex, width=5),
        Column("age", N_("Age"), s.age, "int", width=5),
        Column("phone", N_("Phone"), s.phone_raw, mask="phone", width=16),
        Column("phone_e164", N_("Number (international)"), s.phone_e164, mask="phone"),
        Column("extension", N_("Extension"), s.phone_ext, width=8),
        Column("address", N_("Address"), s.address, mask="text", width=30),
        Column("department", N_("Department"), dept.name, width=14),
        Column("doctor", N_("Attending doctor"), s.doctor, width=10),
        Column("bed", N_("Bed"), s.bed, width=6),
        Column("diagnosis", N_("Diagnosis or project"), s.diagnosis, width=20),
        Column("admitted_on", N_("Admitted on"), s.admitted_on, "date", width=11),
        Column("discharged_on", N_("Discharged on"), s.discharged_on, "date", width=11),
        Column("remarks", N_("Remarks"), s.notes, width=24),
        Column("last_attempt_at", N_("Last attempt at"), attempt.at, "time"),
        Column("called_by", N_("Called by"), caller.name, width=10),
        Column(
            "last_result", N_("Last result"), attempt.result, "label", L.ATTEMPT_RESULT, width=10
        ),
        Column("satisfaction", N_("Satisfaction"), attempt.satisfaction, "int", width=6),
        Column("health", N_("Health status"), attempt.health_status, width=24),
        Column(
            "medication_ok",
            N_("Medication as prescribed"),
            attempt.medication_ok,
            "bool",
            width=8,
        ),
        Column("opinions", N_("Opinions and suggestions"), attempt.opinions, width=30),
        Column("improvements", N_("Improvements"), attempt.improvements, width=30),
        Column(
            "doctor_callback", N_("Doctor to call back"), attempt.doctor_callback, "bool", width=8
        ),
        Column("call_back_at", N_("Call back at"), attempt.call_back_at, "time"),
        Column("updated_at", N_("Updated at"), t.updated_at, "time"),
    )

    def joins(query: Select[Any]) -> Select[Any]:
        return (
            query.join(s, t.subject_id == s.id)
            .outerjoin(dept, t.department_id == dept.id)
            .outerjoin(last, last.c.task_id == t.id)
            .outerjoin(attempt, attempt.id == last.c.attempt_id)
            .outerjoin(caller, attempt.staff_id == caller.id)
        )

    return ExportKind("followups", t, columns, joins, t.due_on, (t.updated_at, s.updated_at), t.id)


BUILDERS: dict[str, Callable[[], ExportKind]] = {
    "calls": _calls,
    "visits": _visits,
    "appointments": _appointments,
    "followups": _followups,
}


def export_kind(name: str) -> ExportKind:
    """The definition of one kind of export."""
    return BUILDERS[name]()


def is_text(column: Column) -> bool:
    """Whether a column holds free text (the cells formulas could hide in)."""
    return column.kind == "text"


ColumnExpr = ColumnElement[Any]
