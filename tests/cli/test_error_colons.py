"""A command-line error reads 错误：… in Chinese and Error: … in English (one colon each)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

CALL = ("call", "add", "--caller", "张三", "--content", "咨询", "--number", "13812345678")


def test_a_failed_call_add_says_error_with_the_colon_of_its_language(
    desk_cli: Callable[..., Result], tmp_path: Path
) -> None:
    db = str(tmp_path / "e.db")
    assert desk_cli("--db", db, "staff", "add", "王丽", "--pin", "1234").exit_code == 0
    chinese = desk_cli("--db", db, *CALL, "--recorder", "无名")
    assert chinese.exit_code == 2 and chinese.output.startswith("错误：")
    english = desk_cli("--db", db, *CALL, "--recorder", "无名", lang="en")
    assert english.output.startswith("Error: ") and "：" not in english.output


def test_a_day_that_does_not_exist_names_its_option_with_a_full_width_colon(
    desk_cli: Callable[..., Result], tmp_path: Path
) -> None:
    db = str(tmp_path / "d.db")
    chinese = desk_cli("--db", db, "export", "calls", "--from", "2026-02-30")
    assert chinese.exit_code == 2
    assert chinese.output.startswith("错误：--from：没有这一天：2026-02-30"), chinese.output
    english = desk_cli("--db", db, "export", "calls", "--from", "2026-02-30", lang="en")
    assert english.output.startswith("Error: --from: "), english.output


def test_demo_timings_read_in_the_language(desk_cli: Callable[..., Result], tmp_path: Path) -> None:
    small = ("demo", "--calls", "20", "--visits", "1", "--subjects", "1", "-v")
    chinese = desk_cli("--db", str(tmp_path / "z.db"), *small)
    assert chinese.exit_code == 0, chinese.output
    lines = chinese.output.splitlines()
    assert any(line.startswith("  提交：") and line.endswith(" 秒") for line in lines), lines
    english = desk_cli("--db", str(tmp_path / "e.db"), *small, lang="en")
    assert "  Commit: " in english.output and "：" not in english.output
