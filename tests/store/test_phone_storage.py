"""Numbers are stored as shown (normalised) with their E.164 form beside, however typed; the
searches find them by their digits, full-width ones included."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from desk.models import Appointment, Call, Role, Visit
from desk.session_info import SignedIn
from desk.store.amend import amend_call
from desk.store.appointments import AppointmentCreate, book_appointment
from desk.store.calls import CallCreate, CallInvalid, create_call
from desk.store.engine import session_scope
from desk.store.search import LogFilter, call_count, call_page
from desk.store.staff import create_staff
from desk.store.visits import VisitCreate, create_visit, list_visits
from tests.calls_helper import add_call

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)
MOBILE = ("138 1234 5678", "+8613812345678", None)
LANDLINE = ("0931-8942000 转123", "+869318942000", "123")
TYPED = [
    ("13812345678", MOBILE),
    ("138-1234-5678", MOBILE),
    ("  138 1234 5678 ", MOBILE),
    ("１３８１２３４５６７８", MOBILE),
    ("+86 138 1234 5678", MOBILE),
    ("0931-8942000转123", LANDLINE),
    ("０９３１－８９４２０００转１２３", LANDLINE),
    ("8942000 转 123", LANDLINE),  # the desk's own area code, 0931, is added
    ("１２０", ("120", None, None)),
]


@pytest.fixture
def clerk(engine: Engine) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234"))


def _call(engine: Engine, clerk: SignedIn, number: str) -> int:
    data = CallCreate(
        received_at=NOW - timedelta(minutes=3),
        org="第一医院",
        caller="张三",
        content="咨询专家门诊时间",
        number=number,
        recorder_id=clerk.id,
    )
    with session_scope(engine) as session:
        call = create_call(session, data=data, actor=clerk, area_code="0931", now=NOW)
        assert call.id is not None
        return call.id


@pytest.mark.parametrize(("typed", "stored"), TYPED)
def test_a_call_stores_the_number_as_shown(
    engine: Engine, clerk: SignedIn, typed: str, stored: tuple[str, str | None, str | None]
) -> None:
    call_id = _call(engine, clerk, typed)
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        assert (call.number_raw, call.number_e164, call.number_ext) == stored


@pytest.mark.parametrize(("typed", "stored"), TYPED)
def test_a_visit_stores_the_number_as_shown(
    engine: Engine, clerk: SignedIn, typed: str, stored: tuple[str, str | None, str | None]
) -> None:
    data = VisitCreate(
        visitor_name="周女士",
        number=typed,
        matter="咨询体检",
        received_at=NOW,
        received_by_id=clerk.id,
    )
    with session_scope(engine) as session:
        visit_id = create_visit(session, data=data, actor=clerk, area_code="0931").id
    with Session(engine) as session:
        visit = session.get(Visit, visit_id)
        assert visit is not None
        assert (visit.number_raw, visit.number_e164, visit.number_ext) == stored


def test_an_appointment_stores_the_number_as_shown(engine: Engine, clerk: SignedIn) -> None:
    data = AppointmentCreate(
        person_name="张三",
        number="138-1234-5678",
        service="胃镜检查",
        expert="",
        starts_at=datetime(2026, 11, 25, 9, 0, tzinfo=TZ),
        minutes=30,
    )
    with session_scope(engine) as session:
        book_appointment(session, data=data, actor=clerk, tz=TZ)
    with Session(engine) as session:
        booked = session.exec(select(Appointment)).one()
        assert (booked.number_raw, booked.number_e164) == MOBILE[:2]


def test_amending_stores_the_new_number_as_shown(engine: Engine, clerk: SignedIn) -> None:
    call_id = _call(engine, clerk, "13812345678")
    with session_scope(engine) as session:
        amend_call(
            session,
            call_id=call_id,
            org="第一医院",
            caller="张三",
            content="咨询专家门诊时间",
            number="0931-8942000-123",
            actor=clerk,
        )
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        assert (call.number_raw, call.number_e164, call.number_ext) == LANDLINE


def test_the_same_number_typed_differently_is_no_change(engine: Engine, clerk: SignedIn) -> None:
    """An older row holding the number as typed is not 'changed' by the same number."""
    call_id = add_call(engine, recorder_id=clerk.id)  # number_raw "13812345678", as typed
    with session_scope(engine) as session, pytest.raises(CallInvalid) as raised:
        amend_call(
            session,
            call_id=call_id,
            org="第一医院",
            caller="张三",
            content="咨询专家门诊时间",
            number="１３８-１２３４-５６７８",
            actor=clerk,
        )
    assert "content" in raised.value.errors  # "Nothing was changed."


@pytest.mark.parametrize("query", ["１２３４５６７８", "1234 5678", "８９４２０００", "0931-894"])
def test_the_call_log_finds_numbers_by_digits_full_width_too(
    engine: Engine, clerk: SignedIn, query: str
) -> None:
    mobile = _call(engine, clerk, "13812345678")
    landline = _call(engine, clerk, "0931-8942000转123")
    with Session(engine) as session:
        found = [r.id for r in call_page(session, log_filter=LogFilter(text=query))]
    assert found == ([mobile] if "5678" in query or "５６７８" in query else [landline])


@pytest.mark.parametrize("query", ["１２３４５６７８", "1234 5678", "８９４２０００", "0931-894"])
def test_visits_are_found_by_digits_full_width_too(
    engine: Engine, clerk: SignedIn, query: str
) -> None:
    with session_scope(engine) as session:
        for name, number in (("李四", "13812345678"), ("张三", "0931-8942000转123")):
            create_visit(
                session,
                data=VisitCreate(
                    visitor_name=name,
                    number=number,
                    matter="咨询",
                    received_at=NOW,
                    received_by_id=clerk.id,
                ),
                actor=clerk,
            )
    with Session(engine) as session:
        names = [v.visitor_name for v in list_visits(session, search=query)]
    assert names == (["李四"] if "5678" in query or "５６７８" in query else ["张三"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("+8613812345678", ["mobile"]),
        ("8613812345678", ["mobile"]),
        ("+86 138 1234 5678", ["mobile"]),
        ("0086 138 1234 5678", ["mobile"]),
        ("13812345678", ["mobile"]),
        ("0931-8942000转123", ["extension"]),
        ("0931-8942000 ext 123", ["extension"]),
        ("０９３１－８９４２０００转１２３", ["extension"]),
        ("8942000转123", ["extension"]),  # the desk's own area code
        ("0931-8942000", ["plain", "extension"]),  # no extension typed: with or without
        ("0931-8942000转456", []),
        ("+1 650-253-0000", []),
    ],
)
def test_the_call_log_finds_a_whole_number_however_typed(
    engine: Engine, clerk: SignedIn, query: str, expected: list[str]
) -> None:
    ids = {
        "mobile": _call(engine, clerk, "13812345678"),
        "extension": _call(engine, clerk, "0931-8942000转123"),
        "plain": _call(engine, clerk, "0931-8942000"),
        "other": _call(engine, clerk, "0931-8942001"),
    }
    log_filter = LogFilter(text=query, area_code="0931")
    with Session(engine) as session:
        found = [r.id for r in call_page(session, log_filter=log_filter)]
        assert call_count(session, log_filter=log_filter) == len(found)
        page = call_page(session, log_filter=log_filter, limit=1)
        if found:
            rest = call_page(session, log_filter=log_filter, after=page[-1].key)
            assert [r.id for r in page + rest] == found
    assert found == [ids[name] for name in expected]


@pytest.mark.parametrize("query", ["+8613812345678", "0931-8942000 ext 123"])
def test_a_whole_number_is_searched_by_index_not_by_scanning(
    sqlite_engine: Engine, query: str
) -> None:
    """A million calls: the number's index and the search index, never a scan of the calls."""
    from desk.store.search import _base

    with Session(sqlite_engine) as session:
        built = _base(session, LogFilter(text=query, area_code="0931"))
        assert built is not None
        statement, order_id = built
        compiled = (
            statement.order_by(order_id.desc())
            .limit(100)
            .compile(sqlite_engine, compile_kwargs={"literal_binds": True})
        )
        plan = [
            row[3] for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")
        ]
    assert any("USING" in step and "ix_call_number_" in step for step in plan), plan
    assert not any(step.startswith("SCAN call") and "call_fts" not in step for step in plan), plan
