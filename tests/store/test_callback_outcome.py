"""A promised callback marked done keeps its outcome in the record's history."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine

from desk.models import Callback, Role
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.errors import Conflict
from desk.store.queue import case_detail, complete_callback, open_callbacks
from desk.store.staff import create_staff
from tests.calls_helper import add_call


def _callback(engine: Engine, call_id: int) -> int:
    with session_scope(engine) as session:
        callback = Callback(call_id=call_id, due_at=datetime(2026, 11, 24, 2, 0, tzinfo=UTC))
        session.add(callback)
        session.flush()
        assert callback.id is not None
        return callback.id


@pytest.fixture
def clerk(engine: Engine) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="刘芳", role=Role.RECEPTIONIST, pin="1234"))


def test_the_outcome_is_in_the_history(engine: Engine, clerk: SignedIn) -> None:
    call_id = add_call(engine, recorder_id=clerk.id)
    callback_id = _callback(engine, call_id)
    with session_scope(engine) as session:
        complete_callback(session, callback_id=callback_id, actor=clerk, note="  无人接听 ")
    with session_scope(engine) as session:
        assert open_callbacks(session) == []
        history = case_detail(session, kind="call", record_id=call_id).history
        assert [(h.action, h.staff, h.note) for h in history] == [
            ("callback_done", "刘芳", "无人接听")
        ]
        with pytest.raises(Conflict):
            complete_callback(session, callback_id=callback_id, actor=clerk, note="再次")


def test_no_outcome_leaves_no_note(engine: Engine, clerk: SignedIn) -> None:
    call_id = add_call(engine, recorder_id=clerk.id)
    callback_id = _callback(engine, call_id)
    with session_scope(engine) as session:
        complete_callback(session, callback_id=callback_id, actor=clerk, note="   ")
    with session_scope(engine) as session:
        history = case_detail(session, kind="call", record_id=call_id).history
        assert [(h.action, h.note) for h in history] == [("callback_done", None)]


def test_the_store_function_is_keyword_only() -> None:
    parameters = list(inspect.signature(complete_callback).parameters.values())
    assert [p.kind for p in parameters[1:]] == [inspect.Parameter.KEYWORD_ONLY] * 3
