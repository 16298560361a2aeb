"""Start-up: the sign-in card is drawn before the database stack loads, and it catches up."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import Engine
from textual.widgets import OptionList

from desk.app import make_app, run_app
from desk.config import Settings
from desk.screens.call_entry import CallEntryScreen
from desk.screens.first_run import FirstRunScreen
from desk.screens.sign_in import SignInScreen
from desk.store.errors import DatabaseError
from tests.ui.conftest import add_staff

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "desk.models", "desk.store.engine")


def test_the_first_screen_needs_no_database_stack() -> None:
    code = (
        "import sys, desk.cli.start, desk.app, desk.screens.sign_in, desk.screens.first_run\n"
        f"heavy = [m for m in sys.modules if m.startswith({HEAVY!r})]\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


class Gate:
    """Opens the database only when the test says so, as a slow first import would."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.open = threading.Event()
        self.calls = 0

    def __call__(self) -> Engine:
        self.calls += 1
        assert self.open.wait(20)
        return self.engine


def names_shown(app) -> list[str]:  # type: ignore[no-untyped-def]
    names = app.screen.query_one("#names", OptionList)
    return [str(names.get_option_at_index(i).prompt) for i in range(names.option_count)]


async def test_pin_typed_before_the_names_came_still_signs_in(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    add_staff(sqlite_engine, name="王丽", pin="1234")
    gate = Gate(sqlite_engine)
    app = make_app(settings, gate, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert names_shown(app) == ["正在打开数据库…"]
        await pilot.press(*"wl", "enter", *"1234", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen) and app.staff is None
        gate.open.set()
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause(0.05)
            if isinstance(app.screen, CallEntryScreen):
                break
        assert app.staff is not None and app.staff.name == "王丽"
        assert isinstance(app.screen, CallEntryScreen)
    assert gate.calls == 1


async def test_an_empty_database_asks_for_the_first_administrator(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    gate = Gate(sqlite_engine)
    gate.open.set()
    app = make_app(settings, gate, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        assert "欢迎使用 desk" in str(app.screen.query_one("#title").render())


def test_a_database_that_cannot_be_opened_ends_the_app_and_says_why(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse() -> Engine:
        raise DatabaseError("/tmp/x.db 不是 desk 数据库，desk 不会改动它。")

    ran: dict[str, object] = {}

    def run(self, **kwargs):  # type: ignore[no-untyped-def]
        async def drive() -> None:
            async with self.run_test(size=(80, 24)) as pilot:
                for _ in range(100):
                    await pilot.pause(0.05)
                    if not self.is_running:
                        break
            ran["code"] = self.return_code

        import asyncio

        asyncio.run(drive())

    monkeypatch.setattr("desk.app.DeskApp.run", run)
    with pytest.raises(DatabaseError, match="不是 desk 数据库"):
        run_app(settings, refuse)
    assert ran["code"] == 2
