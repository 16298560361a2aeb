"""Follow-ups from desk work: a resolved complaint and a sales lead enrol their person."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from desk.config import Settings
from desk.models import FollowupEnrollment, FollowupSubject, FollowupTask, Role
from desk.session_info import SignedIn
from desk.store import workflow
from desk.store.caller import caller_history
from desk.store.calls import CallCreate, create_call
from desk.store.engine import session_scope
from desk.store.staff import create_staff
from desk.store.visits import VisitCreate, create_visit
from tests.calls_helper import add_call
from tests.conftest import FROZEN_NOW


@pytest.fixture
def clerk(engine: Engine) -> SignedIn:
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name="王丽", role=Role.RECEPTIONIST, pin="1234"))


def _visit(clerk: SignedIn, **changes: object) -> VisitCreate:
    values: dict[str, object] = {
        "visitor_name": "周女士",
        "number": "13812345678",
        "matter": "咨询楼盘户型",
        "received_at": FROZEN_NOW,
        "received_by_id": clerk.id,
    }
    values.update(changes)
    return VisitCreate(**values)  # type: ignore[arg-type]


def _enrolments(engine: Engine) -> list[tuple[str, int | None, int | None, int]]:
    """(rule, call id, visit id, number of tasks) of every enrolment."""
    with Session(engine) as session:
        rows = session.exec(select(FollowupEnrollment).order_by(FollowupEnrollment.id)).all()
        return [
            (
                e.rule_name,
                e.call_id,
                e.visit_id,
                len(
                    session.exec(
                        select(FollowupTask).where(FollowupTask.enrollment_id == e.id)
                    ).all()
                ),
            )
            for e in rows
        ]


def test_resolving_a_complaint_call_enrols_complaint_followup(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    call_id = add_call(engine, recorder_id=clerk.id, category="complaint", caller="赵敏")
    with session_scope(engine) as session:
        workflow.resolve(
            session,
            kind="call",
            record_id=call_id,
            result="已道歉并退费",
            actor=clerk,
            settings=settings,
        )
    assert _enrolments(engine) == [("complaint_resolved", call_id, None, 1)]
    with Session(engine) as session:
        subject = session.exec(select(FollowupSubject)).one()
        assert subject.name == "赵敏" and subject.phone_e164 == "+8613812345678"


def test_resolving_a_consultation_enrols_nothing(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    call_id = add_call(engine, recorder_id=clerk.id)
    with session_scope(engine) as session:
        workflow.resolve(
            session, kind="call", record_id=call_id, result="已答复", actor=clerk, settings=settings
        )
    assert _enrolments(engine) == []


def test_resolving_a_complaint_visit_enrols_complaint_followup(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    with session_scope(engine) as session:
        visit_id = create_visit(
            session, data=_visit(clerk, category="complaint"), actor=clerk, settings=settings
        ).id
    assert _enrolments(engine) == []
    with session_scope(engine) as session:
        workflow.resolve(
            session,
            kind="visit",
            record_id=visit_id,
            result="已处理",
            actor=clerk,
            settings=settings,
        )
    assert _enrolments(engine) == [("complaint_resolved", None, visit_id, 1)]


def test_a_failed_resolve_enrols_nothing(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    call_id = add_call(engine, recorder_id=clerk.id, category="complaint")
    with pytest.raises(Exception), session_scope(engine) as session:  # noqa: B017, PT011
        workflow.resolve(
            session, kind="call", record_id=call_id, result="好", actor=clerk, settings=settings
        )
        raise RuntimeError("the transaction fails after the resolve")
    assert _enrolments(engine) == []


def test_a_lead_call_enrols_the_phone_lead_rule(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    data = CallCreate(
        received_at=FROZEN_NOW,
        org="",
        caller="钱先生",
        content="咨询二期开盘时间",
        number="13912345678",
        recorder_id=clerk.id,
        is_sales_lead=True,
    )
    with session_scope(engine) as session:
        call = create_call(session, data=data, actor=clerk, now=FROZEN_NOW, settings=settings)
        assert call.is_sales_lead
        call_id = call.id
    (rule, linked, _visit_id, tasks) = _enrolments(engine)[0]
    assert (rule, linked) == ("sales_lead_phone", call_id) and tasks >= 2


def test_a_lead_visit_enrols_the_visit_lead_rule(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    with session_scope(engine) as session:
        visit_id = create_visit(
            session, data=_visit(clerk, is_sales_lead=True), actor=clerk, settings=settings
        ).id
    (rule, _call, linked, tasks) = _enrolments(engine)[0]
    assert (rule, linked) == ("sales_lead_visit", visit_id) and tasks >= 3


def test_without_the_rule_configured_nothing_is_enrolled(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    bare = replace(settings, rules=())
    with session_scope(engine) as session:
        create_visit(session, data=_visit(clerk, is_sales_lead=True), actor=clerk, settings=bare)
    assert _enrolments(engine) == []


def test_a_visit_with_its_outcome_and_feedback_is_settled_at_once(
    engine: Engine, clerk: SignedIn, settings: Settings
) -> None:
    fed = FROZEN_NOW.replace(minute=30)
    data = _visit(clerk, category="complaint", outcome="当场解决", fed_back_at=fed)
    with session_scope(engine) as session:
        visit = create_visit(session, data=data, actor=clerk, settings=settings)
        assert visit.status == "fed_back" and visit.outcome == "当场解决"
        assert visit.fed_back_at == fed
        visit_id = visit.id
    assert _enrolments(engine) == [("complaint_resolved", None, visit_id, 1)]


def test_caller_history_spans_calls_and_visits(engine: Engine, clerk: SignedIn) -> None:
    add_call(engine, recorder_id=clerk.id, minutes=-60)
    with session_scope(engine) as session:
        create_visit(session, data=_visit(clerk), actor=clerk)
    with Session(engine) as session:
        history = caller_history(session, number_e164="+8613812345678")
    assert history.total_calls == 2
    assert [c.kind for c in history.calls] == ["visit", "call"]
    assert history.calls[0].caller == "周女士" and history.calls[0].content == "咨询楼盘户型"
    assert {c.kind for c in history.open_calls} == {"call", "visit"}
