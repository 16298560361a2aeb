"""One row of a form: a label, any input widget, and the field's error line under it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static


class FormRow(Vertical):
    """Label beside the widget; the error (if any) under both."""

    DEFAULT_CSS = """
    FormRow { height: auto; }
    FormRow > Horizontal { height: auto; }
    FormRow > Horizontal > Label { width: 16; padding-right: 1; color: $text-muted; }
    FormRow > Horizontal > .form-row-input { width: 1fr; }
    FormRow > .field-error { color: $error; height: auto; padding-left: 16; }
    FormRow > .field-error.-empty { display: none; }
    """

    def __init__(self, label: str, widget: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.widget = widget

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(Content(self.label))
            self.widget.add_class("form-row-input")
            yield self.widget
        yield Static("", classes="field-error -empty", markup=False)

    def show_error(self, message: str | None) -> None:
        """Show or clear the message under the widget."""
        error = self.query_one(".field-error", Static)
        if not message and error.has_class("-empty"):
            return  # nothing shown, nothing to clear (an update would lay the form out again)
        error.update(Content(message or ""))
        error.set_class(not message, "-empty")

    @property
    def error(self) -> str:
        """The message shown now ('' when none)."""
        error = self.query_one(".field-error", Static)
        return "" if error.has_class("-empty") else str(error.render())
