"""`desk export`: calls, visits, appointments and follow-ups to CSV, XLSX, JSON or JSON lines.

Exit codes: 0 every file written; 1 some kind failed (the others were still written);
2 bad input (unknown kind or format, a wrong date); 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from desk.cli.context import console, err_console, fail, friendly, is_terminal, state
from desk.cli.dates import parse_day
from desk.config import Settings
from desk.export.writers import FORMATS
from desk.i18n import _
from desk.store.access import Permission, require
from desk.store.errors import ValidationError, failure_text
from desk.store.export import KIND_TITLES, ExportOutcome, run_export
from desk.store.export_columns import KINDS

OK, STEP_FAILED, BAD_INPUT = 0, 1, 2


def export_progress() -> Progress:
    """A progress bar on a terminal; nothing at all under cron."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=not is_terminal(),
        transient=True,
    )


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    """A value that must be one of a few words."""
    if value not in choices:
        raise ValidationError(
            _("{option}: expected one of {choices}, got {value}").format(
                option=option, choices=", ".join(choices), value=value
            ),
            field=option,
        )
    return value


def export_kinds(
    settings: Settings,
    engine: object,
    *,
    kinds: tuple[str, ...],
    fmt: str,
    folder: Path,
    file_name: str | None = None,
    start: date | None = None,
    end: date | None = None,
    since_last: bool = False,
    mask: bool = False,
    bom: bool = False,
    now: datetime | None = None,
    report: Callable[[str, ExportOutcome | None, Exception | None], None],
) -> bool:
    """Export each kind in turn; one failing does not stop the others. True if all worked."""
    moment = now or datetime.now(UTC)
    ok = True
    with export_progress() as progress:
        for kind in kinds:
            task = progress.add_task(_(KIND_TITLES[kind]), total=None)

            def show(done: int, total: int | None, task: int = task) -> None:
                progress.update(task, completed=done, total=total)

            try:
                outcome = run_export(
                    engine,  # type: ignore[arg-type]
                    kind=kind,
                    fmt=fmt,
                    folder=folder,
                    file_name=file_name,
                    now=moment,
                    tz=settings.tz,
                    start=start,
                    end=end,
                    since_last=since_last,
                    mask=mask,
                    bom=bom,
                    progress=show if is_terminal() else None,
                    rule_labels={rule.name: rule.label for rule in settings.rules},
                )
            except Exception as error:  # noqa: BLE001 - one kind failing must not stop the rest
                ok = False
                report(kind, None, error)
                continue
            finally:
                progress.remove_task(task)
            report(kind, outcome, None)
    return ok


def _is_folder(target: Path, out: str) -> bool:
    """--out names a folder: one that exists, ends in a slash, or is new with no extension."""
    if target.is_dir() or out.endswith(("/", "\\")):
        return True
    return not target.exists() and not target.suffix


def register(app: typer.Typer) -> None:
    """Add `export` to the root command."""

    @app.command(
        "export",
        help=_("Export records to files (exit status: 0 done, 1 a kind failed, 2 bad input)."),
    )
    @friendly
    def export(
        ctx: typer.Context,
        kind: str = typer.Argument(
            "all", metavar="calls|visits|appointments|followups|all", help=_("What to export.")
        ),
        fmt: str = typer.Option(
            "csv", "--format", "-f", metavar="csv|xlsx|json|jsonl", help=_("File format.")
        ),
        start: str | None = typer.Option(
            None, "--from", metavar="YYYY-MM-DD", help=_("First day (inclusive).")
        ),
        end: str | None = typer.Option(
            None, "--to", metavar="YYYY-MM-DD", help=_("Last day (inclusive).")
        ),
        since_last: bool = typer.Option(
            False,
            "--since-last",
            help=_("Only records created or changed since the last export to that folder."),
        ),
        out: str | None = typer.Option(
            None,
            "--out",
            metavar=_("PATH"),
            help=_(
                "Folder; for one kind, also a file such as calls.csv. A path that does not "
                "exist and has no extension is made as a folder."
            ),
        ),
        mask: bool = typer.Option(False, "--mask", help=_("Mask phone numbers and names.")),
        excel: bool = typer.Option(
            False, "--excel", help=_("CSV with a byte-order mark, for Excel.")
        ),
    ) -> None:
        check_choice(kind, (*KINDS, "all"), _("kind of records"))
        check_choice(fmt, FORMATS, "--format")
        first, last = parse_day(start, "--from"), parse_day(end, "--to")
        if first and last and first > last:
            raise ValidationError(_("--from is after --to."), field="--from")
        kinds = KINDS if kind == "all" else (kind,)
        current = state(ctx)
        settings = current.settings()
        require(None, Permission.EXPORT)
        folder, file_name = settings.export_dir, None
        if out:
            target = Path(out).expanduser()
            if kind == "all" or _is_folder(target, out):
                folder = target
            else:
                folder, file_name = target.parent, target.name
        engine = current.engine()

        def report(kind: str, outcome: ExportOutcome | None, error: Exception | None) -> None:
            if outcome is not None:
                console.print(
                    _("Exported {rows:,} rows of {kind} to {path}").format(
                        rows=outcome.rows, kind=_(KIND_TITLES[kind]), path=outcome.path
                    ),
                    markup=False,
                    soft_wrap=True,
                )
            else:
                fail(
                    _("Export of {kind} failed: {reason}").format(
                        kind=_(KIND_TITLES[kind]), reason=failure_text(error) if error else ""
                    )
                )

        ok = export_kinds(
            settings,
            engine,
            kinds=kinds,
            fmt=fmt,
            folder=folder,
            file_name=file_name,
            start=first,
            end=last,
            since_last=since_last,
            mask=mask,
            bom=excel,
            report=report,
        )
        if not ok:
            raise typer.Exit(STEP_FAILED)
