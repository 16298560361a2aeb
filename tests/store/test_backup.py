"""Backups: equal data after restore, consistency under a writer, refusals, encryption."""

from __future__ import annotations

import json
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desk.store.backup import backup_sqlite, manifest_of, rotate, verify_backup
from desk.store.backup_crypto import BackupError, WrongPassphrase
from desk.store.restore import restore_sqlite
from tests.store.sample_records import fill_sample

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


def _dump(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {n: connection.execute(f'SELECT * FROM "{n}" ORDER BY 1').fetchall() for n in names}
    finally:
        connection.close()


def _db(engine: Engine) -> Path:
    return Path(engine.url.database or "")


def test_backup_then_restore_gives_equal_data(sqlite_engine: Engine, tmp_path: Path) -> None:
    fill_sample(sqlite_engine)
    before = _dump(_db(sqlite_engine))
    result = backup_sqlite(_db(sqlite_engine), tmp_path / "b", now=NOW)
    assert result.path.name == "desk-20261124T180000Z.db"
    assert stat.S_IMODE(result.path.stat().st_mode) == 0o600
    manifest = json.loads(result.manifest_path.read_text("utf-8"))
    assert manifest["format"] == "desk-backup"
    assert manifest["tables"]["call"] == 3
    assert (manifest["check"], manifest["check_result"]) == ("quick_check", "ok")
    full = backup_sqlite(
        _db(sqlite_engine), tmp_path / "b", now=NOW + timedelta(1), full_check=True
    )
    assert full.manifest["check"] == "integrity_check"
    assert len(manifest["sha256"]) == 64
    assert verify_backup(result.path)["tables"] == manifest["tables"]
    target = tmp_path / "restored" / "desk.db"
    restored = restore_sqlite(result.path, target, now=NOW)
    assert restored.replaced_kept_at is None
    assert _dump(target) == before


def test_restore_refuses_to_replace_without_force_and_keeps_the_old(
    sqlite_engine: Engine, tmp_path: Path
) -> None:
    fill_sample(sqlite_engine)
    db = _db(sqlite_engine)
    result = backup_sqlite(db, tmp_path / "b", now=NOW)
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM callback")
    changed = _dump(db)
    with pytest.raises(BackupError, match="--force"):
        restore_sqlite(result.path, db, now=NOW)
    outcome = restore_sqlite(result.path, db, now=NOW, force=True)
    assert outcome.replaced_kept_at is not None
    assert _dump(outcome.replaced_kept_at) == changed
    assert len(_dump(db)["callback"]) == 1


def test_restore_refuses_what_is_not_a_desk_backup(sqlite_engine: Engine, tmp_path: Path) -> None:
    stray = tmp_path / "stray.db"
    stray.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(BackupError, match="不是 desk 备份"):
        restore_sqlite(stray, tmp_path / "x.db", now=NOW)
    manifest_of(stray).write_text('{"format": "something else"}')
    with pytest.raises(BackupError, match="不是 desk 备份"):
        restore_sqlite(stray, tmp_path / "x.db", now=NOW)
    with pytest.raises(BackupError, match="不存在"):
        restore_sqlite(tmp_path / "missing.db", tmp_path / "x.db", now=NOW)


def test_restore_refuses_a_checksum_mismatch(sqlite_engine: Engine, tmp_path: Path) -> None:
    fill_sample(sqlite_engine)
    result = backup_sqlite(_db(sqlite_engine), tmp_path / "b", now=NOW)
    data = bytearray(result.path.read_bytes())
    data[5000] ^= 0xFF
    result.path.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="SHA-256"):
        verify_backup(result.path)
    with pytest.raises(BackupError, match="SHA-256"):
        restore_sqlite(result.path, tmp_path / "new.db", now=NOW)
    assert not (tmp_path / "new.db").exists()


def test_encrypted_backup_and_wrong_passphrase(sqlite_engine: Engine, tmp_path: Path) -> None:
    fill_sample(sqlite_engine)
    before = _dump(_db(sqlite_engine))
    result = backup_sqlite(_db(sqlite_engine), tmp_path / "b", now=NOW, passphrase="正确口令")
    assert result.path.name.endswith(".db.enc")
    assert b"SQLite format" not in result.path.read_bytes()
    assert result.manifest["encrypted"] is True
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == sorted(
        [result.path.name, result.manifest_path.name]
    )
    with pytest.raises(WrongPassphrase, match="口令不对"):
        verify_backup(result.path, passphrase="错误")
    with pytest.raises(WrongPassphrase):
        restore_sqlite(result.path, tmp_path / "r.db", now=NOW, passphrase="错误")
    assert not (tmp_path / "r.db").exists()
    verify_backup(result.path, passphrase="正确口令")
    restore_sqlite(result.path, tmp_path / "r.db", now=NOW, passphrase="正确口令")
    assert _dump(tmp_path / "r.db") == before


def test_a_cut_encrypted_backup_is_refused(sqlite_engine: Engine, tmp_path: Path) -> None:
    fill_sample(sqlite_engine)
    result = backup_sqlite(_db(sqlite_engine), tmp_path / "b", now=NOW, passphrase="p")
    cut = tmp_path / "cut.db.enc"
    cut.write_bytes(result.path.read_bytes()[:-100])
    from desk.store.backup_crypto import decrypt_file

    with pytest.raises(BackupError, match="损坏"), (tmp_path / "out").open("wb") as handle:
        decrypt_file(cut, handle, "p")


def test_rotation_keeps_the_newest(sqlite_engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    for day in range(4):
        backup_sqlite(_db(sqlite_engine), folder, now=NOW + timedelta(days=day))
    (folder / "notes.txt").write_text("mine")
    removed = rotate(folder, keep=2)
    assert [p.name for p in removed] == ["desk-20261124T180000Z.db", "desk-20261125T180000Z.db"]
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "desk-20261126T180000Z.db",
        "desk-20261126T180000Z.db.json",
        "desk-20261127T180000Z.db",
        "desk-20261127T180000Z.db.json",
        "notes.txt",
    ]


WRITER = textwrap.dedent(
    """
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], timeout=15, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE IF NOT EXISTS tick (n INTEGER)")
    print("ready", flush=True)
    while True:
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT INTO tick VALUES (?)", [(i,) for i in range(100)])
        db.execute("COMMIT")
    """
)


def test_backup_while_another_process_writes(sqlite_engine: Engine, tmp_path: Path) -> None:
    fill_sample(sqlite_engine)
    db = _db(sqlite_engine)
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        counts = []
        for i in range(3):
            result = backup_sqlite(db, tmp_path / "b", now=NOW + timedelta(seconds=i))
            counts.append(result.manifest["tables"]["tick"])
            assert verify_backup(result.path)["tables"]["call"] == 3
        assert all(count % 100 == 0 for count in counts)
        assert counts[-1] > 0
    finally:
        writer.kill()
        writer.wait()
