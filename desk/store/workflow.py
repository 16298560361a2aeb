"""The life of a call or a visit: route, report, instruct, resolve, feed back, archive, correct."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from desk.config import Settings
from desk.i18n import _
from desk.models import Call, Callback, CaseEvent, Category, Department, Status, Visit, utcnow
from desk.rules.pinyin import initials
from desk.session_info import SignedIn
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.case_followups import enrol_resolved_complaint
from desk.store.case_records import Kind, Record, kind_of, model_of
from desk.store.case_records import case_history as case_history  # steps' callers read it here
from desk.store.errors import Conflict, NotFound, ValidationError
from desk.store.open_work import REPORTED_CATEGORIES as REPORTED_CATEGORIES
from desk.store.steps import refusal

EDITABLE = {
    "call": ("org", "caller", "content", "number_raw", "priority", "category"),
    "visit": ("visitor_name", "org", "matter", "number_raw", "priority", "category"),
}


def needs_leadership_report(record: Record) -> bool:
    """A directive or major event not yet reported to leadership."""
    return record.category in REPORTED_CATEGORIES and record.leadership_told_at is None


def needs_instruction(record: Record) -> bool:
    """A matter involving leaders with no leader's instruction recorded yet."""
    return record.category == Category.INVOLVES_LEADER.value and not record.instruction


def _load(session: Session, kind: str | type[Record], record_id: int) -> Record:
    model = model_of(kind)
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(_("Record {id} does not exist.").format(id=record_id))
    return record


def _open(record: Record) -> None:
    if record.status == Status.ARCHIVED.value:
        raise Conflict(_("Record {id} is archived and cannot be changed.").format(id=record.id))


def _text(value: str | None, field: str, message: str) -> str:
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(message, field=field)
    return cleaned


def _ready(step: str, record: Record) -> None:
    """Refuse a step the record is not ready for, saying why (as the queue says it)."""
    reason = refusal(
        step,
        record_id=record.id or 0,
        status=record.status,
        leadership_told=record.leadership_told_at is not None,
        needs_instruction=needs_instruction(record),
        needs_report=needs_leadership_report(record),
    )
    if reason is not None:
        raise Conflict(reason)


def _change(
    session: Session,
    record: Record,
    *,
    actor: SignedIn | None,
    action: str,
    to_status: Status | None = None,
    note: str | None = None,
    detail: dict[str, Any] | None = None,
) -> CaseEvent:
    """Apply a status change (if any), stamp the record and keep the event and audit rows."""
    from_status = record.status
    if to_status is not None:
        record.status = to_status.value
    record.updated_at = utcnow()
    session.add(record)
    session.flush()
    kind = kind_of(type(record))
    event = CaseEvent(
        kind=kind,
        record_id=record.id or 0,
        staff_id=actor.id if actor else None,
        action=action,
        from_status=from_status,
        to_status=record.status,
        note=note,
    )
    session.add(event)
    record_audit(
        session,
        action=f"{kind}.{action}",
        staff=actor,  # type: ignore[arg-type]  # SignedIn has the id and name audit reads
        target_kind=kind,
        target_id=record.id,
        detail=detail or ({"note": note} if note else None),
    )
    session.flush()
    return event


def route(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    department_id: int,
    actor: SignedIn | None,
    note: str | None = None,
) -> Record:
    """Hand a matter to a department (分工归口); leaders' matters then await an instruction."""
    require(actor, Permission.LOG)
    record = _load(session, kind, record_id)
    _ready("route", record)
    department = session.get(Department, department_id)
    if department is None or not department.active:
        raise ValidationError(_("Choose a department."), field="department")
    record.department_id = department_id
    # Awaiting only while no instruction is recorded (one recorded before it moved the
    # status on is found here too).
    target = Status.AWAITING_INSTRUCTION if needs_instruction(record) else Status.ROUTED
    _change(
        session,
        record,
        actor=actor,
        action="route",
        to_status=target,
        note=department.name + (f" · {note.strip()}" if note and note.strip() else ""),
        detail={"department_id": department_id, "department": department.name},
    )
    return record


def tell_leadership(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    actor: SignedIn | None,
    note: str | None = None,
) -> Record:
    """Record that leadership has been told of the matter (上报领导)."""
    require(actor, Permission.LOG)
    record = _load(session, kind, record_id)
    _ready("tell", record)
    record.leadership_told_at = utcnow()
    _change(
        session, record, actor=actor, action="tell_leadership", note=(note or "").strip() or None
    )
    return record


def record_instruction(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    instruction: str,
    actor: SignedIn | None,
) -> Record:
    """Record a leader's instruction (批示); a matter involving leaders may then be resolved,
    and is no longer awaiting one (back with its department, or registered if it has none)."""
    require(actor, Permission.LOG)
    record = _load(session, kind, record_id)
    _ready("instruct", record)
    cleaned = _text(instruction, "instruction", _("Enter the leader's instruction."))
    record.instruction = cleaned
    record.instruction_at = utcnow()
    target = None
    if record.status == Status.AWAITING_INSTRUCTION.value:
        target = Status.ROUTED if record.department_id is not None else Status.REGISTERED
    _change(session, record, actor=actor, action="instruction", to_status=target, note=cleaned)
    return record


def resolve(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    result: str,
    actor: SignedIn | None,
    settings: Settings | None = None,
) -> Record:
    """Record how the matter was settled; one involving leaders needs an instruction first.

    A resolved complaint enrols its person under the configured "complaint resolved" rule.
    """
    require(actor, Permission.LOG)
    record = _load(session, kind, record_id)
    _ready("resolve", record)
    cleaned = _text(result, "result", _("Enter the result."))
    record.resolution = cleaned
    record.resolved_at = utcnow()
    if isinstance(record, Visit):
        record.outcome = cleaned
    _change(session, record, actor=actor, action="resolve", to_status=Status.RESOLVED, note=cleaned)
    enrol_resolved_complaint(session, settings=settings, record=record)
    return record


def feed_back(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    feedback: str,
    actor: SignedIn | None,
) -> Record:
    """Record that the result was told to the caller or visitor (反馈)."""
    require(actor, Permission.LOG)
    record = _load(session, kind, record_id)
    _ready("feedback", record)
    cleaned = _text(feedback, "feedback", _("Enter what the caller was told."))
    record.feedback = cleaned
    record.fed_back_at = utcnow()
    _change(
        session, record, actor=actor, action="feed_back", to_status=Status.FED_BACK, note=cleaned
    )
    _callbacks_made(session, record, actor=actor)
    return record


def _callbacks_made(session: Session, record: Record, *, actor: SignedIn | None) -> None:
    """The feedback is the promised reply: the record's callbacks still waiting are made."""
    from desk.store.queue import complete_callback

    column = Callback.call_id if isinstance(record, Call) else Callback.visit_id
    waiting = session.exec(
        select(Callback.id).where(column == record.id, col(Callback.done_at).is_(None))
    )
    for callback_id in list(waiting):
        complete_callback(
            session, callback_id=callback_id or 0, actor=actor, note=_("Made with the feedback.")
        )


def archive(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    actor: SignedIn | None,
) -> Record:
    """Close a settled record for good (归档); needs the archive permission."""
    require(actor, Permission.ARCHIVE)
    record = _load(session, kind, record_id)
    _ready("archive", record)
    record.archived_at = utcnow()
    _change(session, record, actor=actor, action="archive", to_status=Status.ARCHIVED)
    return record


def _check_changes(kind: Kind, changes: dict[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(EDITABLE[kind])
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: {fields}").format(fields=", ".join(sorted(unknown)))
        )
    if "category" in changes and changes["category"] not in {c.value for c in Category}:
        raise ValidationError(_("Choose a category."), field="category")
    if "priority" in changes and changes["priority"] not in (1, 2, 3, 4):
        raise ValidationError(_("Choose a priority."), field="priority")
    return changes


def _apply(record: Record, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(record, name, value)
    if isinstance(record, Call):
        record.org_initials = initials(record.org)
        record.caller_initials = initials(record.caller)
    else:
        record.visitor_initials = initials(record.visitor_name)


def edit(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    changes: dict[str, Any],
    actor: SignedIn | None,
) -> Record:
    """Change what was written down on an open or settled record; archived ones refuse."""
    require(actor, Permission.LOG)
    record = _load(session, kind, record_id)
    _open(record)
    _apply(record, _check_changes(kind_of(type(record)), changes))
    _change(session, record, actor=actor, action="edit", detail={"changes": changes})
    return record


def correct(
    session: Session,
    *,
    kind: str | type[Record],
    record_id: int,
    changes: dict[str, Any],
    actor: SignedIn | None,
) -> Record:
    """Correct a record: a new record linked to the old by corrects_id; the old is untouched."""
    require(actor, Permission.LOG)
    old = _load(session, kind, record_id)
    model = type(old)
    kind_name = kind_of(model)
    _check_changes(kind_name, changes)
    data = old.model_dump(exclude={"id", "created_at", "updated_at", "corrects_id"})
    new = model(**data)
    new.corrects_id = old.id
    _apply(new, changes)
    session.add(new)
    session.flush()
    _change(
        session,
        new,
        actor=actor,
        action="correction_of",
        note=f"#{old.id}",
        detail={"corrects_id": old.id, "changes": changes},
    )
    session.add(
        CaseEvent(
            kind=kind_name,
            record_id=old.id or 0,
            staff_id=actor.id if actor else None,
            action="correct",
            from_status=old.status,
            to_status=old.status,
            note=f"#{new.id}",
        )
    )
    session.flush()
    return new
