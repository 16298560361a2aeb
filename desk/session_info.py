"""The signed-in staff member as a plain value the UI can hold."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk.models import Staff


class Role(StrEnum):
    """What a staff member may do."""

    RECEPTIONIST = "receptionist"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


@dataclass(frozen=True)
class SignedIn:
    """Who is working at this desk now."""

    id: int
    name: str
    role: Role

    @classmethod
    def of(cls, staff: Staff) -> SignedIn:
        """A plain copy of a loaded Staff row."""
        assert staff.id is not None
        return cls(id=staff.id, name=staff.name, role=Role(staff.role))


@dataclass(frozen=True)
class StaffChange:
    """Published by the app when someone else signs in at this desk (shift change)."""

    previous: SignedIn | None
    current: SignedIn
