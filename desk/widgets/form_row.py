"""One row of a form: a label, any input widget, and the field's error line under it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static


class FormRow(Widget):
    """Label beside the widget; the error (if any) under both.

    A two-column grid rather than a row inside a column, and the error line is mounted only
    the first time there is an error: a form of eleven rows builds, styles and lays out 22
    widgets fewer when it opens, which the call entry's start feels. A grid sizes an `auto` row
    by its widgets' content: a field of fixed height (a text area) needs a min-height too."""

    DEFAULT_CSS = """
    FormRow {
        layout: grid; grid-size: 2; grid-columns: 16 1fr; grid-rows: auto; height: auto;
    }
    FormRow > Label { width: 16; padding-right: 1; color: $text-muted; }
    FormRow > .form-row-input { width: 1fr; }
    FormRow > .field-error { column-span: 2; color: $error; height: auto; padding-left: 16; }
    FormRow > .field-error.-empty { display: none; }
    """

    def __init__(self, label: str, widget: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.widget = widget
        self._error: Static | None = None

    def compose(self) -> ComposeResult:
        yield Label(Content(self.label))
        self.widget.add_class("form-row-input")
        yield self.widget

    def show_error(self, message: str | None) -> None:
        """Show or clear the message under the widget."""
        error = self._error
        if error is None:
            if not message:
                return  # nothing shown, nothing to clear
            self._error = Static(Content(message), classes="field-error", markup=False)
            self.mount(self._error)
            return
        if not message and error.has_class("-empty"):
            return  # nothing shown, nothing to clear (an update would lay the form out again)
        error.update(Content(message or ""))
        error.set_class(not message, "-empty")

    @property
    def error(self) -> str:
        """The message shown now ('' when none)."""
        error = self._error
        return "" if error is None or error.has_class("-empty") else str(error.render())
