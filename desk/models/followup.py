"""Follow-up (回访) subjects, their enrolment in a rule, the tasks and the attempts."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from desk.models.base import utcnow


class TaskStatus(StrEnum):
    """Where a follow-up task stands."""

    PENDING = "pending"
    DONE = "done"
    UNREACHABLE = "unreachable"
    CANCELLED = "cancelled"


class AttemptResult(StrEnum):
    """What came of one follow-up call."""

    REACHED = "reached"
    NO_ANSWER = "no_answer"
    WRONG_NUMBER = "wrong_number"
    REFUSED = "refused"
    CALL_BACK_LATER = "call_back_later"


class FollowupSubject(SQLModel, table=True):
    """A person to be called: a discharged patient, a client, a lead or a member."""

    __tablename__ = "followup_subject"

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="patient", max_length=20)
    name: str = Field(max_length=100)
    sex: str | None = Field(default=None, max_length=10)
    age: int | None = None
    phone_raw: str = Field(default="", max_length=60)
    phone_e164: str | None = Field(default=None, max_length=20, index=True)
    phone_ext: str | None = Field(default=None, max_length=10)
    address: str | None = Field(default=None, max_length=300)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    doctor: str | None = Field(default=None, max_length=100)
    bed: str | None = Field(default=None, max_length=20)
    diagnosis: str | None = Field(default=None, max_length=300)
    admitted_on: date | None = None
    discharged_on: date | None = None
    notes: str | None = Field(default=None, sa_type=Text)
    import_key: str | None = Field(default=None, max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class FollowupEnrollment(SQLModel, table=True):
    """A subject put under a rule, with the event's dates the rule's tasks are counted from."""

    __tablename__ = "followup_enrollment"

    id: int | None = Field(default=None, primary_key=True)
    subject_id: int = Field(foreign_key="followup_subject.id", index=True)
    rule_name: str = Field(max_length=60, index=True)
    event_dates: str = Field(default="{}", sa_type=Text)
    call_id: int | None = Field(default=None, foreign_key="call.id")
    visit_id: int | None = Field(default=None, foreign_key="visit.id")
    created_at: datetime = Field(default_factory=utcnow)


class FollowupTask(SQLModel, table=True):
    """One follow-up call to make, due inside a calling window on a working day."""

    __tablename__ = "followup_task"
    __table_args__ = (
        Index("ix_followup_task_queue", "status", "next_try_at"),
        Index("ix_followup_task_rule_due", "rule_name", "due_on"),
        Index("ix_followup_task_status_due", "status", "due_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    enrollment_id: int = Field(foreign_key="followup_enrollment.id", index=True)
    subject_id: int = Field(foreign_key="followup_subject.id", index=True)
    rule_name: str = Field(max_length=60)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    seq: int = 1
    due_on: date
    due_at: datetime
    next_try_at: datetime
    status: str = Field(default=TaskStatus.PENDING.value, max_length=20)
    attempts_used: int = 0
    held_by: str | None = Field(default=None, max_length=200)
    held_until: datetime | None = None
    done_at: datetime | None = None
    updated_at: datetime = Field(default_factory=utcnow, index=True)


class FollowupAttempt(SQLModel, table=True):
    """One call made for a task, and what the subject said when reached."""

    __tablename__ = "followup_attempt"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="followup_task.id", index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    result: str = Field(max_length=20)
    health_status: str | None = Field(default=None, sa_type=Text)
    medication_ok: bool | None = None
    satisfaction: int | None = None
    opinions: str | None = Field(default=None, sa_type=Text)
    improvements: str | None = Field(default=None, sa_type=Text)
    doctor_callback: bool = False
    call_back_at: datetime | None = None
