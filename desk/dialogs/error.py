"""A modal that shows one error message as plain text."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from desk.i18n import _
from desk.rules.text import printable


class ErrorDialog(ModalScreen[None]):
    """Tell the user what went wrong; Enter or Escape closes it."""

    DEFAULT_CSS = """
    ErrorDialog { align: center middle; }
    ErrorDialog > Vertical {
        width: 70; height: auto; padding: 1 2;
        border: thick $error; background: $surface;
    }
    ErrorDialog #message { margin-bottom: 1; }
    ErrorDialog Button { width: 100%; }
    """
    BINDINGS = [
        Binding("escape", "close", _("Close"), id="error.close"),
        Binding("enter", "close", _("Close"), show=False, id="error.close_enter"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(_("Error")), id="title")
            yield Static(Content(printable(self.message)), id="message")
            yield Button(_("OK"), variant="error", id="ok")

    def on_button_pressed(self) -> None:
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
