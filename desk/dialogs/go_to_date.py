"""Ask for a day to show (F11 `g`); a date that cannot be is said at the field, input kept."""

from __future__ import annotations

from textual.widgets import Input

from desk.dialogs.text_entry import TextEntryDialog
from desk.i18n import _
from desk.rules.dates import DateError, parse_day
from desk.widgets.field import Field


class GoToDateDialog(TextEntryDialog):
    """Ask for a date; dismisses with it, or None on Escape. The dialog stays open on a date
    that cannot be read or does not exist (2026-02-30), saying so under the field."""

    def __init__(self) -> None:
        super().__init__(_("Go to date"), _("Date (YYYY-MM-DD)"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # not the plain dialog's handler: this one checks the date
        try:
            day = parse_day(event.value)
        except DateError as error:
            self.query_one("#text-field", Field).show_error(error.message)
            return
        self.dismiss(day)  # type: ignore[arg-type]
