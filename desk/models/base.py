"""Shared pieces of the tables: naming convention, UTC clock, enumerations."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import IntEnum, StrEnum

from sqlmodel import SQLModel

# Defined with the signed-in person: the first screen needs it before the tables load.
from desk.session_info import Role as Role

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


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
