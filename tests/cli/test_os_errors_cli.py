"""The system's refusals reach the command line in the user's language, not in English."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ENGLISH = ("Permission denied", "Read-only file system", "Operation not permitted", "Errno")


def _refuses(folder: Path) -> bool:
    """Whether writing a file into a folder fails (root writes into a mode 555 folder)."""
    probe = folder / ".desk-probe"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return True
    probe.unlink()
    return False


def _unwritable(tmp_path: Path) -> Path:
    """A folder this process cannot write into: a read-only one, or /sys for root."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    for candidate in (folder, Path("/sys")):
        if candidate.is_dir() and _refuses(candidate):
            return candidate
    pytest.skip("no folder here refuses this user's writes")


def _desk(*args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DESK_")}
    env["DESK_CACHE_DIR"] = os.environ["DESK_CACHE_DIR"]  # the test run's, not the user's
    return subprocess.run(
        [sys.executable, "-m", "desk", *args],
        capture_output=True,
        text=True,
        env={**env, "LANG": "zh_CN.UTF-8"},
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_an_export_into_a_read_only_folder_says_why_in_chinese(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    assert _desk("--db", str(db), "db", "upgrade").returncode == 0
    folder = _unwritable(tmp_path)
    done = _desk("--db", str(db), "export", "calls", "--out", f"{folder}/")
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert "导出来电失败" in done.stderr
    assert any(word in done.stderr for word in ("没有权限", "文件系统为只读", "不允许此操作"))
    assert not any(word in done.stderr for word in ENGLISH), done.stderr
    assert f"（{folder}）" in done.stderr  # the folder, not the half-written file


def test_a_database_that_cannot_be_created_says_why_in_chinese(tmp_path: Path) -> None:
    folder = _unwritable(tmp_path)
    done = _desk("--db", str(folder / "desk.db"), "db", "upgrade")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "无法创建数据库" in done.stderr
    assert not any(word in done.stderr for word in ENGLISH), done.stderr
