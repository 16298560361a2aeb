"""Start-up: the sign-in card is drawn before the database stack loads, and it catches up."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import Engine
from textual.widgets import OptionList

from desk.app import make_app
from desk.cli.start import run_app
from desk.config import Settings
from desk.screens.call_entry import CallEntryScreen
from desk.screens.first_run import FirstRunScreen
from desk.screens.sign_in import SignInScreen
from desk.store.errors import DatabaseError
from tests.ui.conftest import add_staff, wait_until


@pytest.fixture(autouse=True)
def no_look(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests hold the store back with a Gate: no read-only look answers meanwhile, as
    on PostgreSQL or a file at another revision (tests/ui/test_start_look.py has the look)."""
    monkeypatch.setattr("desk.store.peek.Peek.open", classmethod(lambda cls, url: None))


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
        await wait_until(pilot, lambda: isinstance(app.screen, CallEntryScreen), workers=True)
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
        # Not workers.wait_for_complete(): the card's name list is cancelled as it goes.
        await wait_until(  # shown, and composed
            pilot,
            lambda: isinstance(app.screen, FirstRunScreen) and bool(app.screen.query("#title")),
        )
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
                for _ in range(300):  # a loaded machine takes a while to draw the card
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


async def test_the_call_entry_is_built_behind_the_sign_in_card(
    settings: Settings,
    sqlite_engine: Engine,
    clock: Callable[[], datetime],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While the name and PIN are typed the call entry is built unseen; signing in shows
    that very screen, with the person as recorder and their own draft back."""
    from desk.identity import desk_id
    from desk.store.drafts import save_draft
    from desk.store.engine import session_scope

    monkeypatch.setattr("desk.looking.OPENING_IDLE_S", 0.01)
    wang = add_staff(sqlite_engine, name="王丽", pin="1234")
    with session_scope(sqlite_engine) as session:
        save_draft(
            session, desk=desk_id(), form="call", staff_id=wang.id, payload={"org": "第一医院"}
        )
    gate = Gate(sqlite_engine)
    gate.open.set()
    app = make_app(settings, gate, clock=clock)
    app.prebuild_screens = True
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: "calls" in app._screen_stacks, workers=True)
        built = app._screen_stacks["calls"][0] if "calls" in app._screen_stacks else None
        assert isinstance(built, CallEntryScreen)
        assert isinstance(app.screen, SignInScreen)  # unseen until signed in
        await pilot.press("enter", *"1234", "enter")
        await wait_until(pilot, lambda: app.screen is built and built._ready, workers=True)
        assert app.screen is built and app.staff is not None
        assert built.form.values()["recorder"] == wang.id
        assert built.form.values()["org"] == "第一医院"


async def help_then_open(pilot, gate: Gate) -> None:  # type: ignore[no-untyped-def]
    """Press F1 on the card while the database is still opening, then let it open."""
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()
    gate.open.set()
    for _ in range(40):
        await pilot.pause(0.05)


async def test_help_opened_before_the_names_came_leaves_one_card(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    add_staff(sqlite_engine, name="王丽", pin="1234")
    gate = Gate(sqlite_engine)
    app = make_app(settings, gate, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await help_then_open(pilot, gate)
        cards = [s for s in app.screen_stack if isinstance(s, SignInScreen)]
        assert len(cards) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is cards[0] and names_shown(app) == ["王丽"]


async def test_help_over_the_card_of_an_empty_database_gives_way_to_the_first_run(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    gate = Gate(sqlite_engine)
    app = make_app(settings, gate, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await help_then_open(pilot, gate)
        assert isinstance(app.screen, FirstRunScreen)
        assert not any(isinstance(s, SignInScreen) for s in app.screen_stack)


async def test_quitting_does_not_wait_for_a_database_that_hangs(
    settings: Settings, sqlite_engine: Engine, clock: Callable[[], datetime]
) -> None:
    """A lock held by another program, or an unreachable server: Ctrl+Q still quits now."""
    import time

    gate = Gate(sqlite_engine)
    app = make_app(settings, gate, clock=clock)
    started = time.monotonic()
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.2)
            assert gate.calls == 1  # opening, and hanging
            await pilot.press("ctrl+q")
        assert time.monotonic() - started < 5
        assert app.start_failure is None and app.return_code == 0
    finally:
        gate.open.set()  # let the opener finish
