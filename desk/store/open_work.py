"""What is still open: the work queue, the handover and the caller panel count the same."""

from __future__ import annotations

from sqlalchemy import ColumnElement
from sqlmodel import and_, col, or_

from desk.models import OPEN_STATUSES, Call, Category, Status, Visit

REPORTED_CATEGORIES = (Category.DIRECTIVE.value, Category.MAJOR_EVENT.value)
"""Categories that leadership must be told of before the matter may be archived."""


def still_open(model: type[Call] | type[Visit]) -> ColumnElement[bool]:
    """A call or visit with an open status; or a directive or major event fed back before
    leadership was told of it (settled before that rule, or re-categorised later): it cannot
    be archived until it is, so it is still work for the desk."""
    untold = and_(
        col(model.status) == Status.FED_BACK.value,
        col(model.category).in_(REPORTED_CATEGORIES),
        col(model.leadership_told_at).is_(None),
    )
    return or_(col(model.status).in_([s.value for s in OPEN_STATUSES]), untold)
