"""Alt+1…4 and Alt+L as a real terminal sends them (ESC 1, ESC l) act, and type nothing.

Pilot's `press("alt+1")` makes a key without a character; a terminal sends ESC 1, which
Textual's parser turns into a printable key ("¡"), so the sequences go through that parser.
"""

from __future__ import annotations

from textual._xterm_parser import XTermParser
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, TextArea

from desk.app import DeskApp
from desk.dialogs.readback import ReadbackDialog
from desk.screens.call_entry import CallEntryScreen
from desk.session_info import SignedIn
from tests.ui.test_call_entry import open_entry, settle, type_call
from tests.ui.test_visits import open_visits


async def send(app: DeskApp, pilot: Pilot, sequence: str) -> None:
    """Send bytes as the terminal would: through Textual's parser to the app, as its driver."""
    parser = XTermParser()
    for event in [*parser.feed(sequence), *parser.feed("")]:
        event.set_sender(app)
        app.post_message(event)
    await pilot.pause()
    await pilot.pause()


async def test_alt_keys_in_the_call_fields_set_priority_and_lead(
    app: DeskApp, admin: SignedIn
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        form.query_one("#content", TextArea).focus()
        await pilot.press(*"漏水")
        for grade in (1, 2, 3, 4):
            await send(app, pilot, f"\x1b{grade}")
            assert form.values()["priority"] == grade
        await send(app, pilot, "\x1bl")
        assert form.values()["lead"] is True
        await send(app, pilot, "\x1bL")  # Caps Lock on
        assert form.values()["lead"] is False
        assert form.values()["content"] == "漏水"
        form.query_one("#org", Input).focus()
        await send(app, pilot, "\x1b1")
        await send(app, pilot, "\x1bl")
        assert form.values()["org"] == ""
        assert (form.values()["priority"], form.values()["lead"]) == (1, True)


async def test_alt_keys_in_the_visit_fields_set_priority_and_lead(
    app: DeskApp, admin: SignedIn
) -> None:
    async with app.run_test(size=(120, 44)) as pilot:
        form = await open_visits(app, pilot, admin)
        form.query_one("#matter", TextArea).focus()
        await pilot.press(*"投诉")
        await send(app, pilot, "\x1b2")
        await send(app, pilot, "\x1bl")
        assert form.values()["matter"] == "投诉"
        assert form.values()["priority"] == 2
        assert app.screen.query_one("#lead", Checkbox).value is True


async def test_alt_keys_do_not_reach_the_form_under_a_dialog(app: DeskApp, admin: SignedIn) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_entry(app, pilot, admin)
        await type_call(app, pilot, content="病房漏水")
        await send(app, pilot, "\x1b1")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadbackDialog)
        await send(app, pilot, "\x1b4")
        await send(app, pilot, "\x1bl")
        assert isinstance(app.screen, ReadbackDialog)
        assert (form.values()["priority"], form.values()["lead"]) == (1, False)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, CallEntryScreen)
