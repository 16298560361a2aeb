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
