"""Which records have been corrected (a new record linked to them by corrects_id)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from desk.models import CaseEvent


def corrected_ids(session: Session, *, kind: str, ids: Iterable[int]) -> set[int]:
    """The records among `ids` that a correction points to: `workflow.correct` writes a
    'correct' event in the old record's history, found by ix_case_event_record (corrects_id
    itself has no index, and a page of the log must not scan every call)."""
    wanted = list(ids)
    if not wanted:
        return set()
    query = select(CaseEvent.record_id).where(
        CaseEvent.kind == kind,
        col(CaseEvent.record_id).in_(wanted),
        CaseEvent.action == "correct",
    )
    return set(session.exec(query.distinct()))
