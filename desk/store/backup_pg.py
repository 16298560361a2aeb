"""PostgreSQL backups with pg_dump (custom format), checked with pg_restore --list."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, inspect, select, table
from sqlalchemy.engine import make_url

from desk.export.atomic import create_private, temp_name
from desk.i18n import _
from desk.store.backup import (
    BackupResult,
    _manifest,
    backup_stem,
    check_checksum,
    plain_copy,
    read_manifest,
    seal,
    write_manifest,
)
from desk.store.backup_crypto import BackupError


def libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URL without the password, and the environment that carries it."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            _("{tool} is not installed; it is needed for PostgreSQL.").format(tool=name)
        )
    return found


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(
            _("{tool} failed: {reason}").format(
                tool=Path(args[0]).name, reason=reason[-1] if reason else done.returncode
            )
        )


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows per table of the live database (taken beside the dump)."""
    with engine.connect() as connection:
        names = sorted(inspect(connection).get_table_names())
        return {
            name: int(
                connection.execute(select(func.count()).select_from(table(name))).scalar_one()
            )
            for name in names
        }


def backup_postgres(
    engine: Engine, url: str, folder: Path, *, now: datetime, passphrase: str | None = None
) -> BackupResult:
    """pg_dump a consistent snapshot in custom format, check it lists, write the manifest."""
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{backup_stem(now)}.dump"
    temp = temp_name(final)
    create_private(temp)
    target, env = libpq(url)
    try:
        _run([_tool("pg_dump"), "--format=custom", f"--file={temp}", f"--dbname={target}"], env)
        _run([_tool("pg_restore"), "--list", str(temp)], env)
        tables = row_counts(engine)
        final = seal(temp, final, passphrase)
    finally:
        temp.unlink(missing_ok=True)
    manifest = _manifest(
        database="postgresql",
        file=final,
        now=now,
        tables=tables,
        encrypted=passphrase is not None,
        check="pg_restore --list",
    )
    return BackupResult(
        final, write_manifest(final, manifest), manifest, time.perf_counter() - started
    )


def check_dump(data: Path, manifest: dict[str, Any], passphrase: str | None) -> None:
    """Check that a dump can be read by pg_restore (decrypting it first if need be)."""
    if manifest.get("encrypted") and passphrase is None:
        return
    plain = plain_copy(data, manifest, passphrase, data)
    try:
        _run([_tool("pg_restore"), "--list", str(plain)], dict(os.environ))
    finally:
        plain.unlink(missing_ok=True)


def restore_postgres(
    backup: Path,
    engine: Engine,
    url: str,
    *,
    now: datetime,
    force: bool = False,
    passphrase: str | None = None,
) -> Path | None:
    """Restore a dump into the database, after dumping what it replaces beside the backup."""
    data, manifest = read_manifest(backup)
    if manifest.get("database") != "postgresql":
        raise BackupError(_("{path} is a SQLite backup; restore it into SQLite.").format(path=data))
    check_checksum(data, manifest)
    with engine.connect() as connection:
        occupied = bool(inspect(connection).get_table_names())
    if occupied and not force:
        raise BackupError(_("The database already holds data; add --force to replace it."))
    plain = plain_copy(data, manifest, passphrase, data)
    target, env = libpq(url)
    kept = None
    try:
        if occupied:
            kept = data.with_name(f"replaced-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}.dump")
            _run([_tool("pg_dump"), "--format=custom", f"--file={kept}", f"--dbname={target}"], env)
            kept.chmod(0o600)
        engine.dispose()
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={target}",
                str(plain),
            ],
            env,
        )
    finally:
        plain.unlink(missing_ok=True)
    return kept
