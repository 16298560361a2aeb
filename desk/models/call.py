"""Incoming calls, the fields they share with visits, their history and promised callbacks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from desk.models.base import Category, Priority, Status, utcnow


class CaseFields(SQLModel):
    """The workflow fields every call and visit has: priority, routing, status and its stamps."""

    priority: int = Field(default=Priority.DEFERRABLE.value)
    category: str = Field(default=Category.CONSULTATION.value, max_length=30)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    status: str = Field(default=Status.REGISTERED.value, max_length=30)
    is_sales_lead: bool = False
    leadership_told_at: datetime | None = None
    instruction: str | None = Field(default=None, sa_type=Text)
    instruction_at: datetime | None = None
    resolution: str | None = Field(default=None, sa_type=Text)
    resolved_at: datetime | None = None
    feedback: str | None = Field(default=None, sa_type=Text)
    fed_back_at: datetime | None = None
    archived_at: datetime | None = None
    desk: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Call(CaseFields, table=True):
    """One incoming call: the six items of the register (六项) and the workflow fields."""

    __table_args__ = (
        Index("ix_call_open_queue", "status", "priority", "received_at"),
        Index("ix_call_updated_at", "updated_at"),
        Index("ix_call_number_received", "number_e164", "received_at"),
        Index("ix_call_number_status", "number_e164", "status"),
        Index("ix_call_org_received", "org", "received_at"),
        Index("ix_call_org_status", "org", "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    received_at: datetime = Field(index=True)
    org: str = Field(default="", max_length=200)  # indexed by ix_call_org_*
    caller: str = Field(default="", max_length=100)
    content: str = Field(default="", sa_type=Text)
    number_raw: str = Field(default="", max_length=60)
    number_e164: str | None = Field(default=None, max_length=20)  # by ix_call_number_*
    number_ext: str | None = Field(default=None, max_length=10)
    org_initials: str = Field(default="", max_length=200)
    caller_initials: str = Field(default="", max_length=100)
    recorder_id: int = Field(foreign_key="staff.id", index=True)
    reply_within_hours: int | None = None
    reply_within_days: int | None = None
    corrects_id: int | None = Field(default=None, foreign_key="call.id")


class CaseEvent(SQLModel, table=True):
    """One change to a call, visit or appointment: who, when, what (kept forever)."""

    __tablename__ = "case_event"
    __table_args__ = (Index("ix_case_event_record", "kind", "record_id"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=20)
    record_id: int
    at: datetime = Field(default_factory=utcnow)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    action: str = Field(max_length=40)
    from_status: str | None = Field(default=None, max_length=30)
    to_status: str | None = Field(default=None, max_length=30)
    note: str | None = Field(default=None, sa_type=Text)


class Callback(SQLModel, table=True):
    """A promised reply to a caller or visitor, due at a time (回电)."""

    id: int | None = Field(default=None, primary_key=True)
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    due_at: datetime = Field(index=True)
    done_at: datetime | None = None
    done_by_id: int | None = Field(default=None, foreign_key="staff.id")
    note: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(default_factory=utcnow)
