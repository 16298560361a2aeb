"""Ask when to call the subject back; returns an aware datetime or None."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from desk.config import Settings
from desk.i18n import _
from desk.rules.dates import DateError, fold_digits, parse_clock, parse_day
from desk.store.followup_work import outside_windows
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar


def parse_call_back(text: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """ "15:30" (today, or tomorrow if past), "明天 9:00" / "tomorrow 9:00", or
    "2026-11-25 09:00"; None when it cannot be read or is not in the future; DateError when
    the form is right but no such day or time exists (2026-02-30, 25:00)."""
    text = fold_digits(text)
    local = now.astimezone(tz)
    day: date = local.date()
    for word, days in (("明天", 1), ("tomorrow", 1), ("后天", 2)):
        if text.lower().startswith(word):
            day, text = day + timedelta(days=days), text[len(word) :].strip()
            break
    else:
        if " " in text:
            head, text = text.split(" ", 1)
            try:
                day = parse_day(head)
            except DateError as error:
                if error.not_existing:
                    raise
                return None
    try:
        clock = parse_clock(text)
    except DateError as error:
        if error.not_existing:
            raise
        return None
    moment = datetime.combine(day, clock, tzinfo=tz)
    return moment if moment > local else None


class CallBackDialog(ModalScreen[datetime | None]):
    """When the subject asked to be called back."""

    DEFAULT_CSS = """
    CallBackDialog { align: center middle; }
    CallBackDialog > Vertical {
        width: 64; height: auto; padding: 1 2; border: thick $primary; background: $surface;
    }
    """
    BINDINGS = [Binding("escape", "cancel", _("Cancel"), id="call_back.cancel")]

    def __init__(self, now: datetime, settings: Settings) -> None:
        super().__init__()
        self.now, self.settings, self.tz = now, settings, settings.tz

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(_("Call back at (15:30, 明天 9:00, 2026-11-25 09:00)")))
            yield Field(_("Time"), Input(id="when"), id="when-field")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#when", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            moment = parse_call_back(event.value, self.now, self.tz)
        except DateError as error:
            self.query_one("#when-field", Field).show_error(error.message)
            return
        if moment is None:
            self.query_one("#when-field", Field).show_error(
                _("Give a time in the future, e.g. 15:30 or 明天 9:00.")
            )
            return
        outside = outside_windows(self.settings, moment)  # calls only inside the windows
        if outside:
            self.query_one("#when-field", Field).show_error(outside)
            return
        self.dismiss(moment)

    def action_cancel(self) -> None:
        """Close without a time."""
        self.dismiss(None)
