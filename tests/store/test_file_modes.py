"""The database file and its WAL files are readable by their owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from desk.store.audit import record_audit
from desk.store.engine import open_database, session_scope


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_new_database_and_wal_files_are_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = tmp_path / "data" / "desk.db"
        engine = open_database(f"sqlite:///{path}")
        with session_scope(engine) as session:
            record_audit(session, action="export", staff=None)
        with engine.connect() as connection:  # keeps -wal and -shm in place while we look
            connection.exec_driver_sql("SELECT count(*) FROM audit_event").fetchall()
            wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
            assert wal.exists() and shm.exists()
            assert [_mode(p) for p in (path, wal, shm)] == [0o600, 0o600, 0o600]
        engine.dispose()
    finally:
        os.umask(old)


def test_an_existing_database_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    open_database(f"sqlite:///{path}").dispose()
    path.chmod(0o640)
    open_database(f"sqlite:///{path}").dispose()
    assert _mode(path) == 0o640
