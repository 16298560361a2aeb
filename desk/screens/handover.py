"""The handover sheet (交接班): the day's figures and everything still open for the next shift."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from desk.i18n import N_, _
from desk.screens.base import DeskScreen
from desk.store.shift import KIND_NAMES, ShiftReport, shift_report
from desk.widgets.db import run_db
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar
from desk.widgets.row_table import RowTable

COLUMNS = (
    N_("Kind"),
    N_("No."),
    N_("Time"),
    N_("Priority"),
    N_("Caller or visitor"),
    N_("Matter"),
    N_("Department"),
    N_("Status"),
)


class HandoverScreen(DeskScreen):
    """Today's figures and the open calls, visits, callbacks and due follow-ups."""

    CSS_PATH = "handover.tcss"
    BINDINGS = [
        Binding("ctrl+r", "refresh_sheet", _("Refresh"), id="handover.refresh"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static(id="title")
            yield Static(id="figures")
            yield Static(id="open")
            yield RowTable(id="items", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#items", DataTable)
        table.add_columns(*(_(c) for c in COLUMNS))

    def on_screen_resume(self) -> None:
        # Each showing loads the sheet, the first one too (loading it on mount as well drew
        # the table twice in quick succession, and now and then left its columns unsized).
        self.action_refresh_sheet()

    def action_refresh_sheet(self) -> None:
        """Load the sheet again in a worker."""
        app = self.app
        now = app.now()  # type: ignore[attr-defined]
        settings = app.settings  # type: ignore[attr-defined]
        tz = settings.tz
        labels = {rule.name: rule.label for rule in settings.rules}

        def job(session):  # type: ignore[no-untyped-def]
            return shift_report(session, day=now.date(), tz=tz, now=now, rule_labels=labels)

        run_db(self, job, self._show, group="handover.sheet", read_only=True)

    def _show(self, report: ShiftReport) -> None:
        self.query_one("#title", Static).update(
            Text(_("Handover for {day}").format(day=report.day.isoformat()), style="bold")
        )
        self.query_one("#figures", Static).update(
            Text(
                _(
                    "Today: calls {calls} (urgent {urgent}), visits {visits}, complaints "
                    "{complaints}, resolved {resolved}, callbacks made {callbacks}, follow-up "
                    "calls {attempts} (reached {reached})."
                ).format(**report.figures.named())
            )
        )
        self.query_one("#open", Static).update(Text(report.still_open()))
        table = self.query_one("#items", DataTable)
        table.clear()
        for item in report.items:
            style = "bold" if item.overdue else ""
            table.add_row(
                Text(_(KIND_NAMES[item.kind]), style=style),
                Text(str(item.record_id)),
                Text(item.when + (" !" if item.overdue else ""), style=style),
                Text(item.priority),
                Text(item.who),
                Text(item.summary),
                Text(item.department),
                Text(item.status),
                key=f"{item.kind}:{item.record_id}",
            )
