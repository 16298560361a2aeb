"""Caller recognition: a person's earlier calls and visits and everything still open for them."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, func, select

from desk.models import (
    Call,
    Callback,
    FollowupSubject,
    FollowupTask,
    TaskStatus,
    Visit,
)
from desk.store.open_work import still_open
from desk.store.shapes import CallbackSummary as CallbackSummary
from desk.store.shapes import CallerHistory as CallerHistory
from desk.store.shapes import CallSummary as CallSummary
from desk.store.shapes import FollowupSummary as FollowupSummary

OPEN_LIMIT = 50


def _summary(record: Call | Visit) -> CallSummary:
    assert record.id is not None
    is_call = isinstance(record, Call)
    return CallSummary(
        id=record.id,
        received_at=record.received_at,
        org=record.org,
        caller=record.caller if is_call else record.visitor_name,  # type: ignore[union-attr]
        content=record.content if is_call else record.matter,  # type: ignore[union-attr]
        number=record.number_raw,
        priority=record.priority,
        category=record.category,
        status=record.status,
        kind="call" if is_call else "visit",
    )


def _records(
    session: Session, model: type[Call] | type[Visit], match: Any, limit: int
) -> tuple[list[CallSummary], int, list[CallSummary]]:
    """A table's newest records matching, how many there are, and the open ones."""
    newest = session.exec(
        select(model).where(match).order_by(col(model.received_at).desc()).limit(limit)
    )
    total = session.exec(select(func.count()).select_from(model).where(match)).one()
    open_now = session.exec(
        select(model)
        .where(match, still_open(model))
        .order_by(col(model.priority), col(model.received_at))
        .limit(OPEN_LIMIT)
    )
    return [_summary(r) for r in newest], total, [_summary(r) for r in open_now]


def caller_history(
    session: Session, *, number_e164: str | None = None, org: str | None = None, limit: int = 20
) -> CallerHistory:
    """Earlier calls and visits from this number (or, when no number is known, this
    organisation), and the person's open calls and visits, callbacks and pending follow-ups."""
    org = (org or "").strip()
    match: Any
    visit_match: Any
    if number_e164:
        match = col(Call.number_e164) == number_e164
        visit_match = col(Visit.number_e164) == number_e164
    elif org:
        match = col(Call.org) == org
        visit_match = col(Visit.org) == org
    else:
        return CallerHistory()
    calls, total_calls, open_calls = _records(session, Call, match, limit)
    visits, total_visits, open_visits = _records(session, Visit, visit_match, limit)
    newest = sorted(calls + visits, key=lambda c: c.received_at, reverse=True)[:limit]
    still_open = sorted(open_calls + open_visits, key=lambda c: (c.priority, c.received_at))
    callbacks = [
        CallbackSummary(cb.id or 0, cb.due_at, cb.call_id, None, f"{call.caller} {call.content}")
        for cb, call in session.exec(
            select(Callback, Call)
            .join(Call, col(Callback.call_id) == col(Call.id))
            .where(match, col(Callback.done_at).is_(None))
            .order_by(col(Callback.due_at))
            .limit(OPEN_LIMIT)
        )
    ]
    followups: list[FollowupSummary] = []
    if number_e164:
        callbacks += [
            CallbackSummary(
                cb.id or 0, cb.due_at, None, cb.visit_id, f"{v.visitor_name} {v.matter}"
            )
            for cb, v in session.exec(
                select(Callback, Visit)
                .join(Visit, col(Callback.visit_id) == col(Visit.id))
                .where(col(Visit.number_e164) == number_e164, col(Callback.done_at).is_(None))
                .limit(OPEN_LIMIT)
            )
        ]
        followups = [
            FollowupSummary(task.id or 0, subject.name, task.rule_name, task.due_on)
            for task, subject in session.exec(
                select(FollowupTask, FollowupSubject)
                .join(FollowupSubject, col(FollowupTask.subject_id) == col(FollowupSubject.id))
                .where(
                    col(FollowupSubject.phone_e164) == number_e164,
                    col(FollowupTask.status) == TaskStatus.PENDING.value,
                )
                .order_by(col(FollowupTask.due_at))
                .limit(OPEN_LIMIT)
            )
        ]
    return CallerHistory(
        calls=tuple(newest),
        total_calls=total_calls + total_visits,
        open_calls=tuple(still_open[:OPEN_LIMIT]),
        open_callbacks=tuple(sorted(callbacks, key=lambda cb: cb.due_at)),
        pending_followups=tuple(followups),
    )
