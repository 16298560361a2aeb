"""Append-only audit trail: who, when, which desk, what; and reading it back."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlmodel import Session, col, select

from desk.identity import os_user, terminal
from desk.models import AuditEvent
from desk.session_info import SignedIn
from desk.store.access import Permission, require

AUDIT_PAGE = 50


class Someone(Protocol):
    """A staff member as a row or as the app holds them: an id and a name."""

    @property
    def id(self) -> int | None: ...

    @property
    def name(self) -> str: ...


def record_audit(
    session: Session,
    *,
    action: str,
    staff: Someone | None = None,
    target_kind: str | None = None,
    target_id: int | None = None,
    detail: dict[str, Any] | str | None = None,
) -> AuditEvent:
    """Add one audit row in the caller's transaction (it commits with the change it records)."""
    text = (
        detail
        if isinstance(detail, str) or detail is None
        else json.dumps(detail, ensure_ascii=False, default=str)
    )
    event = AuditEvent(
        staff_id=staff.id if staff else None,
        actor=staff.name if staff else os_user(),
        os_user=os_user(),
        host=socket.gethostname(),
        terminal=terminal(),
        action=action,
        target_kind=target_kind,
        target_id=target_id,
        detail=text,
    )
    session.add(event)
    return event


@dataclass(frozen=True)
class AuditRow:
    """One audit event as the screens and the command line show it."""

    id: int
    at: datetime
    actor: str
    os_user: str
    host: str
    terminal: str
    action: str
    target_kind: str | None
    target_id: int | None
    detail: str | None

    def target(self) -> str:
        """The record the event is about, e.g. `call #12`."""
        if not self.target_kind:
            return ""
        return f"{self.target_kind} #{self.target_id}" if self.target_id else self.target_kind

    def desk(self) -> str:
        """Host and terminal of the desk it came from."""
        return f"{self.host}:{self.terminal}" if self.terminal else self.host


def list_audit(
    session: Session,
    *,
    actor: SignedIn | None,
    since: datetime | None = None,
    who: str | None = None,
    action: str | None = None,
    before_id: int | None = None,
    limit: int = AUDIT_PAGE,
) -> list[AuditRow]:
    """Audit events newest first; `who` and `action` match part of the name; page by id."""
    require(actor, Permission.READ_AUDIT)
    query = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if who and who.strip():
        query = query.where(col(AuditEvent.actor).contains(who.strip(), autoescape=True))
    if action and action.strip():
        query = query.where(col(AuditEvent.action).contains(action.strip(), autoescape=True))
    if before_id is not None:
        query = query.where(col(AuditEvent.id) < before_id)
    return [
        AuditRow(
            id=event.id or 0,
            at=event.at,
            actor=event.actor,
            os_user=event.os_user,
            host=event.host,
            terminal=event.terminal,
            action=event.action,
            target_kind=event.target_kind,
            target_id=event.target_id,
            detail=event.detail,
        )
        for event in session.exec(query)
    ]
