"""Logging calls: validation keyed by field, what a save writes, and org suggestions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from desk.models import AuditEvent, Call, Callback, CallOrg, CaseEvent, Role
from desk.session_info import SignedIn
from desk.store.calls import (
    CallCreate,
    CallInvalid,
    check_call,
    create_call,
    entry_choices,
    needs_readback,
    suggest_orgs,
)
from desk.store.engine import session_scope
from desk.store.staff import create_staff

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)


@pytest.fixture
def clerk(engine: Engine) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234"))


def _data(recorder: int, **changes: object) -> CallCreate:
    values: dict[str, object] = {
        "received_at": NOW - timedelta(minutes=3),
        "org": "第一医院",
        "caller": "张三",
        "content": "咨询专家门诊时间\n第二行",
        "number": "138 1234 5678",
        "recorder_id": recorder,
    }
    values.update(changes)
    return CallCreate(**values)  # type: ignore[arg-type]


def _save(engine: Engine, clerk: SignedIn, **changes: object) -> int:
    with session_scope(engine) as session:
        call = create_call(
            session, data=_data(clerk.id, **changes), actor=clerk, area_code="0931", now=NOW
        )
        assert call.id is not None
        return call.id


def test_save_writes_call_history_audit_and_callback(engine: Engine, clerk: SignedIn) -> None:
    call_id = _save(engine, clerk, reply_within_hours=4, priority=1, category="complaint")
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        assert (call.org, call.caller, call.number_e164) == ("第一医院", "张三", "+8613812345678")
        assert call.org_initials == "dyyy" and call.caller_initials == "zs"
        assert call.desk == "test-desk" and call.status == "registered"
        assert call.content == "咨询专家门诊时间\n第二行"
        assert call.received_at == (NOW - timedelta(minutes=3)).astimezone(UTC)
        event = session.exec(select(CaseEvent).where(CaseEvent.record_id == call_id)).one()
        assert (event.kind, event.action, event.staff_id) == ("call", "registered", clerk.id)
        audit = session.exec(select(AuditEvent).where(AuditEvent.action == "call_add")).one()
        assert audit.target_id == call_id and audit.staff_id == clerk.id
        callback = session.exec(select(Callback)).one()
        assert callback.call_id == call_id
        assert callback.due_at == (NOW + timedelta(hours=4) - timedelta(minutes=3)).astimezone(UTC)


def test_landline_uses_area_code_and_keeps_extension(engine: Engine, clerk: SignedIn) -> None:
    call_id = _save(engine, clerk, number="8942000 转 123")
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        assert (call.number_e164, call.number_ext) == ("+869318942000", "123")


def test_no_callback_without_promise(engine: Engine, clerk: SignedIn) -> None:
    _save(engine, clerk)
    with Session(engine) as session:
        assert session.exec(select(Callback)).all() == []


def test_every_bad_field_is_reported(engine: Engine, clerk: SignedIn) -> None:
    data = _data(
        999,
        received_at=NOW + timedelta(hours=1),
        caller="  ",
        content="",
        number="12ab",
        priority=7,
        category="gossip",
        department_id=999,
        reply_within_hours=0,
        corrects_id=999,
    )
    with pytest.raises(CallInvalid) as caught, session_scope(engine) as session:
        create_call(session, data=data, actor=clerk, now=NOW)
    errors = caught.value.errors
    assert set(errors) == {
        "received_at",
        "caller",
        "content",
        "number",
        "recorder_id",
        "priority",
        "category",
        "department_id",
        "reply_within_hours",
        "corrects_id",
    }
    assert errors["caller"] == "请填写来电人。"
    assert caught.value.field == "received_at"
    with Session(engine) as session:
        assert session.exec(select(Call)).all() == []


def test_local_number_without_area_code_is_refused(engine: Engine, clerk: SignedIn) -> None:
    with pytest.raises(CallInvalid) as caught, session_scope(engine) as session:
        create_call(session, data=_data(clerk.id, number="8942000"), actor=clerk, now=NOW)
    assert "区号" in caught.value.errors["number"]


def test_a_mobile_with_an_extension_is_refused_at_the_number(
    engine: Engine, clerk: SignedIn
) -> None:
    with pytest.raises(CallInvalid) as caught, session_scope(engine) as session:
        create_call(
            session, data=_data(clerk.id, number="138 1234 5678 转 12"), actor=clerk, now=NOW
        )
    assert caught.value.errors["number"] == "手机号码没有分机号，请只填写手机号码。"
    with Session(engine) as session:
        assert session.exec(select(Call)).all() == []


def test_readback_rules() -> None:
    assert needs_readback(priority=1, category="consultation")
    assert needs_readback(priority=2, category="consultation")
    assert not needs_readback(priority=3, category="consultation")
    assert needs_readback(priority=4, category="directive")
    assert needs_readback(priority=4, category="major_event")
    assert needs_readback(priority=4, category="involves_leader")


def test_org_suggestions_by_text_and_initials(engine: Engine, clerk: SignedIn) -> None:
    _save(engine, clerk, org="第一医院", received_at=NOW - timedelta(days=2))
    _save(engine, clerk, org="第二医院", received_at=NOW - timedelta(days=1))
    _save(engine, clerk, org="第一医院", received_at=NOW - timedelta(hours=1))
    _save(engine, clerk, org="兰州大学", received_at=NOW - timedelta(hours=5))
    _save(engine, clerk, org="100%_公司", received_at=NOW - timedelta(hours=6))
    with Session(engine) as session:
        assert suggest_orgs(session, prefix="dyyy", limit=5) == ["第一医院"]
        assert suggest_orgs(session, prefix="DY", limit=5) == ["第一医院"]
        assert suggest_orgs(session, prefix="d", limit=5) == ["第一医院", "第二医院"]
        assert suggest_orgs(session, prefix="医院", limit=5) == ["第一医院", "第二医院"]
        assert suggest_orgs(session, prefix="医院", limit=1) == ["第一医院"]
        assert suggest_orgs(session, prefix="兰州", limit=5) == ["兰州大学"]
        assert suggest_orgs(session, prefix="%", limit=5) == ["100%_公司"]
        assert suggest_orgs(session, prefix="zz", limit=5) == []
        assert suggest_orgs(session, prefix="  ", limit=5) == []
        row = session.get(CallOrg, "第一医院")
        assert row is not None and row.calls == 2


def test_org_initials_inside_a_name_are_offered_after_those_that_start_so(
    engine: Engine, clerk: SignedIn
) -> None:
    _save(engine, clerk, org="阜新第一人民医院", received_at=NOW - timedelta(hours=1))
    _save(engine, clerk, org="第一人民医院", received_at=NOW - timedelta(days=3))
    _save(engine, clerk, org="兰州大学", received_at=NOW - timedelta(hours=2))
    with Session(engine) as session:
        # Starting so first (though it called longest ago), then containing it.
        assert suggest_orgs(session, prefix="dyrm") == ["第一人民医院", "阜新第一人民医院"]
        assert suggest_orgs(session, prefix="第一") == ["第一人民医院", "阜新第一人民医院"]
        assert suggest_orgs(session, prefix="x") == []  # one letter: initials that start so
        assert suggest_orgs(session, prefix="zd") == ["兰州大学"]  # lzdx
        assert suggest_orgs(session, prefix="qq") == []


def test_command_line_logs_without_a_signed_in_actor(engine: Engine, clerk: SignedIn) -> None:
    with session_scope(engine) as session:
        call = create_call(session, data=_data(clerk.id), actor=None, now=NOW)
        assert call.recorder_id == clerk.id
    with Session(engine) as session:
        event = session.exec(select(CaseEvent)).one()
        assert event.staff_id is None


def test_entry_choices_make_configured_departments(engine: Engine, clerk: SignedIn) -> None:
    with session_scope(engine) as session:
        choices = entry_choices(session, department_names=("内科", "外科"))
    assert [c.name for c in choices.departments] == ["内科", "外科"]
    assert [c.name for c in choices.staff] == ["王丽"]


def test_bulk_inserted_calls_feed_the_suggestions(engine: Engine) -> None:
    from sqlmodel import func

    from desk.store.demo import fill_demo

    fill_demo(engine, calls=300, orgs=20, departments=("内科",), now=NOW)
    with Session(engine) as session:
        distinct = session.exec(select(func.count(func.distinct(Call.org)))).one()
        kept = session.exec(select(func.count()).select_from(CallOrg)).one()
        total = session.exec(select(func.sum(CallOrg.calls))).one()
        newest = session.exec(select(Call).order_by(Call.received_at.desc())).first()
        assert newest is not None
        assert (kept, total) == (distinct, 300)
        assert suggest_orgs(session, prefix=newest.org_initials[:2], limit=1) == [newest.org]
        assert suggest_orgs(session, prefix=newest.org[:2], limit=1) == [newest.org]


def test_a_reply_in_working_days_falls_due_after_the_days_off(
    engine: Engine, clerk: SignedIn
) -> None:
    from desk.config import Settings

    settings = Settings(extra_holidays=(date(2026, 11, 25),))  # the Wednesday off
    with session_scope(engine) as session:
        data = _data(clerk.id, reply_within_days=2)
        call = create_call(
            session, data=data, actor=clerk, area_code="0931", now=NOW, settings=settings
        )
        assert call.reply_within_days == 2 and call.reply_within_hours is None
    with Session(engine) as session:
        callback = session.exec(select(Callback)).one()
        due = (NOW - timedelta(minutes=3)).replace(day=27).astimezone(UTC)  # Thursday, Friday
        assert callback.due_at == due


def test_a_reply_is_promised_in_hours_or_working_days_not_both(
    engine: Engine, clerk: SignedIn
) -> None:
    with session_scope(engine) as session:
        both = _data(clerk.id, reply_within_hours=4, reply_within_days=1)
        errors = check_call(session, data=both)
        assert "不能同时" in errors["reply_within_hours"]
        errors = check_call(session, data=_data(clerk.id, reply_within_days=31))
        assert "30" in errors["reply_within_hours"]
