"""One row of a form: a label, any input widget, and the field's error line under it."""

from __future__ import annotations

from rich.cells import cell_len, chop_cells
from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

LABEL_WIDTH = 16
"""Columns for the label; the widget and the error line start after them."""


class FormRow(Widget):
    """Label beside the widget; the error (if any) under the widget.

    The row draws its label itself, and mounts its error line the first time there is an
    error: a form of eleven rows builds, styles, lays out and draws 33 widgets fewer than
    with a Label, a row container and an error line each, which the call entry's start feels.
    """

    COMPONENT_CLASSES = {"form-row--label"}
    DEFAULT_CSS = f"""
    FormRow {{ height: auto; }}
    FormRow .form-row--label {{ color: $text-muted; }}
    FormRow > .form-row-input {{ margin-left: {LABEL_WIDTH}; width: 1fr; }}
    FormRow > .field-error {{ margin-left: {LABEL_WIDTH}; color: $error; height: auto; }}
    FormRow > .field-error.-empty {{ display: none; }}
    """

    def __init__(self, label: str, widget: Widget, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.label = label
        self.widget = widget
        self._error: Static | None = None
        self._label_lines = label_lines(label, LABEL_WIDTH - 1)
        if len(self._label_lines) > 1:  # a long label (English) takes the lines it needs
            self.styles.min_height = len(self._label_lines)

    def compose(self) -> ComposeResult:
        self.widget.add_class("form-row-input")
        yield self.widget

    def render(self) -> Content:
        # Drawn under the widget, which starts after LABEL_WIDTH columns (less one: a gap).
        style = self.get_visual_style("form-row--label", partial=True)
        return Content.styled("\n".join(self._label_lines), style)

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


def label_lines(label: str, width: int) -> list[str]:
    """A label broken into lines of at most `width` cells, between words where it can."""
    lines: list[str] = []
    line = ""
    for word in label.split():
        joined = f"{line} {word}" if line else word
        if cell_len(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        *whole, line = chop_cells(word, width)  # a word (or Chinese) longer than a line
        lines.extend(whole)
    return [*lines, line]  # a label of no words: one empty line
