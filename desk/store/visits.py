"""Visits, letters and e-mails: register one, list and search them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_
from sqlmodel import Session, select

from desk.config import Settings
from desk.i18n import _
from desk.identity import desk_id
from desk.models import (
    OPEN_STATUSES,
    CaseEvent,
    Category,
    Channel,
    Department,
    Priority,
    Visit,
    utcnow,
)
from desk.rules.phone import PhoneError, digits_only, parse_phone
from desk.rules.pinyin import initials
from desk.session_info import SignedIn
from desk.store import workflow
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.case_followups import enrol_lead
from desk.store.errors import ValidationError

VISIT_CATEGORIES = (Category.CONSULTATION, Category.COMPLAINT, Category.SUGGESTION, Category.PRAISE)


@dataclass(frozen=True)
class VisitCreate:
    """What the desk writes down when someone comes, writes or e-mails (首问负责制)."""

    visitor_name: str
    number: str
    matter: str
    received_at: datetime
    received_by_id: int
    channel: str = Channel.WALK_IN.value
    category: str = Category.CONSULTATION.value
    priority: int = Priority.DEFERRABLE.value
    org: str = ""
    department_id: int | None = None
    is_sales_lead: bool = False
    outcome: str = ""
    fed_back_at: datetime | None = None


def number_optional(channel: str) -> bool:
    """A letter or an e-mail may come without a telephone number; a visitor gives one."""
    return channel in (Channel.LETTER.value, Channel.EMAIL.value)


def check_visit(data: VisitCreate, *, area_code: str | None = None) -> dict[str, object]:
    """Validate a new visit; returns its normalised columns or raises at the first bad field."""
    name = data.visitor_name.strip()
    if not name:
        raise ValidationError(_("Enter the visitor's full name."), field="visitor_name")
    if len(name) > 100:
        raise ValidationError(_("A name is at most 100 characters."), field="visitor_name")
    if data.channel not in {c.value for c in Channel}:
        raise ValidationError(_("Unknown channel; use walk-in, letter or e-mail."), "channel")
    phone = None
    if data.number.strip() or not number_optional(data.channel):
        try:
            phone = parse_phone(data.number, default_area_code=area_code or None)
        except PhoneError as error:
            raise ValidationError(error.message, field="number") from None
    matter = data.matter.strip()
    if not matter:
        raise ValidationError(_("Write down the matter."), field="matter")
    if data.category not in {c.value for c in VISIT_CATEGORIES}:
        raise ValidationError(
            _("A visit is a consultation, complaint, suggestion or praise."), field="category"
        )
    if data.priority not in {p.value for p in Priority}:
        raise ValidationError(_("Unknown priority."), field="priority")
    if data.received_at.tzinfo is None:
        raise ValidationError(_("The time needs a time zone."), field="received_at")
    if data.received_at > utcnow() + timedelta(minutes=5):
        raise ValidationError(_("The time is in the future."), field="received_at")
    if data.fed_back_at is not None and not data.outcome.strip():
        raise ValidationError(_("Write the outcome that was fed back."), field="outcome")
    if data.fed_back_at is not None and data.fed_back_at < data.received_at:
        raise ValidationError(_("Feedback cannot come before the visit."), field="fed_back_at")
    return {
        "visitor_name": name,
        "visitor_initials": initials(name),
        "number_raw": phone.display[:60] if phone else "",
        "number_e164": phone.e164 if phone else None,
        "number_ext": phone.extension if phone else None,
        "matter": matter,
        "org": data.org.strip(),
    }


def create_visit(
    session: Session,
    *,
    data: VisitCreate,
    actor: SignedIn | None,
    area_code: str | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Visit:
    """Register a visit, letter or e-mail, with its first history entry and an audit row.

    An outcome given at once resolves it (and a feedback time feeds it back) through the
    workflow; a sales lead enrols the visitor under the visit-lead rule of `settings`.
    """
    require(actor, Permission.LOG)
    columns = check_visit(data, area_code=area_code)
    now = now or utcnow()
    visit = Visit(
        received_at=data.received_at,
        channel=data.channel,
        category=data.category,
        priority=data.priority,
        department_id=data.department_id,
        is_sales_lead=data.is_sales_lead,
        received_by_id=data.received_by_id,
        desk=desk_id(),
        created_at=now,
        updated_at=now,
        **columns,
    )
    session.add(visit)
    session.flush()
    session.add(
        CaseEvent(
            kind="visit",
            record_id=visit.id,
            staff_id=actor.id if actor else None,
            action="registered",
            to_status=visit.status,
            at=now,
        )
    )
    record_audit(
        session,
        action="visit_add",
        staff=actor,
        target_kind="visit",
        target_id=visit.id,
        detail={"visitor": visit.visitor_name, "channel": visit.channel},
    )
    enrol_lead(session, settings=settings, record=visit)
    assert visit.id is not None
    outcome = data.outcome.strip()
    if outcome:
        workflow.resolve(
            session,
            kind="visit",
            record_id=visit.id,
            result=outcome,
            actor=actor,
            settings=settings,
        )
    if data.fed_back_at is not None:
        workflow.feed_back(session, kind="visit", record_id=visit.id, feedback=outcome, actor=actor)
        visit.fed_back_at = data.fed_back_at
        session.add(visit)
        session.flush()
    return visit


def list_visits(
    session: Session, *, search: str | None = None, open_only: bool = False, limit: int = 50
) -> list[Visit]:
    """Visits newest first, optionally only open ones or matching a search text."""
    query = select(Visit).order_by(Visit.received_at.desc(), Visit.id.desc()).limit(limit)
    if open_only:
        query = query.where(Visit.status.in_(OPEN_STATUSES))
    text = (search or "").strip()
    if text:
        like = f"%{text}%"
        conditions = [
            Visit.visitor_name.like(like),
            Visit.matter.like(like),
            Visit.org.like(like),
            Visit.visitor_initials.like(f"{text.lower()}%"),
        ]
        digits = digits_only(text)
        if len(digits) >= 3:
            shown = Visit.number_raw
            for spacing in (" ", "-", "+", "转"):  # the display form's separators
                shown = func.replace(shown, spacing, "")
            conditions.append(shown.like(f"%{digits}%"))
            conditions.append(Visit.number_e164.like(f"%{digits}%"))
        query = query.where(or_(*conditions))
    return list(session.exec(query))


def department_names(session: Session) -> dict[int, str]:
    """Every department's name by id, those no longer in use included."""
    return {d.id: d.name for d in session.exec(select(Department)) if d.id is not None}
