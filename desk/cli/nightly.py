"""`desk nightly`: the incremental export of every kind, then a backup and its rotation.

One log line per step. Exit codes: 0 every step worked; 1 a step failed (the others still
ran); 2 bad input; 130 interrupted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from desk.cli.backup import DEFAULT_KEEP, passphrase, take_backup
from desk.cli.context import console, friendly, state
from desk.cli.export import STEP_FAILED, check_choice, export_kinds
from desk.export.writers import FORMATS
from desk.i18n import N_, _
from desk.store.errors import MissingDatabase, failure_text
from desk.store.export import ExportOutcome
from desk.store.export_columns import KINDS

STEPS = {
    "calls": N_("export calls"),
    "visits": N_("export visits"),
    "appointments": N_("export appointments"),
    "followups": N_("export followups"),
    "database": N_("database"),
    "backup": N_("backup"),
    "rotate": N_("rotate"),
}
"""The name of each step in the log, in the administrator's language."""


def register(app: typer.Typer) -> None:
    """Add `nightly` to the root command."""

    @app.command(
        "nightly",
        help=_("Export what changed since last night, then back up (for cron or a timer)."),
    )
    @friendly
    def nightly(
        ctx: typer.Context,
        fmt: str = typer.Option(
            "csv", "--format", "-f", metavar="csv|xlsx|json|jsonl", help=_("File format.")
        ),
        excel: bool = typer.Option(
            False, "--excel", help=_("CSV with a byte-order mark, for Excel.")
        ),
        out: str | None = typer.Option(None, "--out", metavar=_("FOLDER"), help=_("Exports.")),
        to: str | None = typer.Option(None, "--to", metavar=_("FOLDER"), help=_("Backups.")),
        keep: int = typer.Option(DEFAULT_KEEP, "--keep", min=0, help=_("Backups to keep.")),
        encrypt: bool = typer.Option(False, "--encrypt", help=_("Encrypt the backup.")),
        full_check: bool = typer.Option(
            False, "--full-check", help=_("Run the full integrity check (slow on large files).")
        ),
    ) -> None:
        check_choice(fmt, FORMATS, "--format")
        current = state(ctx)
        settings = current.settings()
        tz = settings.tz

        def log(step: str, message: str) -> None:
            stamp = datetime.now(tz).strftime("%Y-%m-%d %H:%M:%S")
            line = _("{label}: {value}").format(label=_(STEPS[step]), value=message)
            console.print(f"{stamp} {line}", markup=False, soft_wrap=True)

        def report(kind: str, outcome: ExportOutcome | None, error: Exception | None) -> None:
            if outcome is not None:
                log(
                    kind,
                    _("ok, {rows:,} rows, {path}").format(rows=outcome.rows, path=outcome.path),
                )
            else:
                log(kind, _("FAILED: {reason}").format(reason=failure_text(error)))

        ok = True
        try:
            engine = current.engine()
        except MissingDatabase:
            raise  # a wrong --db or folder: one line, exit status 2, nothing made or rotated
        except Exception as error:  # noqa: BLE001 - the backup step still gets its turn
            log("database", _("FAILED: {reason}").format(reason=failure_text(error)))
            ok, engine = False, None
        # Asked before the exports: a missing passphrase must not wait for them to be found
        # out (and after the database: a wrong --db is said without asking for it).
        secret = passphrase(confirm=True) if encrypt else None
        if engine is not None:
            ok = export_kinds(
                settings,
                engine,
                kinds=KINDS,
                fmt=fmt,
                folder=Path(out).expanduser() if out else settings.export_dir,
                since_last=True,
                bom=excel,
                now=datetime.now(UTC),
                report=report,
            )
        try:
            folder = Path(to).expanduser() if to else settings.backup_dir
            result, removed = take_backup(
                current,
                folder=folder,
                keep=keep,
                encrypt=encrypt,
                full_check=full_check,
                secret=secret,
            )
            log(
                "backup",
                _("ok, {path}, {seconds:.1f} s").format(
                    path=result.path.absolute(), seconds=result.seconds
                ),
            )
            log("rotate", _("ok, {count} old backups removed").format(count=len(removed)))
        except Exception as error:  # noqa: BLE001 - reported as one line, exit status 1
            ok = False
            log("backup", _("FAILED: {reason}").format(reason=failure_text(error)))
        if not ok:
            raise typer.Exit(STEP_FAILED)
