"""`desk backup`, `desk verify`, `desk restore`.

Exit codes: 0 done; 1 the backup or its check failed, or verify found a mismatch;
2 bad input or refused (not a desk backup, checksum mismatch, wrong passphrase, a database
already there without --force); 130 interrupted.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import typer
from sqlalchemy import Engine

from desk.cli.context import CliState, console, fail, friendly, is_terminal, state
from desk.i18n import _
from desk.store.access import Permission, require
from desk.store.audit import record_audit
from desk.store.backup import BackupResult, backup_sqlite, rotate, verify_backup
from desk.store.backup_crypto import BackupError
from desk.store.engine import make_engine, open_database, session_scope, sqlite_path
from desk.store.errors import ValidationError

PASSPHRASE_ENV = "DESK_BACKUP_PASSPHRASE"
DEFAULT_KEEP = 14


def passphrase(*, confirm: bool, needed: bool = True) -> str | None:
    """The backup passphrase: DESK_BACKUP_PASSPHRASE, else asked at the terminal."""
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if not needed:
        return None
    if not is_terminal():
        raise ValidationError(
            _("Set {env} or run at a terminal to give the passphrase.").format(env=PASSPHRASE_ENV)
        )
    value = typer.prompt(_("Backup passphrase"), hide_input=True, confirmation_prompt=confirm)
    if not value:
        raise ValidationError(_("The passphrase must not be empty."))
    return value


def take_backup(
    current: CliState,
    *,
    folder: Path,
    keep: int,
    encrypt: bool,
    full_check: bool = False,
    now: datetime | None = None,
    secret: str | None = None,
) -> tuple[BackupResult, list[Path]]:
    """Take a backup of the configured database, rotate the folder, audit both (`secret`: the
    passphrase when the caller has asked for it already)."""
    require(None, Permission.BACKUP)
    settings = current.settings()
    engine = current.engine()
    if encrypt and secret is None:
        secret = passphrase(confirm=True)
    moment = now or datetime.now(UTC)
    path = sqlite_path(settings.db_url)
    if path is not None:
        result = backup_sqlite(path, folder, now=moment, passphrase=secret, full_check=full_check)
    else:
        from desk.store.backup_pg import backup_postgres

        result = backup_postgres(engine, settings.db_url, folder, now=moment, passphrase=secret)
    removed = rotate(folder, keep=keep)
    _audit(engine, "backup", result.path, sha256=result.manifest["sha256"], removed=removed)
    return result, removed


def _audit(engine: Engine, action: str, path: Path, **detail: object) -> None:
    with session_scope(engine) as session:
        record_audit(
            session,
            action=action,
            staff=None,
            target_kind="database",
            detail={"file": str(path), **{k: v for k, v in detail.items()}},
        )


def register(app: typer.Typer) -> None:
    """Add `backup`, `verify` and `restore` to the root command."""

    @app.command("backup", help=_("Back up the database (exit status: 0 done, 1 failed)."))
    @friendly
    def backup(
        ctx: typer.Context,
        to: str | None = typer.Option(None, "--to", metavar=_("FOLDER"), help=_("Where to.")),
        keep: int = typer.Option(
            DEFAULT_KEEP, "--keep", min=0, help=_("Keep the newest N backups (0 = all).")
        ),
        encrypt: bool = typer.Option(
            False, "--encrypt", help=_("Encrypt with a passphrase (DESK_BACKUP_PASSPHRASE).")
        ),
        full_check: bool = typer.Option(
            False, "--full-check", help=_("Run the full integrity check (slow on large files).")
        ),
    ) -> None:
        current = state(ctx)
        folder = Path(to).expanduser() if to else current.settings().backup_dir
        try:
            result, removed = take_backup(
                current, folder=folder, keep=keep, encrypt=encrypt, full_check=full_check
            )
        except BackupError as error:
            raise fail(str(error), 1) from None
        console.print(
            _("Backup written to {path} in {seconds:.1f} s and checked.").format(
                path=result.path, seconds=result.seconds
            ),
            markup=False,
            soft_wrap=True,
        )
        for path in removed:
            console.print(_("Removed the old backup {path}").format(path=path), markup=False)

    @app.command("verify", help=_("Check a backup against its manifest."))
    @friendly
    def verify(
        backup: str = typer.Argument(..., metavar=_("BACKUP"), help=_("The backup file.")),
    ) -> None:
        path = Path(backup).expanduser()
        try:
            manifest = verify_backup(path, passphrase=passphrase(confirm=False, needed=False))
        except BackupError as error:
            raise fail(str(error), 1) from None
        if manifest.get("encrypted") and not os.environ.get(PASSPHRASE_ENV):
            console.print(
                _("{path}: the checksum matches; set {env} to check the contents too.").format(
                    path=path, env=PASSPHRASE_ENV
                ),
                markup=False,
                soft_wrap=True,
            )
            return
        rows = sum(manifest.get("tables", {}).values())
        console.print(
            _("{path} is sound: checksum, integrity and {rows:,} rows match.").format(
                path=path, rows=rows
            ),
            markup=False,
            soft_wrap=True,
        )

    @app.command("restore", help=_("Restore a backup over the configured database."))
    @friendly
    def restore(
        ctx: typer.Context,
        backup: str = typer.Argument(..., metavar=_("BACKUP"), help=_("The backup file.")),
        force: bool = typer.Option(
            False, "--force", help=_("Replace an existing database (it is kept beside).")
        ),
    ) -> None:
        require(None, Permission.RESTORE)
        current = state(ctx)
        settings = current.settings()
        path = Path(backup).expanduser()
        from desk.store.backup import read_manifest

        _data, manifest = read_manifest(path)
        secret = passphrase(confirm=False) if manifest.get("encrypted") else None
        moment = datetime.now(UTC)
        db_path = sqlite_path(settings.db_url)
        if db_path is not None:
            from desk.store.restore import restore_sqlite

            kept = restore_sqlite(
                path, db_path, now=moment, force=force, passphrase=secret
            ).replaced_kept_at
        else:
            from desk.store.backup_pg import restore_postgres

            engine = make_engine(settings.db_url)
            kept = restore_postgres(
                path, engine, settings.db_url, now=moment, force=force, passphrase=secret
            )
        engine = open_database(settings.db_url)
        _audit(engine, "restore", path, kept=str(kept) if kept else None)
        engine.dispose()
        console.print(_("Restored {path}.").format(path=path), markup=False)
        if kept:
            console.print(
                _("The replaced database is kept at {path}").format(path=kept), markup=False
            )
