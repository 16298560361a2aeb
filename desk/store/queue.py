"""The work queue (急事先办), the callback queue, and one record with its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from desk.i18n import _
from desk.models import (
    Call,
    Callback,
    CaseEvent,
    Department,
    Staff,
    Visit,
    utcnow,
)
from desk.rules.labels import channel_label
from desk.rules.promise import ReplyPromise
from desk.rules.text import one_line
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.case_records import HistoryEntry, Record, case_history, kind_of, model_of
from desk.store.errors import Conflict, NotFound
from desk.store.open_work import still_open
from desk.store.steps import refusal
from desk.store.workflow import needs_instruction, needs_leadership_report


@dataclass(frozen=True)
class QueueItem:
    """One open call or visit in the work queue."""

    kind: str
    id: int
    received_at: datetime
    waited: timedelta
    priority: int
    category: str
    status: str
    who: str
    summary: str
    department: str
    needs_report: bool
    needs_instruction: bool
    leadership_told: bool = False
    person_first: str = ""
    """Who, the person before the organisation (what a narrow column keeps of it)."""

    def refusal(self, step: str) -> str | None:
        """Why this matter is not ready for a workflow step (None when it is), for the user."""
        return refusal(
            step,
            record_id=self.id,
            status=self.status,
            leadership_told=self.leadership_told,
            needs_instruction=self.needs_instruction,
            needs_report=self.needs_report,
        )


@dataclass(frozen=True)
class CallbackItem:
    """One promised callback not yet made."""

    id: int
    kind: str
    record_id: int
    due_at: datetime
    overdue: bool
    who: str
    number: str
    summary: str
    person_first: str = ""
    """Who, the person before the organisation (what a narrow column keeps of it)."""


@dataclass(frozen=True)
class CaseDetail:
    """A whole call or visit, with its history, as plain values."""

    kind: str
    id: int
    received_at: datetime
    fields: tuple[tuple[str, str], ...]
    priority: int
    category: str
    status: str
    department: str
    staff: str
    corrects_id: int | None
    corrected_by: tuple[int, ...]
    history: tuple[HistoryEntry, ...]


def _who(record: Record, *, person_first: bool = False) -> str:
    person = record.caller if isinstance(record, Call) else record.visitor_name
    parts = (person, record.org) if person_first else (record.org, person)
    return one_line(" · ".join(p for p in parts if p))


def _summary(record: Record) -> str:
    return one_line(record.content if isinstance(record, Call) else record.matter)


def open_queue(
    session: Session, *, limit: int = 500, now: datetime | None = None
) -> list[QueueItem]:
    """Every open call and visit, urgent first then oldest first, with how long each waited."""
    moment = now or utcnow()
    departments = {d.id: d.name for d in session.exec(select(Department))}
    items: list[QueueItem] = []
    for model in (Call, Visit):
        query = (
            select(model)
            .where(still_open(model))
            .order_by(model.priority, model.received_at, model.id)
            .limit(limit)
        )
        for record in session.exec(query):
            assert record.id is not None
            items.append(
                QueueItem(
                    kind=kind_of(model),
                    id=record.id,
                    received_at=record.received_at,
                    waited=max(moment - record.received_at, timedelta(0)),
                    priority=record.priority,
                    category=record.category,
                    status=record.status,
                    who=_who(record),
                    summary=_summary(record),
                    department=departments.get(record.department_id, ""),
                    needs_report=needs_leadership_report(record),
                    needs_instruction=needs_instruction(record),
                    leadership_told=record.leadership_told_at is not None,
                    person_first=_who(record, person_first=True),
                )
            )
    items.sort(key=lambda item: (item.priority, item.received_at, item.kind, item.id))
    return items[:limit]


def open_callbacks(
    session: Session, *, limit: int = 500, now: datetime | None = None
) -> list[CallbackItem]:
    """Promised callbacks not yet made, the one due first at the top."""
    moment = now or utcnow()
    query = (
        select(Callback, Call, Visit)
        .outerjoin(Call, Call.id == Callback.call_id)
        .outerjoin(Visit, Visit.id == Callback.visit_id)
        .where(col(Callback.done_at).is_(None))
        .order_by(Callback.due_at, Callback.id)
        .limit(limit)
    )
    items = []
    for callback, call, visit in session.exec(query):
        record: Record | None = call or visit
        assert callback.id is not None
        items.append(
            CallbackItem(
                id=callback.id,
                kind="call" if call else "visit",
                record_id=(record.id or 0) if record else 0,
                due_at=callback.due_at,
                overdue=callback.due_at < moment,
                who=_who(record) if record else "",
                number=one_line(record.number_raw) if record else "",
                summary=one_line(callback.note or (_summary(record) if record else "")),
                person_first=_who(record, person_first=True) if record else "",
            )
        )
    return items


def complete_callback(
    session: Session, *, callback_id: int, actor: SignedIn | None, note: str | None = None
) -> Callback:
    """Mark a promised callback as made, kept in its record's history."""
    require(actor, Permission.LOG)
    callback = session.get(Callback, callback_id)
    if callback is None:
        raise NotFound(_("Callback {id} does not exist.").format(id=callback_id))
    if callback.done_at is not None:
        raise Conflict(_("Callback {id} is already done.").format(id=callback_id))
    callback.done_at = utcnow()
    callback.done_by_id = actor.id if actor else None
    session.add(callback)
    kind, record_id = (
        ("call", callback.call_id) if callback.call_id else ("visit", callback.visit_id)
    )
    if record_id is not None:
        session.add(
            CaseEvent(
                kind=kind,
                record_id=record_id,
                staff_id=actor.id if actor else None,
                action="callback_done",
                note=(note or "").strip() or None,
            )
        )
    record_audit(
        session,
        action="callback.done",
        staff=actor,  # type: ignore[arg-type]
        target_kind="callback",
        target_id=callback.id,
    )
    session.flush()
    return callback


def _promise(call: Call) -> str | None:
    """The reply promised to the caller, as people say it (None when none was)."""
    promise = ReplyPromise.stored(call.reply_within_hours, call.reply_within_days)
    return promise.describe() if promise else None


def case_detail(session: Session, *, kind: str, record_id: int) -> CaseDetail:
    """One call or visit with all it holds and its history."""
    model = model_of(kind)
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(_("Record {id} does not exist.").format(id=record_id))
    assert record.id is not None
    department = session.get(Department, record.department_id) if record.department_id else None
    staff_id = record.recorder_id if isinstance(record, Call) else record.received_by_id
    staff = session.get(Staff, staff_id)
    corrected_by = tuple(
        i
        for i in session.exec(
            select(model.id).where(model.corrects_id == record.id).order_by(model.id)
        )
        if i is not None
    )
    if isinstance(record, Call):
        fields = (
            (_("Organisation"), record.org),
            (_("Caller"), record.caller),
            (_("Callback number"), record.number_raw),
            (_("Main content"), record.content),
        )
    else:
        fields = (
            (_("Channel"), channel_label(record.channel)),
            (_("Visitor"), record.visitor_name),
            (_("Organisation"), record.org),
            (_("Contact number"), record.number_raw),
            (_("Matter"), record.matter),
        )
    extra = (
        (_("Reply within"), _promise(record) if isinstance(record, Call) else None),
        (_("Leadership told"), _("Yes") if record.leadership_told_at else None),
        (_("Leader's instruction"), record.instruction),
        (_("Result"), record.resolution),
        (
            _("Feedback to caller") if isinstance(record, Call) else _("Feedback to the visitor"),
            record.feedback,
        ),
    )
    fields += tuple((label, str(value)) for label, value in extra if value)
    return CaseDetail(
        kind=kind_of(model),
        id=record.id,
        received_at=record.received_at,
        fields=fields,
        priority=record.priority,
        category=record.category,
        status=record.status,
        department=department.name if department else "",
        staff=staff.name if staff else "",
        corrects_id=record.corrects_id,
        corrected_by=corrected_by,
        history=tuple(case_history(session, kind=model, record_id=record.id)),
    )


def departments(session: Session) -> list[tuple[int, str]]:
    """The active departments, as (id, name), by name."""
    query = select(Department).where(col(Department.active).is_(True)).order_by(Department.id)
    return [(d.id, d.name) for d in session.exec(query) if d.id is not None]
