"""Caller recognition: a person's earlier calls and visits and everything still open for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, func, select

from desk.models import (
    OPEN_STATUSES,
    Call,
    Callback,
    FollowupSubject,
    FollowupTask,
    TaskStatus,
    Visit,
)

OPEN_LIMIT = 50


@dataclass(frozen=True)
class CallSummary:
    """One call or visit as the caller panel shows it (a visit's visitor and matter stand in
    for the caller and the content)."""

    id: int
    received_at: datetime
    org: str
    caller: str
    content: str
    number: str
    priority: int
    category: str
    status: str
    kind: str = "call"


@dataclass(frozen=True)
class CallbackSummary:
    """A promised callback not yet done."""

    id: int
    due_at: datetime
    call_id: int | None
    visit_id: int | None
    about: str


@dataclass(frozen=True)
class FollowupSummary:
    """A follow-up call still to make to someone with this number."""

    task_id: int
    subject: str
    rule_name: str
    due_on: date


@dataclass(frozen=True)
class CallerHistory:
    """What the desk knows about a caller: earlier calls (newest first) and open matters."""

    calls: tuple[CallSummary, ...] = ()
    total_calls: int = 0
    open_calls: tuple[CallSummary, ...] = ()
    open_callbacks: tuple[CallbackSummary, ...] = ()
    pending_followups: tuple[FollowupSummary, ...] = ()

    @property
    def empty(self) -> bool:
        """Nothing is known about this caller."""
        return not (self.calls or self.open_callbacks or self.pending_followups)


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
    still_open = session.exec(
        select(model)
        .where(match, col(model.status).in_([s.value for s in OPEN_STATUSES]))
        .order_by(col(model.priority), col(model.received_at))
        .limit(OPEN_LIMIT)
    )
    return [_summary(r) for r in newest], total, [_summary(r) for r in still_open]


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
