"""Append-only audit trail: who, when, which desk, what."""

from __future__ import annotations

import json
import socket
from typing import Any

from sqlmodel import Session

from desk.identity import os_user, terminal
from desk.models import AuditEvent, Staff


def record_audit(
    session: Session,
    *,
    action: str,
    staff: Staff | None = None,
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
