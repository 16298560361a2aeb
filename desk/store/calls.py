"""Logging an incoming call: check the six items and the rest, save, and offer organisations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, insert
from sqlmodel import Session, col, or_, select

from desk.config import Settings
from desk.i18n import _
from desk.identity import desk_id
from desk.models import (
    Call,
    Callback,
    CallOrg,
    CaseEvent,
    Category,
    Department,
    Priority,
    Staff,
    Status,
    utcnow,
)
from desk.rules.calltime import FUTURE_SLACK
from desk.rules.phone import Phone, PhoneError, parse_phone
from desk.rules.pinyin import initials
from desk.rules.promise import MAX_DAYS, MAX_HOURS
from desk.rules.workdays import WorkCalendar
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.case_followups import enrol_lead
from desk.store.errors import ValidationError
from desk.store.shapes import (
    READBACK_CATEGORIES as READBACK_CATEGORIES,
)
from desk.store.shapes import CallCreate as CallCreate
from desk.store.shapes import Choice as Choice
from desk.store.shapes import EntryChoices as EntryChoices
from desk.store.shapes import needs_readback as needs_readback
from desk.store.staff import sync_departments

MAX_REPLY_HOURS = MAX_HOURS
MAX_REPLY_DAYS = MAX_DAYS


class CallInvalid(ValidationError):
    """Some fields of a call are wrong; `errors` maps each field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        first = next(iter(errors))
        super().__init__(errors[first], field=first)
        self.errors = errors


def _text(
    errors: dict[str, str], key: str, value: str, limit: int, required: str | None = None
) -> str:
    value = value.strip()
    if required and not value:
        errors[key] = required
    elif len(value) > limit:
        errors[key] = _("At most {limit} characters.").format(limit=limit)
    return value


def _check(
    session: Session, data: CallCreate, *, area_code: str | None, now: datetime
) -> tuple[dict[str, str], dict[str, str], Phone | None, Staff | None]:
    """Every field's error, the trimmed texts, the parsed number and the recorder."""
    errors: dict[str, str] = {}
    clean: dict[str, str] = {}
    phone: Phone | None = None
    if data.received_at.utcoffset() is None:
        errors["received_at"] = _("Write the time as 2026-11-24 09:05, or 09:05 for today.")
    elif data.received_at > now + FUTURE_SLACK:
        errors["received_at"] = _("The time of the call is in the future.")
    clean["org"] = _text(errors, "org", data.org, 200)
    clean["caller"] = _text(errors, "caller", data.caller, 100, _("Enter the caller's name."))
    clean["content"] = _text(
        errors, "content", data.content, 10_000, _("Enter what the call is about.")
    )
    try:
        phone = parse_phone(data.number, default_area_code=area_code or None)
    except PhoneError as error:
        errors["number"] = error.message
    recorder = session.get(Staff, data.recorder_id) if data.recorder_id else None
    if recorder is None or not recorder.active:
        errors["recorder_id"] = _("Choose who took the call.")
    if data.priority not in {p.value for p in Priority}:
        errors["priority"] = _("Choose a priority: 1 urgent, 2 important, 3 deferrable, 4 minor.")
    if data.category not in {c.value for c in Category}:
        errors["category"] = _("Choose a category.")
    if data.department_id is not None:
        department = session.get(Department, data.department_id)
        if department is None or not department.active:
            errors["department_id"] = _("No such department.")
    hours, days = data.reply_within_hours, data.reply_within_days
    if hours is not None and not 1 <= hours <= MAX_REPLY_HOURS:
        errors["reply_within_hours"] = _("Promise a reply within 1 to {most} hours.").format(
            most=MAX_REPLY_HOURS
        )
    if days is not None and not 1 <= days <= MAX_REPLY_DAYS:
        errors["reply_within_hours"] = _("Promise a reply within 1 to {most} working days.").format(
            most=MAX_REPLY_DAYS
        )
    if hours is not None and days is not None:
        errors["reply_within_hours"] = _("Promise a reply in hours or in working days, not both.")
    if data.corrects_id is not None and session.get(Call, data.corrects_id) is None:
        errors["corrects_id"] = _("The call to correct does not exist.")
    return errors, clean, phone, recorder


def check_call(
    session: Session, *, data: CallCreate, area_code: str | None = None, now: datetime | None = None
) -> dict[str, str]:
    """Every field's error (empty when the call can be saved), without saving anything."""
    errors, _clean, _phone, _recorder = _check(
        session, data, area_code=area_code, now=now or utcnow()
    )
    return errors


def create_call(
    session: Session,
    *,
    data: CallCreate,
    actor: SignedIn | None,
    area_code: str | None = None,
    now: datetime | None = None,
    settings: Settings | None = None,
) -> Call:
    """Check every field and save the call, its first history entry, audit row and callback;
    a call marked as a sales lead enrols its caller under the phone-lead rule of `settings`."""
    require(actor, Permission.LOG)
    moment = now or utcnow()
    errors, clean, phone, recorder = _check(session, data, area_code=area_code, now=moment)
    if errors or phone is None:
        raise CallInvalid(errors)
    org, caller = clean["org"], clean["caller"]
    call = Call(
        received_at=data.received_at,
        org=org,
        caller=caller,
        content=clean["content"],
        number_raw=phone.display[:60],
        number_e164=phone.e164,
        number_ext=phone.extension,
        org_initials=initials(org)[:200],
        caller_initials=initials(caller)[:100],
        recorder_id=data.recorder_id or 0,
        reply_within_hours=data.reply_within_hours,
        reply_within_days=data.reply_within_days,
        corrects_id=data.corrects_id,
        priority=data.priority,
        category=data.category,
        department_id=data.department_id,
        is_sales_lead=data.is_sales_lead,
        desk=desk_id()[:200],
        created_at=moment,
        updated_at=moment,
    )
    session.add(call)
    session.flush()
    staff_id = actor.id if actor else None
    # Core inserts for the rows nobody reads back here: cheaper than ORM objects on the
    # path from Ctrl+S to the commit.
    session.execute(
        insert(CaseEvent),
        [
            {
                "kind": "call",
                "record_id": call.id or 0,
                "at": moment,
                "staff_id": staff_id,
                "action": "registered",
                "to_status": Status.REGISTERED.value,
            }
        ],
    )
    promise = data.promise()
    if promise is not None:
        calendar = WorkCalendar(
            settings.extra_holidays if settings else (),
            settings.extra_workdays if settings else (),
        )
        session.execute(
            insert(Callback),
            [
                {
                    "call_id": call.id,
                    "due_at": promise.due(data.received_at, calendar),
                    "created_at": moment,
                }
            ],
        )
    record_audit(
        session,
        action="call_add",
        staff=recorder
        if recorder and recorder.id == staff_id
        else (session.get(Staff, staff_id) if staff_id else None),
        target_kind="call",
        target_id=call.id,
        detail={"org": org, "caller": caller, "priority": data.priority},
    )
    enrol_lead(session, settings=settings, record=call)
    return call


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def suggest_orgs(session: Session, *, prefix: str, limit: int = 8) -> list[str]:
    """Organisations that called before whose name contains the text or whose pinyin
    initials start with it (or, for two letters or more, contain it: dyrm offers
    阜新第一人民医院), most recent caller first; names and initials that start so come
    before those that only contain it."""
    text = prefix.strip()
    if not text:
        return []
    conditions = [col(CallOrg.org).ilike(f"%{_like(text)}%", escape="\\")]
    starts = col(CallOrg.org).ilike(f"{_like(text)}%", escape="\\")
    if text.isascii() and text.isalnum():
        letters = _like(text.lower())
        starts = or_(starts, col(CallOrg.initials).like(f"{letters}%", escape="\\"))
        inside = f"%{letters}%" if len(text) >= 2 else f"{letters}%"
        conditions.append(col(CallOrg.initials).like(inside, escape="\\"))
    query = (
        select(CallOrg.org)
        .where(or_(*conditions))
        .order_by(case((starts, 0), else_=1), col(CallOrg.last_call_at).desc())
        .limit(limit)
    )
    return list(session.exec(query))


def entry_choices(session: Session, *, department_names: tuple[str, ...]) -> EntryChoices:
    """Active staff and departments (configured ones made sure to exist) for the pick lists."""
    departments = sync_departments(session, names=department_names)
    staff = session.exec(select(Staff).where(col(Staff.active)).order_by(Staff.name))
    return EntryChoices(
        staff=tuple(Choice(s.id, s.name) for s in staff if s.id is not None),
        departments=tuple(Choice(d.id, d.name) for d in departments if d.id is not None),
    )
