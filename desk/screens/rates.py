"""F6 follow-up rates: a month or a quarter, per rule and department, the target beside each."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from desk.i18n import _
from desk.rules.text import one_line
from desk.screens.base import DeskScreen
from desk.store.followup_rates import (
    Period,
    RateRow,
    followup_rates,
    month_period,
    quarter_period,
)
from desk.widgets.db import run_db
from desk.widgets.header import Header
from desk.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from desk.app import DeskApp


def percent(value: float | None) -> str:
    """A rate as a percentage, or a dash when nothing fell due."""
    return "—" if value is None else f"{value * 100:.1f}%"


def shift(period_start: date, months: int) -> date:
    """The first day of the month `months` away from period_start's month."""
    index = period_start.year * 12 + period_start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def rates_table(rows: list[RateRow]) -> Table:
    """The rates as a table: each rate in green when it meets its target, red when not."""
    table = Table(expand=True)
    table.add_column(_("Rule"))
    table.add_column(_("Department"))
    for title in (_("Due"), _("Attempted"), _("Reached"), _("Rate"), _("Target")):
        table.add_column(title, justify="right")
    table.add_column(_("Satisfaction 5/4/3/2/1"), justify="right")
    for row in rows:
        style = "green" if row.meets_target else "red"
        table.add_row(
            Text(row.rule_label if not row.department else ""),
            Text(
                row.department or _("All departments"), style="bold" if not row.department else ""
            ),
            f"{row.due:,}",
            f"{row.attempted:,}",
            f"{row.reached:,}",
            Text(percent(row.rate), style=style),
            percent(row.target),
            "/".join(str(row.satisfaction[g]) for g in (5, 4, 3, 2, 1)),
        )
    return table


def opinions_text(rows: list[RateRow]) -> Text:
    """The opinions collected, per rule."""
    text = Text()
    for row in rows:
        if row.department or not row.opinions:
            continue
        text.append(_("Opinions, {rule}:").format(rule=row.rule_label) + "\n", style="bold")
        for opinion in row.opinions[:50]:
            text.append("· " + one_line(opinion) + "\n")
    return text


class RatesScreen(DeskScreen):
    """Follow-up rates against each rule's target, for a month or a quarter."""

    CSS_PATH = "rates.tcss"
    BINDINGS = [
        Binding("left", "move(-1)", _("Earlier"), id="rates.earlier"),
        Binding("right", "move(1)", _("Later"), id="rates.later"),
        Binding("q", "toggle_quarter", _("Month / quarter"), id="rates.quarter"),
        Binding("ctrl+r", "reload", _("Refresh"), id="rates.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.start: date | None = None
        self.quarterly = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="period")
        with VerticalScroll(id="body"):
            yield Static(id="table")
            yield Static(id="opinions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()

    def period(self) -> Period:
        """The period shown."""
        if self.start is None:
            today = self.app.now().date()  # type: ignore[attr-defined]
            self.start = date(today.year, today.month, 1)
        if self.quarterly:
            return quarter_period(f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}")
        return month_period(f"{self.start.year}-{self.start.month:02d}")

    def reload(self) -> None:
        """Load the rates of the period."""
        app: DeskApp = self.app  # type: ignore[assignment]
        period = self.period()
        kind = _("Quarter") if self.quarterly else _("Month")
        self.query_one("#period", Static).update(
            Content(
                f"{kind} {period.label}   ← → "
                + _("earlier / later")
                + "   Q "
                + _("month / quarter")
            )
        )
        actor, settings = app.staff, app.settings

        def job(session):  # type: ignore[no-untyped-def]
            return followup_rates(session, actor=actor, settings=settings, period=period)

        run_db(self, job, self._show, group="rates.load", read_only=True)

    def _show(self, rows: list[RateRow]) -> None:
        table = self.query_one("#table", Static)
        if not rows:
            table.update(Content(_("No follow-up tasks fell due in this period.")))
        else:
            table.update(rates_table(rows))
        self.query_one("#opinions", Static).update(opinions_text(rows))

    def action_move(self, step: int) -> None:
        """Show the month (or quarter) before or after."""
        self.period()
        assert self.start is not None
        self.start = shift(self.start, step * (3 if self.quarterly else 1))
        self.reload()

    def action_toggle_quarter(self) -> None:
        """Switch between a month and its quarter."""
        self.quarterly = not self.quarterly
        self.reload()

    def action_reload(self) -> None:
        """Load the rates again."""
        self.reload()
