"""What `desk demo` would mix into: records the demo did not make, and the demo's roles."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session, select

from desk.models import Appointment, Callback, FollowupSubject, Role, Staff
from desk.store.demo import DEMO_ROLES, STAFF_NAMES, fill_demo, real_records
from desk.store.engine import session_scope
from tests.calls_helper import add_call

NOW = datetime(2026, 11, 24, tzinfo=UTC)


def found(engine: Engine) -> str | None:
    with Session(engine) as session:
        return real_records(session)


def demo_staff_id(engine: Engine) -> int:
    with Session(engine) as session:
        staff = session.exec(select(Staff).where(Staff.name == STAFF_NAMES[2])).one()
        assert staff.id is not None
        return staff.id


def test_empty_and_demo_only_databases_hold_no_real_records(engine: Engine) -> None:
    assert found(engine) is None
    fill_demo(engine, calls=50, visits=5, subjects=3, orgs=5, now=NOW)
    assert found(engine) is None


def test_a_staff_member_who_is_not_demo_staff(engine: Engine) -> None:
    fill_demo(engine, calls=10, orgs=5, now=NOW)
    with session_scope(engine) as session:
        session.add(Staff(name="张三", role=Role.ADMIN.value, pin_hash="x"))
    assert found(engine) == "staff"


def test_a_call_from_a_real_desk(engine: Engine) -> None:
    fill_demo(engine, calls=10, orgs=5, now=NOW)
    add_call(engine, recorder_id=demo_staff_id(engine), desk="front-1")
    assert found(engine) == "calls"


def test_callbacks_appointments_and_imported_subjects(engine: Engine) -> None:
    fill_demo(engine, calls=10, orgs=5, now=NOW)
    with session_scope(engine) as session:
        session.add(FollowupSubject(name="李四", import_key="k1"))
    assert found(engine) == "subjects"
    with session_scope(engine) as session:
        session.add(Appointment(starts_at=NOW, ends_at=NOW + timedelta(minutes=30)))
    assert found(engine) == "appointments"
    with session_scope(engine) as session:
        session.add(Callback(due_at=NOW))
    assert found(engine) == "callbacks"


def test_the_demo_has_an_admin_and_a_supervisor(engine: Engine) -> None:
    fill_demo(engine, orgs=5, now=NOW)
    with Session(engine) as session:
        roles = {s.name: s.role for s in session.exec(select(Staff))}
    assert set(roles) == set(STAFF_NAMES)
    assert [n for n, r in roles.items() if r == Role.ADMIN] == [STAFF_NAMES[0]]
    assert [n for n, r in roles.items() if r == Role.SUPERVISOR] == [STAFF_NAMES[1]]
    assert sum(r == Role.RECEPTIONIST for r in roles.values()) == len(STAFF_NAMES) - 2
    assert DEMO_ROLES == {STAFF_NAMES[0]: Role.ADMIN, STAFF_NAMES[1]: Role.SUPERVISOR}
