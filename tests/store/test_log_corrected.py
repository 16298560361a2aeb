"""A call replaced by a correction is marked 已更正 in the log's rows."""

from __future__ import annotations

from sqlalchemy import Engine

from desk.models import Role
from desk.session_info import SignedIn
from desk.store import workflow
from desk.store.engine import session_scope
from desk.store.search import LogFilter, call_page
from desk.store.staff import create_staff
from tests.calls_helper import add_call


def test_a_corrected_archived_call_is_marked_and_its_correction_is_not(engine: Engine) -> None:
    with session_scope(engine) as session:
        clerk = SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))
    old = add_call(engine, recorder_id=clerk.id, status="archived", content="咨询门诊")
    other = add_call(engine, recorder_id=clerk.id, status="archived", minutes=-5)
    with session_scope(engine) as session:
        new = workflow.correct(
            session, kind="call", record_id=old, changes={"content": "咨询专家门诊"}, actor=clerk
        ).id
    with session_scope(engine) as session:
        for log_filter in (LogFilter(), LogFilter(status="archived"), LogFilter(text="门诊")):
            rows = {r.id: r for r in call_page(session, log_filter=log_filter)}
            assert rows[old].corrected, log_filter
            assert not rows[other].corrected
            if new in rows:
                assert not rows[new].corrected and rows[new].corrects_id == old
