"""The kinds of case record (a call or a visit) and the history of changes kept for each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlmodel import Session, select

from desk.i18n import N_
from desk.models import Call, CaseEvent, Staff, Visit

Kind = Literal["call", "visit"]
Record = Call | Visit
MODELS: dict[str, type[Call] | type[Visit]] = {"call": Call, "visit": Visit}
ACTION_LABELS = {
    "register": N_("Registered"),
    "registered": N_("Registered"),
    "route": N_("Routed"),
    "tell_leadership": N_("Leadership told"),
    "instruction": N_("Leader's instruction"),
    "resolve": N_("Resolved"),
    "feed_back": N_("Fed back to caller"),
    "archive": N_("Archived"),
    "correct": N_("Corrected"),
    "correction_of": N_("Correction of an archived record"),
    "edit": N_("Edited"),
    "callback_done": N_("Callback done"),
}
"""Labels of the actions a history shows (msgids; translate where shown)."""


@dataclass(frozen=True)
class HistoryEntry:
    """One change in a record's history."""

    at: datetime
    staff: str
    action: str
    from_status: str | None
    to_status: str | None
    note: str | None


def model_of(kind: str | type[Call] | type[Visit]) -> type[Call] | type[Visit]:
    """The table of a kind ("call" or "visit"), or the table itself."""
    if isinstance(kind, str):
        if kind not in MODELS:
            raise ValueError(f"unknown record kind {kind!r}")
        return MODELS[kind]
    return kind


def kind_of(model: type[Call] | type[Visit]) -> Kind:
    """The kind name of a table."""
    return "call" if model is Call else "visit"


def case_history(
    session: Session, *, kind: str | type[Record], record_id: int
) -> list[HistoryEntry]:
    """Every change of a record, oldest first, with who made it."""
    kind_name = kind_of(model_of(kind))
    query = (
        select(CaseEvent, Staff.name)
        .outerjoin(Staff, Staff.id == CaseEvent.staff_id)
        .where(CaseEvent.kind == kind_name, CaseEvent.record_id == record_id)
        .order_by(CaseEvent.at, CaseEvent.id)
    )
    return [
        HistoryEntry(
            at=event.at,
            staff=name or "",
            action=event.action,
            from_status=event.from_status,
            to_status=event.to_status,
            note=event.note,
        )
        for event, name in session.exec(query)
    ]
