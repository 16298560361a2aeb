"""F10 shows what an audit row's detail says as words, not JSON keys."""

from __future__ import annotations

from sqlalchemy import Engine
from textual.widgets import DataTable
from textual.worker import WorkerCancelled

from desk.app import DeskApp
from desk.models import Role
from desk.screens.audit import AuditScreen
from desk.store.audit import record_audit
from desk.store.engine import session_scope
from tests.ui.conftest import add_staff


async def _settle(app: DeskApp, pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            continue
        await pilot.pause()


def _details(app: DeskApp) -> list[str]:
    table = app.screen.query_one("#events", DataTable)
    return [str(table.get_row_at(i)[5]) for i in range(table.row_count)]


async def test_wrong_pins_and_the_lock_read_as_words(app: DeskApp, sqlite_engine: Engine) -> None:
    add_staff(sqlite_engine, "李娜", Role.RECEPTIONIST)
    boss = add_staff(sqlite_engine, "赵强", Role.SUPERVISOR)
    with session_scope(sqlite_engine) as session:
        record_audit(session, action="call.edit", staff=None, detail={"changes": {"caller": "x"}})
        record_audit(session, action="mystery", staff=None, detail={"odd_key": 7})
    async with app.run_test(size=(160, 50)) as pilot:
        await _settle(app, pilot)
        await pilot.press(*"ln", "enter")
        for _ in range(5):
            await pilot.press(*"9999", "enter")
            await _settle(app, pilot)
        app.signed_in(boss)
        await _settle(app, pilot)
        await pilot.press("f10")
        await _settle(app, pilot)
        assert isinstance(app.screen, AuditScreen)
        details = _details(app)
        assert details[:6] == [
            "锁定至 2026-11-24 09:10",
            "连续输错 5 次",
            "连续输错 4 次",
            "连续输错 3 次",
            "连续输错 2 次",
            "连续输错 1 次",
        ]
        assert "改动：来电人" in details and "odd_key：7" in details
        assert not any("{" in d or '"' in d for d in details)
        await pilot.press(*"李娜")  # the Who filter keeps the words
        await _settle(app, pilot)
        assert _details(app) == details[:6]
