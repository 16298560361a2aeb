"""`desk import subjects FILE`: follow-up subjects from a hospital register (CSV or XLSX)."""

from __future__ import annotations

import time
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from desk.cli.context import console, err_console, friendly, is_terminal, state
from desk.i18n import _
from desk.rules.text import one_line
from desk.store.engine import session_scope
from desk.store.followup_import import ImportReport, import_subjects
from desk.store.staff import sync_departments

SHOWN_ERRORS = 200


def _print_errors(report: ImportReport) -> None:
    for error in report.errors[:SHOWN_ERRORS]:
        err_console.print(
            _("Row {row}, column {column}: {reason}").format(
                row=error.row, column=one_line(error.column), reason=error.reason
            ),
            markup=False,
        )
    if len(report.errors) > SHOWN_ERRORS:
        err_console.print(
            _("… and {count} more.").format(count=len(report.errors) - SHOWN_ERRORS), markup=False
        )


def register(app: typer.Typer) -> None:
    """Add the `import` group to the root command."""
    group = typer.Typer(help=_("Import records from files."), no_args_is_help=True)
    app.add_typer(group, name="import")

    @group.command("subjects", help=_("Import follow-up subjects from a CSV or XLSX file."))
    @friendly
    def subjects(
        ctx: typer.Context,
        file: Path = typer.Argument(..., metavar=_("FILE"), help=_("A .csv or .xlsx file.")),
        rule: str | None = typer.Option(
            None, "--rule", metavar=_("RULE"), help=_("Enrol everyone under this rule.")
        ),
        skip_bad: bool = typer.Option(
            False, "--skip-bad", help=_("Import the good rows and skip the bad ones.")
        ),
    ) -> None:
        current = state(ctx)
        settings = current.settings()
        engine = current.engine(create=True)
        started = time.perf_counter()
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description} {task.completed:,.0f}"),
            TimeElapsedColumn(),
            console=err_console,
            disable=not is_terminal(),
            transient=True,
        ) as progress:
            bar = progress.add_task(_("Rows read"), total=None)
            with session_scope(engine) as session:
                sync_departments(session, names=settings.departments)
                report = import_subjects(
                    session,
                    actor=None,
                    settings=settings,
                    path=file,
                    rule_name=rule,
                    skip_bad=skip_bad,
                    progress=lambda done: progress.update(bar, completed=done),
                )
        if report.empty:
            err_console.print(
                _("{file} holds no rows; nothing was imported.").format(file=one_line(str(file))),
                markup=False,
            )
            raise typer.Exit(1)
        _print_errors(report)
        if report.columns_missing:
            err_console.print(
                _(
                    "Nothing was imported: the first row must hold the column titles, "
                    "a name and a phone column at least, and the date the rule counts from."
                ),
                markup=False,
            )
            raise typer.Exit(1)
        if report.refused:
            err_console.print(
                _(
                    "Nothing was imported: {rows} rows cannot be taken ({count} problems). "
                    "Correct them, or use --skip-bad."
                ).format(rows=report.bad_rows, count=len(report.errors)),
                markup=False,
            )
            raise typer.Exit(1)
        console.print(
            _(
                "Imported {added:,} subjects ({tasks:,} follow-up tasks); {already:,} already "
                "there, {skipped:,} bad rows skipped, in {seconds:.1f} s."
            ).format(
                added=report.added,
                tasks=report.tasks,
                already=report.already,
                skipped=report.skipped,
                seconds=time.perf_counter() - started,
            ),
            markup=False,
        )
