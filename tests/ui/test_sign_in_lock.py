"""Sign-in at the screen: lockout and its end, shift change with drafts kept, the idle lock."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select
from textual.widgets import Input, OptionList, Static
from textual.worker import WorkerCancelled

from desk.app import DeskApp
from desk.models import Draft, Role, Staff
from desk.models.base import utcnow
from desk.screens.call_entry import CallEntryScreen
from desk.screens.home import HomeScreen
from desk.screens.sign_in import SignInScreen
from desk.session_info import SignedIn, StaffChange
from tests.conftest import FROZEN_NOW
from tests.ui.conftest import add_staff


async def _settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for the workers (a superseded one counts as done) and the screen's refresh."""
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()


def _pin_error(app: DeskApp) -> str:
    return str(app.screen.query_one("#pin-field .field-error", Static).render())


async def _sign_in(app: DeskApp, pilot, initials: str, pin: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*initials, "enter", *pin, "enter")
    await _settle(app, pilot)


async def test_five_wrong_pins_lock_until_a_shown_time(app: DeskApp, sqlite_engine: Engine):
    li = add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        await pilot.press(*"ln", "enter")
        for _ in range(4):
            await pilot.press(*"9999", "enter")
            await _settle(app, pilot)
            assert _pin_error(app) == "PIN 错误。"
        await pilot.press(*"9999", "enter")
        await _settle(app, pilot)
        assert _pin_error(app) == "李娜 连续五次 PIN 错误，已锁定至 09:10。"
        await pilot.press(*"1234", "enter")
        await _settle(app, pilot)
        assert app.staff is None and "09:10" in _pin_error(app)
        app.clock = lambda: FROZEN_NOW + timedelta(minutes=5)
        await pilot.press(*"1234", "enter")
        await _settle(app, pilot)
        assert app.staff == li
    with Session(sqlite_engine) as session:
        staff = session.get(Staff, li.id)
        assert staff is not None and (staff.failed_pins, staff.locked_until) == (0, None)


async def test_a_disabled_member_is_not_listed(app: DeskApp, sqlite_engine: Engine):
    add_staff(sqlite_engine, "王丽", Role.ADMIN)
    li = add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    with Session(sqlite_engine) as session:
        staff = session.get(Staff, li.id)
        assert staff is not None
        staff.active = False
        session.add(staff)
        session.commit()
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        assert [c.name for c in app.screen.choices] == ["王丽"]


async def test_shift_change_keeps_the_previous_persons_draft(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
):
    li = add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    saved_at = utcnow() - timedelta(minutes=3)
    with Session(sqlite_engine) as session:
        session.add(
            Draft(
                desk="test-desk",
                form="call",
                staff_id=admin.id,
                payload='{"x": 1}',
                updated_at=saved_at,
            )
        )
        session.commit()
    changes: list[StaffChange] = []
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        await _sign_in(app, pilot, "wl", "1234")
        assert app.staff == admin
        home = app.screen
        app.staff_changed_signal.subscribe(home, changes.append)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert app.check_action("area", ("home",)) is False  # nothing opens past the sign-in
        await _settle(app, pilot)
        await _sign_in(app, pilot, "ln", "1234")
        assert app.staff == li
        assert app.screen is home  # the screens stayed open underneath
        assert changes == [StaffChange(admin, li)]
        assert "李娜" in app.sub_title
    with Session(sqlite_engine) as session:
        drafts = session.exec(select(Draft)).all()
        assert [(d.staff_id, d.payload, d.updated_at) for d in drafts] == [
            (admin.id, '{"x": 1}', saved_at)
        ]


async def test_shift_change_can_be_called_off(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press("ctrl+l")
        await _settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CallEntryScreen) and app.staff == admin


async def test_shift_change_to_a_role_without_this_area(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
):
    add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press("f9")
        await _settle(app, pilot)
        assert app.current_mode == "staff"
        await pilot.press("ctrl+l")
        await _settle(app, pilot)
        await _sign_in(app, pilot, "ln", "1234")
        assert app.current_mode == "calls"  # the opening area, as after any sign-in
        await pilot.press("f9")
        await pilot.pause()
        assert app.current_mode == "calls"


async def test_idle_desk_locks_for_the_same_person(app: DeskApp, admin: SignedIn) -> None:
    seconds = [0.0]
    app.idle_clock = lambda: seconds[0]
    app.idle_lock_seconds = 60
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(admin)
        await pilot.pause()
        seconds[0] = 59
        await pilot.press("f12")  # a key press keeps the desk open
        seconds[0] = 118
        app._lock_if_idle()
        await pilot.pause()
        assert not isinstance(app.screen, SignInScreen)
        seconds[0] = 119
        app._lock_if_idle()
        await _settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        assert "王丽" in str(app.screen.query_one("#notice", Static).render())
        assert app.screen.focused is app.screen.query_one("#pin", Input)
        await pilot.press("escape", "f9")  # neither leaves the lock
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        await pilot.press(*"1234", "enter")
        await _settle(app, pilot)
        assert isinstance(app.screen, HomeScreen) and app.staff == admin


async def test_idle_lock_fires_by_itself(app: DeskApp, admin: SignedIn) -> None:
    app.idle_lock_seconds = 0.2
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(admin)
        for _ in range(150):
            await asyncio.sleep(0.1)
            if isinstance(app.screen, SignInScreen):
                break
        assert isinstance(app.screen, SignInScreen) and app.screen.current == admin


async def test_names_show_before_pypinyin_and_initials_follow(
    app: DeskApp, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start the names come first; their pinyin initials are worked out a moment later
    (off the UI thread) or as soon as someone types."""
    monkeypatch.setattr("desk.screens.sign_in.loaded", lambda: False)
    add_staff(sqlite_engine, "王丽", Role.ADMIN)
    add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        assert {c.name: c.initials for c in app.screen.choices} == {"王丽": "", "李娜": ""}
        await pilot.press(*"ln")
        await _settle(app, pilot)
        assert {c.name: c.initials for c in app.screen.choices} == {"王丽": "wl", "李娜": "ln"}
        names = app.screen.query_one("#names", OptionList)
        assert names.option_count == 1
        assert names.get_option_at_index(0).prompt.plain == "李娜"


async def test_pin_entered_before_the_initials_are_ready_still_signs_in(
    app: DeskApp, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desk.screens.sign_in.loaded", lambda: False)
    li = add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    add_staff(sqlite_engine, "王丽", Role.ADMIN)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        await pilot.press(*"ln", "enter", *"1234", "enter")
        await _settle(app, pilot)
        assert app.staff == li
