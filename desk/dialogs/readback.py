"""Read-back (复述确认): the whole record as one block to read to the caller, then confirm."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from desk.i18n import _
from desk.rules.text import printable


class ReadbackDialog(ModalScreen[bool]):
    """Shows the record; Enter or y confirms (True), Escape goes back to the form (False)."""

    DEFAULT_CSS = """
    ReadbackDialog { align: center middle; }
    ReadbackDialog > #readback {
        width: 80; max-width: 95%; height: auto; max-height: 90%;
        padding: 1 2; border: round $warning; background: $surface;
    }
    ReadbackDialog #readback-title { text-style: bold; color: $warning; margin-bottom: 1; }
    ReadbackDialog #readback-record { margin-bottom: 1; }
    ReadbackDialog #readback-keys { color: $text-muted; }
    """
    BINDINGS = [
        Binding("enter", "confirm", _("Confirm and save"), id="readback.confirm"),
        Binding("y", "confirm", _("Confirm and save"), show=False, id="readback.yes"),
        Binding("escape", "back", _("Back to the form"), id="readback.back"),
    ]

    def __init__(self, rows: list[tuple[str, str]], *, reason: str) -> None:
        super().__init__()
        self.rows = rows
        self.reason = reason

    def compose(self) -> ComposeResult:
        width = max((cell_len(label) for label, _value in self.rows), default=0)
        indent = "\n" + " " * (width + 2)
        lines = [
            Content.assemble(
                (label + " " * (width - cell_len(label)), "bold"),
                "  ",
                printable(value).replace("\n", indent),
            )
            for label, value in self.rows
        ]
        with Vertical(id="readback"):
            yield Static(Content(_("Read back to the caller")), id="readback-title")
            yield Static(Content(self.reason), id="readback-reason")
            yield Static(Content("\n").join(lines), id="readback-record")
            yield Static(
                Content(_("Enter or Y: confirmed, save   Esc: back to the form")),
                id="readback-keys",
            )
        yield Footer()

    def action_confirm(self) -> None:
        """The caller confirmed the record."""
        self.dismiss(True)

    def action_back(self) -> None:
        """Return to the form with everything still there."""
        self.dismiss(False)
