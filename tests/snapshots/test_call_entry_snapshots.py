"""Snapshots of the call entry screen: empty, filled, errors, read-back open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import Engine
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from desk.app import DeskApp, make_app
from desk.config import Settings
from desk.models import Role
from desk.session_info import SignedIn
from desk.store.engine import session_scope
from desk.store.staff import create_staff

SIZE = (120, 36)


@pytest.fixture
def entry_app(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> tuple[DeskApp, SignedIn]:
    with session_scope(sqlite_engine) as session:
        staff = SignedIn.of(create_staff(session, name="王丽", role=Role.ADMIN, pin="1234"))
    return make_app(settings, sqlite_engine, clock=clock), staff


async def _settle(app: DeskApp, pilot: Pilot) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause()


def _opened(app: DeskApp, staff: SignedIn, then: Callable | None = None) -> Callable:
    async def run_before(pilot: Pilot) -> None:
        await _settle(app, pilot)
        app.signed_in(staff)
        await _settle(app, pilot)
        if then is not None:
            await then(pilot)
            await _settle(app, pilot)

    return run_before


async def _fill(pilot: Pilot) -> None:
    app = pilot.app
    app.screen.query_one("#org", Input).focus()
    await pilot.press(*"第一医院", "tab", *"张三", "tab")
    app.screen.query_one("#content", TextArea).text = "咨询心内科专家门诊时间\n[b]不是粗体[/b]"
    app.screen.query_one("#number", Input).focus()
    await pilot.press(*"13812345678", "tab")


class TestCallEntrySnapshots:
    """The call entry screen in each state."""

    def test_empty(self, snap_compare, entry_app) -> None:  # type: ignore[no-untyped-def]
        app, staff = entry_app
        assert snap_compare(app, terminal_size=SIZE, run_before=_opened(app, staff))

    def test_filled(self, snap_compare, entry_app) -> None:  # type: ignore[no-untyped-def]
        app, staff = entry_app
        assert snap_compare(app, terminal_size=SIZE, run_before=_opened(app, staff, _fill))

    def test_errors(self, snap_compare, entry_app) -> None:  # type: ignore[no-untyped-def]
        app, staff = entry_app

        async def errors(pilot: Pilot) -> None:
            pilot.app.screen.query_one("#time", Input).value = "昨天"
            pilot.app.screen.query_one("#number", Input).value = "12ab"
            await pilot.press("ctrl+s")

        assert snap_compare(app, terminal_size=SIZE, run_before=_opened(app, staff, errors))

    def test_readback_open(self, snap_compare, entry_app) -> None:  # type: ignore[no-untyped-def]
        app, staff = entry_app

        async def readback(pilot: Pilot) -> None:
            await _fill(pilot)
            await pilot.press("alt+1", "ctrl+s")

        assert snap_compare(app, terminal_size=SIZE, run_before=_opened(app, staff, readback))
