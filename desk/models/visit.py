"""Visits, letters and e-mails, and the appointments booked from them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from desk.models.base import utcnow
from desk.models.call import CaseFields


class Channel(StrEnum):
    """How a visitor's matter reached the desk."""

    WALK_IN = "walk_in"
    LETTER = "letter"
    EMAIL = "email"


class Visit(CaseFields, table=True):
    """A visitor, letter or e-mail, received by the one who answers first (首问负责制)."""

    __table_args__ = (
        Index("ix_visit_open_queue", "status", "priority", "received_at"),
        Index("ix_visit_updated_at", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    received_at: datetime = Field(index=True)
    channel: str = Field(default=Channel.WALK_IN.value, max_length=20)
    visitor_name: str = Field(default="", max_length=100)
    visitor_initials: str = Field(default="", max_length=100)
    org: str = Field(default="", max_length=200)
    number_raw: str = Field(default="", max_length=60)
    number_e164: str | None = Field(default=None, max_length=20, index=True)
    number_ext: str | None = Field(default=None, max_length=10)
    matter: str = Field(default="", sa_type=Text)
    outcome: str | None = Field(default=None, sa_type=Text)
    received_by_id: int = Field(foreign_key="staff.id", index=True)
    corrects_id: int | None = Field(default=None, foreign_key="visit.id")


class Appointment(SQLModel, table=True):
    """A booking (预约) of a service or an expert, from a visit or a call."""

    __table_args__ = (Index("ix_appointment_expert_start", "expert", "starts_at"),)

    id: int | None = Field(default=None, primary_key=True)
    visit_id: int | None = Field(default=None, foreign_key="visit.id", index=True)
    call_id: int | None = Field(default=None, foreign_key="call.id", index=True)
    person_name: str = Field(default="", max_length=100)
    number_raw: str = Field(default="", max_length=60)
    number_e164: str | None = Field(default=None, max_length=20)
    department_id: int | None = Field(default=None, foreign_key="department.id")
    service: str = Field(default="", max_length=200)
    expert: str = Field(default="", max_length=100)
    starts_at: datetime = Field(index=True)
    ends_at: datetime
    notes: str | None = Field(default=None, sa_type=Text)
    status: str = Field(default="booked", max_length=20)
    created_by_id: int | None = Field(default=None, foreign_key="staff.id")
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, index=True)
