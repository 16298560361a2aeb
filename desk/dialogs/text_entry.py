"""A small modal that asks for one piece of text: a result, an instruction, a note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from desk.i18n import _
from desk.rules.text import one_line
from desk.widgets.field import Field
from desk.widgets.key_bar import KeyBar


class TextEntryDialog(ModalScreen[str | None]):
    """Ask for a line of text; Enter or Ctrl+S gives it back, Escape gives None."""

    DEFAULT_CSS = """
    TextEntryDialog { align: center middle; }
    TextEntryDialog > Vertical {
        width: 70; height: auto; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    TextEntryDialog #subject { color: $text-muted; margin-bottom: 1; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save"), key_display="⏎/^s", id="text_entry.save"),
        Binding("escape", "cancel", _("Cancel"), id="text_entry.cancel"),
    ]

    def __init__(
        self,
        title: str,
        label: str,
        subject: str = "",
        *,
        required: bool = True,
        placeholder: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.label = label
        self.subject = subject
        self.required = required
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.title_text), id="title")
            yield Static(Content(one_line(self.subject)), id="subject")
            yield Field(self.label, Input(placeholder=self.placeholder, id="text"), id="text-field")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        if self.required and not value:
            self.query_one("#text-field", Field).show_error(_("Enter some text, or Escape."))
            return
        self.dismiss(value)

    async def action_save(self) -> None:
        """Give the text back as Enter does (through the same handler, a subclass's too)."""
        await self.query_one("#text", Input).action_submit()

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(None)


def ask_text(
    app: App[Any], title: str, label: str, subject: str, then: Callable[[str], None]
) -> None:
    """Ask for a line of text about a subject; run `then` with it unless the person cancels."""

    def answered(value: str | None) -> None:
        if value:
            then(value)

    app.push_screen(TextEntryDialog(title, label, subject), answered)
