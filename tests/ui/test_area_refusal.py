"""An area key a role may not open says so in a toast, instead of doing nothing."""

from __future__ import annotations

from sqlalchemy import Engine
from textual.worker import WorkerCancelled

from desk.app import DeskApp
from desk.models import Role
from desk.screens.audit import AuditScreen
from desk.screens.help import HelpScreen
from tests.ui.conftest import add_staff


async def _settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()


def _toasts(app: DeskApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_a_receptionist_pressing_f10_is_told_who_may(
    app: DeskApp, sqlite_engine: Engine
) -> None:
    who = add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(who)
        await _settle(app, pilot)
        before = app.screen
        await pilot.press("f10")
        await _settle(app, pilot)
        assert app.screen is before
        assert _toasts(app) == ["审计日志仅限主管、管理员使用。"]
        await pilot.press("f9")
        await _settle(app, pilot)
        assert _toasts(app)[-1] == "员工管理仅限管理员使用。"
        await pilot.press("f1")  # over a dialog the area keys are off: nothing to say
        await _settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f10")
        await _settle(app, pilot)
        assert len(_toasts(app)) == 2


async def test_a_supervisor_opens_f10_without_a_toast(app: DeskApp, sqlite_engine: Engine) -> None:
    who = add_staff(sqlite_engine, "赵强", Role.SUPERVISOR)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        app.signed_in(who)
        await _settle(app, pilot)
        await pilot.press("f10")
        await _settle(app, pilot)
        assert isinstance(app.screen, AuditScreen)
        assert _toasts(app) == []
        await pilot.press("f9")
        await _settle(app, pilot)
        assert _toasts(app) == ["员工管理仅限管理员使用。"]


async def test_no_toast_while_signed_out(app: DeskApp, sqlite_engine: Engine) -> None:
    add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    async with app.run_test() as pilot:
        await _settle(app, pilot)
        await pilot.press("f10")
        await _settle(app, pilot)
        assert _toasts(app) == []
