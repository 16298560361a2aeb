"""Ask for a day to show (F11 `g`); a date that cannot be is said at the field, input kept."""

from __future__ import annotations

from datetime import date, datetime

from textual.widgets import Input

from desk.dialogs.text_entry import TextEntryDialog
from desk.i18n import _
from desk.rules.text import one_line
from desk.widgets.field import Field


def parse_day(text: str) -> date | None:
    """`2026-11-24` (or 2026/11/24, full-width digits and marks folded); None if no such day."""
    folded = text.strip().translate(str.maketrans("０１２３４５６７８９／－．", "0123456789---"))
    folded = folded.replace("/", "-").replace(".", "-")
    try:
        return datetime.strptime(folded, "%Y-%m-%d").date()
    except ValueError:
        return None


class GoToDateDialog(TextEntryDialog):
    """Ask for a date; dismisses with it, or None on Escape. The dialog stays open on a date
    that cannot be read or does not exist (2026-02-30), saying so under the field."""

    def __init__(self) -> None:
        super().__init__(_("Go to date"), _("Date (YYYY-MM-DD)"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # not the plain dialog's handler: this one checks the date
        day = parse_day(event.value)
        if day is None:
            typed = one_line(event.value.strip())
            message = _("{text} is not a date; write it as 2026-11-24.").format(text=typed)
            field = self.query_one("#text-field", Field)
            field.show_error(message if typed else _("Write the date as 2026-11-24."))
            return
        self.dismiss(day)  # type: ignore[arg-type]
