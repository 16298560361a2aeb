"""A database that fails under the desk (a full disk): a clear message, nothing typed lost."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event
from textual.widgets import Static, TextArea

from desk.app import DeskApp
from desk.dialogs.error import ErrorDialog
from desk.screens.call_entry import CallEntryScreen
from desk.session_info import SignedIn
from tests.ui.test_call_entry import calls, open_entry, settle, toasts, type_call
from tests.ui.test_visits import open_visits, type_visit, visits

LONG_REPORT = "".join(chr(0x4E00 + i * 7919 % 20000) for i in range(9_000))
"""A long report of many different characters: its search terms need new pages."""


@contextmanager
def disk_full(engine: Engine | type[Engine]) -> Iterator[None]:
    """Every new connection may not grow the file: SQLite answers SQLITE_FULL, as on a full disk."""

    def cap(connection: Any, _record: Any) -> None:
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    if isinstance(engine, Engine):
        engine.dispose()
    event.listen(engine, "connect", cap)
    try:
        yield
    finally:
        event.remove(engine, "connect", cap)
        if isinstance(engine, Engine):
            engine.dispose()


async def test_a_full_disk_refuses_the_save_clearly_and_keeps_the_call(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    content = LONG_REPORT
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, content="来电反映")
        form.query_one("#content", TextArea).text = content
        await settle(app, pilot)
        with disk_full(sqlite_engine):
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, ErrorDialog)
            shown = " ".join(str(s.render()) for s in app.screen.query(Static))
            assert "磁盘已满" in shown and "没有丢失" in shown
            assert "INSERT" not in shown and "sqlite3" not in shown
            await pilot.press("escape")
            await settle(app, pilot)
        assert isinstance(app.screen, CallEntryScreen)
        assert calls(sqlite_engine) == []
        assert form.values()["org"] == "第一医院"
        assert form.values()["content"] == content
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        saved = calls(sqlite_engine)
        assert [(c.org, c.content) for c in saved] == [("第一医院", content)]


async def test_a_full_disk_while_typing_warns_once_and_typing_goes_on(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, content="来电反映")
        with disk_full(sqlite_engine):
            for part in (LONG_REPORT[:4000], LONG_REPORT[:8000]):
                form.query_one("#content", TextArea).text = part
                await pilot.pause(0.6)  # the draft is written once typing pauses
                await settle(app, pilot)
            assert isinstance(app.screen, CallEntryScreen)  # no dialog in the way of typing
            warned = [t for t in toasts(app) if "草稿未能保存" in t]
            assert len(warned) == 1 and "磁盘已满" in warned[0]
        assert form.values()["content"] == LONG_REPORT[:8000]
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [c.content for c in calls(sqlite_engine)] == [LONG_REPORT[:8000]]


async def test_a_visit_saves_after_the_disk_had_been_full(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        await type_visit(app, pilot, matter="来访")
        form.query_one("#matter", TextArea).text = LONG_REPORT
        await settle(app, pilot)
        with disk_full(sqlite_engine):
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert isinstance(app.screen, ErrorDialog)
            await pilot.press("escape")
            await settle(app, pilot)
        assert visits(sqlite_engine) == []
        assert form.values()["matter"] == LONG_REPORT
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert [v.matter for v in visits(sqlite_engine)] == [LONG_REPORT]
