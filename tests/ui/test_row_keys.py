"""Home and End in desk's tables go to the first and last row, as F1 says."""

from __future__ import annotations

from sqlalchemy import Engine
from textual.widgets import DataTable

from desk.app import DeskApp
from desk.session_info import SignedIn
from tests.calls_helper import add_call
from tests.ui.test_queue_says_why import _open_queue


async def test_home_and_end_move_the_queue_cursor_to_the_first_and_last_row(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    for minutes in range(4):
        add_call(sqlite_engine, recorder_id=admin.id, minutes=minutes)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_queue(app, pilot, admin)
        table = screen.query_one("#queue", DataTable)
        table.focus()
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 == 3
