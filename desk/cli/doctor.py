"""`desk doctor`: check the configuration and the database and say what was found."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import typer
from rich.table import Table
from sqlmodel import Session

from desk.cli.context import console, friendly, state
from desk.i18n import N_, _
from desk.rules.workdays import gap_message, has_holiday_data
from desk.store.engine import schema_state, sqlite_path
from desk.store.stats import record_counts

LABELS = {
    "staff": N_("Staff members"),
    "departments": N_("Departments"),
    "calls": N_("Calls"),
    "visits": N_("Visits, letters and e-mails"),
    "callbacks": N_("Callbacks"),
    "appointments": N_("Appointments"),
    "subjects": N_("Follow-up subjects"),
    "tasks": N_("Follow-up tasks"),
    "attempts": N_("Follow-up attempts"),
    "audit": N_("Audit events"),
}


def _free_disk(path: Path) -> str:
    usage = shutil.disk_usage(path)
    return f"{usage.free / 2**30:.1f} GiB"


CALENDAR_AHEAD = timedelta(days=120)
"""How far ahead follow-ups are planned: the holiday data must reach that far."""


def _calendar_gaps(today: date) -> list[int]:
    """Years from today to CALENDAR_AHEAD without holiday data."""
    years = range(today.year, (today + CALENDAR_AHEAD).year + 1)
    return [year for year in years if not has_holiday_data(year)]


def _last_year_with_data(today: date) -> int | None:
    year = today.year
    if not has_holiday_data(year):
        return None
    while has_holiday_data(year + 1):
        year += 1
    return year


def register(app: typer.Typer) -> None:
    """Add `doctor` to the root command."""

    @app.command("doctor", help=_("Check the database and configuration; print what was found."))
    @friendly
    def doctor(ctx: typer.Context) -> None:
        current = state(ctx)
        settings = current.settings()
        engine = current.engine()
        table = Table(show_header=False, box=None)
        table.add_column(style="bold")
        table.add_column()
        config = str(settings.config_path) if settings.config_path else _("shipped default")
        table.add_row(_("Configuration"), config)
        table.add_row(_("Institution"), settings.institution_name)
        table.add_row(_("Database"), engine.url.render_as_string(hide_password=True))
        table.add_row(_("Schema revision"), schema_state(engine).revision or "")
        with Session(engine) as session:
            counts = record_counts(session)
        for key, label in LABELS.items():
            table.add_row(_(label), f"{counts[key]:,}")
        path = sqlite_path(settings.db_url)
        disk_folder = path.parent if path else Path.cwd()
        table.add_row(_("Free disk"), _free_disk(disk_folder))
        today = date.today()
        last = _last_year_with_data(today)
        table.add_row(
            _("Holiday calendar"),
            _("up to the end of {year}").format(year=last) if last else _("no data"),
        )
        console.print(table)
        gaps = _calendar_gaps(today)
        for year in gaps:
            console.print(_("Warning: {problem}").format(problem=gap_message(year)), markup=False)
        if not gaps:
            console.print(_("No problems found."))
