"""Visits and appointments in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from desk.models import AuditEvent, CaseEvent, Role, Staff, Visit
from desk.session_info import SignedIn
from desk.store.appointments import (
    AppointmentCreate,
    book_appointment,
    cancel_appointment,
    day_view,
    reschedule_appointment,
)
from desk.store.engine import session_scope
from desk.store.errors import Conflict, ValidationError
from desk.store.visits import VisitCreate, create_visit, list_visits
from tests.conftest import FROZEN_NOW, TZ


@pytest.fixture
def receptionist(engine) -> SignedIn:
    with session_scope(engine) as session:
        staff = Staff(name="王丽", role=Role.RECEPTIONIST.value, pin_hash="x")
        session.add(staff)
        session.flush()
        return SignedIn.of(staff)


def _visit(actor: SignedIn, **changes) -> VisitCreate:
    values = dict(
        visitor_name="张三",
        number="0931-8942000转123",
        matter="来访投诉候诊时间长",
        received_at=FROZEN_NOW,
        received_by_id=actor.id,
        category="complaint",
    )
    values.update(changes)
    return VisitCreate(**values)


def test_create_visit_normalises_and_records_history(engine, receptionist) -> None:
    with session_scope(engine) as session:
        visit = create_visit(session, data=_visit(receptionist), actor=receptionist)
    with Session(engine) as session:
        stored = session.get(Visit, visit.id)
        assert stored.number_e164 == "+869318942000" and stored.number_ext == "123"
        assert stored.visitor_initials == "zs" and stored.status == "registered"
        events = session.exec(select(CaseEvent).where(CaseEvent.kind == "visit")).all()
        assert [e.action for e in events] == ["registered"]
        assert session.exec(select(AuditEvent.action)).all() == ["visit_add"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"visitor_name": " "}, "visitor_name"),
        ({"number": "12345678901"}, "number"),
        ({"number": ""}, "number"),  # a visitor at the desk gives a number
        ({"number": "", "channel": "letter", "matter": ""}, "matter"),
        ({"matter": ""}, "matter"),
        ({"category": "harassment"}, "category"),
        ({"received_at": FROZEN_NOW.replace(year=2099)}, "received_at"),
    ],
)
def test_bad_visit_names_the_field(engine, receptionist, changes, field) -> None:
    with session_scope(engine) as session, pytest.raises(ValidationError) as raised:
        create_visit(session, data=_visit(receptionist, **changes), actor=receptionist)
    assert raised.value.field == field and str(raised.value)


@pytest.mark.parametrize("channel", ["letter", "email"])
def test_a_letter_or_email_may_come_without_a_number(engine, receptionist, channel) -> None:
    from desk.config import load_settings

    settings = load_settings()
    data = _visit(receptionist, number="", channel=channel, outcome="已书面答复")
    with session_scope(engine) as session:
        visit = create_visit(session, data=data, actor=receptionist, settings=settings)
    with Session(engine) as session:
        stored = session.get(Visit, visit.id)
        assert (stored.number_raw, stored.number_e164, stored.channel) == ("", None, channel)
        assert stored.status == "resolved"  # a resolved complaint, with no number to call


def test_list_and_search_visits(engine, receptionist) -> None:
    with session_scope(engine) as session:
        create_visit(session, data=_visit(receptionist), actor=receptionist)
        create_visit(
            session,
            data=_visit(
                receptionist,
                visitor_name="李四",
                number="13812345678",
                matter="咨询体检套餐",
                received_at=FROZEN_NOW + timedelta(minutes=1),
            ),
            actor=receptionist,
        )
    with Session(engine) as session:
        assert [v.visitor_name for v in list_visits(session)] == ["李四", "张三"]
        assert [v.visitor_name for v in list_visits(session, search="体检")] == ["李四"]
        assert [v.visitor_name for v in list_visits(session, search="zs")] == ["张三"]
        assert [v.visitor_name for v in list_visits(session, search="1234")] == ["李四"]


def _booking(**changes) -> AppointmentCreate:
    values = dict(
        person_name="张三",
        number="13812345678",
        service="胃镜检查",
        expert="刘主任",
        starts_at=datetime(2026, 11, 25, 9, 0, tzinfo=TZ),
        minutes=30,
        notes="青霉素过敏",
    )
    values.update(changes)
    return AppointmentCreate(**values)


def test_clash_is_refused_naming_whom(engine, receptionist) -> None:
    with session_scope(engine) as session:
        book_appointment(session, data=_booking(), actor=receptionist, tz=TZ)
    with session_scope(engine) as session, pytest.raises(Conflict) as raised:
        book_appointment(
            session,
            data=_booking(person_name="李四", starts_at=datetime(2026, 11, 25, 9, 15, tzinfo=TZ)),
            actor=receptionist,
            tz=TZ,
        )
    assert "张三" in str(raised.value) and "09:00" in str(raised.value)
    with session_scope(engine) as session:  # back to back is fine, another expert too
        book_appointment(
            session,
            data=_booking(person_name="李四", starts_at=datetime(2026, 11, 25, 9, 30, tzinfo=TZ)),
            actor=receptionist,
            tz=TZ,
        )
        book_appointment(
            session, data=_booking(person_name="王五", expert="陈医生"), actor=receptionist, tz=TZ
        )
    with Session(engine) as session:
        rows = day_view(session, day=date(2026, 11, 25), tz=TZ)
        assert [(r.expert, r.person_name) for r in rows] == [
            ("刘主任", "张三"),
            ("刘主任", "李四"),
            ("陈医生", "王五"),
        ]
        assert rows[0].notes == "青霉素过敏"
        assert [
            r.person_name for r in day_view(session, day=date(2026, 11, 25), tz=TZ, expert="陈医生")
        ] == ["王五"]


def test_cancel_and_reschedule_keep_history(engine, receptionist) -> None:
    with session_scope(engine) as session:
        first = book_appointment(session, data=_booking(), actor=receptionist, tz=TZ)
        second = book_appointment(
            session,
            data=_booking(person_name="李四", starts_at=datetime(2026, 11, 25, 10, 0, tzinfo=TZ)),
            actor=receptionist,
            tz=TZ,
        )
    with session_scope(engine) as session, pytest.raises(Conflict):
        reschedule_appointment(
            session,
            appointment_id=second.id,
            actor=receptionist,
            tz=TZ,
            starts_at=datetime(2026, 11, 25, 9, 10, tzinfo=TZ),
        )
    with session_scope(engine) as session:
        cancel_appointment(session, appointment_id=first.id, actor=receptionist, reason="改期")
        moved = reschedule_appointment(
            session,
            appointment_id=second.id,
            actor=receptionist,
            tz=TZ,
            starts_at=datetime(2026, 11, 25, 9, 10, tzinfo=TZ),
        )
        assert moved.ends_at - moved.starts_at == timedelta(minutes=30)
    with Session(engine) as session:
        actions = [
            (e.record_id, e.action)
            for e in session.exec(
                select(CaseEvent).where(CaseEvent.kind == "appointment").order_by(CaseEvent.id)
            )
        ]
        assert actions == [
            (first.id, "booked"),
            (second.id, "booked"),
            (first.id, "cancelled"),
            (second.id, "rescheduled"),
        ]
        rows = day_view(session, day=date(2026, 11, 25), tz=TZ)
        assert [(r.person_name, f"{r.starts_at:%H:%M}") for r in rows] == [("李四", "09:10")]


def test_audit_rows_name_the_signed_in_staff_member(engine, receptionist) -> None:
    """The app's audit rows carry who was signed in (王丽), not the operating-system login."""
    with session_scope(engine) as session:
        visit = create_visit(
            session, data=_visit(receptionist, outcome="已答复"), actor=receptionist
        )
        booked = book_appointment(
            session, data=_booking(visit_id=visit.id), actor=receptionist, tz=TZ
        )
        reschedule_appointment(
            session,
            appointment_id=booked.id,
            actor=receptionist,
            tz=TZ,
            starts_at=datetime(2026, 11, 25, 10, 0, tzinfo=TZ),
        )
        cancel_appointment(session, appointment_id=booked.id, actor=receptionist)
    with Session(engine) as session:
        rows = session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()
        assert [r.action for r in rows] == [
            "visit_add",
            "visit.resolve",
            "appointment_booked",
            "appointment_rescheduled",
            "appointment_cancelled",
        ]
        assert {(r.actor, r.staff_id) for r in rows} == {("王丽", receptionist.id)}


def test_a_letters_detail_says_how_it_came_and_who_received_it(engine, receptionist) -> None:  # type: ignore[no-untyped-def]
    from desk.store.queue import case_detail

    with session_scope(engine) as session:
        data = _visit(receptionist, channel="letter")
        visit = create_visit(session, data=data, actor=receptionist)
        assert visit.id is not None
        visit.feedback = "已回信"  # what feed_back writes, once the matter is resolved
        visit_id = visit.id
    with session_scope(engine) as session:
        detail = case_detail(session, kind="visit", record_id=visit_id)
    fields = dict(detail.fields)
    assert fields["方式"] == "来信"
    assert fields["反馈来访人"] == "已回信"
    assert "反馈来电人" not in fields
    assert detail.staff == "王丽"
