"""SQLModel tables, one module per record family; importing this registers them all."""

from __future__ import annotations

from desk.models.audit import AuditEvent, Draft, ExportState
from desk.models.base import OPEN_STATUSES, Category, Priority, Role, Status, utcnow
from desk.models.call import Call, Callback, CaseEvent, CaseFields
from desk.models.followup import (
    AttemptResult,
    FollowupAttempt,
    FollowupEnrollment,
    FollowupSubject,
    FollowupTask,
    TaskStatus,
)
from desk.models.org import CallOrg
from desk.models.staff import Department, Staff
from desk.models.visit import Appointment, Channel, Visit

__all__ = [
    "OPEN_STATUSES",
    "Appointment",
    "AttemptResult",
    "AuditEvent",
    "Call",
    "CallOrg",
    "Callback",
    "CaseEvent",
    "CaseFields",
    "Category",
    "Channel",
    "Department",
    "Draft",
    "ExportState",
    "FollowupAttempt",
    "FollowupEnrollment",
    "FollowupSubject",
    "FollowupTask",
    "Priority",
    "Role",
    "Staff",
    "Status",
    "TaskStatus",
    "Visit",
    "utcnow",
]
