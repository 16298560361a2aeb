"""Caller recognition and drafts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from desk.models import Callback, FollowupEnrollment, FollowupSubject, FollowupTask, Role
from desk.session_info import SignedIn
from desk.store.caller import caller_history
from desk.store.calls import CallCreate, create_call
from desk.store.drafts import discard_draft, load_draft, save_draft
from desk.store.engine import session_scope
from desk.store.staff import create_staff

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 5, tzinfo=TZ)


@pytest.fixture
def clerk(engine: Engine) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234"))


def _call(engine: Engine, clerk: SignedIn, hours_ago: int, **changes: object) -> int:
    values: dict[str, object] = {
        "received_at": NOW - timedelta(hours=hours_ago),
        "org": "第一医院",
        "caller": "张三",
        "content": f"第{hours_ago}次来电",
        "number": "13812345678",
        "recorder_id": clerk.id,
    }
    values.update(changes)
    with session_scope(engine) as session:
        call = create_call(session, data=CallCreate(**values), actor=clerk, now=NOW)  # type: ignore[arg-type]
        return call.id or 0


def test_history_by_number_newest_first_with_open_matters(engine: Engine, clerk: SignedIn) -> None:
    first = _call(engine, clerk, 30)
    second = _call(engine, clerk, 5, reply_within_hours=2)
    _call(engine, clerk, 1, number="13900000000", org="别的单位")
    with session_scope(engine) as session:
        subject = FollowupSubject(name="张三", phone_raw="13812345678", phone_e164="+8613812345678")
        session.add(subject)
        session.flush()
        enrollment = FollowupEnrollment(subject_id=subject.id or 0, rule_name="discharge")
        session.add(enrollment)
        session.flush()
        session.add(
            FollowupTask(
                enrollment_id=enrollment.id or 0,
                subject_id=subject.id or 0,
                rule_name="discharge",
                due_on=date(2026, 11, 30),
                due_at=NOW + timedelta(days=6),
                next_try_at=NOW + timedelta(days=6),
            )
        )
    with session_scope(engine) as session:
        history = caller_history(session, number_e164="+8613812345678")
    assert [c.id for c in history.calls] == [second, first]
    assert history.total_calls == 2
    assert {c.id for c in history.open_calls} == {first, second}
    assert [cb.call_id for cb in history.open_callbacks] == [second]
    assert [f.subject for f in history.pending_followups] == ["张三"]
    assert not history.empty


def test_history_by_org_and_done_callbacks_drop_out(engine: Engine, clerk: SignedIn) -> None:
    call_id = _call(engine, clerk, 3, reply_within_hours=1, number="0931-8942000")
    with session_scope(engine) as session:
        history = caller_history(session, org="第一医院")
        assert [c.id for c in history.calls] == [call_id]
        callback = session.get(Callback, history.open_callbacks[0].id)
        assert callback is not None
        callback.done_at = NOW
    with session_scope(engine) as session:
        assert caller_history(session, org="第一医院").open_callbacks == ()
        assert caller_history(session, org="没有的单位").empty
        assert caller_history(session).empty


def test_history_limit(engine: Engine, clerk: SignedIn) -> None:
    for hours in range(1, 6):
        _call(engine, clerk, hours)
    with session_scope(engine) as session:
        history = caller_history(session, number_e164="+8613812345678", limit=3)
    assert len(history.calls) == 3 and history.total_calls == 5
    assert history.calls[0].content == "第1次来电"


def test_drafts_save_load_discard(engine: Engine, clerk: SignedIn) -> None:
    key = {"desk": "desk-1", "form": "call", "staff_id": clerk.id}
    with session_scope(engine) as session:
        assert load_draft(session, **key) is None
        save_draft(session, payload={"caller": "张"}, **key)
    with session_scope(engine) as session:
        save_draft(session, payload={"caller": "张三", "content": "[b]x[/]"}, **key)
    with session_scope(engine) as session:
        draft = load_draft(session, **key)
        assert draft is not None
        assert draft.payload == {"caller": "张三", "content": "[b]x[/]"}
        assert load_draft(session, desk="desk-2", form="call", staff_id=clerk.id) is None
        assert load_draft(session, desk="desk-1", form="call", staff_id=None) is None
    with session_scope(engine) as session:
        discard_draft(session, **key)
    with session_scope(engine) as session:
        assert load_draft(session, **key) is None


def test_draft_without_staff(engine: Engine) -> None:
    with session_scope(engine) as session:
        save_draft(session, desk="d", form="call", staff_id=None, payload={"a": 1})
    with session_scope(engine) as session:
        save_draft(session, desk="d", form="call", staff_id=None, payload={"a": 2})
    with session_scope(engine) as session:
        draft = load_draft(session, desk="d", form="call", staff_id=None)
        assert draft is not None and draft.payload == {"a": 2}


def test_a_known_number_is_the_caller_even_with_an_org(engine: Engine, clerk: SignedIn) -> None:
    mine = _call(engine, clerk, 2)
    _call(engine, clerk, 1, number="13900000000")  # same org, someone else
    with session_scope(engine) as session:
        by_number = caller_history(session, number_e164="+8613812345678", org="第一医院")
        by_org = caller_history(session, org="第一医院")
    assert [c.id for c in by_number.calls] == [mine]
    assert by_org.total_calls == 2
