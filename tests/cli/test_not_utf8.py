"""Text that is not UTF-8 (GBK bytes from a phone system's hook) is one clear line, exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

GBK = os.fsdecode(b"\xd5\xc5")  # 张 in GBK; Python keeps the bytes as surrogates


def _desk(db: Path, *args: str, lang: str = "zh_CN") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DESK_LANG": lang}
    env.pop("DESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "desk", "--db", str(db), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "UnicodeEncodeError" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_call_add_with_gbk_bytes_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert _desk(db, "staff", "add", "王丽", "--pin", "1234").returncode == 0
    done = _desk(
        db, "call", "add", "--caller", GBK, "--content", "咨询", "--number", "13812345678",
        "--recorder", "王丽",
    )  # fmt: skip
    line = _one_line(done)
    assert "--caller" in line and "UTF-8" in line and "未保存" in line
    listed = _desk(db, "call", "list", "--json")
    assert listed.returncode == 0 and json.loads(listed.stdout) == []


def test_in_english_and_for_an_argument(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    done = _desk(db, "staff", "add", GBK, "--pin", "1234", lang="en")
    line = _one_line(done)
    assert "not valid UTF-8" in line and "nothing was stored" in line
    assert not db.exists()  # refused before the database was opened


def test_reading_commands_too(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert _desk(db, "db", "upgrade").returncode == 0
    assert "--who" in _one_line(_desk(db, "audit", "--who", GBK))
    assert "--search" in _one_line(_desk(db, "call", "list", "--search", GBK))


def test_surrogates_met_later_are_one_line_too(capsys) -> None:  # type: ignore[no-untyped-def]
    import pytest
    import typer

    from desk.cli.context import friendly

    @friendly
    def command() -> None:
        GBK.encode("utf-8")  # e.g. text read from somewhere other than an option

    with pytest.raises(typer.Exit) as raised:
        command()
    assert raised.value.exit_code == 2
    assert "UTF-8" in capsys.readouterr().err
