"""Store fixtures: departments synced from the shipped configuration, staff to act as."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import Engine

from desk.config import Settings
from desk.models import Role
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.staff import create_staff, sync_departments

DEPARTMENTS = ("内科", "外科", "儿科", "骨科")


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The shipped configuration with a few departments (data/desk.toml nests them under
    [desk], where the loader does not look)."""
    return replace(settings, departments=DEPARTMENTS)


@pytest.fixture
def db(engine: Engine, settings: Settings) -> Engine:
    """The test database with the configured departments."""
    with session_scope(engine) as session:
        sync_departments(session, names=settings.departments)
    return engine


def make_staff(engine: Engine, name: str, role: Role) -> SignedIn:
    """Create a staff member and return them as the app holds them."""
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name=name, role=role, pin="1234"))


@pytest.fixture
def receptionist(db: Engine) -> SignedIn:
    """A receptionist 李娜."""
    return make_staff(db, "李娜", Role.RECEPTIONIST)


@pytest.fixture
def other_receptionist(db: Engine) -> SignedIn:
    """A second receptionist 张敏."""
    return make_staff(db, "张敏", Role.RECEPTIONIST)


@pytest.fixture
def supervisor(db: Engine) -> SignedIn:
    """A supervisor 陈静."""
    return make_staff(db, "陈静", Role.SUPERVISOR)
