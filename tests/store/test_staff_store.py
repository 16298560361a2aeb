"""Sign-in with lockout, staff management and its refusals, at the service layer."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from desk.identity import os_user
from desk.models import AuditEvent, Role, Staff
from desk.session_info import SignedIn
from desk.store.audit import list_audit
from desk.store.engine import session_scope
from desk.store.errors import Conflict, PermissionDenied, StoreError, ValidationError
from desk.store.staff import authenticate, create_staff
from desk.store.staff_admin import (
    disable_staff,
    enable_staff,
    reset_pin,
    set_role,
    staff_rows,
)
from tests.conftest import FROZEN_NOW


def _add(engine: Engine, name: str, role: Role, pin: str = "1234") -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name=name, role=role, pin=pin))


def _try(engine: Engine, who: SignedIn, pin: str, now: datetime) -> str | None:
    """Sign in as the app does; the error message, or None on success."""
    try:
        with session_scope(engine) as session:
            authenticate(session, staff_id=who.id, pin=pin, now=now)
    except StoreError as error:
        return str(error)
    return None


def _staff(engine: Engine, staff_id: int) -> Staff:
    with session_scope(engine) as session:
        staff = session.get(Staff, staff_id)
        assert staff is not None
        return staff


def _actions(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id))]


def test_wrong_pins_count_and_a_success_resets(engine: Engine) -> None:
    li = _add(engine, "李娜", Role.RECEPTIONIST)
    for _ in range(4):
        assert _try(engine, li, "9999", FROZEN_NOW) == "PIN 错误。"
    assert _staff(engine, li.id).failed_pins == 4
    assert _try(engine, li, "1234", FROZEN_NOW) is None
    assert _staff(engine, li.id).failed_pins == 0
    for _ in range(4):
        _try(engine, li, "9999", FROZEN_NOW)
    assert _staff(engine, li.id).locked_until is None
    assert _actions(engine).count("sign_in_failed") == 8


def test_five_wrong_pins_lock_the_name_for_five_minutes(engine: Engine) -> None:
    li = _add(engine, "李娜", Role.RECEPTIONIST)
    for _ in range(4):
        _try(engine, li, "9999", FROZEN_NOW)
    message = _try(engine, li, "9999", FROZEN_NOW)
    assert message is not None and "09:10" in message and "李娜" in message
    locked = _staff(engine, li.id)
    assert locked.locked_until == FROZEN_NOW + timedelta(minutes=5)
    # While locked even the right PIN is refused, with the same message.
    later = FROZEN_NOW + timedelta(minutes=4, seconds=59)
    assert _try(engine, li, "1234", later) == message
    # The lock ends by itself.
    assert _try(engine, li, "1234", FROZEN_NOW + timedelta(minutes=5)) is None
    cleared = _staff(engine, li.id)
    assert (cleared.failed_pins, cleared.locked_until) == (0, None)
    assert "staff_locked" in _actions(engine)


def test_a_disabled_member_cannot_sign_in_and_keeps_the_name(engine: Engine) -> None:
    admin = _add(engine, "王丽", Role.ADMIN)
    li = _add(engine, "李娜", Role.RECEPTIONIST)
    with session_scope(engine) as session:
        disable_staff(session, actor=admin, staff_id=li.id)
    assert _try(engine, li, "1234", FROZEN_NOW) == "李娜 已停用，不能登录。"
    assert _staff(engine, li.id).name == "李娜"
    with session_scope(engine) as session:
        enable_staff(session, actor=admin, staff_id=li.id)
    assert _try(engine, li, "1234", FROZEN_NOW) is None


def test_reset_pin_and_role_change(engine: Engine) -> None:
    admin = _add(engine, "王丽", Role.ADMIN)
    li = _add(engine, "李娜", Role.RECEPTIONIST)
    for _ in range(5):
        _try(engine, li, "9999", FROZEN_NOW)
    with session_scope(engine) as session:
        reset_pin(session, actor=admin, staff_id=li.id, pin="5678")
        set_role(session, actor=admin, staff_id=li.id, role=Role.SUPERVISOR)
    assert _try(engine, li, "1234", FROZEN_NOW) == "PIN 错误。"
    assert _try(engine, li, "5678", FROZEN_NOW) is None
    assert _staff(engine, li.id).role == "supervisor"
    with session_scope(engine) as session:
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "staff_role")).all()
    assert [(e.actor, e.staff_id, e.target_id) for e in events] == [("王丽", admin.id, li.id)]
    assert '"to": "supervisor"' in (events[0].detail or "")


def test_each_management_action_is_audited(engine: Engine) -> None:
    admin = _add(engine, "王丽", Role.ADMIN)
    with session_scope(engine) as session:
        li = SignedIn.of(
            create_staff(session, name="李娜", role=Role.RECEPTIONIST, pin="1234", by=admin)
        )
        disable_staff(session, actor=admin, staff_id=li.id)
        enable_staff(session, actor=admin, staff_id=li.id)
        reset_pin(session, actor=admin, staff_id=li.id, pin="4321")
        set_role(session, actor=admin, staff_id=li.id, role=Role.SUPERVISOR)
    assert _actions(engine)[-5:] == [
        "staff_add",
        "staff_disable",
        "staff_enable",
        "staff_reset_pin",
        "staff_role",
    ]


def test_the_last_admin_stays(engine: Engine) -> None:
    admin = _add(engine, "王丽", Role.ADMIN)
    with session_scope(engine) as session, pytest.raises(Conflict):
        disable_staff(session, actor=admin, staff_id=admin.id)
    with session_scope(engine) as session, pytest.raises(Conflict):
        set_role(session, actor=admin, staff_id=admin.id, role=Role.RECEPTIONIST)
    second = _add(engine, "赵强", Role.ADMIN)
    with session_scope(engine) as session:
        disable_staff(session, actor=second, staff_id=admin.id)


@pytest.mark.parametrize("role", [Role.RECEPTIONIST, Role.SUPERVISOR])
def test_only_admins_manage_staff(engine: Engine, role: Role) -> None:
    _add(engine, "王丽", Role.ADMIN)
    actor = _add(engine, "李娜", role)
    target = _add(engine, "赵强", Role.RECEPTIONIST)
    calls = [
        lambda s: staff_rows(s, actor=actor),
        lambda s: disable_staff(s, actor=actor, staff_id=target.id),
        lambda s: enable_staff(s, actor=actor, staff_id=target.id),
        lambda s: reset_pin(s, actor=actor, staff_id=target.id, pin="0000"),
        lambda s: set_role(s, actor=actor, staff_id=target.id, role=Role.ADMIN),
        lambda s: create_staff(s, name="新人", role=Role.ADMIN, pin="1234", by=actor),
    ]
    for call in calls:
        with session_scope(engine) as session, pytest.raises(PermissionDenied):
            call(session)
    assert _staff(engine, target.id).role == "receptionist"


def test_receptionists_cannot_read_the_audit(engine: Engine) -> None:
    li = _add(engine, "李娜", Role.RECEPTIONIST)
    boss = _add(engine, "赵强", Role.SUPERVISOR)
    with session_scope(engine) as session, pytest.raises(PermissionDenied):
        list_audit(session, actor=li)
    with session_scope(engine) as session:
        assert [r.action for r in list_audit(session, actor=boss)] == ["staff_add"] * 2
        assert len(list_audit(session, actor=None, who=os_user())) == 2
        assert list_audit(session, actor=None, who="nobody") == []


def test_validation_errors_name_the_field(engine: Engine) -> None:
    admin = _add(engine, "王丽", Role.ADMIN)
    with session_scope(engine) as session, pytest.raises(ValidationError) as caught:
        reset_pin(session, actor=admin, staff_id=admin.id, pin="12")
    assert caught.value.field == "pin"
