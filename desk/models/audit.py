"""The audit trail, drafts kept while typing, and the export bookmarks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from desk.models.base import utcnow


class AuditEvent(SQLModel, table=True):
    """Who did what, when, from which desk; appended only."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    actor: str = Field(default="", max_length=100)
    os_user: str = Field(default="", max_length=100)
    host: str = Field(default="", max_length=200)
    terminal: str = Field(default="", max_length=100)
    action: str = Field(max_length=40, index=True)
    target_kind: str | None = Field(default=None, max_length=30)
    target_id: int | None = None
    detail: str | None = Field(default=None, sa_type=Text)


class Draft(SQLModel, table=True):
    """What is being typed into a form at one desk, kept until it is saved."""

    __table_args__ = (UniqueConstraint("desk", "form", "staff_id"),)

    id: int | None = Field(default=None, primary_key=True)
    desk: str = Field(max_length=200)
    form: str = Field(max_length=30)
    staff_id: int | None = Field(default=None, foreign_key="staff.id")
    payload: str = Field(default="{}", sa_type=Text)
    updated_at: datetime = Field(default_factory=utcnow)


class ExportState(SQLModel, table=True):
    """The last successful export of one kind of record to one folder (for --since-last)."""

    __tablename__ = "export_state"
    __table_args__ = (UniqueConstraint("kind", "folder"),)

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=30)
    folder: str = Field(max_length=500)
    last_exported_at: datetime
