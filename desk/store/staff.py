"""Staff members: create, list, check a PIN; departments from configuration."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlmodel import Session, func, select

from desk.i18n import _
from desk.models import Department, Role, Staff
from desk.models.base import utcnow
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.errors import NotFound, ValidationError
from desk.store.pins import SCRYPT_N as SCRYPT_N
from desk.store.pins import check_pin
from desk.store.pins import hash_pin as hash_pin
from desk.store.pins import pin_matches as pin_matches

MAX_WRONG_PINS = 5
LOCK_FOR = timedelta(minutes=5)


def confirm_sign_in(
    session: Session, *, staff_id: int, pin_hash: str, role: Role, now: datetime | None = None
) -> Staff:
    """Record a sign-in whose PIN was checked against `pin_hash`, and whose `role` was read,
    before the store loaded (desk.store.peek): refused, as authenticate would, if the PIN,
    the role, the name's state or its lock changed since."""
    now = now or utcnow()
    found = session.exec(select(Staff).where(Staff.id == staff_id).with_for_update()).first()
    staff = _may_sign_in(found, now)
    if staff.pin_hash != pin_hash:
        raise ValidationError(_("The PIN was changed meanwhile: sign in again."), field="pin")
    if staff.role != role:
        raise ValidationError(_("This name was changed meanwhile: sign in again."), field="pin")
    _signed_in(session, staff)
    return staff


def _may_sign_in(staff: Staff | None, now: datetime) -> Staff:
    """The staff member, unless gone, disabled, or locked after wrong PINs (refused)."""
    if staff is None:
        raise NotFound(_("No such staff member."))
    if not staff.active:
        raise ValidationError(
            _("{name} is disabled and cannot sign in.").format(name=staff.name), field="pin"
        )
    if staff.locked_until is not None and staff.locked_until > now:
        raise ValidationError(locked_message(staff, now), field="pin")
    return staff


def _signed_in(session: Session, staff: Staff) -> None:
    """A right PIN: the count of wrong ones starts again, and the sign-in is audited."""
    staff.failed_pins = 0
    staff.locked_until = None
    session.add(staff)
    record_audit(session, action="sign_in", staff=staff, target_kind="staff", target_id=staff.id)


def parse_role(value: str) -> Role:
    """A role from its name, or a clear error."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise ValidationError(
            _("Unknown role {role}; use receptionist, supervisor or admin.").format(role=value),
            field="role",
        ) from None


def create_staff(
    session: Session, *, name: str, role: Role, pin: str, by: Staff | SignedIn | None = None
) -> Staff:
    """Add a staff member with a PIN; `by` (None: the command line) needs MANAGE_STAFF."""
    if by is not None:
        require(by if isinstance(by, SignedIn) else SignedIn.of(by), Permission.MANAGE_STAFF)
    name = name.strip()
    if not name:
        raise ValidationError(_("Enter a name."), field="name")
    if len(name) > 100:
        raise ValidationError(_("A name is at most 100 characters."), field="name")
    if session.exec(select(Staff).where(Staff.name == name)).first():
        raise ValidationError(_("{name} is already on the staff list.").format(name=name), "name")
    staff = Staff(name=name, role=role.value, pin_hash=hash_pin(check_pin(pin)))
    session.add(staff)
    session.flush()
    record_audit(
        session,
        action="staff_add",
        staff=by,
        target_kind="staff",
        target_id=staff.id,
        detail={"name": name, "role": role.value},
    )
    return staff


def list_staff(session: Session, *, include_disabled: bool = True) -> list[Staff]:
    """Every staff member, by name."""
    query = select(Staff).order_by(Staff.name)
    if not include_disabled:
        query = query.where(Staff.active)
    return list(session.exec(query))


def count_staff(session: Session) -> int:
    """How many staff members exist."""
    return session.exec(select(func.count()).select_from(Staff)).one()


def get_staff(session: Session, *, staff_id: int) -> Staff:
    """One staff member by id."""
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise NotFound(_("No such staff member."))
    return staff


def staff_by_name(session: Session, *, name: str) -> Staff:
    """One staff member by exact name."""
    staff = session.exec(select(Staff).where(Staff.name == name.strip())).first()
    if staff is None:
        raise NotFound(_("No staff member is called {name}.").format(name=name))
    return staff


def active_staff_by_name(session: Session, *, name: str) -> Staff:
    """One staff member by exact name who may still take calls and visits down."""
    staff = staff_by_name(session, name=name)
    if not staff.active:
        raise ValidationError(
            _("{name} is disabled and cannot be named as who took it down.").format(name=staff.name)
        )
    return staff


def sync_departments(session: Session, *, names: Iterable[str]) -> list[Department]:
    """Make sure every configured department exists; returns all active ones."""
    existing = {d.name: d for d in session.exec(select(Department))}
    for name in names:
        if name not in existing:
            department = Department(name=name)
            session.add(department)
            existing[name] = department
    session.flush()
    return sorted((d for d in existing.values() if d.active), key=lambda d: d.id or 0)


def locked_message(staff: Staff, now: datetime) -> str:
    """Say until when a locked name stays locked, in the caller's time zone."""
    assert staff.locked_until is not None
    until = staff.locked_until.astimezone(now.tzinfo)
    return _("{name} is locked after five wrong PINs until {time}.").format(
        name=staff.name, time=until.strftime("%H:%M")
    )


def authenticate(
    session: Session, *, staff_id: int, pin: str, now: datetime | None = None
) -> Staff:
    """Check a staff member's PIN; five wrong PINs in a row lock the name for five minutes.

    A refusal commits the count before raising: the caller's rollback must not undo it.
    """
    now = now or utcnow()
    # Locked so two desks typing wrong PINs for one name cannot both count from the same value.
    found = session.exec(select(Staff).where(Staff.id == staff_id).with_for_update()).first()
    staff = _may_sign_in(found, now)
    if not pin_matches(pin, staff.pin_hash):
        staff.failed_pins += 1
        record_audit(
            session,
            action="sign_in_failed",
            staff=staff,
            target_kind="staff",
            target_id=staff.id,
            detail={"wrong_pins": staff.failed_pins},
        )
        message = _("Wrong PIN.")
        if staff.failed_pins >= MAX_WRONG_PINS:
            staff.failed_pins = 0
            staff.locked_until = now + LOCK_FOR
            record_audit(
                session,
                action="staff_locked",
                staff=staff,
                target_kind="staff",
                target_id=staff.id,
                detail={"until": staff.locked_until.isoformat()},
            )
            message = locked_message(staff, now)
        session.add(staff)
        session.commit()
        raise ValidationError(message, field="pin")
    _signed_in(session, staff)
    return staff
