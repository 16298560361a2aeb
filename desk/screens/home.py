"""The overview: where you are, who you are, and today's real figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from desk.i18n import N_, _
from desk.models import Role
from desk.screens.base import DeskScreen
from desk.store import stats
from desk.widgets.db import run_db
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar

ROLE_LABELS = {
    Role.RECEPTIONIST: N_("Receptionist"),
    Role.SUPERVISOR: N_("Supervisor"),
    Role.ADMIN: N_("Administrator"),
}


@dataclass(frozen=True)
class Overview:
    """Today's figures for the overview."""

    calls_today: int
    open_calls: int
    counts: dict[str, int]


class HomeScreen(DeskScreen):
    """Institution, signed-in staff member, today's figures and the keys to the areas."""

    CSS_PATH = "home.tcss"

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="body"):
            yield Static(id="who")
            yield Static(id="figures")
            yield Static(id="keys")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.refresh_figures()

    def on_mount(self) -> None:
        self.refresh_figures()

    def refresh_figures(self) -> None:
        """Load today's figures in a worker."""
        app = self.app
        settings = app.settings  # type: ignore[attr-defined]
        staff = app.staff  # type: ignore[attr-defined]
        now = app.now()  # type: ignore[attr-defined]
        who = Text()
        who.append(settings.institution_name + "\n", style="bold")
        if staff is not None:
            who.append(_("Signed in: ") + staff.name + f" ({_(ROLE_LABELS[staff.role])})\n")
        who.append(now.strftime("%Y-%m-%d %H:%M"))
        self.query_one("#who", Static).update(who)
        start = datetime.combine(now.date(), time(0), tzinfo=now.tzinfo)

        def job(session):  # type: ignore[no-untyped-def]
            return Overview(
                stats.calls_since(session, since=start),
                stats.open_calls(session),
                stats.record_counts(session),
            )

        run_db(self, job, self._show, group="home.figures", read_only=True)

    def _show(self, overview: Overview) -> None:
        table = Table(show_header=False, box=None, pad_edge=False)
        table.add_column(style="bold")
        table.add_column(justify="right")
        table.add_row(_("Calls today"), f"{overview.calls_today:,}")
        table.add_row(_("Open calls"), f"{overview.open_calls:,}")
        table.add_row(_("Calls in all"), f"{overview.counts['calls']:,}")
        table.add_row(_("Visits, letters and e-mails"), f"{overview.counts['visits']:,}")
        table.add_row(_("Follow-up tasks"), f"{overview.counts['tasks']:,}")
        self.query_one("#figures", Static).update(table)
        keys = self.app.area_keys_text()  # type: ignore[attr-defined]
        self.query_one("#keys", Static).update(Content(keys))
