"""Staff members and the departments matters are routed to."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from desk.models.base import Role, utcnow


class Department(SQLModel, table=True):
    """A department a call, visit or follow-up can be routed to (分工归口)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    active: bool = True


class Staff(SQLModel, table=True):
    """A person who signs in at a desk; the one who takes a call owns it (首接负责制)."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    role: str = Field(default=Role.RECEPTIONIST.value, max_length=20)
    pin_hash: str = Field(default="", max_length=300)
    active: bool = True
    failed_pins: int = 0
    locked_until: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
