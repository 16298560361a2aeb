"""`desk verify` on a backup renamed on its way to a USB stick."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desk.store.engine import open_database


@pytest.mark.parametrize(("lang", "said"), [("zh_CN", "完好"), ("en", "is sound")])
def test_verify_a_renamed_backup(desk_cli, tmp_path: Path, lang: str, said: str) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "desk.db"
    open_database(f"sqlite:///{db}").dispose()
    folder = tmp_path / "b"
    assert desk_cli("--db", str(db), "backup", "--to", str(folder)).exit_code == 0
    original = next(folder.glob("*.db"))
    usb = tmp_path / "U盘"
    usb.mkdir()
    shutil.copy(original, usb / "周一备份.dkb")
    shutil.copy(original.with_name(original.name + ".json"), usb / "周一备份.dkb.json")
    result = desk_cli("verify", str(usb / "周一备份.dkb"), lang=lang)
    assert result.exit_code == 0, result.output
    assert said in result.output and "周一备份.dkb" in result.output
