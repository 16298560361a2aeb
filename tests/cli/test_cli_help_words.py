"""Every option of the report commands says what it is; a PIN is never asked of a script."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["report", "monthly"], ["月份，如 2026-11。", "季度，如 2026-Q4。", "同时把报表写入"]),
        (["report", "shift"], ["日期（默认今天）"]),
        (["report", "followups"], ["月份，如 2026-11。", "季度，如 2026-Q4。"]),
    ],
)
def test_report_options_are_described(desk_cli, command: list[str], words: list[str]) -> None:
    result = desk_cli(*command, "--help")
    assert result.exit_code == 0, result.output
    for word in words:
        assert word in result.output


def test_staff_add_without_a_pin_or_a_terminal_names_the_option(desk_cli, tmp_path: Path) -> None:
    result = desk_cli("--db", str(tmp_path / "d.db"), "staff", "add", "张敏")
    assert result.exit_code == 2
    assert "--pin" in result.output and "DESK_PIN" in result.output
    assert "Warning" not in result.output
