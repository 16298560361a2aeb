"""Put a backup back: checked first, never over a database without --force, the old one kept."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desk.export.atomic import atomic_path
from desk.i18n import _
from desk.store.backup import (
    check_checksum,
    check_sqlite_copy,
    copy_sqlite,
    plain_copy,
    read_manifest,
)
from desk.store.backup_crypto import BackupError
from desk.store.engine import BUSY_TIMEOUT_S


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the backup put back and where the replaced database was kept."""

    backup: Path
    database: str
    replaced_kept_at: Path | None


def has_data(db_path: Path) -> bool:
    """Whether a SQLite file exists and holds anything."""
    return db_path.exists() and db_path.stat().st_size > 0


def restore_sqlite(
    backup: Path,
    db_path: Path,
    *,
    now: datetime,
    force: bool = False,
    passphrase: str | None = None,
) -> RestoreResult:
    """Check a backup, keep the current database beside it, and copy the backup in place.

    The copy goes through SQLite's backup API into the live file, so desks that have it open
    see the restored data on their next transaction instead of a deleted file.
    """
    data, manifest = read_manifest(backup)
    if manifest.get("database") != "sqlite":
        raise BackupError(
            _("{path} is a PostgreSQL backup; restore it into PostgreSQL.").format(path=data)
        )
    check_checksum(data, manifest)
    if has_data(db_path) and not force:
        raise BackupError(
            _("{path} already holds a database; add --force to replace it.").format(path=db_path)
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    plain = plain_copy(data, manifest, passphrase, db_path)
    try:
        counts = check_sqlite_copy(plain)
        if counts != manifest.get("tables"):
            raise BackupError(_("{path}: row counts differ from the manifest.").format(path=data))
        kept = None
        if has_data(db_path):
            kept = db_path.with_name(
                f"{db_path.name}.replaced-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}"
            )
            with atomic_path(kept) as temp:
                copy_sqlite(db_path, temp)
        source = sqlite3.connect(f"file:{plain}?mode=ro", uri=True)
        target = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_S)
        try:
            source.backup(target, pages=-1)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            source.close()
        db_path.chmod(0o600)
    finally:
        plain.unlink(missing_ok=True)
    return RestoreResult(backup=data, database=str(db_path), replaced_kept_at=kept)
