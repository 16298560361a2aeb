"""The audit trail: appended only (the database refuses changes), read newest first, paged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import Engine, delete, text, update
from sqlalchemy.exc import DBAPIError
from sqlmodel import select

from desk.models import AuditEvent
from desk.models.base import utcnow
from desk.store.audit import list_audit, record_audit
from desk.store.engine import session_scope


def _fill(engine: Engine, count: int) -> None:
    with session_scope(engine) as session:
        for number in range(count):
            record_audit(
                session,
                action="call_save" if number % 2 else "export",
                staff=None,
                detail=str(number),
            )


def test_audit_rows_cannot_be_changed_or_deleted(engine: Engine) -> None:
    _fill(engine, 3)
    for statement in (
        update(AuditEvent).values(actor="someone else"),
        delete(AuditEvent),
    ):
        with pytest.raises(DBAPIError, match="append-only"), session_scope(engine) as session:
            session.execute(statement)
    with session_scope(engine) as session:
        rows = session.exec(select(AuditEvent)).all()
        assert len(rows) == 3 and all(r.actor != "someone else" for r in rows)


def test_audit_cannot_be_emptied_on_postgres(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    _fill(engine, 1)
    with pytest.raises(DBAPIError, match="append-only"), session_scope(engine) as session:
        session.execute(text("TRUNCATE audit_event"))


def test_newest_first_paged_and_filtered(engine: Engine) -> None:
    _fill(engine, 7)
    with session_scope(engine) as session:
        first = list_audit(session, actor=None, limit=3)
        assert [r.detail for r in first] == ["6", "5", "4"]
        second = list_audit(session, actor=None, limit=3, before_id=first[-1].id)
        assert [r.detail for r in second] == ["3", "2", "1"]
        saves = list_audit(session, actor=None, action="save")
        assert [r.detail for r in saves] == ["5", "3", "1"]
        assert list_audit(session, actor=None, since=utcnow() + timedelta(hours=1)) == []
        assert list_audit(session, actor=None, who="%") == []
