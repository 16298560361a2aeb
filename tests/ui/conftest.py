"""Pilot fixtures: an app on a fresh SQLite file, optionally with someone signed in."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from desk.app import DeskApp, make_app
from desk.config import Settings
from desk.models import Role
from desk.rules.pinyin import load as load_pinyin
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.staff import create_staff

# How long a test waits for the app to get somewhere: on a loaded machine (CI, two test
# workers) loading the database code or checking a PIN can take several seconds.
WAIT_S = 20.0


async def wait_until(pilot: Any, until: Callable[[], bool], *, workers: bool = False) -> None:
    """Let the app run until `until()` holds, at most WAIT_S seconds (the caller asserts);
    with `workers`, let its workers finish at each step too."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if workers:
            await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)
        if until():
            return


# A running desk has pypinyin loaded a second after start; tests start with it loaded so
# that typing pinyin initials at once is deterministic (test_sign_in_lock covers the wait).
load_pinyin()


@pytest.fixture(autouse=True)
def no_prebuilt_screens(monkeypatch: pytest.MonkeyPatch) -> None:
    """Area screens are built as a test opens them, not in the background while it runs."""
    monkeypatch.setattr("desk.app.PREBUILD_SCREENS", False)


def add_staff(
    engine: Engine, name: str = "王丽", role: Role = Role.ADMIN, pin: str = "1234"
) -> SignedIn:
    """Create a staff member and return them as the app holds them."""
    with session_scope(engine) as session:
        return SignedIn.of(create_staff(session, name=name, role=role, pin=pin))


@pytest.fixture
def app(settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]) -> DeskApp:
    """The app on an empty database (it will ask for the first administrator)."""
    app = make_app(settings, sqlite_engine, clock=clock)
    app.NOTIFICATION_TIMEOUT = 120  # a loaded machine must not let a toast expire mid-test
    return app


@pytest.fixture
def admin(sqlite_engine: Engine) -> SignedIn:
    """An administrator 王丽 with PIN 1234."""
    return add_staff(sqlite_engine)
