"""Putting a call right: in place while it is worked, by a linked new call once archived."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from desk.models import AuditEvent, Call, CaseEvent, Role
from desk.session_info import SignedIn
from desk.store.amend import amend_call, call_text
from desk.store.calls import CallInvalid
from desk.store.engine import session_scope
from desk.store.search import LogFilter, call_page
from desk.store.staff import create_staff
from tests.calls_helper import add_call


@pytest.fixture
def staff(engine: Engine) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234"))


def _amend(engine: Engine, staff: SignedIn, call_id: int, **changes: str):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        current = call_text(session, call_id=call_id)
        values = {k: getattr(current, k) for k in ("org", "caller", "content", "number")}
        return amend_call(session, call_id=call_id, actor=staff, **(values | changes))


def test_an_open_call_is_changed_in_place_with_its_history(engine: Engine, staff) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(engine, recorder_id=staff.id)
    amended = _amend(engine, staff, call_id, caller="张珊", number="0931-8942000转123")
    assert (amended.id, amended.corrects_id) == (call_id, None)
    with Session(engine) as session:
        call = session.get(Call, call_id)
        assert (call.caller, call.caller_initials) == ("张珊", "zs")
        assert (call.number_e164, call.number_ext) == ("+869318942000", "123")
        actions = session.exec(select(CaseEvent.action).where(CaseEvent.record_id == call_id))
        assert "edit" in list(actions)
        assert session.exec(select(AuditEvent.staff_id)).all()[-1] == staff.id
        found = call_page(session, log_filter=LogFilter(text="张珊"), limit=10)
        assert [r.id for r in found] == [call_id]  # the search index follows the change


def test_an_archived_call_is_corrected_by_a_new_linked_call(engine: Engine, staff) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(engine, recorder_id=staff.id, status="archived")
    amended = _amend(engine, staff, call_id, content="咨询专家门诊时间（更正：周三下午）")
    assert amended.corrects_id == call_id and amended.id != call_id
    with Session(engine) as session:
        old, new = session.get(Call, call_id), session.get(Call, amended.id)
        assert old.content == "咨询专家门诊时间"
        assert new.content.endswith("（更正：周三下午）") and new.corrects_id == call_id
        assert new.number_e164 == old.number_e164 == "+8613812345678"


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"caller": " "}, "caller"), ({"number": "123456"}, "number"), ({}, "content")],
    ids=["no-caller", "bad-number", "nothing-changed"],
)
def test_bad_changes_are_refused_at_their_field(engine: Engine, staff, changes, field) -> None:  # type: ignore[no-untyped-def]
    call_id = add_call(engine, recorder_id=staff.id)
    with pytest.raises(CallInvalid) as refused:
        _amend(engine, staff, call_id, **changes)
    assert field in refused.value.errors
    with Session(engine) as session:
        assert session.get(Call, call_id).caller == "张三"


def test_an_older_mobile_with_an_extension_is_kept_when_untouched(engine: Engine, staff) -> None:  # type: ignore[no-untyped-def]
    """Rows saved before mobiles lost their extensions can still be put right; a new number
    with an extension on a mobile is refused at the number."""
    call_id = add_call(
        engine, recorder_id=staff.id, number_raw="138 1234 5678 转12", number_ext="12"
    )
    _amend(engine, staff, call_id, caller="张珊")
    with Session(engine) as session:
        call = session.get(Call, call_id)
        kept = (call.caller, call.number_raw, call.number_ext)
        assert kept == ("张珊", "138 1234 5678 转12", "12")
        found = call_page(session, log_filter=LogFilter(text="13812345678"), limit=10)
        assert [r.id for r in found] == [call_id]  # still found by its digits
    with pytest.raises(CallInvalid) as refused:
        _amend(engine, staff, call_id, number="138 1234 5678 转 13")
    assert refused.value.errors["number"] == "手机号码没有分机号，请只填写手机号码。"
