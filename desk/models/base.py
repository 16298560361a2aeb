"""Shared pieces of the tables: naming convention, UTC clock, enumerations."""

from __future__ import annotations

from sqlmodel import SQLModel

# Defined without the tables: the first screens need them before the tables load.
from desk.kinds import OPEN_STATUSES as OPEN_STATUSES
from desk.kinds import Category as Category
from desk.kinds import Priority as Priority
from desk.kinds import Status as Status
from desk.kinds import utcnow as utcnow
from desk.session_info import Role as Role

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
