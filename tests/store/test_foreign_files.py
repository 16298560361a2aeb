"""A database desk did not make is left exactly as it was; a damaged one is called damaged."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desk.store.engine import open_database
from desk.store.errors import DatabaseError


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_sqlite_file_is_not_touched(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
        connection.execute("INSERT INTO t VALUES (1)")
    connection.close()
    before = digest(other)
    with pytest.raises(DatabaseError, match="不是 desk 数据库"):
        open_database(f"sqlite:///{other}")
    assert digest(other) == before  # not switched to WAL, no change counter bumped
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
    with sqlite3.connect(other) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()


def test_a_damaged_desk_database_is_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    engine = open_database(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE filler (x)")
        for _ in range(200):
            connection.exec_driver_sql("INSERT INTO filler VALUES (randomblob(4000))")
    engine.dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 3)
    with pytest.raises(DatabaseError, match="已损坏") as caught:
        open_database(f"sqlite:///{path}")
    assert "desk restore" in str(caught.value)
    assert "不是 desk 数据库" not in str(caught.value)
