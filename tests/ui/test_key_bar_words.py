"""Keys shown by Textual's own widgets are in the user's language too."""

from __future__ import annotations

from textual.widgets import Select

from desk.session_info import SignedIn
from desk.widgets.key_bar import KeyBar


async def test_an_open_list_says_how_to_close_it_in_chinese(app, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        app.signed_in(admin)
        await app.workers.wait_for_complete()
        await pilot.pause()
        # Textual's Select, as the booking and follow-up dialogs use it.
        select = Select([("内科", 1), ("外科", 2)], compact=True)
        await app.screen.mount(select)
        select.focus()
        await pilot.press("enter")  # the list opens
        await pilot.pause()
        words = str(app.screen.query_one(KeyBar).render())
        assert "收起列表" in words and "Dismiss" not in words
