"""A modal that shows one call or visit whole, with its history."""

from __future__ import annotations

from datetime import tzinfo

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from desk.i18n import _
from desk.rules.labels import category_label, priority_label, status_label
from desk.rules.text import printable
from desk.store.case_records import ACTION_LABELS, HistoryEntry
from desk.store.queue import CaseDetail
from desk.widgets.key_bar import KeyBar


def history_table(history: tuple[HistoryEntry, ...] | list[HistoryEntry], tz: tzinfo) -> Group:
    """A record's history, one block per entry: when, who and what; below it the status
    before → after (only when it changed) and the note, each on whole lines of its own."""
    blocks: list[Text] = []
    for entry in history:
        line = Text(entry.at.astimezone(tz).strftime("%m-%d %H:%M"), style="dim")
        if entry.staff:
            line.append("  ")
            line.append(printable(entry.staff), style="bold")
        line.append("  " + _(ACTION_LABELS.get(entry.action, entry.action)))
        blocks.append(line)
        if entry.from_status and entry.to_status and entry.to_status != entry.from_status:
            change = f"  {status_label(entry.from_status)} → {status_label(entry.to_status)}"
            blocks.append(Text(change, style="italic"))
        if entry.note:
            blocks.append(Text("  " + printable(entry.note)))
    return Group(*blocks)


class CaseDetailDialog(ModalScreen[None]):
    """Everything about one record; Escape closes."""

    DEFAULT_CSS = """
    CaseDetailDialog { align: center middle; }
    CaseDetailDialog > Vertical {
        width: 90%; height: 90%; padding: 1 2;
        border: thick $primary; background: $surface;
    }
    CaseDetailDialog #history-title { margin-top: 1; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "close", _("Close"), id="case_detail.close"),
        Binding("enter", "close", _("Close"), show=False, id="case_detail.close_enter"),
    ]

    def __init__(self, detail: CaseDetail, tz: tzinfo) -> None:
        super().__init__()
        self.detail = detail
        self.tz = tz

    def compose(self) -> ComposeResult:
        detail = self.detail
        kind = _("Call") if detail.kind == "call" else _("Visit")
        with Vertical():
            yield Static(Content(f"{kind} #{detail.id}"), id="title")
            with VerticalScroll():
                yield Static(self._fields(), id="fields")
                yield Static(Content(_("History")), id="history-title")
                history = detail.history
                yield Static(
                    history_table(history, self.tz) if history else Content(_("No changes yet.")),
                    id="history",
                )
        yield KeyBar()

    def _fields(self) -> Table:
        detail = self.detail
        table = Table(box=None, pad_edge=False, show_header=False, expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold", ratio=1)
        rows: list[tuple[str, str]] = [
            (_("Time"), detail.received_at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M")),
            *detail.fields,
            (_("Priority"), priority_label(detail.priority)),
            (_("Category"), category_label(detail.category)),
            (_("Status"), self._status()),
            (_("Department"), detail.department or _("Not routed yet")),
            (_("Recorder") if detail.kind == "call" else _("Received by"), detail.staff),
        ]
        if detail.corrects_id:
            rows.append((_("Corrects"), f"#{detail.corrects_id}"))
        if detail.corrected_by:
            rows.append((_("Corrected by"), " ".join(f"#{i}" for i in detail.corrected_by)))
        for label, value in rows:
            table.add_row(Text(label), Text(printable(value)))
        return table

    def _status(self) -> str:
        """The status, and 已更正 once a correction (a new linked record) replaces it."""
        status = status_label(self.detail.status)
        return f"{status} · {_('Corrected')}" if self.detail.corrected_by else status

    def action_close(self) -> None:
        """Close the record."""
        self.dismiss(None)
