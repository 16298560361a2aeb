"""Read-back (复述确认): the whole record as one block to read to the caller, then confirm."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from desk.i18n import _
from desk.rules.call_kinds import CATEGORY_LABELS, PRIORITY_LABELS
from desk.rules.calltime import format_call_time
from desk.rules.text import printable
from desk.store.shapes import CallCreate, EntryChoices
from desk.widgets.key_bar import KeyBar


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
        yield KeyBar()

    def action_confirm(self) -> None:
        """The caller confirmed the record."""
        self.dismiss(True)

    def action_back(self) -> None:
        """Return to the form with everything still there."""
        self.dismiss(False)


def readback_dialog(data: CallCreate, number_text: str, choices: EntryChoices) -> ReadbackDialog:
    """The read-back dialog for a call about to be saved."""
    staff = {c.id: c.name for c in choices.staff}
    departments = {c.id: c.name for c in choices.departments}
    promise = data.promise()
    rows = [
        (_("Time"), format_call_time(data.received_at)),
        (_("Organisation"), data.org.strip()),
        (_("Caller"), data.caller.strip()),
        (_("Main content"), data.content.strip()),
        (_("Callback number"), number_text),
        (_("Recorder"), staff.get(data.recorder_id or 0, "")),
        (_("Priority"), _(PRIORITY_LABELS[data.priority])),
        (_("Category"), _(CATEGORY_LABELS[data.category])),
        (_("Department"), departments.get(data.department_id or 0, _("Not routed yet"))),
        (_("Reply within"), promise.describe() if promise else _("none")),
    ]
    if data.is_sales_lead:  # the caller is enrolled for follow-up calls: read that back too
        rows.append((_("Sales lead"), _("Follow this customer up")))
    reason = _("Read the record back to the caller and ask them to confirm it.")
    return ReadbackDialog(rows, reason=reason)
