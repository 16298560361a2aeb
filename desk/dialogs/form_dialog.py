"""A modal form: Ctrl+S checks and saves in a worker, a refusal shows at its fields, Esc closes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar

from sqlmodel import Session
from textual.binding import Binding
from textual.screen import ModalScreen

from desk.i18n import _
from desk.store.errors import StoreError
from desk.widgets.db import run_db
from desk.widgets.field import Field

ResultT = TypeVar("ResultT")


def form_bindings(name: str) -> list[Binding]:
    """Ctrl+S to save and Esc to cancel, with ids `<name>.save` and `<name>.cancel`."""
    return [
        Binding("ctrl+s", "save", _("Save"), id=f"{name}.save"),
        Binding("escape", "cancel", _("Cancel"), id=f"{name}.cancel"),
    ]


class FormDialog(ModalScreen[ResultT]):
    """Fields in `Field`s (a field `x` is the widget `#x` in `#x-field`); a subclass composes
    them, reads them in `action_save` and hands its store job to `run_save`, and says in
    `field_errors` which field each message of a refusal belongs to."""

    FIRST: ClassVar[str] = ""
    """The id of the widget the cursor starts in."""
    SAVE_GROUP: ClassVar[str] = ""
    """The worker group of the save (a second Ctrl+S replaces a save still running)."""

    def on_mount(self) -> None:
        self.query_one(f"#{self.FIRST}").focus()

    def on_input_submitted(self) -> None:
        self.focus_next()

    def clear_errors(self) -> None:
        """Take every field's error away (before a new try)."""
        for field in self.query(Field):
            field.show_error(None)

    def run_save(self, job: Callable[[Session], Any], done: Callable[[Any], None]) -> None:
        """Run the store job in a worker; `done` gets its result, a refusal goes to the fields."""
        run_db(self, job, done, group=self.SAVE_GROUP, failed=self.refused)

    def field_errors(self, error: StoreError) -> Mapping[str, str]:
        """The messages of a refusal by field id; none means it is shown as a whole."""
        return {}

    def refused(self, error: StoreError) -> None:
        """Show each message at its field and put the cursor in the first; or the error alone."""
        shown = False
        for key, message in self.field_errors(error).items():
            if not self.query(f"#{key}-field"):
                continue
            self.query_one(f"#{key}-field", Field).show_error(message)
            if not shown:
                self.query_one(f"#{key}").focus()
            shown = True
        if not shown:
            self.app.show_error(str(error))  # type: ignore[attr-defined]

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
