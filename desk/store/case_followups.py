"""Follow-ups that desk work creates: a resolved complaint, a call or visit marked as a lead."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from desk.config import Settings
from desk.models import Call, Category, FollowupEnrollment, Visit
from desk.store.followups import enrol_case

COMPLAINT_RULE = "complaint_resolved"
LEAD_RULES = {"call": "sales_lead_phone", "visit": "sales_lead_visit"}


def _enrol(
    session: Session,
    *,
    settings: Settings | None,
    record: Call | Visit,
    rule_name: str,
    moment: datetime,
) -> FollowupEnrollment | None:
    """Enrol the record's person under a configured rule (nothing when it is not configured,
    or when a letter or e-mail came without a telephone number to call back on)."""
    if settings is None or settings.rule(rule_name) is None or not record.number_raw.strip():
        return None
    is_call = isinstance(record, Call)
    return enrol_case(
        session,
        settings=settings,
        rule_name=rule_name,
        name=record.caller if is_call else record.visitor_name,  # type: ignore[union-attr]
        phone=record.number_raw,
        day=moment.astimezone(settings.tz).date(),
        call_id=record.id if is_call else None,
        visit_id=None if is_call else record.id,
    )


def enrol_resolved_complaint(
    session: Session, *, settings: Settings | None, record: Call | Visit
) -> FollowupEnrollment | None:
    """A complaint just resolved: enrol its person under the "complaint resolved" rule."""
    if record.category != Category.COMPLAINT.value or record.resolved_at is None:
        return None
    return _enrol(
        session,
        settings=settings,
        record=record,
        rule_name=COMPLAINT_RULE,
        moment=record.resolved_at,
    )


def enrol_lead(
    session: Session, *, settings: Settings | None, record: Call | Visit
) -> FollowupEnrollment | None:
    """A call or visit marked as a sales lead: enrol its person under the lead rule of its kind
    (phone lead for calls, visit lead for visits), counted from the day of contact."""
    if not record.is_sales_lead:
        return None
    kind = "call" if isinstance(record, Call) else "visit"
    return _enrol(
        session,
        settings=settings,
        record=record,
        rule_name=LEAD_RULES[kind],
        moment=record.received_at,
    )
