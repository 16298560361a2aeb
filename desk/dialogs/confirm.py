"""Ask yes or no before a step that cannot be undone; each use names its yes in the key bar."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from desk.i18n import _
from desk.rules.text import one_line
from desk.widgets.key_bar import KeyBar


class ConfirmDialog(ModalScreen[bool]):
    """A question with yes (y or Enter) and no (Escape or n); subclasses name the keys."""

    BINDINGS: list[Binding | tuple[str, str] | tuple[str, str, str]] = []

    def __init__(self, question: str, subject: str = "") -> None:
        super().__init__()
        self.question = question
        self.subject = subject

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.question), id="title")
            if self.subject:
                yield Static(Content(one_line(self.subject)), id="subject")
        yield KeyBar()

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class ConfirmArchiveDialog(ConfirmDialog):
    """Archiving closes a record for good: asked first."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", _("Archive"), id="confirm_archive.yes"),
        Binding("escape,n", "answer(False)", _("Cancel"), id="confirm_archive.no"),
    ]

    def __init__(self, record_id: int, subject: str) -> None:
        question = _("Archive record {id}? An archived record can no longer be changed.")
        super().__init__(question.format(id=record_id), subject)


class ConfirmTellDialog(ConfirmDialog):
    """That leadership was told is kept for good: asked first."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", _("Leadership told"), id="confirm_tell.yes"),
        Binding("escape,n", "answer(False)", _("Cancel"), id="confirm_tell.no"),
    ]

    def __init__(self, record_id: int, subject: str) -> None:
        question = _(
            "Record that leadership has been told of record {id}? This cannot be taken back."
        )
        super().__init__(question.format(id=record_id), subject)


def ask_first(app: App[Any], dialog: ConfirmDialog, then: Callable[[], None]) -> None:
    """Ask the dialog's question; run `then` only once it is answered yes."""

    def answered(yes: bool | None) -> None:
        if yes:
            then()

    app.push_screen(dialog, answered)
