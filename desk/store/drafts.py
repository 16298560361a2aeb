"""Drafts: what is being typed into a form at one desk, kept until the form is saved.

A desk is a terminal of a computer (`host:/dev/pts/N`); a person's draft is written under the
terminal they type at and found again at any terminal of the same computer, since a new
terminal window or SSH session gets a new terminal name.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, or_, select

from desk.models import Draft, utcnow
from desk.store.shapes import SavedDraft as SavedDraft


def _staff_is(staff_id: int | None) -> Any:
    return col(Draft.staff_id).is_(None) if staff_id is None else col(Draft.staff_id) == staff_id


def _find(session: Session, desk: str, form: str, staff_id: int | None) -> Draft | None:
    query = select(Draft).where(
        col(Draft.desk) == desk[:200], col(Draft.form) == form, _staff_is(staff_id)
    )
    return session.exec(query).first()


def _payload(draft: Draft) -> dict[str, Any] | None:
    try:
        payload = json.loads(draft.payload)
    except ValueError:
        return None
    return payload if isinstance(payload, dict) else None


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
    session: Session, *, desk: str, form: str, staff_id: int | None, machine: str | None = None
) -> SavedDraft | None:
    """The newest draft of this form and staff member kept at this desk or, given `machine`,
    at any terminal of that computer; one found at another terminal moves to this desk (the
    older ones stay where they are, counted in `elsewhere`)."""
    desk = desk[:200]
    here = col(Draft.desk) == desk
    if machine and staff_id is not None:
        here = or_(here, col(Draft.desk).startswith(f"{machine}:", autoescape=True))
    query = (
        select(Draft)
        .where(here, col(Draft.form) == form, _staff_is(staff_id))
        .order_by(col(Draft.updated_at).desc(), col(Draft.id).desc())
    )
    drafts = list(session.exec(query))
    readable = ((d, payload) for d in drafts if (payload := _payload(d)) is not None)
    newest, payload = next(readable, (None, None))
    if newest is None or payload is None:
        return None
    if newest.desk != desk:
        _move_here(session, newest, next((d for d in drafts if d.desk == desk), None), desk)
    elsewhere = sum(1 for d in drafts if d.desk != desk)
    return SavedDraft(payload=payload, updated_at=newest.updated_at, elsewhere=elsewhere)


def _move_here(session: Session, draft: Draft, own: Draft | None, desk: str) -> None:
    """Make another terminal's draft this desk's; an older one of this desk takes its place."""
    if own is None:
        draft.desk = desk
        session.add(draft)
        return
    own.payload, draft.payload = draft.payload, own.payload
    own.updated_at, draft.updated_at = draft.updated_at, own.updated_at
    session.add_all([own, draft])


def discard_draft(session: Session, *, desk: str, form: str, staff_id: int | None) -> None:
    """Forget the draft once the form is saved."""
    draft = _find(session, desk, form, staff_id)
    if draft is not None:
        session.delete(draft)
