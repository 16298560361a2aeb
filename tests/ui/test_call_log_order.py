"""F3 lists every call by the time it came in, newest first, and scrolls by keyset pages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from desk.app import DeskApp
from desk.session_info import SignedIn
from desk.store.demo import fill_demo
from desk.store.search import call_page
from desk.widgets import call_log_view
from desk.widgets.call_log_view import CallLogView
from tests.calls_helper import add_call, settle


async def _open_log(app: DeskApp, pilot, admin: SignedIn) -> CallLogView:  # type: ignore[no-untyped-def]
    await settle(app, pilot, 1)
    app.signed_in(admin)
    await pilot.pause()
    await pilot.press("f3")
    await settle(app, pilot)
    await pilot.press("enter")  # from the search box to the list
    await settle(app, pilot)
    return app.screen.query_one(CallLogView)


async def test_a_call_added_later_with_an_older_time_is_listed_by_its_time(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    newest = add_call(sqlite_engine, recorder_id=admin.id, caller="新来电", minutes=60)
    older = add_call(sqlite_engine, recorder_id=admin.id, caller="旧来电", minutes=-24 * 60 * 23)
    async with app.run_test(size=(120, 30)) as pilot:
        view = await _open_log(app, pilot, admin)
        first, second = view.row(0), view.row(1)
        assert first is not None and second is not None
        assert (first.id, second.id) == (newest, older)
        assert "2026-11-01" in view.line_content(second, 120).plain


async def test_scrolling_down_to_the_end_and_back_up_reads_no_offset(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PageDown, End and scrolling up from the end each read a page next to one already
    shown (the time index, by key): no page is found by counting rows from the top."""
    fill_demo(sqlite_engine, calls=450, orgs=20, now=datetime(2026, 11, 24, tzinfo=UTC))
    asked: list[dict[str, Any]] = []

    def spy(session, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(kwargs)
        return call_page(session, **kwargs)

    monkeypatch.setattr(call_log_view, "call_page", spy)
    async with app.run_test(size=(120, 30)) as pilot:
        view = await _open_log(app, pilot, admin)
        assert view.row_count == 450
        for _ in range(6):
            await pilot.press("pagedown")
            await settle(app, pilot, 1)
        assert view.cursor > 100
        await pilot.press("end")
        await settle(app, pilot)
        assert view.cursor == 449 and view.row(449) is not None
        for _ in range(10):
            await pilot.press("pageup")
            await settle(app, pilot, 1)
        await settle(app, pilot)
        assert view.cursor < 449 - 200
        shown = [view.row(i) for i in range(450)]
        await settle(app, pilot)
        shown = [view.row(i) for i in range(450)]
    assert all(row is not None for row in shown)
    keys = [row.key for row in shown if row is not None]
    assert keys == sorted(keys, reverse=True) and len(set(keys)) == 450
    assert asked and all(not kwargs.get("offset") for kwargs in asked), asked


async def test_f3_puts_the_cursor_in_the_search_box(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    """What is typed right after F3 searches (no Ctrl+F first); Enter goes to the list, and
    the key bar and F1 name the keys that work where the cursor is."""
    from textual.widgets import Input

    from desk.screens.call_log import CallLogScreen
    from desk.screens.help import HelpScreen
    from desk.widgets.key_bar import KeyBar

    add_call(sqlite_engine, recorder_id=admin.id, org="兰州市第一医院")
    add_call(sqlite_engine, recorder_id=admin.id, org="北京协和医院", minutes=1)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot, 1)
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press("f3", *"lz", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CallLogScreen)
        view = screen.query_one(CallLogView)
        assert screen.query_one("#search", Input).value == "lz"
        assert view.row_count == 1 and app.focused is view
        keys = screen.query_one(KeyBar).render().plain
        assert "查看来电" in keys and "更正" in keys  # Enter opens, e corrects: on the list
        await pilot.press("f2")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        assert app.focused is screen.query_one("#search", Input)  # each time F3 opens
        keys = screen.query_one(KeyBar).render().plain
        assert "转到结果" in keys and "回到列表" in keys and "更正" not in keys
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = dict((description, key) for key, description in app.screen.rows)
        assert rows["转到结果"] == "Enter" and rows["回到列表"] == "Esc"
        assert "更正" not in rows  # e types a letter in the box
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is screen.query_one("#search", Input)  # a dialog: focus stays
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.focused is view and view.row_count == 1  # Esc: the list, as it was
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("escape")  # the call's detail closes: back on the list
        await settle(app, pilot)
        assert app.focused is view
