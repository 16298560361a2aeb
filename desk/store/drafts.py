"""Drafts: what is being typed into a form at one desk, kept until the form is saved."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from desk.models import Draft, utcnow


@dataclass(frozen=True)
class SavedDraft:
    """A draft as it was last kept."""

    payload: dict[str, Any]
    updated_at: datetime


def _find(session: Session, desk: str, form: str, staff_id: int | None) -> Draft | None:
    staff = col(Draft.staff_id).is_(None) if staff_id is None else col(Draft.staff_id) == staff_id
    query = select(Draft).where(col(Draft.desk) == desk, col(Draft.form) == form, staff)
    return session.exec(query).first()


def save_draft(
    session: Session, *, desk: str, form: str, staff_id: int | None, payload: dict[str, Any]
) -> None:
    """Keep what the form holds now (replacing the earlier draft of this desk, form, staff)."""
    text = json.dumps(payload, ensure_ascii=False, default=str)
    draft = _find(session, desk, form, staff_id)
    if draft is None:
        draft = Draft(desk=desk[:200], form=form, staff_id=staff_id)
    draft.payload = text
    draft.updated_at = utcnow()
    session.add(draft)


def load_draft(
    session: Session, *, desk: str, form: str, staff_id: int | None
) -> SavedDraft | None:
    """The draft kept for this desk, form and staff member, if any."""
    draft = _find(session, desk, form, staff_id)
    if draft is None:
        return None
    try:
        payload = json.loads(draft.payload)
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    return SavedDraft(payload=payload, updated_at=draft.updated_at)


def discard_draft(session: Session, *, desk: str, form: str, staff_id: int | None) -> None:
    """Forget the draft once the form is saved."""
    draft = _find(session, desk, form, staff_id)
    if draft is not None:
        session.delete(draft)
