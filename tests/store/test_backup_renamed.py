"""A backup copied under another name (周一备份.dkb on a USB stick) is still verified."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine

from desk.store.backup import backup_sqlite, manifest_of, verify_backup
from desk.store.backup_crypto import BackupError
from desk.store.restore import restore_sqlite
from tests.store.sample_records import fill_sample

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


@pytest.fixture
def original(sqlite_engine: Engine, tmp_path: Path) -> Path:
    fill_sample(sqlite_engine)
    return backup_sqlite(Path(sqlite_engine.url.database or ""), tmp_path / "b", now=NOW).path


def test_backup_and_manifest_renamed_together(original: Path, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = usb / "周一备份.dkb"
    shutil.copy(original, copy)
    shutil.copy(manifest_of(original), manifest_of(copy))
    assert verify_backup(copy)["tables"]["call"] == 3
    assert verify_backup(manifest_of(copy))["tables"]["call"] == 3
    restored = tmp_path / "restored.db"
    restore_sqlite(copy, restored, now=NOW)
    assert restored.exists()


def test_only_the_backup_renamed_finds_its_manifest_by_content(
    original: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = usb / "周一备份.db"
    shutil.copy(original, copy)
    shutil.copy(manifest_of(original), usb / manifest_of(original).name)
    (usb / "other.json").write_text('{"format": "desk-backup", "size": 1}', "utf-8")
    assert verify_backup(copy)["tables"]["call"] == 3


def test_a_renamed_backup_without_any_manifest_says_what_to_copy(
    original: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "周一备份.db"
    shutil.copy(original, copy)
    with pytest.raises(BackupError, match="清单文件没有一起复制过来"):
        verify_backup(copy)


def test_a_damaged_renamed_backup_is_still_refused(original: Path, tmp_path: Path) -> None:
    copy = tmp_path / "周一备份.db"
    data = bytearray(original.read_bytes())
    data[5000] ^= 0xFF
    copy.write_bytes(bytes(data))
    shutil.copy(manifest_of(original), manifest_of(copy))
    with pytest.raises(BackupError, match="SHA-256"):
        verify_backup(copy)


def test_large_json_files_beside_it_are_not_read(
    original: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    copy = usb / "周一备份.db"
    shutil.copy(original, copy)
    shutil.copy(manifest_of(original), usb / "z.json")
    (usb / "calls-export.json").write_text("[" + "1," * (1 << 20) + "1]", "utf-8")
    opened: list[str] = []
    real = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        opened.append(self.name)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    assert verify_backup(copy)["tables"]["call"] == 3
    assert "calls-export.json" not in opened
