"""Append-only audit trail: who, when, which desk, what; and reading it back."""

from __future__ import annotations

import json
import socket
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import insert
from sqlmodel import Session, col, or_, select

from desk.i18n import N_, _
from desk.identity import os_user, terminal
from desk.models import AuditEvent, utcnow
from desk.session_info import SignedIn
from desk.store.access import Permission, require

AUDIT_PAGE = 50
ACTION_LABELS = {
    "sign_in": N_("Signed in"),
    "sign_in_failed": N_("Wrong PIN"),
    "staff_locked": N_("Name locked"),
    "staff_add": N_("Staff member added"),
    "staff_disable": N_("Staff member disabled"),
    "staff_enable": N_("Staff member enabled"),
    "staff_reset_pin": N_("PIN reset"),
    "staff_role": N_("Role changed"),
    "call_add": N_("Call registered"),
    "call.route": N_("Call routed"),
    "call.tell_leadership": N_("Call reported to leadership"),
    "call.instruction": N_("Leader's instruction on a call"),
    "call.resolve": N_("Call resolved"),
    "call.feed_back": N_("Call fed back"),
    "call.archive": N_("Call archived"),
    "call.edit": N_("Call edited"),
    "call.correction_of": N_("Call corrected"),
    "visit_add": N_("Visit registered"),
    "visit.route": N_("Visit routed"),
    "visit.tell_leadership": N_("Visit reported to leadership"),
    "visit.instruction": N_("Leader's instruction on a visit"),
    "visit.resolve": N_("Visit resolved"),
    "visit.feed_back": N_("Visit fed back"),
    "visit.archive": N_("Visit archived"),
    "visit.edit": N_("Visit edited"),
    "visit.correction_of": N_("Visit corrected"),
    "callback.done": N_("Callback done"),
    "appointment_booked": N_("Appointment booked"),
    "appointment_cancelled": N_("Appointment cancelled"),
    "appointment_rescheduled": N_("Appointment rescheduled"),
    "followup.subject_add": N_("Follow-up subject added"),
    "followup.import": N_("Follow-up subjects imported"),
    "followup.event_date": N_("Follow-up date changed"),
    "followup.sheet_view": N_("Follow-up sheet viewed"),
    "followup.attempt": N_("Follow-up call recorded"),
    "export": N_("Exported"),
    "report": N_("Report written"),
    "backup": N_("Backup taken"),
    "restore": N_("Database restored"),
}
"""Names of every action code written to the trail (tests/unit/test_audit_labels.py checks
that each code the code base writes is named here)."""
TARGET_LABELS = {
    "staff": N_("Staff member"),
    "call": N_("Call"),
    "visit": N_("Visit"),
    "callback": N_("Callback"),
    "appointment": N_("Appointment"),
    "followup_subject": N_("Follow-up subject"),
    "followup_enrollment": N_("Follow-up plan"),
    "followup_task": N_("Follow-up task"),
    "file": N_("File"),
    "database": N_("Database"),
    "monthly": N_("Monthly report"),
    "calls": N_("Calls"),
    "visits": N_("Visits"),
    "appointments": N_("Appointments"),
    "followups": N_("Follow-ups"),
}
"""Names of the kinds of record an audit row is about."""


def action_label(code: str) -> str:
    """What an action code means, in the interface language."""
    label = ACTION_LABELS.get(code)
    return _(label) if label else code


def target_label(kind: str) -> str:
    """What kind of record an audit row is about, in the interface language."""
    label = TARGET_LABELS.get(kind)
    return _(label) if label else kind


def codes_named(text: str) -> list[str]:
    """The action codes whose name contains the text (a filter typed in Chinese)."""
    text = text.strip()
    return [code for code, label in ACTION_LABELS.items() if text and text in _(label)]


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
    staff: Someone | None,
    target_kind: str | None = None,
    target_id: int | None = None,
    detail: dict[str, Any] | str | None = None,
) -> None:
    """Add one audit row in the caller's transaction (it commits with the change it records).

    `staff` is required: the signed-in member for anything done in the app, None only on the
    command line (the row then names the operating-system login)."""
    text = (
        detail
        if isinstance(detail, str) or detail is None
        else json.dumps(detail, ensure_ascii=False, default=str)
    )
    # A Core insert: the row is never read back here, and an ORM object costs a save its
    # construction and flush bookkeeping (about a millisecond on the call desk's save).
    session.execute(
        insert(AuditEvent),
        [
            {
                "at": utcnow(),
                "staff_id": staff.id if staff else None,
                "actor": staff.name if staff else os_user(),
                "os_user": os_user(),
                "host": socket.gethostname(),
                "terminal": terminal(),
                "action": action,
                "target_kind": target_kind,
                "target_id": target_id,
                "detail": text,
            }
        ],
    )


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
        """The record the event is about, e.g. `来电 #12`."""
        if not self.target_kind:
            return ""
        kind = target_label(self.target_kind)
        return f"{kind} #{self.target_id}" if self.target_id else kind

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
    action_codes: Collection[str] = (),
    before_id: int | None = None,
    limit: int = AUDIT_PAGE,
) -> list[AuditRow]:
    """Audit events newest first; `who` and `action` match part of the name (or `action` is
    one of `action_codes`, for a filter typed as the action's translated name); page by id."""
    require(actor, Permission.READ_AUDIT)
    query = select(AuditEvent).order_by(col(AuditEvent.id).desc()).limit(limit)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if who and who.strip():
        query = query.where(col(AuditEvent.actor).contains(who.strip(), autoescape=True))
    if action and action.strip():
        matches = col(AuditEvent.action).contains(action.strip(), autoescape=True)
        if action_codes:
            matches = or_(matches, col(AuditEvent.action).in_(list(action_codes)))
        query = query.where(matches)
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
