"""Click's own messages (usage errors, prompts) read in the user's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result


def test_unknown_option_with_suggestion(desk_cli: Callable[..., Result]) -> None:
    chinese = desk_cli("demo", "--sed", "3")
    assert chinese.exit_code == 2
    assert "没有选项 --sed" in chinese.output
    assert "是否想用：--seed" in chinese.output
    assert "用法：desk demo" in chinese.output
    assert "No such option" not in chinese.output
    assert "Possible options" not in chinese.output
    assert "Usage:" not in chinese.output
    english = desk_cli("demo", "--sed", "3", lang="en")
    assert "No such option: --sed (did you mean: --seed?)" in english.output
    assert "Usage: desk demo" in english.output


def test_unknown_option_alone(desk_cli: Callable[..., Result]) -> None:
    result = desk_cli("--x")
    assert result.exit_code == 2
    assert "没有选项 --x" in result.output
    assert "No such option" not in result.output


def test_invalid_number(desk_cli: Callable[..., Result], tmp_path: Path) -> None:
    db = str(tmp_path / "n.db")
    chinese = desk_cli("--db", db, "call", "add", "--reply-within", "x")
    assert chinese.exit_code == 2
    assert "'--reply-within' 的值无效：需要一个整数" in chinese.output
    assert "Invalid value" not in chinese.output
    assert "Input should be" not in chinese.output
    english = desk_cli("--db", db, "call", "add", "--reply-within", "x", lang="en")
    assert "Invalid value for '--reply-within': a whole number is needed" in english.output


def test_missing_argument(desk_cli: Callable[..., Result]) -> None:
    chinese = desk_cli("staff", "add")
    assert chinese.exit_code == 2
    assert "缺少参数 '姓名'。" in chinese.output
    assert "Missing argument" not in chinese.output
    english = desk_cli("staff", "add", lang="en")
    assert "Missing argument 'NAME'." in english.output


def test_extra_arguments(desk_cli: Callable[..., Result]) -> None:
    chinese = desk_cli("call", "list", "extra", "more")
    assert chinese.exit_code == 2
    assert "多余的参数：extra more" in chinese.output
    assert "unexpected extra" not in chinese.output
    english = desk_cli("call", "list", "extra", "more", lang="en")
    assert "Unexpected extra argument(s): extra more" in english.output


def test_option_needs_a_value(desk_cli: Callable[..., Result]) -> None:
    result = desk_cli("demo", "--seed")
    assert result.exit_code == 2
    assert "选项 '--seed' 需要一个值。" in result.output
    assert "requires" not in result.output


def test_pin_confirmation_prompt(
    desk_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desk.cli.staff.someone_to_ask", lambda: True)  # typed below
    db = str(tmp_path / "p.db")
    result = desk_cli("--db", db, "staff", "add", "张敏", input="1357\n2468\n1357\n1357\n")
    assert result.exit_code == 0, result.output
    assert "再输入一次以确认" in result.output
    assert "错误：两次输入不一致。" in result.output
    assert "Repeat for confirmation" not in result.output
    assert "do not match" not in result.output
    english = desk_cli(
        "--db", db, "staff", "add", "Li", input="1111\n2222\n1111\n1111\n", lang="en"
    )
    assert "Repeat for confirmation" in english.output
    assert "Error: the two entered values do not match." in english.output


def test_help_usage_line(desk_cli: Callable[..., Result]) -> None:
    assert "用法：desk staff add" in desk_cli("staff", "add", "--help").output
    assert "Usage: desk staff add" in desk_cli("staff", "add", "--help", lang="en").output


def test_help_names_values_in_words(desk_cli: Callable[..., Result]) -> None:
    """Flags take no value and show none; text and numbers are named, not Python types."""
    chinese = desk_cli("call", "list", "--help")
    assert chinese.exit_code == 0
    for python_name in ("<bool>", "<str>", "<int"):
        assert python_name not in chinese.output
    assert "文本" in chinese.output and "N [1<=x<=10000]" in chinese.output
    english = desk_cli("export", "--help", lang="en")
    assert "<str>" not in english.output and "<bool>" not in english.output
    assert "PATH" in english.output
    assert "TEXT" in desk_cli("visit", "add", "--help", lang="en").output


def test_chinese_help_is_folded_not_cut_at_80_columns() -> None:
    from typer.testing import CliRunner

    from desk.cli.root import build_app
    from desk.i18n import set_language

    set_language("zh_CN")
    result = CliRunner().invoke(build_app(), ["call", "list", "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.output
    assert "结待反馈）" in result.output.replace("│", "").replace(" ", "")
