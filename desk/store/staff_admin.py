"""Managing staff members (admins only): disable, enable, reset a PIN, change a role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from desk.i18n import _
from desk.models import Role, Staff
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.errors import Conflict
from desk.store.staff import check_pin, get_staff, hash_pin, list_staff


@dataclass(frozen=True)
class StaffRow:
    """A staff member as the staff screen shows them."""

    id: int
    name: str
    role: Role
    active: bool
    locked_until: datetime | None


def staff_rows(session: Session, *, actor: SignedIn | None) -> list[StaffRow]:
    """Every staff member, by name, for managing them."""
    require(actor, Permission.MANAGE_STAFF)
    return [
        StaffRow(s.id or 0, s.name, Role(s.role), s.active, s.locked_until)
        for s in list_staff(session)
    ]


def _other_active_admins(session: Session, staff: Staff) -> int:
    query = (
        select(func.count())
        .select_from(Staff)
        .where(Staff.role == Role.ADMIN.value, Staff.active, Staff.id != staff.id)
    )
    return session.exec(query).one()


def _keep_an_admin(session: Session, staff: Staff) -> None:
    """Refuse to leave the desk without an active administrator."""
    if staff.active and staff.role == Role.ADMIN.value and not _other_active_admins(session, staff):
        raise Conflict(
            _("{name} is the only active administrator; add another one first.").format(
                name=staff.name
            )
        )


def disable_staff(session: Session, *, actor: SignedIn | None, staff_id: int) -> Staff:
    """Stop a staff member signing in; their records keep their name."""
    require(actor, Permission.MANAGE_STAFF)
    staff = get_staff(session, staff_id=staff_id)
    if not staff.active:
        return staff
    _keep_an_admin(session, staff)
    staff.active = False
    session.add(staff)
    record_audit(
        session,
        action="staff_disable",
        staff=actor,
        target_kind="staff",
        target_id=staff.id,
        detail={"name": staff.name},
    )
    return staff


def enable_staff(session: Session, *, actor: SignedIn | None, staff_id: int) -> Staff:
    """Let a disabled staff member sign in again (and lift any lock)."""
    require(actor, Permission.MANAGE_STAFF)
    staff = get_staff(session, staff_id=staff_id)
    if staff.active:
        return staff
    staff.active, staff.failed_pins, staff.locked_until = True, 0, None
    session.add(staff)
    record_audit(
        session,
        action="staff_enable",
        staff=actor,
        target_kind="staff",
        target_id=staff.id,
        detail={"name": staff.name},
    )
    return staff


def reset_pin(session: Session, *, actor: SignedIn | None, staff_id: int, pin: str) -> Staff:
    """Give a staff member a new PIN, and lift any lock."""
    require(actor, Permission.MANAGE_STAFF)
    staff = get_staff(session, staff_id=staff_id)
    staff.pin_hash = hash_pin(check_pin(pin))
    staff.failed_pins, staff.locked_until = 0, None
    session.add(staff)
    record_audit(
        session,
        action="staff_reset_pin",
        staff=actor,
        target_kind="staff",
        target_id=staff.id,
        detail={"name": staff.name},
    )
    return staff


def set_role(session: Session, *, actor: SignedIn | None, staff_id: int, role: Role) -> Staff:
    """Change what a staff member may do."""
    require(actor, Permission.MANAGE_STAFF)
    staff = get_staff(session, staff_id=staff_id)
    if staff.role == role.value:
        return staff
    if role is not Role.ADMIN:
        _keep_an_admin(session, staff)
    before = staff.role
    staff.role = role.value
    session.add(staff)
    record_audit(
        session,
        action="staff_role",
        staff=actor,
        target_kind="staff",
        target_id=staff.id,
        detail={"name": staff.name, "from": before, "to": role.value},
    )
    return staff
