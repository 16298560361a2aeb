"""The entry forms' time follows the clock until the user sets it (a form left open is not
a call received when the form was emptied)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine
from textual.widgets import Input

from desk.app import DeskApp, make_app
from desk.config import Settings
from desk.session_info import SignedIn
from tests.conftest import FROZEN_NOW
from tests.ui.test_call_entry import calls, open_entry, settle, type_call
from tests.ui.test_visits import open_visits, type_visit, visits


@pytest.fixture
def moving(settings: Settings, sqlite_engine: Engine) -> tuple[DeskApp, list[datetime]]:
    now = [FROZEN_NOW]
    app = make_app(settings, sqlite_engine, clock=lambda: now[0])
    app.NOTIFICATION_TIMEOUT = 120
    return app, now


async def test_a_call_begun_later_takes_the_time_it_is_begun(
    moving: tuple[DeskApp, list[datetime]], admin: SignedIn, sqlite_engine: Engine
) -> None:
    app, now = moving
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        assert form.values()["time"] == "2026-11-24 09:05"
        now[0] = FROZEN_NOW + timedelta(minutes=18)  # the desk sat open
        await type_call(app, pilot)
        assert form.values()["time"] == "2026-11-24 09:23"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        received = calls(sqlite_engine)[0].received_at
        assert received == (FROZEN_NOW + timedelta(minutes=18)).astimezone(received.tzinfo)


async def test_a_time_the_user_typed_stays(
    moving: tuple[DeskApp, list[datetime]], admin: SignedIn, sqlite_engine: Engine
) -> None:
    app, now = moving
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        field = form.query_one("#time", Input)
        field.focus()
        field.value = ""
        await pilot.press(*"08:50")
        now[0] = FROZEN_NOW + timedelta(minutes=30)
        await type_call(app, pilot)
        assert form.values()["time"] == "2026-11-24 08:50"


async def test_a_visit_begun_later_takes_the_time_it_is_begun(
    moving: tuple[DeskApp, list[datetime]], admin: SignedIn, sqlite_engine: Engine
) -> None:
    app, now = moving
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        now[0] = FROZEN_NOW + timedelta(minutes=7)
        await pilot.press("f2")
        await settle(app, pilot)
        await pilot.press("f4")  # back on the visit screen: the untouched form shows now
        await settle(app, pilot)
        assert form.values()["time"] == "2026-11-24 09:12"
        now[0] = FROZEN_NOW + timedelta(minutes=9)
        await type_visit(app, pilot)
        assert form.values()["time"] == "2026-11-24 09:14"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        received = visits(sqlite_engine)[0].received_at
        assert received == (FROZEN_NOW + timedelta(minutes=9)).astimezone(received.tzinfo)


async def test_a_long_call_keeps_the_time_it_was_begun(
    moving: tuple[DeskApp, list[datetime]], admin: SignedIn, sqlite_engine: Engine
) -> None:
    """Typing on for minutes does not move the time to the last keystroke."""
    app, now = moving
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        now[0] = FROZEN_NOW + timedelta(minutes=3)
        form.query_one("#org", Input).focus()
        await pilot.press(*"第一医院")
        assert form.values()["time"] == "2026-11-24 09:08"
        now[0] = FROZEN_NOW + timedelta(minutes=9)  # a long call
        await pilot.press("tab", *"张三")
        await pilot.pause()
        assert form.values()["time"] == "2026-11-24 09:08"
