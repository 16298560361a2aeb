"""Counts of every kind of record, for `desk doctor` and the home screen."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, func, select

from desk.models import (
    OPEN_STATUSES,
    Appointment,
    AuditEvent,
    Call,
    Callback,
    Department,
    FollowupAttempt,
    FollowupSubject,
    FollowupTask,
    Staff,
    Visit,
)

COUNTED = (
    ("staff", Staff),
    ("departments", Department),
    ("calls", Call),
    ("visits", Visit),
    ("callbacks", Callback),
    ("appointments", Appointment),
    ("subjects", FollowupSubject),
    ("tasks", FollowupTask),
    ("attempts", FollowupAttempt),
    ("audit", AuditEvent),
)


def record_counts(session: Session) -> dict[str, int]:
    """How many rows each kind of record has."""
    return {
        key: session.exec(select(func.count()).select_from(model)).one() for key, model in COUNTED
    }


def calls_since(session: Session, *, since: datetime) -> int:
    """How many calls were received since a moment."""
    query = select(func.count()).select_from(Call).where(Call.received_at >= since)
    return session.exec(query).one()


def open_calls(session: Session) -> int:
    """How many calls are still open."""
    query = select(func.count()).select_from(Call).where(Call.status.in_(OPEN_STATUSES))
    return session.exec(query).one()
