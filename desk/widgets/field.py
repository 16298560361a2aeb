"""A labelled input with its error message underneath, shown at the field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static


class Field(Vertical):
    """Label, input and the field's own error line."""

    DEFAULT_CSS = """
    Field { height: auto; margin-bottom: 1; }
    Field > .field-error { color: $error; height: auto; }
    Field > .field-error.-empty { display: none; }
    """

    def __init__(self, label: str, input_widget: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.input = input_widget

    def compose(self) -> ComposeResult:
        yield Label(Content(self.label))
        yield self.input
        yield Static("", classes="field-error -empty", markup=False)

    def show_error(self, message: str | None) -> None:
        """Show or clear the message under the input."""
        error = self.query_one(".field-error", Static)
        error.update(Content(message or ""))
        error.set_class(not message, "-empty")
