"""PostgreSQL backups: pg_dump in custom format, verified, restored over the database."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from desk.models import Call
from desk.store.backup import verify_backup
from desk.store.backup_crypto import BackupError, WrongPassphrase
from desk.store.backup_pg import backup_postgres, restore_postgres
from desk.store.engine import is_sqlite
from tests.store.sample_records import fill_sample

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def _calls(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Call)).scalar_one()


def test_pg_backup_verify_restore(engine: Engine, db_url: str, tmp_path: Path) -> None:
    if is_sqlite(engine):
        pytest.skip("PostgreSQL only")
    fill_sample(engine)
    result = backup_postgres(engine, db_url, tmp_path / "b", now=NOW, passphrase="p")
    assert result.manifest["database"] == "postgresql"
    assert result.manifest["tables"]["call"] == 3
    verify_backup(result.path, passphrase="p")
    with pytest.raises(WrongPassphrase):
        verify_backup(result.path, passphrase="x")
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM callback"))
        connection.execute(text("DELETE FROM call WHERE id = 2"))
    with pytest.raises(BackupError, match="--force"):
        restore_postgres(result.path, engine, db_url, now=NOW, passphrase="p")
    kept = restore_postgres(result.path, engine, db_url, now=NOW, force=True, passphrase="p")
    assert kept is not None and kept.exists()
    assert _calls(engine) == 3
