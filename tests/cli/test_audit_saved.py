"""`desk audit` into a file or a pipe (cron, `> file`) keeps every detail whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

LONG = "李" + "娜" * 98  # 198 columns: wider than any terminal or the runner


def test_piped_audit_is_complete(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "DESK_DB")}
    env["DESK_LANG"] = "zh_CN"

    def desk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "desk", "--db", str(db), *args],
            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
        )  # fmt: skip

    assert desk("staff", "add", LONG, "--role", "supervisor", "--pin", "1234").returncode == 0
    done = desk("audit")
    assert done.returncode == 0, done.stderr
    assert f"姓名：{LONG}；角色：主管" in done.stdout
    assert "…" not in done.stdout


def test_runner_audit_is_complete(desk_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "desk.db")
    assert desk_cli("--db", db, "staff", "add", LONG, "--pin", "1234").exit_code == 0
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    result = desk_cli("--db", db, "audit")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(f"姓名：{LONG}；角色：接待员" in line for line in lines)  # on one line
    assert any("姓名：王丽；角色：接待员" in line for line in lines)
    assert "…" not in result.stdout
