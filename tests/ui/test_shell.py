"""The app shell: first administrator, sign-in, help and the command palette."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select
from textual.widgets import Input, Static

from desk.app import PREBUILD_MODES, DeskApp
from desk.models import AuditEvent, Role, Staff
from desk.screens.call_entry import CallEntryScreen
from desk.screens.first_run import FirstRunScreen
from desk.screens.help import HelpScreen
from desk.screens.sign_in import SignInScreen
from desk.session_info import SignedIn
from tests.ui.conftest import wait_until


def _text(app: DeskApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_empty_database_asks_for_first_admin(app: DeskApp, sqlite_engine) -> None:
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press(*"张三", "enter", *"1234", "enter", *"1234", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.staff is not None and app.staff.name == "张三"
        assert app.staff.role is Role.ADMIN
        assert not isinstance(app.screen, FirstRunScreen)
    with Session(sqlite_engine) as session:
        staff = session.exec(select(Staff)).one()
        assert (staff.name, staff.role) == ("张三", "admin")
        assert "1234" not in staff.pin_hash


async def test_first_admin_errors_show_at_the_field(app: DeskApp, sqlite_engine) -> None:
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*"张三", "enter", *"12", "enter", "enter")
        await pilot.pause()
        assert "4" in _text(app, "#pin-field .field-error")
        assert app.screen.query_one("#name", Input).value == "张三"
        app.screen.query_one("#pin", Input).value = "1234"
        app.screen.query_one("#pin2", Input).value = "9999"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert _text(app, "#pin2-field .field-error") == "两次输入的 PIN 不一致。"
    with Session(sqlite_engine) as session:
        assert session.exec(select(Staff)).all() == []


async def test_sign_in_with_pin(app: DeskApp, admin: SignedIn, sqlite_engine) -> None:
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        await pilot.press("w", "l", "enter", *"9999", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.staff is None
        assert "PIN" in _text(app, "#pin-field .field-error")
        await pilot.press(*"1234", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.staff == admin
    with Session(sqlite_engine) as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
        assert "sign_in" in actions


async def test_f1_lists_the_keys(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.rows)
        assert keys.get("f1") == "帮助" or "帮助" in keys.values()
        assert "退出" in keys.values()
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_palette_lists_every_screen(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test():
        await app.workers.wait_for_complete()
        app.signed_in(admin)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert any("概览" in title for title in titles)
        assert any("帮助" in title for title in titles)


async def test_area_screens_are_built_in_the_background_after_sign_in(
    app: DeskApp, admin: SignedIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After sign-in the other areas are built off screen, one at a time, while nobody types;
    an F-key then shows the screen that is already there."""
    monkeypatch.setattr("desk.app.WARM_UP_AFTER_S", 0.01)
    monkeypatch.setattr("desk.app.PREBUILD_GAP_S", 0.01)
    monkeypatch.setattr("desk.app.PREBUILD_IDLE_S", 0.01)
    app.prebuild_screens = True
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        app.signed_in(admin)
        everyday = set(PREBUILD_MODES) & set(app.MODES)
        await wait_until(pilot, lambda: everyday <= set(app._screen_stacks))
        assert everyday <= set(app._screen_stacks)
        assert "staff" not in app._screen_stacks  # built when first opened
        assert isinstance(app.screen, CallEntryScreen)  # still where the person is
        built = app._screen_stacks["log"][0]
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen is built


@pytest.mark.parametrize("dialog", ["help", "error"])
async def test_ctrl_q_quits_from_any_dialog(app: DeskApp, admin: SignedIn, dialog: str) -> None:
    """A dialog (a modal screen) hides the app's bindings; Ctrl+Q still quits."""
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        app.signed_in(admin)
        await pilot.pause()
        if dialog == "help":
            await pilot.press("f1")
        else:
            app.show_error("无法保存")
        await pilot.pause()
        assert app.screen.is_modal
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
