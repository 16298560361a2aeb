"""A modal that shows one audit event whole: every field, the detail wrapped, not cut."""

from __future__ import annotations

from datetime import tzinfo

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from desk.i18n import _
from desk.rules.text import printable
from desk.store.audit import AuditRow, action_label
from desk.store.audit_detail import describe_detail
from desk.widgets.key_bar import KeyBar


class AuditEventDialog(ModalScreen[None]):
    """Who did what, when, from which desk, and the whole detail; Escape or Enter closes."""

    CSS_PATH = "audit_event.tcss"
    BINDINGS = [
        Binding("escape", "close", _("Close"), id="audit_event.close"),
        Binding("enter", "close", _("Close"), show=False, id="audit_event.close_enter"),
    ]

    def __init__(self, event: AuditRow, tz: tzinfo) -> None:
        super().__init__()
        self.event = event
        self.tz = tz

    def compose(self) -> ComposeResult:
        title = _("Audit event #{number}").format(number=self.event.id)
        with Vertical(id="dialog"):
            yield Static(Content(title), id="title")
            with VerticalScroll():
                yield Static(self._fields(), id="fields")
        yield KeyBar()

    def _fields(self) -> Table:
        event = self.event
        table = Table(box=None, pad_edge=False, show_header=False, expand=True)
        table.add_column(style="bold", no_wrap=True)
        table.add_column(overflow="fold", ratio=1)
        rows = [
            (_("When"), event.at.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")),
            (_("Who"), event.actor),
            (_("Operating-system user"), event.os_user),
            (_("Desk"), event.desk()),
            (_("Action"), action_label(event.action)),
            (_("Record"), event.target()),
            (_("Detail"), describe_detail(event.detail, action=event.action, tz=self.tz)),
        ]
        for label, value in rows:
            table.add_row(Text(label), Text(printable(value)))
        return table

    def action_close(self) -> None:
        """Back to the audit trail."""
        self.dismiss(None)
