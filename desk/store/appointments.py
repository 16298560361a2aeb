"""Appointments (预约): book, refuse a clash, cancel, reschedule, and the day views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from desk.i18n import _
from desk.models import Appointment, Call, CaseEvent, Department, Visit, utcnow
from desk.rules.phone import PhoneError, parse_phone
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.errors import Conflict, NotFound, ValidationError

BOOKED, CANCELLED = "booked", "cancelled"


@dataclass(frozen=True)
class AppointmentCreate:
    """A booking to make, from a visit or a call."""

    person_name: str
    number: str
    service: str
    expert: str
    starts_at: datetime
    minutes: int = 30
    department_id: int | None = None
    notes: str = ""
    visit_id: int | None = None
    call_id: int | None = None


@dataclass(frozen=True)
class AppointmentRow:
    """One booking as the day view and the command line show it."""

    id: int
    starts_at: datetime
    ends_at: datetime
    person_name: str
    number: str
    service: str
    expert: str
    department: str
    notes: str
    status: str


def _clash(
    session: Session,
    *,
    expert: str,
    starts_at: datetime,
    ends_at: datetime,
    ignore_id: int | None = None,
) -> Appointment | None:
    query = select(Appointment).where(
        Appointment.expert == expert,
        Appointment.status == BOOKED,
        Appointment.starts_at < ends_at,
        Appointment.ends_at > starts_at,
    )
    if ignore_id is not None:
        query = query.where(Appointment.id != ignore_id)
    return session.exec(query).first()


def _refuse_clash(
    session: Session,
    *,
    expert: str,
    starts_at: datetime,
    ends_at: datetime,
    tz: ZoneInfo,
    ignore_id: int | None = None,
) -> None:
    other = _clash(
        session, expert=expert, starts_at=starts_at, ends_at=ends_at, ignore_id=ignore_id
    )
    if other is not None:
        start = other.starts_at.astimezone(tz).strftime("%H:%M")
        end = other.ends_at.astimezone(tz).strftime("%H:%M")
        raise Conflict(
            _("{expert} is already booked {start}–{end} with {name}.").format(
                expert=expert, start=start, end=end, name=other.person_name
            )
        )


def book_appointment(
    session: Session, *, data: AppointmentCreate, actor: SignedIn | None, tz: ZoneInfo
) -> Appointment:
    """Book a service or an expert; a second booking of the same expert at an overlapping
    time is refused, naming with whom."""
    require(actor, Permission.LOG)
    name, service, expert = data.person_name.strip(), data.service.strip(), data.expert.strip()
    if not name:
        raise ValidationError(_("Enter the person's name."), field="person_name")
    if not service and not expert:
        raise ValidationError(_("Enter a service or an expert."), field="service")
    if not 5 <= data.minutes <= 480:
        raise ValidationError(_("An appointment lasts 5 to 480 minutes."), field="minutes")
    if data.starts_at.tzinfo is None:
        raise ValidationError(_("The time needs a time zone."), field="starts_at")
    try:
        phone = parse_phone(data.number)
    except PhoneError as error:
        raise ValidationError(error.message, field="number") from None
    ends_at = data.starts_at + timedelta(minutes=data.minutes)
    if expert:
        _refuse_clash(session, expert=expert, starts_at=data.starts_at, ends_at=ends_at, tz=tz)
    appointment = Appointment(
        person_name=name,
        number_raw=phone.display[:60],
        number_e164=phone.e164,
        service=service,
        expert=expert,
        starts_at=data.starts_at,
        ends_at=ends_at,
        department_id=data.department_id,
        notes=data.notes.strip() or None,
        visit_id=data.visit_id,
        call_id=data.call_id,
        created_by_id=actor.id if actor else None,
    )
    session.add(appointment)
    session.flush()
    _history(
        session,
        appointment,
        actor,
        "booked",
        None,
        audit={
            "name": name,
            "service": service,
            "expert": expert,
            "at": data.starts_at.isoformat(),
        },
    )
    return appointment


def _history(
    session: Session,
    appointment: Appointment,
    actor: SignedIn | None,
    action: str,
    note: str | None,
    audit: dict[str, Any] | None = None,
) -> None:
    """Keep a step in the appointment's history and the audit trail (`audit`: the audit's
    detail, when the note alone says too little)."""
    session.add(
        CaseEvent(
            kind="appointment",
            record_id=appointment.id,
            action=action,
            staff_id=actor.id if actor else None,
            to_status=appointment.status,
            note=note,
        )
    )
    record_audit(
        session,
        action=f"appointment_{action}",
        staff=actor,
        target_kind="appointment",
        target_id=appointment.id,
        detail={key: value for key, value in audit.items() if value} if audit else note,
    )


def person_of(session: Session, *, kind: str, record_id: int) -> tuple[str, str]:
    """The name and number of the person of a call or visit, to book for them."""
    record = session.get(Call if kind == "call" else Visit, record_id)
    if record is None:
        raise NotFound(_("Record {id} does not exist.").format(id=record_id))
    name = record.caller if isinstance(record, Call) else record.visitor_name
    return name, record.number_raw


def _get(session: Session, appointment_id: int) -> Appointment:
    appointment = session.get(Appointment, appointment_id)
    if appointment is None:
        raise NotFound(_("No such appointment."))
    return appointment


def cancel_appointment(
    session: Session, *, appointment_id: int, actor: SignedIn | None, reason: str = ""
) -> Appointment:
    """Cancel a booking; the history keeps it."""
    require(actor, Permission.LOG)
    appointment = _get(session, appointment_id)
    if appointment.status == CANCELLED:
        raise Conflict(_("This appointment is already cancelled."))
    appointment.status = CANCELLED
    appointment.updated_at = utcnow()
    _history(session, appointment, actor, "cancelled", reason.strip() or None)
    return appointment


def reschedule_appointment(
    session: Session,
    *,
    appointment_id: int,
    starts_at: datetime,
    actor: SignedIn | None,
    tz: ZoneInfo,
) -> Appointment:
    """Move a booking to a new time of the same length, refusing a clash."""
    require(actor, Permission.LOG)
    appointment = _get(session, appointment_id)
    if appointment.status == CANCELLED:
        raise Conflict(_("A cancelled appointment cannot be moved."))
    length = appointment.ends_at - appointment.starts_at
    ends_at = starts_at + length
    if appointment.expert:
        _refuse_clash(
            session,
            expert=appointment.expert,
            starts_at=starts_at,
            ends_at=ends_at,
            tz=tz,
            ignore_id=appointment.id,
        )
    old = appointment.starts_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    appointment.starts_at, appointment.ends_at = starts_at, ends_at
    appointment.updated_at = utcnow()
    _history(session, appointment, actor, "rescheduled", _("from {old}").format(old=old))
    return appointment


def day_view(
    session: Session,
    *,
    day: date,
    tz: ZoneInfo,
    department_id: int | None = None,
    expert: str | None = None,
    include_cancelled: bool = False,
) -> list[AppointmentRow]:
    """One day's bookings in start order, for a department or an expert if given."""
    start = datetime.combine(day, time(0), tzinfo=tz)
    query = (
        select(Appointment, Department.name)
        .join(Department, isouter=True)
        .where(Appointment.starts_at >= start, Appointment.starts_at < start + timedelta(days=1))
        .order_by(col(Appointment.expert), col(Appointment.starts_at))
    )
    if not include_cancelled:
        query = query.where(Appointment.status == BOOKED)
    if department_id is not None:
        query = query.where(Appointment.department_id == department_id)
    if expert:
        query = query.where(Appointment.expert == expert)
    return [
        AppointmentRow(
            a.id or 0,
            a.starts_at.astimezone(tz),
            a.ends_at.astimezone(tz),
            a.person_name,
            a.number_raw,
            a.service,
            a.expert,
            department or "",
            a.notes or "",
            a.status,
        )
        for a, department in session.exec(query)
    ]
