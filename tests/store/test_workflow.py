"""The workflow of a call: each step, its rules, its history and audit rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from desk.models import AuditEvent, Call, Callback, CaseEvent, Role
from desk.session_info import SignedIn
from desk.store import workflow
from desk.store.caller import caller_history
from desk.store.engine import session_scope
from desk.store.errors import Conflict, PermissionDenied, ValidationError
from desk.store.queue import case_detail, open_queue
from desk.store.shift import shift_report
from desk.store.staff import create_staff
from tests.calls_helper import add_call, add_department

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=SHANGHAI)


def _staff(engine: Engine, name: str, role: Role) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name=name, role=role, pin="1234"))


@pytest.fixture
def people(engine: Engine) -> tuple[SignedIn, SignedIn]:
    """A receptionist and a supervisor."""
    return _staff(engine, "王丽", Role.RECEPTIONIST), _staff(engine, "李娜", Role.SUPERVISOR)


def _do(engine: Engine, step, **kwargs):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return step(session, kind="call", **kwargs)


def _status(engine: Engine, call_id: int) -> str:
    with session_scope(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        return call.status


def test_the_whole_life_of_a_call(engine: Engine, people) -> None:
    clerk, boss = people
    dept = add_department(engine)
    call_id = add_call(engine, recorder_id=clerk.id)
    _do(engine, workflow.route, record_id=call_id, department_id=dept, actor=clerk)
    assert _status(engine, call_id) == "routed"
    _do(engine, workflow.resolve, record_id=call_id, result="已安排专家", actor=clerk)
    assert _status(engine, call_id) == "resolved"
    _do(engine, workflow.feed_back, record_id=call_id, feedback="已电话告知", actor=clerk)
    assert _status(engine, call_id) == "fed_back"
    with pytest.raises(PermissionDenied):
        _do(engine, workflow.archive, record_id=call_id, actor=clerk)
    _do(engine, workflow.archive, record_id=call_id, actor=boss)
    assert _status(engine, call_id) == "archived"
    with session_scope(engine) as session:
        history = workflow.case_history(session, kind="call", record_id=call_id)
        audit = session.exec(
            select(AuditEvent.action).where(
                AuditEvent.target_id == call_id, AuditEvent.target_kind == "call"
            )
        )
        actions = list(audit)
    assert [(h.action, h.from_status, h.to_status) for h in history] == [
        ("route", "registered", "routed"),
        ("resolve", "routed", "resolved"),
        ("feed_back", "resolved", "fed_back"),
        ("archive", "fed_back", "archived"),
    ]
    assert [h.staff for h in history] == ["王丽", "王丽", "王丽", "李娜"]
    assert history[0].note == "内科"
    assert history[1].note == "已安排专家"
    assert actions == ["call.route", "call.resolve", "call.feed_back", "call.archive"]


def test_leaders_matter_waits_for_an_instruction(engine: Engine, people) -> None:
    clerk, _boss = people
    dept = add_department(engine)
    call_id = add_call(engine, recorder_id=clerk.id, category="involves_leader")
    _do(engine, workflow.route, record_id=call_id, department_id=dept, actor=clerk)
    assert _status(engine, call_id) == "awaiting_instruction"
    with pytest.raises(Conflict, match="批示"):
        _do(engine, workflow.resolve, record_id=call_id, result="处理完毕", actor=clerk)
    with pytest.raises(ValidationError):
        _do(engine, workflow.record_instruction, record_id=call_id, instruction=" ", actor=clerk)
    _do(
        engine,
        workflow.record_instruction,
        record_id=call_id,
        instruction="请医务科处理",
        actor=clerk,
    )
    assert _status(engine, call_id) == "routed"  # back with its department, no longer waiting
    _do(engine, workflow.resolve, record_id=call_id, result="处理完毕", actor=clerk)
    assert _status(engine, call_id) == "resolved"


def test_directives_are_flagged_until_leadership_is_told(engine: Engine, people) -> None:
    clerk, _boss = people
    call_id = add_call(engine, recorder_id=clerk.id, category="directive", priority=2)
    with session_scope(engine) as session:
        (item,) = open_queue(session)
    assert item.needs_report and not item.needs_instruction
    _do(engine, workflow.tell_leadership, record_id=call_id, actor=clerk)
    with pytest.raises(Conflict):
        _do(engine, workflow.tell_leadership, record_id=call_id, actor=clerk)
    with session_scope(engine) as session:
        (item,) = open_queue(session)
    assert not item.needs_report
    assert _status(engine, call_id) == "registered"


def test_an_instruction_before_routing_leaves_the_matter_registered(engine: Engine, people) -> None:
    clerk, _boss = people
    call_id = add_call(engine, recorder_id=clerk.id, category="involves_leader")
    _do(engine, workflow.record_instruction, record_id=call_id, instruction="先核实", actor=clerk)
    assert _status(engine, call_id) == "registered"


@pytest.mark.parametrize("category", ["directive", "major_event"])
def test_directives_and_major_events_are_settled_only_once_leadership_is_told(
    engine: Engine, people, category: str
) -> None:
    clerk, boss = people
    call_id = add_call(engine, recorder_id=clerk.id, category=category, priority=1)
    with pytest.raises(Conflict, match="领导"):
        _do(engine, workflow.resolve, record_id=call_id, result="已处理", actor=clerk)
    assert _status(engine, call_id) == "registered"
    with session_scope(engine) as session:
        (item,) = open_queue(session)
    assert item.refusal("resolve") is not None
    _do(engine, workflow.tell_leadership, record_id=call_id, actor=clerk)
    _do(engine, workflow.resolve, record_id=call_id, result="已处理", actor=clerk)
    _do(engine, workflow.archive, record_id=call_id, actor=boss)
    assert _status(engine, call_id) == "archived"


def test_leadership_can_still_be_told_after_the_feedback(engine: Engine, people) -> None:
    """A record settled before this rule (or a directive found late) can still be reported,
    then archived."""
    clerk, boss = people
    call_id = add_call(engine, recorder_id=clerk.id, category="directive")
    with session_scope(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None
        call.status = "fed_back"
        session.add(call)
    with pytest.raises(Conflict, match="领导"):
        _do(engine, workflow.archive, record_id=call_id, actor=boss)
    with session_scope(engine) as session:  # it stays in the work queue, where l tells
        (item,) = open_queue(session)
    assert (item.id, item.needs_report) == (call_id, True)
    _do(engine, workflow.tell_leadership, record_id=call_id, actor=clerk)
    with session_scope(engine) as session:
        assert open_queue(session) == []
    _do(engine, workflow.archive, record_id=call_id, actor=boss)
    assert _status(engine, call_id) == "archived"


def test_an_instructed_matter_left_awaiting_is_routed_on(engine: Engine, people) -> None:
    """Instructions recorded before the status moved on left matters at 等待批示."""
    clerk, _boss = people
    dept = add_department(engine)
    call_id = add_call(
        engine,
        recorder_id=clerk.id,
        category="involves_leader",
        status="awaiting_instruction",
        instruction="同意",
    )
    _do(engine, workflow.route, record_id=call_id, department_id=dept, actor=clerk)
    assert _status(engine, call_id) == "routed"


def test_status_only_moves_forward(engine: Engine, people) -> None:
    clerk, _boss = people
    dept = add_department(engine)
    call_id = add_call(engine, recorder_id=clerk.id)
    with pytest.raises(Conflict):
        _do(engine, workflow.feed_back, record_id=call_id, feedback="x", actor=clerk)
    with pytest.raises(Conflict):
        _do(engine, workflow.archive, record_id=call_id, actor=None)
    with pytest.raises(ValidationError):
        _do(engine, workflow.resolve, record_id=call_id, result="", actor=clerk)
    _do(engine, workflow.resolve, record_id=call_id, result="当场答复", actor=clerk)
    with pytest.raises(Conflict):
        _do(engine, workflow.route, record_id=call_id, department_id=dept, actor=clerk)
    with pytest.raises(Conflict):
        _do(engine, workflow.resolve, record_id=call_id, result="again", actor=clerk)
    with pytest.raises(Conflict):
        _do(engine, workflow.record_instruction, record_id=call_id, instruction="x", actor=clerk)
    assert _status(engine, call_id) == "resolved"


def test_archived_call_is_corrected_by_a_new_linked_call(engine: Engine, people) -> None:
    clerk, boss = people
    call_id = add_call(engine, recorder_id=clerk.id, caller="张山")
    _do(engine, workflow.resolve, record_id=call_id, result="答复", actor=clerk)
    _do(engine, workflow.archive, record_id=call_id, actor=boss)
    with pytest.raises(Conflict):
        _do(engine, workflow.edit, record_id=call_id, changes={"caller": "张三"}, actor=clerk)
    with pytest.raises(Conflict):
        _do(engine, workflow.tell_leadership, record_id=call_id, actor=clerk)
    new = _do(engine, workflow.correct, record_id=call_id, changes={"caller": "张三"}, actor=clerk)
    with session_scope(engine) as session:
        old = session.get(Call, call_id)
        fixed = session.get(Call, new.id)
        assert old is not None and fixed is not None
        assert (old.caller, fixed.caller, fixed.corrects_id) == ("张山", "张三", call_id)
        assert fixed.caller_initials == "zs"
        detail = case_detail(session, kind="call", record_id=call_id)
        events = session.exec(select(CaseEvent).where(CaseEvent.record_id == fixed.id)).all()
    assert detail.corrected_by == (new.id,)
    assert detail.history[-1].action == "correct"
    assert [e.action for e in events if e.kind == "call"] == ["correction_of"]


def test_edit_an_open_call_keeps_history(engine: Engine, people) -> None:
    clerk, _boss = people
    call_id = add_call(engine, recorder_id=clerk.id)
    _do(engine, workflow.edit, record_id=call_id, changes={"org": "第二医院"}, actor=clerk)
    with pytest.raises(ValidationError):
        _do(engine, workflow.edit, record_id=call_id, changes={"status": "archived"}, actor=clerk)
    with session_scope(engine) as session:
        call = session.get(Call, call_id)
        assert call is not None and (call.org, call.org_initials) == ("第二医院", "deyy")
        (entry,) = workflow.case_history(session, kind=Call, record_id=call_id)
    assert entry.action == "edit"


def test_queue_is_urgent_first_then_oldest(engine: Engine, people) -> None:
    clerk, _boss = people
    minor_old = add_call(engine, recorder_id=clerk.id, priority=4, minutes=0)
    urgent_new = add_call(engine, recorder_id=clerk.id, priority=1, minutes=30)
    urgent_old = add_call(engine, recorder_id=clerk.id, priority=1, minutes=10)
    done = add_call(engine, recorder_id=clerk.id, priority=1, minutes=5)
    _do(engine, workflow.resolve, record_id=done, result="ok", actor=clerk)
    _do(engine, workflow.feed_back, record_id=done, feedback="ok", actor=clerk)
    with session_scope(engine) as session:
        items = open_queue(session)
    assert [i.id for i in items] == [urgent_old, urgent_new, minor_old]
    assert items[0].waited > items[1].waited


def test_the_same_workflow_runs_on_visits(engine: Engine, people) -> None:
    from datetime import UTC, datetime

    from desk.models import Visit

    clerk, boss = people
    dept = add_department(engine)
    with session_scope(engine) as session:
        visit = Visit(
            received_at=datetime(2026, 11, 24, 1, 0, tzinfo=UTC),
            visitor_name="李四",
            matter="来访投诉排队时间长",
            category="complaint",
            received_by_id=clerk.id,
        )
        session.add(visit)
        session.flush()
        visit_id = visit.id
    with session_scope(engine) as session:
        workflow.route(session, kind=Visit, record_id=visit_id, department_id=dept, actor=clerk)
        workflow.resolve(session, kind="visit", record_id=visit_id, result="已改进", actor=clerk)
        workflow.feed_back(
            session, kind="visit", record_id=visit_id, feedback="已告知", actor=clerk
        )
        workflow.archive(session, kind="visit", record_id=visit_id, actor=boss)
    with session_scope(engine) as session:
        stored = session.get(Visit, visit_id)
        assert stored is not None and (stored.status, stored.outcome) == ("archived", "已改进")
        history = workflow.case_history(session, kind="visit", record_id=visit_id)
        assert workflow.case_history(session, kind="call", record_id=visit_id) == []
        new = workflow.correct(
            session, kind="visit", record_id=visit_id, changes={"visitor_name": "李斯"}, actor=clerk
        )
        assert (new.corrects_id, new.visitor_initials) == (visit_id, "ls")
    assert [h.to_status for h in history] == ["routed", "resolved", "fed_back", "archived"]


def test_the_feedback_makes_the_promised_callback(engine: Engine, people) -> None:
    clerk, _boss = people
    call_id = add_call(engine, recorder_id=clerk.id)
    other_id = add_call(engine, recorder_id=clerk.id, minutes=5)
    with session_scope(engine) as session:
        due = datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
        session.add(Callback(call_id=call_id, due_at=due))
        session.add(Callback(call_id=other_id, due_at=due))
    _do(engine, workflow.resolve, record_id=call_id, result="已安排", actor=clerk)
    _do(engine, workflow.feed_back, record_id=call_id, feedback="已电话告知", actor=clerk)
    with session_scope(engine) as session:
        made = {
            c.call_id: (c.done_at is not None, c.done_by_id) for c in session.exec(select(Callback))
        }
        history = workflow.case_history(session, kind="call", record_id=call_id)
    assert made == {call_id: (True, clerk.id), other_id: (False, None)}
    assert [h.action for h in history][-2:] == ["feed_back", "callback_done"]


def test_the_detail_names_the_reply_promised(engine: Engine, people) -> None:
    clerk, _boss = people
    in_days = add_call(engine, recorder_id=clerk.id, reply_within_days=2)
    in_hours = add_call(engine, recorder_id=clerk.id, reply_within_hours=4)
    none = add_call(engine, recorder_id=clerk.id)
    with session_scope(engine) as session:
        shown = {
            call_id: dict(case_detail(session, kind="call", record_id=call_id).fields).get(
                "回复时限"
            )
            for call_id in (in_days, in_hours, none)
        }
    assert shown == {in_days: "2 个工作日", in_hours: "4 小时", none: None}


def test_the_queue_the_handover_and_the_caller_panel_agree_on_what_is_open(
    engine: Engine, people
) -> None:
    """A directive fed back before leadership was told is still work: the next shift's
    handover and the caller's panel list it, as the work queue does, until it is reported."""
    clerk, _boss = people
    untold = add_call(engine, recorder_id=clerk.id, category="directive", status="fed_back")
    add_call(engine, recorder_id=clerk.id, minutes=1, status="fed_back")  # done with
    opened = add_call(engine, recorder_id=clerk.id, minutes=2)

    def seen() -> tuple[set[int], set[int], int, set[int]]:
        with session_scope(engine) as session:
            queue = {item.id for item in open_queue(session)}
            report = shift_report(session, day=date(2026, 11, 24), tz=SHANGHAI, now=NOW)
            handed = {item.record_id for item in report.items if item.kind == "call"}
            panel = caller_history(session, number_e164="+8613812345678")
        return queue, handed, report.open_calls, {c.id for c in panel.open_calls}

    assert seen() == ({untold, opened}, {untold, opened}, 2, {untold, opened})
    _do(engine, workflow.tell_leadership, record_id=untold, actor=clerk)
    assert seen() == ({opened}, {opened}, 1, {opened})
