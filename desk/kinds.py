"""The enumerations of calls and visits and the UTC clock: plain Python, no database code
(the first screen needs them before the tables load; desk.models re-exports them)."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum, StrEnum


def utcnow() -> datetime:
    """Now, as an aware UTC datetime (what every timestamp column stores)."""
    return datetime.now(UTC)


class Priority(IntEnum):
    """The four grades; lower sorts first (急事先办)."""

    URGENT = 1
    IMPORTANT = 2
    DEFERRABLE = 3
    MINOR = 4


class Category(StrEnum):
    """What a call or visit is about."""

    CONSULTATION = "consultation"
    COMPLAINT = "complaint"
    SUGGESTION = "suggestion"
    PRAISE = "praise"
    DIRECTIVE = "directive"
    MAJOR_EVENT = "major_event"
    INVOLVES_LEADER = "involves_leader"
    REPAIR = "repair"
    HARASSMENT = "harassment"
    OTHER = "other"


class Status(StrEnum):
    """Where a call or visit stands; it moves forward through these."""

    REGISTERED = "registered"
    ROUTED = "routed"
    AWAITING_INSTRUCTION = "awaiting_instruction"
    RESOLVED = "resolved"
    FED_BACK = "fed_back"
    ARCHIVED = "archived"


OPEN_STATUSES = (
    Status.REGISTERED,
    Status.ROUTED,
    Status.AWAITING_INSTRUCTION,
    Status.RESOLVED,
)
