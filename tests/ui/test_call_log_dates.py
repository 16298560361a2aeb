"""A date range the wrong way round says so at the box, in the desk's language."""

from __future__ import annotations

from sqlalchemy import Engine
from textual.widgets import Input, Static

from desk.app import DeskApp
from desk.i18n import _, set_language
from desk.screens.call_log import CallLogScreen
from desk.session_info import SignedIn
from desk.widgets.call_log_view import CallLogView
from tests.calls_helper import add_call, settle, shown


async def test_a_reversed_date_range_is_named_at_the_to_box(
    app: DeskApp, admin: SignedIn, sqlite_engine: Engine
) -> None:
    add_call(sqlite_engine, recorder_id=admin.id)  # 2026-11-24
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot, 1)
        app.signed_in(admin)
        await pilot.pause()
        await pilot.press("f3")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, CallLogScreen)
        view = screen.query_one(CallLogView)
        start, end = screen.query_one("#from", Input), screen.query_one("#to", Input)
        start.focus()
        await pilot.press(*"2026-11-24", "tab", *"2026-11-20", "enter")
        await settle(app, pilot)
        hint = shown(screen.query_one("#hint", Static))
        assert "止日期 2026-11-20 早于起日期 2026-11-24" in hint, hint
        assert end.has_class("-invalid") and not start.has_class("-invalid")
        assert app.focused is end  # the cursor waits in the box to change
        assert view.row_count == 1  # the list is not emptied behind the message
        await pilot.press("ctrl+u", *"2026-11-30", "enter")
        await settle(app, pilot)
        assert not end.has_class("-invalid")
        assert view.row_count == 1 and app.focused is view
        assert "1 条来电" in shown(screen.query_one("#hint", Static))


def test_the_message_is_in_english_for_an_english_desk() -> None:
    set_language("en")
    try:
        message = _("The To date {end} is before the From date {start}: swap them.")
    finally:
        set_language("zh_CN")
    assert message.startswith("The To date")
